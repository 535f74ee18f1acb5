package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"time"
	"unicode/utf8"

	"github.com/graphconform/graphconform/internal/client"
	"github.com/graphconform/graphconform/internal/finding"
	"github.com/graphconform/graphconform/internal/record"
)

// Exchange is a checked exchange as people and tools read it in cucumber.json's attachments and the
// event stream: bodies as JSON or text (never base64), times labelled and in milliseconds, secrets
// redacted.
type Exchange struct {
	// Label names the exchange in a line (see Label), for tools that show an attachment without its name.
	Label     string          `json:"exchange"`
	Operation string          `json:"operation"`
	Request   ExchangeRequest `json:"request"`
	Response  ExchangeReply   `json:"response"`
	// StartedAt is when the request was sent, RFC 3339 in UTC.
	StartedAt string `json:"startedAt"`
	// ElapsedMs is the time from sending the request to reading the whole response, in milliseconds.
	ElapsedMs float64 `json:"elapsedMs"`
	// RetriedAfterMs, when set, is how long the run waited before sending the request again, as the
	// response asked.
	RetriedAfterMs float64           `json:"retriedAfterMs,omitempty"`
	Findings       []finding.Finding `json:"findings,omitempty"`
}

// ExchangeRequest is the request of an Exchange.
type ExchangeRequest struct {
	Method  string      `json:"method"`
	URL     string      `json:"url"`
	Headers http.Header `json:"headers"`
	Body
}

// ExchangeReply is the response of an Exchange.
type ExchangeReply struct {
	Status  int         `json:"status"`
	Headers http.Header `json:"headers"`
	Body
}

// Body is a message body: Body holds it when it is JSON, BodyText when it is other text, and
// BodyOmitted says what was left out when it is neither. BodyTruncated, when set, says that the record
// kept only part of the body, and how much.
type Body struct {
	Body          json.RawMessage `json:"body,omitempty"`
	BodyText      string          `json:"bodyText,omitempty"`
	BodyOmitted   string          `json:"bodyOmitted,omitempty"`
	BodyTruncated string          `json:"bodyTruncated,omitempty"`
}

// ExchangeOf returns the readable form of a checked exchange.
func ExchangeOf(c record.CheckedExchange) Exchange {
	out := Exchange{Operation: c.Operation, Findings: c.Findings, RetriedAfterMs: milliseconds(c.RetriedAfter)}
	ex := c.Exchange
	if ex == nil {
		return out
	}
	out.Request = ExchangeRequest{Method: ex.Request.Method, URL: ex.Request.URL, Headers: redacted(ex.Request.Header), Body: bodyOf(ex.Request.Body)}
	out.Response = ExchangeReply{Status: ex.Response.Status, Headers: redacted(ex.Response.Header), Body: responseBodyOf(ex.Response)}
	if !ex.Started.IsZero() {
		out.StartedAt = ex.Started.UTC().Format(time.RFC3339Nano)
	}
	out.ElapsedMs = milliseconds(ex.Elapsed)
	out.Label = fmt.Sprintf("%s %s → %d (%s)", out.Request.Method, out.Request.URL, out.Response.Status, out.Operation)
	return out
}

// responseBodyOf is a response's body as bodyOf keeps it, saying when the record cut it.
func responseBodyOf(resp client.RecordedResponse) Body {
	note := truncation(resp)
	if note == "" {
		return bodyOf(resp.Body)
	}
	b := bodyOf(wholeRunes(resp.Body))
	b.BodyTruncated = note
	return b
}

// truncation says how much of a response's body the record kept when it did not keep it whole, as the
// HAR does; it is empty for a whole body.
func truncation(resp client.RecordedResponse) string {
	switch {
	case resp.OverLimit:
		return fmt.Sprintf("the target sent more than the read limit; %d bytes were read, %d are kept here", resp.BodyBytes, len(resp.Body))
	case resp.Truncated:
		return fmt.Sprintf("truncated: %d of %d bytes kept", len(resp.Body), resp.BodyBytes)
	}
	return ""
}

// wholeRunes is a cut body without the incomplete UTF-8 sequence the cut may have left at its end, so
// that a cut text stays text.
func wholeRunes(body []byte) []byte {
	for i := 1; i < utf8.UTFMax && i <= len(body); i++ {
		if r := body[len(body)-i]; utf8.RuneStart(r) {
			if !utf8.FullRune(body[len(body)-i:]) {
				return body[:len(body)-i]
			}
			break
		}
	}
	return body
}

// bodyOf keeps a body as JSON when it is JSON and as text when it is text.
func bodyOf(data []byte) Body {
	switch {
	case len(data) == 0:
		return Body{}
	case json.Valid(data):
		var compact bytes.Buffer
		if json.Compact(&compact, data) == nil {
			return Body{Body: compact.Bytes()}
		}
	case utf8.Valid(data):
		return Body{BodyText: string(data)}
	}
	return Body{BodyOmitted: fmt.Sprintf("%d bytes that are not text", len(data))}
}

// redacted copies h with every secret header's value redacted whatever its spelling: the client
// redacts when it records, the reports make sure.
func redacted(h http.Header) http.Header {
	out := http.Header{}
	for name, values := range h {
		if client.IsSecretHeader(name) {
			values = []string{client.Redacted}
		}
		out[name] = append([]string(nil), values...)
	}
	return out
}

// milliseconds is d in milliseconds, to the microsecond.
func milliseconds(d time.Duration) float64 {
	return math.Round(float64(d)/float64(time.Microsecond)) / 1000
}
