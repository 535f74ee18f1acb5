//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly || solaris || illumos

package upstream

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// refusingWrites is an open TCP connection on which every write fails before a byte is sent, as
// when the upstream reset it between the check before reuse and the request.
type refusingWrites struct{ *net.TCPConn }

func (refusingWrites) Write([]byte) (int, error) { return 0, syscall.EPIPE }

// TestRequestThatDidNotReachTheUpstreamIsSentAgain pins the other retry rule: a request of which no
// byte was written on a reused connection is sent on a new one, even a POST, when its body can be
// sent again; one whose body cannot fails.
func TestRequestThatDidNotReachTheUpstreamIsSentAgain(t *testing.T) {
	var posts atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		if r.Method == http.MethodPost {
			posts.Add(1)
		}
		_, _ = w.Write(b)
	}))
	t.Cleanup(srv.Close)
	tr := &Transport{HTTPS: &http.Transport{}}
	t.Cleanup(tr.CloseIdleConnections)

	// breakIdle makes the one idle connection refuse writes.
	breakIdle := func(t *testing.T) {
		t.Helper()
		req, err := http.NewRequestWithContext(context.Background(), http.MethodGet, srv.URL+"/", nil)
		require.NoError(t, err)
		resp, err := tr.RoundTrip(req)
		require.NoError(t, err)
		_, _ = io.Copy(io.Discard, resp.Body)
		_ = resp.Body.Close()
		tr.mu.Lock()
		defer tr.mu.Unlock()
		conns := tr.idle[hostPort(req)]
		require.Len(t, conns, 1, "idle connections")
		tcp, ok := conns[0].nc.(*net.TCPConn)
		require.True(t, ok, "the idle connection is a TCP one, not %T", conns[0].nc)
		conns[0].nc = refusingWrites{tcp}
	}

	breakIdle(t)
	req, err := http.NewRequestWithContext(context.Background(), http.MethodPost, srv.URL+"/", strings.NewReader("payload"))
	require.NoError(t, err)
	firstBody := &closeTracker{Reader: strings.NewReader("payload")}
	req.Body = firstBody
	req.ContentLength = int64(len("payload"))
	resp, err := tr.RoundTrip(req)
	require.NoError(t, err)
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	_ = resp.Body.Close()
	assert.Equal(t, "payload", string(b))
	assert.Equal(t, int32(1), posts.Load(), "POSTs the server got")
	assert.True(t, firstBody.closed.Load(), "the first attempt's body is closed when the request is sent again from GetBody")

	breakIdle(t)
	req, err = http.NewRequestWithContext(context.Background(), http.MethodPost, srv.URL+"/", io.MultiReader(strings.NewReader("payload")))
	require.NoError(t, err)
	req.ContentLength = int64(len("payload"))
	_, err = tr.RoundTrip(req)
	require.ErrorIs(t, err, syscall.EPIPE)
	assert.Equal(t, int32(1), posts.Load(), "POSTs the server got")
}

// closeTracker is a request body that tells whether it was closed.
type closeTracker struct {
	io.Reader
	closed atomic.Bool
}

func (c *closeTracker) Close() error {
	c.closed.Store(true)
	return nil
}
