package upstream_test

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/upstream"
)

// TestRequestsTheOwnPathLeavesToHTTPS pins what goes through HTTPS although the URL is plain HTTP:
// a body of unknown length or beyond MaxOwnBody (HTTPS reads an early answer while it writes), a
// request expecting 100 Continue (HTTPS waits for it), and any request when HTTPS keeps no
// connection alive.
func TestRequestsTheOwnPathLeavesToHTTPS(t *testing.T) {
	srv, _ := countingServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n, _ := io.Copy(io.Discard, r.Body)
		_, _ = io.WriteString(w, strings.Repeat("x", int(n%7)))
	}))
	for name, tc := range map[string]struct {
		request  func(t *testing.T) *http.Request
		noReuse  bool
		wantHTTP bool
	}{
		"unknown length": {request: func(t *testing.T) *http.Request {
			return newRequest(t, http.MethodPost, srv.URL, io.MultiReader(strings.NewReader("payload")))
		}},
		"beyond MaxOwnBody": {request: func(t *testing.T) *http.Request {
			return newRequest(t, http.MethodPut, srv.URL, bytes.NewReader(make([]byte, upstream.MaxOwnBody+1)))
		}},
		"expects 100 Continue": {request: func(t *testing.T) *http.Request {
			r := newRequest(t, http.MethodPost, srv.URL, strings.NewReader("payload"))
			r.Header.Set("Expect", "100-continue")
			return r
		}},
		"keep-alives off": {noReuse: true, request: func(t *testing.T) *http.Request {
			return newRequest(t, http.MethodGet, srv.URL, nil)
		}},
		"small body of known length": {wantHTTP: true, request: func(t *testing.T) *http.Request {
			return newRequest(t, http.MethodPost, srv.URL, strings.NewReader("payload"))
		}},
	} {
		t.Run(name, func(t *testing.T) {
			var dials atomic.Int32
			https := countingHTTPS(&dials)
			https.DisableKeepAlives = tc.noReuse
			tr := &upstream.Transport{HTTPS: https}
			t.Cleanup(tr.CloseIdleConnections)
			resp, err := tr.RoundTrip(tc.request(t))
			require.NoError(t, err)
			readAll(t, resp)
			want := int32(1)
			if tc.wantHTTP {
				want = 0
			}
			assert.Equal(t, want, dials.Load(), "connections HTTPS opened")
		})
	}
}

// newRequest is a request of the test's context.
func newRequest(t *testing.T, method, url string, body io.Reader) *http.Request {
	t.Helper()
	req, err := http.NewRequestWithContext(testContext(t), method, url+"/", body)
	require.NoError(t, err)
	return req
}
