package mockgraph

import (
	"net/http"
	"time"

	"github.com/graphconform/graphconform/internal/finding"
	"github.com/graphconform/graphconform/internal/rules"
)

// The error codes the mock answers with, as Graph spells them.
const (
	CodeBadRequest                  = "BadRequest"
	CodeInvalidAuthenticationToken  = "InvalidAuthenticationToken"
	CodeNotFound                    = "NotFound"
	CodeMethodNotAllowed            = "MethodNotAllowed"
	CodeConflict                    = "Conflict"
	CodeRequestEntityTooLarge       = "RequestEntityTooLarge"
	CodeUnsupportedMediaType        = "UnsupportedMediaType"
	CodeRequestHeaderFieldsTooLarge = "RequestHeaderFieldsTooLarge"
	CodeForbidden                   = "Forbidden"
	CodeTooManyRequests             = "TooManyRequests"
	CodeServiceUnavailable          = "ServiceUnavailable"
	CodeGatewayTimeout              = "GatewayTimeout"
)

// graphError is Graph's error body: {"error": {...}}.
type graphError struct {
	Error mainError `json:"error"`
}

// mainError is the "error" object of a Graph error body.
type mainError struct {
	Code       string         `json:"code"`
	Message    string         `json:"message"`
	Details    []errorDetails `json:"details,omitempty"`
	InnerError innerError     `json:"innerError"`
}

// errorDetails is one entry of "details".
type errorDetails struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Target  string `json:"target,omitempty"`
}

// innerError carries the ids of the request, as Graph's innerError does.
type innerError struct {
	RequestID       string `json:"request-id"`
	ClientRequestID string `json:"client-request-id"`
	Date            string `json:"date"`
}

// apiError is an error response the mock is about to write.
type apiError struct {
	status  int
	code    string
	message string
	details []errorDetails
	header  http.Header // extra headers, e.g. WWW-Authenticate or Allow
	// violations are what the request broke of the contract, recorded by the Mock; nil when the
	// request was a fine one answered with an error (an unknown id, a conflict, a fault).
	violations []finding.Finding
}

// newError returns an apiError with a status, code and message.
func newError(status int, code, message string) *apiError {
	return &apiError{status: status, code: code, message: message}
}

// withHeader adds a header to the error response and returns the error.
func (e *apiError) withHeader(name, value string) *apiError {
	if e.header == nil {
		e.header = http.Header{}
	}
	e.header.Add(name, value)
	return e
}

// violating records that the request broke a rule of the contract, and returns the error.
func (e *apiError) violating(rule rules.ID, operation, pointer string) *apiError {
	e.violations = append(e.violations, finding.New(rule, operation, 0, pointer, e.message))
	return e
}

// writeError writes e as a Graph error body, with the request's ids in innerError.
func writeError(w http.ResponseWriter, ids requestIDs, now time.Time, e *apiError) {
	for name, values := range e.header {
		for _, v := range values {
			w.Header().Add(name, v)
		}
	}
	body := graphError{Error: mainError{
		Code:    e.code,
		Message: e.message,
		Details: e.details,
		InnerError: innerError{
			RequestID:       ids.requestID,
			ClientRequestID: ids.clientRequestID,
			Date:            now.UTC().Format("2006-01-02T15:04:05"),
		},
	}}
	writeJSON(w, e.status, body)
}
