package upstream_test

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/upstream"
)

// waitLimit bounds every wait of these tests.
const waitLimit = 5 * time.Second

// testContext is a context that ends waitLimit from now or with the test, for every request of
// these tests: a transport that hangs makes the test fail instead.
func testContext(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), waitLimit)
	t.Cleanup(cancel)
	return ctx
}

// newTransport is a Transport whose HTTPS goes through no proxy, whatever the environment says,
// with its idle connections closed at the test's end.
func newTransport(t *testing.T) *upstream.Transport {
	t.Helper()
	tr := &upstream.Transport{HTTPS: &http.Transport{}}
	t.Cleanup(tr.CloseIdleConnections)
	return tr
}

// connCounter counts the connections a server opened and closed, by its ConnState.
type connCounter struct {
	mu      sync.Mutex
	changed chan struct{} // closed and replaced on every change
	opened  int
	closed  int
}

func newConnCounter() *connCounter { return &connCounter{changed: make(chan struct{})} }

func (c *connCounter) connState(_ net.Conn, state http.ConnState) {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch state {
	case http.StateNew:
		c.opened++
	case http.StateClosed, http.StateHijacked:
		c.closed++
	default:
		return
	}
	close(c.changed)
	c.changed = make(chan struct{})
}

// counts is how many connections were opened and closed so far.
func (c *connCounter) counts() (opened, closed int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.opened, c.closed
}

// waitClosed waits, within waitLimit, until at least n connections were closed.
func (c *connCounter) waitClosed(t *testing.T, n int) {
	t.Helper()
	deadline := time.After(waitLimit)
	for {
		c.mu.Lock()
		closed, changed := c.closed, c.changed
		c.mu.Unlock()
		if closed >= n {
			return
		}
		select {
		case <-changed:
		case <-deadline:
			t.Fatalf("%d connection(s) closed within %s, want %d", closed, waitLimit, n)
		}
	}
}

// countingServer is an httptest server running h that counts its connections.
func countingServer(t *testing.T, h http.Handler) (*httptest.Server, *connCounter) {
	t.Helper()
	counter := newConnCounter()
	srv := httptest.NewUnstartedServer(h)
	srv.Config.ConnState = counter.connState
	srv.Start()
	t.Cleanup(srv.Close)
	return srv, counter
}

// rawServer is a TCP server whose connections are handled by a function of the test, for answers
// net/http's server would not give. serve gets the connection's number (from 0) and the connection.
type rawServer struct {
	URL      string
	accepted atomic.Int32
	done     chan struct{} // closed when the test ends: handlers blocked on it return
}

func newRawServer(t *testing.T, serve func(n int, c net.Conn, r *bufio.Reader)) *rawServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	s := &rawServer{URL: "http://" + ln.Addr().String(), done: make(chan struct{})}
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		conns []net.Conn
	)
	wg.Go(func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
			n := int(s.accepted.Add(1)) - 1
			wg.Go(func() {
				defer func() { _ = c.Close() }()
				serve(n, c, bufio.NewReader(c))
			})
		}
	})
	t.Cleanup(func() {
		close(s.done)
		_ = ln.Close()
		mu.Lock()
		for _, c := range conns {
			_ = c.Close() // unblocks a handler reading a connection the client left open
		}
		mu.Unlock()
		wg.Wait()
	})
	return s
}

// readRequest reads one request from r with its body; nil when the client closed the connection
// instead.
func readRequest(t *testing.T, r *bufio.Reader) (*http.Request, string) {
	t.Helper()
	req, err := http.ReadRequest(r)
	if err != nil {
		return nil, ""
	}
	b, err := io.ReadAll(req.Body)
	if err != nil {
		t.Errorf("read a request body: %v", err)
	}
	return req, string(b)
}

// send sends a request through tr (body "" is none) and returns the response with its body read.
func send(t *testing.T, tr http.RoundTripper, method, url, body string) (*http.Response, string) {
	t.Helper()
	resp, err := sendErr(t, tr, method, url, body)
	require.NoError(t, err, "%s %s", method, url)
	return resp, readAll(t, resp)
}

// sendErr sends a request through tr and returns what RoundTrip returned.
func sendErr(t *testing.T, tr http.RoundTripper, method, url, body string) (*http.Response, error) {
	t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req, err := http.NewRequestWithContext(testContext(t), method, url, r)
	require.NoError(t, err)
	return tr.RoundTrip(req)
}

// readAll reads resp's body to its end and closes it.
func readAll(t *testing.T, resp *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	require.NoError(t, resp.Body.Close())
	return string(b)
}

// within runs f, which must not assert, and fails the test when it does not return within
// waitLimit.
func within(t *testing.T, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(waitLimit):
		t.Fatalf("%s did not return within %s", what, waitLimit)
	}
}

// awaitBoth waits, within waitLimit, for two requests to arrive at a server that signals each on
// arrived and holds it: the two are then under way at once.
func awaitBoth(t *testing.T, arrived <-chan struct{}) {
	t.Helper()
	for range 2 {
		select {
		case <-arrived:
		case <-time.After(waitLimit):
			t.Fatal("the two requests did not reach the server together")
		}
	}
}
