package conformance

import (
	"fmt"
	"net/http"

	"github.com/graphconform/graphconform/internal/client"
)

// NoContentHasNoBody checks a 204: "If successful, this method returns a 204 No Content response code.
// It doesn't return anything in the response body." The body is empty, no length of a body and no JSON
// content type is declared. (An HTTP client reads no body after a 204, whatever its Content-Length
// says: the header is what shows a server sent one.)
func NoContentHasNoBody(ex *client.Exchange) []Violation {
	if ex.Response.Status != http.StatusNoContent {
		return nil
	}
	var out []Violation
	if n := len(ex.Response.Body); n > 0 {
		out = append(out, Violation{Message: fmt.Sprintf("the 204 response has a %d-byte body; it must be empty", n)})
	}
	if cl := ex.Response.Header.Get("Content-Length"); cl != "" && cl != "0" {
		out = append(out, Violation{Message: fmt.Sprintf("the 204 response declares Content-Length %s; it has no body", cl)})
	}
	if ct := ex.Response.Header.Get("Content-Type"); isJSON(ct) {
		out = append(out, Violation{Message: fmt.Sprintf("the 204 response declares Content-Type %q; it has no JSON body", ct)})
	}
	return out
}
