package upstream_test

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// closeTracker is a request body that records whether it was closed.
type closeTracker struct {
	io.Reader
	closed atomic.Int32
}

func (b *closeTracker) Close() error {
	b.closed.Add(1)
	return nil
}

// TestRequestBodyIsClosedWhenTheRequestIsNotSent pins the RoundTripper contract on the own path: a
// request that fails before it is sent (no upstream listening, or a context already ended) has its
// body closed.
func TestRequestBodyIsClosedWhenTheRequestIsNotSent(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	refused := "http://" + ln.Addr().String() + "/"
	require.NoError(t, ln.Close())
	cancelled, cancel := context.WithCancel(testContext(t))
	cancel()

	for name, tc := range map[string]struct {
		ctx context.Context
		url string
	}{
		"connection refused": {testContext(t), refused},
		"context ended":      {cancelled, refused},
	} {
		t.Run(name, func(t *testing.T) {
			body := &closeTracker{Reader: strings.NewReader("payload")}
			req, err := http.NewRequestWithContext(tc.ctx, http.MethodPost, tc.url, body)
			require.NoError(t, err)
			req.ContentLength = int64(len("payload")) // a body of unknown length would go through HTTPS
			_, err = newTransport(t).RoundTrip(req)
			require.Error(t, err)
			assert.Contains(t, err.Error(), "connect to the upstream")
			assert.Positive(t, body.closed.Load(), "times the body was closed")
		})
	}
}

// TestRequestBodyIsClosedWhenTheRequestFailsOnAReusedConnection pins the contract when the request
// was written but not answered and is not sent again.
func TestRequestBodyIsClosedWhenTheRequestFailsOnAReusedConnection(t *testing.T) {
	var log requestLog
	srv := hangUpOnSecond(t, &log)
	tr := newTransport(t)
	send(t, tr, http.MethodGet, srv.URL+"/first", "")
	body := &closeTracker{Reader: strings.NewReader("payload")}
	req, err := http.NewRequestWithContext(testContext(t), http.MethodPost, srv.URL+"/create", body)
	require.NoError(t, err)
	req.ContentLength = int64(len("payload"))
	_, err = tr.RoundTrip(req)
	require.Error(t, err)
	assert.Positive(t, body.closed.Load(), "times the body was closed")
}

// TestRequestBodyIsClosedWhenTheRequestIsSent pins the contract on success.
func TestRequestBodyIsClosedWhenTheRequestIsSent(t *testing.T) {
	srv := newRawServer(t, func(_ int, c net.Conn, r *bufio.Reader) {
		if req, _ := readRequest(t, r); req != nil {
			_, _ = io.WriteString(c, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
		}
	})
	body := &closeTracker{Reader: strings.NewReader("payload")}
	req, err := http.NewRequestWithContext(testContext(t), http.MethodPost, srv.URL+"/", body)
	require.NoError(t, err)
	resp, err := newTransport(t).RoundTrip(req)
	require.NoError(t, err)
	readAll(t, resp)
	assert.Positive(t, body.closed.Load(), "times the body was closed")
}
