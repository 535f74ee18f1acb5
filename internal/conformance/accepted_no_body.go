package conformance

import (
	"fmt"
	"net/http"

	"github.com/graphconform/graphconform/internal/client"
)

// AcceptedHasNoBody checks a 202 Accepted: the docs promise the status and a Location header, which
// holds where the operation is, and nothing in the body ("If successful, this method returns a 202
// Accepted response code. The response will also contain a Location header"); their example answers
// "Content-Length: 0". What a client needs is in the Location, so a body is a warning, not an error.
func AcceptedHasNoBody(ex *client.Exchange) []Violation {
	if ex.Response.Status != http.StatusAccepted {
		return nil
	}
	if n := len(ex.Response.Body); n > 0 {
		return []Violation{{Message: fmt.Sprintf("the 202 has a %d-byte body; the docs' 202 carries its Location and an empty body", n)}}
	}
	return nil
}
