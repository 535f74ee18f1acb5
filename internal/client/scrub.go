package client

import (
	"bytes"
	"net/http"
	"strings"
)

// minSecretLength is the shortest value scrubbed: shorter ones would mangle unrelated text and are no
// credential worth the name.
const minSecretLength = 8

// scrubber replaces secret values wherever they appear in what a target sent back.
type scrubber []string

func newScrubber(secrets ...string) scrubber {
	var s scrubber
	for _, v := range secrets {
		if len(v) >= minSecretLength {
			s = append(s, v)
		}
	}
	return s
}

// String returns v with every secret replaced by Redacted.
func (s scrubber) String(v string) string {
	for _, secret := range s {
		v = strings.ReplaceAll(v, secret, Redacted)
	}
	return v
}

// Bytes returns b with every secret replaced by Redacted; b itself is unchanged.
func (s scrubber) Bytes(b []byte) []byte {
	for _, secret := range s {
		if bytes.Contains(b, []byte(secret)) {
			b = bytes.ReplaceAll(b, []byte(secret), []byte(Redacted))
		}
	}
	return b
}

// Header returns a copy of h with secret headers redacted and every secret value scrubbed from the
// others (a target may echo the token back in any header).
func (s scrubber) Header(h http.Header) http.Header {
	out := make(http.Header, len(h))
	for name, values := range h {
		if IsSecretHeader(name) {
			out[name] = []string{Redacted}
			continue
		}
		scrubbed := make([]string, len(values))
		for i, v := range values {
			scrubbed[i] = s.String(v)
		}
		out[name] = scrubbed
	}
	return out
}
