package client

import (
	"fmt"
	"time"
)

// UnreachableError means a request got no response: the target is down or unreachable, its TLS
// certificate is not trusted, or it sent no response head within the per-request timeout. It says
// nothing about the target's conformance.
type UnreachableError struct {
	Method, URL string
	// Timeout, when not zero, is the per-request timeout that passed without a response.
	Timeout time.Duration
	Err     error
}

// Error says what failed and what to check.
func (e *UnreachableError) Error() string {
	if e.Timeout > 0 {
		return fmt.Sprintf("%s %s: no response within the per-request timeout of %s (is the target overloaded or stalled? see --request-timeout)", e.Method, e.URL, e.Timeout)
	}
	return fmt.Sprintf("%s %s: %v (is the target running and reachable, and its certificate trusted? see --ca-cert)", e.Method, e.URL, e.Err)
}

// Unwrap returns the transport's error.
func (e *UnreachableError) Unwrap() error { return e.Err }

// BrokenResponseError means the target began a response and did not complete it: the connection
// dropped mid-body, or the body did not arrive within the per-request timeout. Unlike an
// UnreachableError, the target did answer, and answered wrongly.
type BrokenResponseError struct {
	Method, URL string
	Status      int
	// Read is how many bytes of the body arrived.
	Read int64
	// Timeout, when not zero, is the per-request timeout that passed while the body was arriving.
	Timeout time.Duration
	Err     error
}

// Error says how the response broke off.
func (e *BrokenResponseError) Error() string {
	if e.Timeout > 0 {
		return fmt.Sprintf("%s %s: the %d response's body was still arriving after the per-request timeout of %s (%d bytes read); a response must arrive whole in time",
			e.Method, e.URL, e.Status, e.Timeout, e.Read)
	}
	return fmt.Sprintf("%s %s: the %d response broke off after %d bytes of its body: %v", e.Method, e.URL, e.Status, e.Read, e.Err)
}

// Unwrap returns the read error.
func (e *BrokenResponseError) Unwrap() error { return e.Err }

// OffOriginError means a URL a response named (a Location, an @odata.nextLink) is not on the target's
// origin: the same scheme, host and port. The client never sends a request, and so never its token,
// there.
type OffOriginError struct {
	URL, Origin string
}

// Error names the URL and the origin it left.
func (e *OffOriginError) Error() string {
	return fmt.Sprintf("%s is outside the target's origin %s (scheme, host and port must match); it is not followed, so the token stays with the target", e.URL, e.Origin)
}

// MutationRefusedError means the client was asked to send a mutating request (POST, PATCH, PUT,
// DELETE, …) while it may only read: the profile does not allow mutations.
type MutationRefusedError struct {
	Method, URL string
}

// Error names the request and how to allow it.
func (e *MutationRefusedError) Error() string {
	return fmt.Sprintf("%s %s was not sent: the profile does not allow mutations (set allowMutations: true in it, or pass --allow-mutations)", e.Method, e.URL)
}

// TokenSourceError means the client's TokenSource gave no token, so nothing was sent: it says
// nothing about the target.
type TokenSourceError struct {
	Err error
}

// Error returns the token source's error.
func (e *TokenSourceError) Error() string { return e.Err.Error() }

// Unwrap returns the token source's error.
func (e *TokenSourceError) Unwrap() error { return e.Err }
