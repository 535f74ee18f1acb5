package conformance

import (
	"fmt"

	"github.com/graphconform/graphconform/internal/client"
	"github.com/graphconform/graphconform/internal/finding"
)

// noRedirect: Graph answers these operations itself; graphconform never follows a redirect, so that
// the token never travels to wherever one points.
var noRedirect = Rule{
	ID:          RuleNoRedirect,
	Level:       finding.Error,
	Description: "The target answers the request itself: a 3xx redirect is not a response the docs promise, and it is never followed (nor the token sent after it).",
	Check: func(ex *client.Exchange) []Violation {
		if ex.Response.Status < 300 || ex.Response.Status > 399 {
			return nil
		}
		return []Violation{{Message: fmt.Sprintf("the target redirected (%d) to %q; a redirect is not followed, and the token is not sent after it",
			ex.Response.Status, ex.Response.Header.Get("Location"))}}
	},
}
