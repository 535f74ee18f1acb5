package conformance_test

import (
	"testing"
	"time"

	"github.com/graphconform/graphconform/internal/conformance"
)

// FuzzParseRetryAfter: a Retry-After value is read as a wait that is never negative, or refused.
func FuzzParseRetryAfter(f *testing.F) {
	for _, s := range []string{"2", "2.5", "0", "-1", "1e999", "NaN", "Inf", "86401", "Wed, 21 Oct 2015 07:28:00 GMT", "Mon, 02 Jan 2006 15:04:05 MST", ""} {
		f.Add(s)
	}
	now := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, value string) {
		d, ok := conformance.ParseRetryAfter(value, now)
		if ok && d < 0 {
			t.Fatalf("ParseRetryAfter(%q) = %s", value, d)
		}
		if !ok && d != 0 {
			t.Fatalf("ParseRetryAfter(%q) refused the value but gave %s", value, d)
		}
	})
}
