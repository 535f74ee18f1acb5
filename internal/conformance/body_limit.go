package conformance

import (
	"fmt"

	"github.com/graphconform/graphconform/internal/client"
)

// BodyWithinLimit checks that the response body fits the harness's read limit: a body of these
// operations is a few kilobytes, and no more than the limit of any body is read, so a target
// streaming an endless one cannot exhaust the harness.
func BodyWithinLimit(ex *client.Exchange) []Violation {
	if !ex.Response.OverLimit {
		return nil
	}
	return []Violation{{Message: fmt.Sprintf("the response body is larger than the read limit of %d bytes; the rest was not read", ex.Response.BodyBytes)}}
}
