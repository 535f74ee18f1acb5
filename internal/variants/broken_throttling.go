package variants

import (
	"net/http"

	"github.com/graphconform/graphconform/internal/rules"
)

var (
	promiseRetryAfter    = Source{pageErrors, "a `Retry-After` header that gives the number of seconds, possibly fractional"}
	promiseThrottledCode = Source{pageErrors, "returns `429 Too Many Requests` with the code `TooManyRequests`"}
)

func brokenThrottling() []Variant {
	return []Variant{
		{
			Name:    "a 429 whose Retry-After is not seconds",
			Promise: "A throttled request gets 429 with a Retry-After of seconds, possibly fractional.",
			Source:  promiseRetryAfter,
			Caught:  catches(rules.RetryAfterFormat, ScenarioThrottled),
			Wrap: always(func(_ *http.Request, a *Answer) {
				if a.Status == http.StatusTooManyRequests {
					a.Header.Set("Retry-After", "soon")
				}
			}),
		},
		{
			Name:    "a 429 without Retry-After",
			Promise: "A throttled request gets 429 and a Retry-After header that gives the seconds to wait.",
			Source:  promiseRetryAfter,
			Caught:  catches(rules.ThrottledCarriesRetryAfter, ScenarioThrottled),
			Wrap: always(func(_ *http.Request, a *Answer) {
				if a.Status == http.StatusTooManyRequests {
					a.Header.Del("Retry-After")
				}
			}),
		},
		{
			Name:    "a 429 whose error code is not TooManyRequests",
			Promise: "Graph returns 429 Too Many Requests with the code TooManyRequests.",
			Source:  promiseThrottledCode,
			Caught:  catches(rules.ThrottledErrorCode, ScenarioThrottled),
			Wrap: always(func(_ *http.Request, a *Answer) {
				if a.Status == http.StatusTooManyRequests {
					a.editJSON(func(obj map[string]any) {
						if e, ok := obj["error"].(map[string]any); ok {
							e["code"] = "BadRequest"
						}
					})
				}
			}),
		},
		{
			Name:    "a 503 whose Retry-After is negative",
			Promise: "503 and 504 can carry a Retry-After too: seconds to wait.",
			Source:  Source{pageErrors, "`503 Service Unavailable` and `504 Gateway Timeout` responses can carry a `Retry-After` header too."},
			Caught:  catches(rules.RetryAfterFormat, ScenarioPollRetried),
			Wrap: always(func(_ *http.Request, a *Answer) {
				if a.Status == http.StatusServiceUnavailable {
					a.Header.Set("Retry-After", "-1.5")
				}
			}),
		},
		{
			Name:    "the 429 is not a Graph error",
			Promise: "The error resource is returned whenever an error occurs, a 429 too.",
			Source:  Source{pageErrors, "The error resource is returned whenever an error occurs"},
			Caught:  catches(rules.ResponseContentType, ScenarioThrottled),
			Wrap: always(func(_ *http.Request, a *Answer) {
				if a.Status == http.StatusTooManyRequests {
					a.Header.Set("Content-Type", "text/html")
					a.Body = []byte("<html><body>Too many requests</body></html>")
				}
			}),
		},
	}
}
