package upstream

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestHostPortDefaultsToPort80 pins where a plain-HTTP request is dialed: its URL's host and port,
// port 80 when the URL names none.
func TestHostPortDefaultsToPort80(t *testing.T) {
	for url, want := range map[string]string{
		"http://graph.example/v1.0":      "graph.example:80",
		"http://graph.example:8080/v1.0": "graph.example:8080",
		"http://[::1]/":                  "[::1]:80",
		"http://[::1]:9000/":             "[::1]:9000",
		"http://127.0.0.1/":              "127.0.0.1:80",
	} {
		req, err := http.NewRequest(http.MethodGet, url, nil)
		require.NoError(t, err)
		assert.Equal(t, want, hostPort(req), url)
	}
}
