// Package client sends requests to a Graph-compatible target and records each request and its response
// as an Exchange. It knows nothing of what a correct response is.
package client

import (
	"net/http"
	"time"
)

// Exchange is one request and the response it got, recorded once and shared by the checks and the
// reports. Secrets are redacted when it is recorded.
type Exchange struct {
	Request  RecordedRequest  `json:"request"`
	Response RecordedResponse `json:"response"`
	// Started is when the request was sent.
	Started time.Time `json:"started"`
	// Elapsed is the time from sending the request to reading the whole response.
	Elapsed time.Duration `json:"elapsed"`
	// FirstByte is the time from sending the request to the first byte of the response.
	FirstByte time.Duration `json:"firstByte,omitempty"`

	// decodedRequest and decodedResponse remember the bodies decoded as JSON objects (RequestObject,
	// ResponseObject); they are no part of what is recorded.
	decodedRequest, decodedResponse objectMemo
}

// ForReport returns a copy of the exchange whose response body is cut to at most limit bytes, marked
// Truncated when cut: what the reports keep of a body. The exchange itself is unchanged.
func (e *Exchange) ForReport(limit int) *Exchange {
	if e == nil || len(e.Response.Body) <= limit {
		return e
	}
	cut := *e
	cut.Response.Body = e.Response.Body[:limit:limit]
	cut.Response.Truncated = true
	return &cut
}

// RecordedRequest is the request as sent, with its Authorization header redacted.
type RecordedRequest struct {
	Method string `json:"method"`
	// URL is the absolute URL the request went to.
	URL string `json:"url"`
	// Path is the path below the target's base URL, starting with the version: /beta/… or /v1.0/….
	Path   string      `json:"path"`
	Header http.Header `json:"header"`
	Body   []byte      `json:"body,omitempty"`
}

// RecordedResponse is the response as received.
type RecordedResponse struct {
	Status int         `json:"status"`
	Header http.Header `json:"header"`
	Body   []byte      `json:"body,omitempty"`
	// BodyBytes is how many bytes of the body were read.
	BodyBytes int64 `json:"bodyBytes,omitempty"`
	// OverLimit is true when the target sent more than the client's body limit: Body holds the first
	// limit bytes and the rest was never read.
	OverLimit bool `json:"overLimit,omitempty"`
	// Truncated is true when Body is cut to what a report keeps (see Exchange.ForReport).
	Truncated bool `json:"truncated,omitempty"`
}

// Redacted is what a recorded exchange shows in place of a secret.
const Redacted = "[redacted]"

// IsSecretHeader tells whether a header carries credentials, whose value no record or report shows:
// the client's (Authorization, Proxy-Authorization, Cookie) and the session a server hands out
// (Set-Cookie).
func IsSecretHeader(name string) bool {
	switch http.CanonicalHeaderKey(name) {
	case "Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie":
		return true
	}
	return false
}
