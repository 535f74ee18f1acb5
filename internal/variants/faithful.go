package variants

import (
	"net/http"
	"strings"
	"time"

	"github.com/graphconform/graphconform/internal/mockgraph"
)

var (
	promiseExampleLocation = Source{pageUpdateSoftware, "Location: /teamwork/devices/0f3ce432-e432-0f3c-32e4-3c0f32e43c0f/operations/"}
	promiseContentType     = Source{pageFacts, "`application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8`"}
	promiseExtras          = Source{pageFacts, "and include extra properties such as `@odata.context`."}
	promiseNormalised      = Source{pageFacts, "Date-times may come back normalised (another"}
	promiseThrottled       = Source{pageFacts, "**Throttling**: `429` with `Retry-After` in seconds — possibly fractional (`2.128`)"}
	promiseHTTPDate        = Source{pageFacts, "(seconds, fractional, or an HTTP date)"}
	promiseBackoff         = Source{pageErrors, "Without the header, clients back off exponentially."}
	promiseCamelCase       = Source{pageErrors, "Codes come in camelCase (`badRequest`, `itemNotFound`)"}
	promiseVocabularies    = Source{pageDecisions, "| `status-vocabulary` |"}
	promiseTextPlain       = Source{pageUpdateSoftware, "Content-Type: text/plain"}
	promiseLongRunning     = Source{pageUpdateSoftware, "This API triggers a long-running operation."}
	promiseFailed          = Source{pageOperation, "|error|[operationError](../resources/operationerror.md)|Error details, available only in case of a failed status."}
	promisePollRetryAfter  = Source{pageDecisions, "| `poll-retry-after` |"}
)

// isJSONAnswer tells whether an answer has a JSON body.
func isJSONAnswer(a *Answer) bool {
	return strings.HasPrefix(a.Header.Get("Content-Type"), "application/json") && len(a.Body) > 0
}

// throttleFirst answers the first request for which is returns true in each scenario with status and
// Retry-After retryAfter() (none when it returns ""), as a Graph error; the retry gets the mock's answer.
func throttleFirst(is func(r *http.Request) bool, status int, retryAfter func() string) func(http.Handler) http.Handler {
	return answers(func() Rewrite {
		throttled := false
		return func(r *http.Request, a *Answer) {
			if throttled || !is(r) {
				return
			}
			throttled = true
			code := map[int]string{http.StatusTooManyRequests: "TooManyRequests", http.StatusServiceUnavailable: "ServiceUnavailable", http.StatusGatewayTimeout: "GatewayTimeout"}[status]
			a.graphError(status, code, "The request was throttled; retry after the Retry-After.")
			if value := retryAfter(); value != "" {
				a.Header.Set("Retry-After", value)
			}
		}
	})
}

func seconds(value string) func() string { return func() string { return value } }

// toUTC writes a date-time with an offset as the same instant in UTC, with seven fraction digits as
// Graph writes them; other values are returned as they are.
func toUTC(value any) any {
	s, ok := value.(string)
	if !ok {
		return value
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return value
	}
	return t.UTC().Format("2006-01-02T15:04:05.0000000Z")
}

// pascalStatus is the resource page's spelling of the mock's operation statuses.
var pascalStatus = map[string]string{
	mockgraph.StatusQueued:     "Queued",
	mockgraph.StatusInProgress: "InProgress",
	mockgraph.StatusSucceeded:  "Successful",
	mockgraph.StatusFailed:     "Failed",
}

