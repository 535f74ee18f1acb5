package conformance

import (
	"fmt"

	"github.com/graphconform/graphconform/internal/client"
)

// NoRedirect checks that the target answers the request itself: Graph does not redirect these
// operations, and graphconform never follows a redirect, so the token never travels to wherever one
// points.
func NoRedirect(ex *client.Exchange) []Violation {
	if ex.Response.Status < 300 || ex.Response.Status > 399 {
		return nil
	}
	return []Violation{{Message: fmt.Sprintf("the target redirected (%d) to %q; a redirect is not followed, and the token is not sent after it",
		ex.Response.Status, ex.Response.Header.Get("Location"))}}
}
