package mockgraph

import (
	"context"
	"fmt"
	"net/http"
	"time"
)

// throttle applies to an authenticated request of operation the first unspent fault rule that
// matches it (its latency, then its status), then the rate budget. It returns the error to answer
// with, or nil when the request goes on.
func (m *Mock) throttle(ctx context.Context, operation string) *apiError {
	if rule, ok := m.faults.takeRequestFault(operation); ok {
		if rule.LatencyMs > 0 {
			sleep(ctx, time.Duration(rule.LatencyMs)*time.Millisecond)
		}
		if rule.Status != 0 {
			e := faultError(rule, operation)
			if rule.RetryAfter != "" {
				e.withHeader("Retry-After", string(rule.RetryAfter))
			}
			return e
		}
	}
	now := m.clock.Now()
	if wait, ok := m.rate.admit(now); !ok {
		retryAfter := wholeSeconds(wait)
		return newError(http.StatusTooManyRequests, CodeTooManyRequests, fmt.Sprintf(
			"Too many requests: the mock lets %d requests a second through (serve --rate). Wait the Retry-After seconds, then send the request again.", m.rate.perSecond)).
			withHeader("Retry-After", retryAfter)
	}
	return nil
}

// faultError is the answer a status fault rule gives, as Graph words it.
func faultError(rule FaultRule, operation string) *apiError {
	code, what := CodeTooManyRequests, "Too many requests"
	switch rule.Status {
	case http.StatusServiceUnavailable:
		code, what = CodeServiceUnavailable, "The service is unavailable"
	case http.StatusGatewayTimeout:
		code, what = CodeGatewayTimeout, "The gateway timed out"
	}
	advice := "Retry with exponential backoff."
	if rule.RetryAfter != "" {
		advice = "Wait the Retry-After seconds, then send the request again."
	}
	return newError(rule.Status, code, fmt.Sprintf("%s: the mock's fault rule %s answers %s with %d (%d more to come). %s",
		what, rule.ID, operation, rule.Status, rule.Remaining, advice))
}

// sleep waits d, or until ctx is done.
func sleep(ctx context.Context, d time.Duration) {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
	case <-ctx.Done():
	}
}