func faithful() []Variant {
	return []Variant{
		{
			Name:     "the mock as it is: a Location relative to the version root, as the docs' example",
			Promise:  "The Location of the docs' example is relative to the version root.",
			Source:   promiseExampleLocation,
			Faithful: true,
		},
		{
			Name:     "an absolute Location",
			Promise:  "The Location holds the location of the teamworkDeviceOperation: an absolute URL is one.",
			Source:   promiseLocation,
			Faithful: true,
			Wrap: always(func(r *http.Request, a *Answer) {
				if isUpdateSoftware(r) && a.Status == http.StatusAccepted {
					a.Header.Set("Location", "http://"+r.Host+"/beta"+a.Header.Get("Location"))
				}
			}),
		},
		{
			Name:     "a Location with the version prefix",
			Promise:  "The Location holds the location of the teamworkDeviceOperation: a path below the version is one.",
			Source:   promiseLocation,
			Faithful: true,
			Wrap: always(func(r *http.Request, a *Answer) {
				if isUpdateSoftware(r) && a.Status == http.StatusAccepted {
					a.Header.Set("Location", "/beta"+a.Header.Get("Location"))
				}
			}),
		},
		{
			Name:     "OData content-type parameters without a charset",
			Promise:  "JSON bodies come as application/json with OData parameters.",
			Source:   promiseContentType,
			Faithful: true,
			Wrap: always(func(_ *http.Request, a *Answer) {
				if isJSONAnswer(a) {
					a.Header.Set("Content-Type", "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false")
				}
			}),
		},
		{
			Name:     "extra annotations and error details",
			Promise:  "Bodies include extra properties such as @odata.context.",
			Source:   promiseExtras,
			Faithful: true,
			Wrap: always(func(_ *http.Request, a *Answer) {
				if !isJSONAnswer(a) {
					return
				}
				a.editJSON(func(obj map[string]any) {
					if e, ok := obj["error"].(map[string]any); ok {
						e["target"] = "request"
						e["details"] = []any{map[string]any{"code": "detail", "message": "More about the error."}}
						return
					}
					obj["@odata.etag"] = `W/"JzEtOTk5OSc="`
					obj["@microsoft.graph.tips"] = "Use $select to choose the properties you need."
				})
			}),
		},
		{
			Name:     "date-times normalised to UTC",
			Promise:  "Date-times may come back normalised (another offset, more fraction digits) for the same instant.",
			Source:   promiseNormalised,
			Faithful: true,
			Wrap: always(func(_ *http.Request, a *Answer) {
				if isJSONAnswer(a) && a.Status == http.StatusOK {
					a.editJSON(func(obj map[string]any) {
						for name, value := range obj {
							obj[name] = toUTC(value)
						}
					})
				}
			}),
		},
		{
			Name:     "a 429 with an integer Retry-After before the first upgrade",
			Promise:  "A throttled request gets 429 with a Retry-After in seconds.",
			Source:   promiseThrottled,
			Faithful: true,
			Wrap:     throttleFirst(isUpgrade, http.StatusTooManyRequests, seconds("3")),
		},
		{
			Name:     "a 503 with a fractional Retry-After before the first PATCH",
			Promise:  "503 and 504 can carry a Retry-After too, possibly fractional.",
			Source:   promiseRetryAfter,
			Faithful: true,
			Wrap:     throttleFirst(isStatePatch, http.StatusServiceUnavailable, seconds("0.75")),
		},
		{
			Name:     "a 429 with an HTTP-date Retry-After before the first operations list",
			Promise:  "Clients honour a Retry-After of seconds, fractional, or an HTTP date.",
			Source:   promiseHTTPDate,
			Faithful: true,
			Wrap: throttleFirst(isOperationsList, http.StatusTooManyRequests, func() string {
				return time.Now().Add(2 * time.Second).UTC().Format(http.TimeFormat)
			}),
		},
		{
			Name:     "a 504 without Retry-After before the first GET of a windowsUpdateState",
			Promise:  "Without the header, clients back off exponentially.",
			Source:   promiseBackoff,
			Faithful: true,
			Wrap:     throttleFirst(isStateGet, http.StatusGatewayTimeout, seconds("")),
		},
		{
			Name:     "slow operations: 40 seconds queued, 3 minutes in progress",
			Promise:  "updateSoftware triggers a long-running operation.",
			Source:   promiseLongRunning,
			Faithful: true,
			Timeline: mockgraph.Timeline{Queued: 40 * time.Second, Running: 3 * time.Minute},
		},
		{
			Name:     "operations that end failed",
			Promise:  "An operation ends succeeded or failed; a failed one carries its error.",
			Source:   promiseFailed,
			Faithful: true,
			Timeline: mockgraph.Timeline{Queued: mockgraph.DefaultQueued, Running: mockgraph.DefaultRunning, Outcome: mockgraph.StatusFailed},
		},
		{
			Name:     "polls without Retry-After",
			Promise:  "The operation's 200 may carry a Retry-After; without one, clients poll at their own pace.",
			Source:   promisePollRetryAfter,
			Faithful: true,
			Wrap: always(func(r *http.Request, a *Answer) {
				if isOperationGet(r) && a.Status == http.StatusOK {
					a.Header.Del("Retry-After")
				}
			}),
		},
		{
			Name:     "the resource page's status vocabulary: Queued, InProgress, Successful, Failed",
			Promise:  "status: Queued, Scheduled, InProgress, Successful, Cancelled, Failed.",
			Source:   promiseVocabularies,
			Faithful: true,
			Wrap: always(func(r *http.Request, a *Answer) {
				if isOperationGet(r) && a.Status == http.StatusOK {
					a.editJSON(func(obj map[string]any) {
						if s, ok := obj["status"].(string); ok && pascalStatus[s] != "" {
							obj["status"] = pascalStatus[s]
						}
					})
				}
			}),
		},
		{
			Name:     "camelCase error codes",
			Promise:  "Codes come in camelCase (badRequest, itemNotFound) as well as PascalCase.",
			Source:   promiseCamelCase,
			Faithful: true,
			Wrap: always(func(_ *http.Request, a *Answer) {
				if isJSONAnswer(a) && a.Status >= 400 {
					a.editJSON(func(obj map[string]any) {
						if e, ok := obj["error"].(map[string]any); ok {
							if code, ok := e["code"].(string); ok && code != "" {
								e["code"] = strings.ToLower(code[:1]) + code[1:]
							}
						}
					})
				}
			}),
		},
		{
			Name:     "the 202 as the docs' example: text/plain and empty",
			Promise:  "The docs' 202 has Content-Type text/plain and no body.",
			Source:   promiseTextPlain,
			Faithful: true,
			Wrap: always(func(r *http.Request, a *Answer) {
				if isUpdateSoftware(r) && a.Status == http.StatusAccepted {
					a.Header.Set("Content-Type", "text/plain")
					a.Body = nil
				}
			}),
		},
		{
			Name:     "added latency: 3 ms on every answer",
			Promise:  "updateSoftware triggers a long-running operation; the network between takes its time too.",
			Source:   promiseLongRunning,
			Faithful: true,
			Wrap: func(mock http.Handler) http.Handler {
				return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					if !isControl(r) {
						time.Sleep(3 * time.Millisecond)
					}
					mock.ServeHTTP(w, r)
				})
			},
		},
	}
}
