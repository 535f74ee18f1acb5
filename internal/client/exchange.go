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
}

// Redacted is what a recorded exchange shows in place of a secret.
const Redacted = "[redacted]"

// IsSecretHeader tells whether a header carries credentials, whose value no record or report shows.
func IsSecretHeader(name string) bool {
	switch http.CanonicalHeaderKey(name) {
	case "Authorization", "Proxy-Authorization", "Cookie":
		return true
	}
	return false
}

// redactHeader returns a copy of h whose credentials are replaced by Redacted.
func redactHeader(h http.Header) http.Header {
	out := http.Header{}
	for name, values := range h {
		if IsSecretHeader(name) {
			values = []string{Redacted}
		}
		out[name] = append([]string(nil), values...)
	}
	return out
}
