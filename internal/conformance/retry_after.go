package conformance

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/graphconform/graphconform/internal/client"
)

// ParseRetryAfter reads a Retry-After value: seconds, possibly fractional as Graph sends them, or an
// HTTP date (then relative to now). ok is false when the value is neither.
func ParseRetryAfter(value string, now time.Time) (d time.Duration, ok bool) {
	if seconds, err := strconv.ParseFloat(value, 64); err == nil {
		if !(seconds >= 0 && seconds <= 24*60*60) { // NaN, which ParseFloat reads, is neither
			return 0, false
		}
		return time.Duration(seconds * float64(time.Second)), true
	}
	if at, err := http.ParseTime(value); err == nil {
		if d := at.Sub(now); d > 0 {
			return d, true
		}
		return 0, true
	}
	return 0, false
}

// RetryAfterFormat checks that a Retry-After header, when there is one, holds seconds (possibly
// fractional) or an HTTP date, so clients can honour it.
func RetryAfterFormat(ex *client.Exchange) []Violation {
	value := ex.Response.Header.Get("Retry-After")
	if value == "" {
		return nil
	}
	if _, ok := ParseRetryAfter(value, time.Now()); !ok {
		return []Violation{{Message: fmt.Sprintf("Retry-After %q is neither seconds (0 to 86400) nor an HTTP date", value)}}
	}
	return nil
}
