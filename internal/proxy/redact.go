package proxy

import (
	"bytes"
	"net/http"
	"strings"

	"github.com/graphconform/graphconform/internal/client"
)

// minSecretLength is the shortest token scrubbed from bodies and headers: a shorter one would mangle
// unrelated text.
const minSecretLength = 8

// bearerToken is the token of an Authorization header, or "".
func bearerToken(authorization string) string {
	scheme, token, ok := strings.Cut(strings.TrimSpace(authorization), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return ""
	}
	return strings.TrimSpace(token)
}

// redactHeader returns a copy of h with secret headers redacted and token scrubbed from the others.
func redactHeader(h http.Header, token string) http.Header {
	out := make(http.Header, len(h))
	for name, values := range h {
		if client.IsSecretHeader(name) {
			out[name] = []string{client.Redacted}
			continue
		}
		copied := make([]string, len(values))
		for i, v := range values {
			copied[i] = string(scrub([]byte(v), token))
		}
		out[name] = copied
	}
	return out
}

// scrub returns b with token replaced by client.Redacted; b itself is unchanged.
func scrub(b []byte, token string) []byte {
	if len(token) < minSecretLength || !bytes.Contains(b, []byte(token)) {
		return b
	}
	return bytes.ReplaceAll(b, []byte(token), []byte(client.Redacted))
}
