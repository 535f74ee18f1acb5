package conformance

import (
	"fmt"

	"github.com/graphconform/graphconform/internal/client"
	"github.com/graphconform/graphconform/internal/finding"
)

// bodyWithinLimit: a response body of these operations is a few kilobytes; the harness reads no more
// than its limit of any body, so a target streaming an endless one cannot exhaust it.
var bodyWithinLimit = Rule{
	ID:          RuleBodyWithinLimit,
	Level:       finding.Error,
	Description: "The response body is no larger than the harness's read limit; a larger one is cut there and never read further.",
	Check: func(ex *client.Exchange) []Violation {
		if !ex.Response.OverLimit {
			return nil
		}
		return []Violation{{Message: fmt.Sprintf("the response body is larger than the read limit of %d bytes; the rest was not read", ex.Response.BodyBytes)}}
	},
}
