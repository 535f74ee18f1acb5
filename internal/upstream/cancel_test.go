package upstream_test

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/upstream"
)

// silentServer reads requests and never answers; got receives a value per request read.
func silentServer(t *testing.T, got chan<- struct{}) *rawServer {
	t.Helper()
	var srv *rawServer
	srv = newRawServer(t, func(_ int, _ net.Conn, r *bufio.Reader) {
		if req, _ := readRequest(t, r); req != nil {
			got <- struct{}{}
		}
		<-srv.done
	})
	return srv
}

// TestCancelledContextEndsAWaitForTheAnswer pins cancellation while the upstream is silent: RoundTrip
// returns promptly with an error that wraps context.Canceled.
func TestCancelledContextEndsAWaitForTheAnswer(t *testing.T) {
	got := make(chan struct{}, 1)
	srv := silentServer(t, got)
	ctx, cancel := context.WithCancel(testContext(t))
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/", nil)
	require.NoError(t, err)
	go func() {
		select {
		case <-got:
			cancel()
		case <-time.After(waitLimit):
		}
	}()
	tr := newTransport(t)
	var rtErr error
	within(t, "RoundTrip after cancel", func() { _, rtErr = tr.RoundTrip(req) })
	require.Error(t, rtErr)
	assert.ErrorIs(t, rtErr, context.Canceled)
}

// TestContextDeadlineEndsAWaitForTheAnswer pins a context with a deadline while the upstream is
// silent: an error that wraps context.DeadlineExceeded.
func TestContextDeadlineEndsAWaitForTheAnswer(t *testing.T) {
	srv := silentServer(t, make(chan struct{}, 1))
	ctx, cancel := context.WithTimeout(testContext(t), 20*time.Millisecond)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/", nil)
	require.NoError(t, err)
	tr := newTransport(t)
	var rtErr error
	within(t, "RoundTrip past its deadline", func() { _, rtErr = tr.RoundTrip(req) })
	require.Error(t, rtErr)
	assert.ErrorIs(t, rtErr, context.DeadlineExceeded)
}

// TestContextEndedBeforeSendingSendsNothing pins a request whose context ended before it was sent:
// an error wrapping the context's, nothing sent, and not tried again on the other idle connection,
// which the next request reuses.
func TestContextEndedBeforeSendingSendsNothing(t *testing.T) {
	var log requestLog
	arrived := make(chan struct{}, 2)
	release := make(chan struct{})
	srv := newRawServer(t, func(n int, c net.Conn, r *bufio.Reader) {
		answerEach(t, &log, n, c, r, func(_ int, req *http.Request) string {
			if req.URL.Path == "/both" {
				arrived <- struct{}{}
				select {
				case <-release:
				case <-time.After(waitLimit):
				}
			}
			return "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
		})
	})
	tr := newTransport(t)
	ctx := testContext(t)
	errs := make(chan error, 2)
	for range 2 {
		go func() {
			req, err := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/both", nil)
			if err != nil {
				errs <- err
				return
			}
			resp, err := tr.RoundTrip(req)
			if err == nil {
				_, err = io.ReadAll(resp.Body)
				_ = resp.Body.Close()
			}
			errs <- err
		}()
	}
	awaitBoth(t, arrived)
	close(release)
	for range 2 {
		require.NoError(t, <-errs)
	}

	ctx, cancel := context.WithCancel(testContext(t))
	cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/cancelled", nil)
	require.NoError(t, err)
	_, err = tr.RoundTrip(req)
	require.Error(t, err)
	assert.ErrorIs(t, err, context.Canceled)

	send(t, tr, http.MethodGet, srv.URL+"/last", "")
	lines := log.lines()
	require.Len(t, lines, 3, "what the server got: %q", lines)
	assert.Equal(t, "GET /last ", lines[2][2:], "what the server got last")
	assert.Equal(t, int32(2), srv.accepted.Load(), "connections accepted")
}

// TestResponseHeaderTimeoutEndsAWaitForTheAnswer pins HTTPS.ResponseHeaderTimeout: a silent upstream makes
// RoundTrip fail once it passed, with an error that says so, and is not sent the request again.
func TestResponseHeaderTimeoutEndsAWaitForTheAnswer(t *testing.T) {
	got := make(chan struct{}, 2)
	var srv *rawServer
	srv = newRawServer(t, func(n int, c net.Conn, r *bufio.Reader) {
		for i := 0; ; i++ {
			if req, _ := readRequest(t, r); req == nil {
				return
			}
			if n == 1 || i == 1 {
				got <- struct{}{}
				<-srv.done
				return
			}
			if _, err := io.WriteString(c, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"); err != nil {
				return
			}
		}
	})
	tr := &upstream.Transport{HTTPS: &http.Transport{ResponseHeaderTimeout: 20 * time.Millisecond}}
	t.Cleanup(tr.CloseIdleConnections)
	send(t, tr, http.MethodGet, srv.URL+"/", "")

	var rtErr error
	within(t, "RoundTrip past the header timeout", func() { _, rtErr = sendErr(t, tr, http.MethodGet, srv.URL+"/", "") })
	require.Error(t, rtErr)
	assert.Contains(t, rtErr.Error(), "response header timeout")
	var netErr net.Error
	require.ErrorAs(t, rtErr, &netErr)
	assert.True(t, netErr.Timeout(), "a timeout")
	assert.False(t, errors.Is(rtErr, context.DeadlineExceeded) || errors.Is(rtErr, context.Canceled), "a context's error: %v", rtErr)
	assert.Len(t, got, 1, "requests the silent upstream got")
	assert.Equal(t, int32(1), srv.accepted.Load(), "connections accepted")
}

