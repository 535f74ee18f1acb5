package conformance

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/graphconform/graphconform/internal/client"
)

// ParseRetryAfter reads a Retry-After value: seconds written in decimal digits, possibly fractional
// as Graph sends them (2.128), or an HTTP date (then relative to now). ok is false when the value is
// neither: a sign, an exponent or a hexadecimal number is no delay-seconds, though ParseFloat reads it.
func ParseRetryAfter(value string, now time.Time) (d time.Duration, ok bool) {
	if decimalSeconds(value) {
		seconds, err := strconv.ParseFloat(value, 64)
		if err != nil || seconds > 24*60*60 {
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

// decimalSeconds tells whether value is digits, possibly followed by a point and more digits.
func decimalSeconds(value string) bool {
	whole, fraction, hasPoint := strings.Cut(value, ".")
	return allDigits(whole) && (!hasPoint || allDigits(fraction))
}

// allDigits tells whether s is one or more ASCII digits.
func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
