package conformance

import (
	"net/http"

	"github.com/graphconform/graphconform/internal/client"
)

// ThrottledCarriesRetryAfter checks a 429 Too Many Requests of any operation: "When a request is
// throttled, Microsoft Graph returns 429 Too Many Requests … and a Retry-After header that gives the
// number of seconds … to wait before the next request." The header is there; what it holds is
// retry-after-format's to judge.
func ThrottledCarriesRetryAfter(ex *client.Exchange) []Violation {
	if ex.Response.Status != http.StatusTooManyRequests || len(ex.Response.Header.Values("Retry-After")) > 0 {
		return nil
	}
	return []Violation{{Message: "the 429 has no Retry-After header; a throttled request is told how many seconds to wait before the next one"}}
}
