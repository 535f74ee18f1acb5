package upstream_test

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// bodyHandler answers every request with 200 and a body of 4 KiB.
var bodyHandler = http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
	_, _ = io.WriteString(w, strings.Repeat("x", 4<<10))
})

// TestSequentialRequestsReuseOneConnection pins keep-alive: requests one after the other, each body
// read to its end, go on one connection.
func TestSequentialRequestsReuseOneConnection(t *testing.T) {
	srv, counter := countingServer(t, bodyHandler)
	tr := newTransport(t)
	for range 5 {
		_, body := send(t, tr, http.MethodGet, srv.URL+"/", "")
		require.Len(t, body, 4<<10)
		_, body = send(t, tr, http.MethodPost, srv.URL+"/", `{"a":1}`)
		require.Len(t, body, 4<<10)
	}
	opened, closed := counter.counts()
	assert.Equal(t, 1, opened, "connections opened")
	assert.Equal(t, 0, closed, "connections closed")
}

// TestBodyReadToEOFWithoutCloseReturnsTheConnection pins that reading a body to its end gives the
// connection back even before Close is called.
func TestBodyReadToEOFWithoutCloseReturnsTheConnection(t *testing.T) {
	srv, counter := countingServer(t, bodyHandler)
	tr := newTransport(t)
	resp, err := sendErr(t, tr, http.MethodGet, srv.URL+"/", "")
	require.NoError(t, err)
	_, err = io.ReadAll(resp.Body)
	require.NoError(t, err)

	send(t, tr, http.MethodGet, srv.URL+"/", "")
	require.NoError(t, resp.Body.Close(), "closing a body after its connection went back")
	send(t, tr, http.MethodGet, srv.URL+"/", "")
	opened, _ := counter.counts()
	assert.Equal(t, 1, opened, "connections opened")
}

// TestBodyClosedEarlyClosesTheConnection pins that a body closed before its end takes its
// connection with it: the next request dials a new one.
func TestBodyClosedEarlyClosesTheConnection(t *testing.T) {
	srv, counter := countingServer(t, bodyHandler)
	tr := newTransport(t)
	resp, err := sendErr(t, tr, http.MethodGet, srv.URL+"/", "")
	require.NoError(t, err)
	buf := make([]byte, 10)
	_, err = io.ReadFull(resp.Body, buf)
	require.NoError(t, err)
	require.NoError(t, resp.Body.Close())
	n, err := resp.Body.Read(buf)
	assert.Zero(t, n, "a read after Close")
	assert.Error(t, err, "a read after Close")

	counter.waitClosed(t, 1)
	send(t, tr, http.MethodGet, srv.URL+"/", "")
	opened, _ := counter.counts()
	assert.Equal(t, 2, opened, "connections opened")
}

// TestRequestCloseIsNotReused pins a request that asked to close its connection: it says so to the
// server and its connection is not kept.
func TestRequestCloseIsNotReused(t *testing.T) {
	srv, counter := countingServer(t, bodyHandler)
	tr := newTransport(t)
	req, err := http.NewRequestWithContext(testContext(t), http.MethodGet, srv.URL+"/", nil)
	require.NoError(t, err)
	req.Close = true
	resp, err := tr.RoundTrip(req)
	require.NoError(t, err)
	readAll(t, resp)
	counter.waitClosed(t, 1)

	send(t, tr, http.MethodGet, srv.URL+"/", "")
	opened, _ := counter.counts()
	assert.Equal(t, 2, opened, "connections opened")
}

// TestAnswerWithConnectionCloseIsNotReused pins an answer that says Connection: close: its body is
// read whole, and the next request dials a new connection.
func TestAnswerWithConnectionCloseIsNotReused(t *testing.T) {
	srv, counter := countingServer(t, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Connection", "close")
		_, _ = io.WriteString(w, "bye")
	}))
	tr := newTransport(t)
	resp, body := send(t, tr, http.MethodGet, srv.URL+"/", "")
	assert.True(t, resp.Close, "resp.Close")
	assert.Equal(t, "bye", body)
	_, body = send(t, tr, http.MethodGet, srv.URL+"/", "")
	assert.Equal(t, "bye", body)
	opened, _ := counter.counts()
	assert.Equal(t, 2, opened, "connections opened")
}

// keepAnswering is a raw server that answers every request of every connection with answer and
// keeps the connection open, whatever the request or the answer says about closing it.
func keepAnswering(t *testing.T, log *requestLog, answer string) *rawServer {
	t.Helper()
	return newRawServer(t, func(n int, c net.Conn, r *bufio.Reader) {
		answerEach(t, log, n, c, r, func(int, *http.Request) string { return answer })
	})
}

// TestConnectionCloseIsHonouredThoughTheUpstreamKeepsTheConnection pins that the transport itself
// gives up a connection that the answer or the request said to close, even one the upstream left
// open: each request goes on a connection of its own.
func TestConnectionCloseIsHonouredThoughTheUpstreamKeepsTheConnection(t *testing.T) {
	for name, tc := range map[string]struct {
		answer   string
		reqClose bool
	}{
		"answer says close":  {answer: "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok"},
		"request says close": {answer: "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", reqClose: true},
	} {
		t.Run(name, func(t *testing.T) {
			var log requestLog
			srv := keepAnswering(t, &log, tc.answer)
			tr := newTransport(t)
			for _, path := range []string{"/a", "/b"} {
				req, err := http.NewRequestWithContext(testContext(t), http.MethodGet, srv.URL+path, nil)
				require.NoError(t, err)
				req.Close = tc.reqClose
				resp, err := tr.RoundTrip(req)
				require.NoError(t, err)
				assert.Equal(t, "ok", readAll(t, resp))
			}
			assert.Equal(t, []string{"0 GET /a ", "1 GET /b "}, log.lines(), "what the server got")
		})
	}
}