// TestResponseHeaderTimeoutDoesNotBoundTheBody pins that the header timeout ends with the header: a
// body slower than it is read whole.
func TestResponseHeaderTimeoutDoesNotBoundTheBody(t *testing.T) {
	srv := newRawServer(t, func(_ int, c net.Conn, r *bufio.Reader) {
		if req, _ := readRequest(t, r); req == nil {
			return
		}
		_, _ = io.WriteString(c, "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nsl")
		<-time.After(100 * time.Millisecond) // longer than the header timeout
		_, _ = io.WriteString(c, "ow")
	})
	tr := &upstream.Transport{HTTPS: &http.Transport{ResponseHeaderTimeout: 20 * time.Millisecond}}
	t.Cleanup(tr.CloseIdleConnections)
	_, body := send(t, tr, http.MethodGet, srv.URL+"/", "")
	assert.Equal(t, "slow", body)
}

// TestContextEndCutsABodyRead pins a body read blocked on a slow upstream: the request context's
// end makes it fail promptly, and the connection is not reused.
func TestContextEndCutsABodyRead(t *testing.T) {
	var srv *rawServer
	srv = newRawServer(t, func(_ int, c net.Conn, r *bufio.Reader) {
		if req, _ := readRequest(t, r); req == nil {
			return
		}
		_, _ = io.WriteString(c, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npart")
		if req, _ := readRequest(t, r); req != nil {
			t.Error("a request on the connection whose body was cut")
		}
		<-srv.done
	})
	ctx, cancel := context.WithCancel(testContext(t))
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/", nil)
	require.NoError(t, err)
	tr := newTransport(t)
	resp, err := tr.RoundTrip(req)
	require.NoError(t, err)
	defer func() { _ = resp.Body.Close() }()
	buf := make([]byte, 4)
	_, err = io.ReadFull(resp.Body, buf)
	require.NoError(t, err)
	assert.Equal(t, "part", string(buf))

	time.AfterFunc(10*time.Millisecond, cancel)
	var readErr error
	within(t, "a body read after cancel", func() { _, readErr = io.ReadAll(resp.Body) })
	require.Error(t, readErr)

	_, body, err := func() (*http.Response, string, error) {
		resp, err := sendErr(t, tr, http.MethodGet, srv.URL+"/", "")
		if err != nil {
			return nil, "", err
		}
		b, err := io.ReadAll(io.LimitReader(resp.Body, 4))
		_ = resp.Body.Close()
		return resp, string(b), err
	}()
	require.NoError(t, err)
	assert.Equal(t, "part", body)
	assert.Equal(t, int32(2), srv.accepted.Load(), "connections accepted")
}

// slowBody is a request body that gives its first part at once and the rest after a pause.
type slowBody struct {
	parts []string
	pause time.Duration
}

func (b *slowBody) Read(p []byte) (int, error) {
	if len(b.parts) == 0 {
		return 0, io.EOF
	}
	if len(b.parts) == 1 {
		<-time.After(b.pause)
	}
	n := copy(p, b.parts[0])
	b.parts = b.parts[1:]
	return n, nil
}

// TestResponseHeaderTimeoutStartsOnceTheRequestIsWritten pins that the header timeout, as
// http.Transport's, counts from the end of the request: a body uploaded slower than it is sent whole
// and answered.
func TestResponseHeaderTimeoutStartsOnceTheRequestIsWritten(t *testing.T) {
	srv := newRawServer(t, func(_ int, c net.Conn, r *bufio.Reader) {
		if req, body := readRequest(t, r); req != nil {
			_, _ = io.WriteString(c, "HTTP/1.1 200 OK\r\nContent-Length: "+strconv.Itoa(len(body))+"\r\n\r\n"+body)
		}
	})
	tr := &upstream.Transport{HTTPS: &http.Transport{ResponseHeaderTimeout: 20 * time.Millisecond}}
	t.Cleanup(tr.CloseIdleConnections)
	req, err := http.NewRequestWithContext(testContext(t), http.MethodPost, srv.URL+"/", &slowBody{parts: []string{"up", "load"}, pause: 100 * time.Millisecond})
	require.NoError(t, err)
	req.ContentLength = int64(len("upload"))
	resp, err := tr.RoundTrip(req)
	require.NoError(t, err)
	assert.Equal(t, "upload", readAll(t, resp))
}
