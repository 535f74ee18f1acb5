package conformance

import (
	"github.com/graphconform/graphconform/internal/client"
	"github.com/graphconform/graphconform/internal/finding"
)

// requestIDHeader: Graph answers every request with a request-id header, which support asks for.
var requestIDHeader = Rule{
	ID:          RuleRequestIDHeader,
	Level:       finding.Warning,
	Description: "Every response carries a request-id header, as Graph's do, so a failure can be traced.",
	Check: func(ex *client.Exchange) []Violation {
		if ex.Response.Header.Get("request-id") == "" {
			return []Violation{{Message: "the response has no request-id header"}}
		}
		return nil
	},
}
