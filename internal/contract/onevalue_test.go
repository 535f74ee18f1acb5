package contract

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestCheckOneValueFindsWhereDataAfterTheValueBegins wants the offset of the first byte past a
// body's first JSON value that is not whitespace, and nothing for one value or a body whose first
// value does not decode (kin-openapi's decoder reports that one).
func TestCheckOneValueFindsWhereDataAfterTheValueBegins(t *testing.T) {
	cases := []struct {
		name, body string
		// offset is where the extra data begins; -1 for none.
		offset int
	}{
		{"one object", `{"a":1}`, -1},
		{"one object with whitespace around it", " \r\n\t{\"a\":1}\n\t \r", -1},
		{"one string", `"x"`, -1},
		{"a first value that does not decode", `{"a":`, -1},
		{"a first value that does not decode, then more", `{"a":} {}`, -1},
		{"an empty body", ``, -1},
		{"garbage after an object", `{"a":1} garbage`, 8},
		{"a second object", `{"a":1}{"b":2}`, 7},
		{"a second object after a newline", "{\"a\":1}\n{\"b\":2}\n", 8},
		{"a stray closing brace", `{"a":1}}`, 7},
		{"a second number", `1 2`, 2},
		{"a second string", `"a""b"`, 3},
		{"a NUL after the value", "{}\x00", 2},
		{"a byte-order mark after the value", "{}\ufeff", 2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := checkOneValue([]byte(tc.body))
			got := -1
			var extra *dataAfterValueError
			if errors.As(err, &extra) {
				got = extra.offset
			} else if err != nil {
				t.Fatalf("checkOneValue = %v, want a *dataAfterValueError or nil", err)
			}
			if diff := cmp.Diff(tc.offset, got); diff != "" {
				t.Errorf("offset of the data after the value (-want +got):\n%s", diff)
			}
		})
	}
}
