package conformance

import (
	"fmt"
	"net/http"

	"github.com/graphconform/graphconform/internal/client"
)

// NoContentHasNoBody checks a 204: "If successful, this method returns a 204 No Content response code.
// It doesn't return anything in the response body." The body is empty and no JSON content type is declared.
func NoContentHasNoBody(ex *client.Exchange) []Violation {
	if ex.Response.Status != http.StatusNoContent {
		return nil
	}
	var out []Violation
	if n := len(ex.Response.Body); n > 0 {
		out = append(out, Violation{Message: fmt.Sprintf("the 204 response has a %d-byte body; it must be empty", n)})
	}
	if ct := ex.Response.Header.Get("Content-Type"); isJSON(ct) {
		out = append(out, Violation{Message: fmt.Sprintf("the 204 response declares Content-Type %q; it has no JSON body", ct)})
	}
	return out
}
