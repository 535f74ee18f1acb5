// Package conformance holds the Graph rules a schema cannot say — a 204 has no body, a PATCH echoes
// what it was sent, an operation's status speaks the docs' vocabulary — as checks of one exchange,
// and the vocabulary they and the steps share (operation statuses, Retry-After values, JSON values
// compared as Graph compares them, the operations an answer holds, the caller a token names). The rule catalogue (internal/rules) names each check's rule.
package conformance

// Violation is one place where an exchange breaks a rule.
type Violation struct {
	// JSONPointer locates the offending value in the response body, if any.
	JSONPointer string
	// Message says what was promised and what came instead.
	Message string
}
