package clientrules

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// throttled is a Retry-After one client was given for one operation.
type throttled struct {
	at         time.Time // when it was answered
	notBefore  time.Time // at + Retry-After
	retryAfter string    // the header as sent
	status     int
}

// retryAfterWait reads a Retry-After of seconds (possibly fractional) or an HTTP date, at now.
func retryAfterWait(value string, now time.Time) (time.Duration, bool) {
	value = strings.TrimSpace(value)
	if seconds, err := strconv.ParseFloat(value, 64); err == nil && seconds >= 0 {
		return time.Duration(seconds * float64(time.Second)), true
	}
	if at, err := http.ParseTime(value); err == nil {
		return max(at.Sub(now), 0), true
	}
	return 0, false
}

func (o *Observer) noteRetryAfter(r Request, operation string, status int, header http.Header, now time.Time) {
	if status != http.StatusTooManyRequests && status != http.StatusServiceUnavailable && status != http.StatusGatewayTimeout {
		return
	}
	value := header.Get("Retry-After")
	wait, ok := retryAfterWait(value, now)
	if !ok {
		return
	}
	for _, client := range r.clients() {
		o.waits.Add(client+"\x00"+operation, throttled{at: now, notBefore: now.Add(wait), retryAfter: value, status: status})
	}
}

// checkRetryAfter says how r breaks client-honours-retry-after: it is the same client (application or
// client-request-id) sending operation again before the Retry-After it was given has passed. A
// request after the wait ends it; one that arrived before the Retry-After was answered (in flight on
// another connection) cannot have heeded it, and breaks nothing.
func (o *Observer) checkRetryAfter(r Request, operation string, now time.Time) string {
	var early *throttled
	for _, client := range r.clients() {
		k := client + "\x00" + operation
		w, ok := o.waits.Peek(k)
		if !ok || now.Before(w.at) {
			continue
		}
		if !now.Before(w.notBefore) {
			o.waits.Remove(k)
			continue
		}
		early = &w
	}
	if early == nil {
		return ""
	}
	return fmt.Sprintf("the client sent %s again %s after a %d with Retry-After: %s; it must wait at least %s",
		operation, now.Sub(early.at), early.status, early.retryAfter, early.notBefore.Sub(early.at))
}
