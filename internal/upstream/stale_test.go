package upstream_test

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// closeAfterOne is a raw server that answers one request per connection as keep-alive (no
// Connection: close) and then closes the connection; closed gets a value once it is closed.
func closeAfterOne(t *testing.T, log *requestLog, closed chan<- struct{}) *rawServer {
	t.Helper()
	return newRawServer(t, func(n int, c net.Conn, r *bufio.Reader) {
		req, body := readRequest(t, r)
		if req == nil {
			return
		}
		log.add(n, req, body)
		_, _ = io.WriteString(c, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
		_ = c.Close()
		closed <- struct{}{}
	})
}

// TestStaleIdleConnectionIsNotUsed pins the check before reuse: an idle connection the upstream
// closed is dropped and the request, even a POST, goes on a new connection, reaching the upstream
// exactly once.
func TestStaleIdleConnectionIsNotUsed(t *testing.T) {
	for _, tc := range []struct {
		method, body string
	}{
		{http.MethodPost, `{"a":1}`},
		{http.MethodGet, ""},
	} {
		t.Run(tc.method, func(t *testing.T) {
			var log requestLog
			closed := make(chan struct{}, 2)
			srv := closeAfterOne(t, &log, closed)
			tr := newTransport(t)
			send(t, tr, http.MethodGet, srv.URL+"/first", "")
			select {
			case <-closed:
			case <-time.After(waitLimit):
				t.Fatal("the server did not close the first connection")
			}

			req, err := http.NewRequestWithContext(testContext(t), tc.method, srv.URL+"/second", strings.NewReader(tc.body))
			require.NoError(t, err)
			resp, err := tr.RoundTrip(req)
			require.NoError(t, err)
			assert.Equal(t, "ok", readAll(t, resp))
			assert.Equal(t, []string{"0 GET /first ", "1 " + tc.method + " /second " + tc.body}, log.lines(), "what the server got")
		})
	}
}

// TestIdleConnectionWithUnaskedBytesIsNotUsed pins the other half of the check: an idle connection
// on which the upstream sent something unasked is dropped, not read as the next answer.
func TestIdleConnectionWithUnaskedBytesIsNotUsed(t *testing.T) {
	var log requestLog
	sent := make(chan struct{}, 1)
	srv := newRawServer(t, func(n int, c net.Conn, r *bufio.Reader) {
		req, body := readRequest(t, r)
		if req == nil {
			return
		}
		log.add(n, req, body)
		_, _ = io.WriteString(c, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
		if n == 0 {
			_, _ = io.WriteString(c, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nstale")
			sent <- struct{}{}
		}
		<-srvDone(c, r)
	})
	tr := newTransport(t)
	resp, err := sendErr(t, tr, http.MethodGet, srv.URL+"/first", "")
	require.NoError(t, err)
	select {
	case <-sent:
	case <-time.After(waitLimit):
		t.Fatal("the server did not send its unasked answer")
	}
	assert.Equal(t, "ok", readAll(t, resp))

	_, body := send(t, tr, http.MethodGet, srv.URL+"/second", "")
	assert.Equal(t, "ok", body)
	assert.Equal(t, []string{"0 GET /first ", "1 GET /second "}, log.lines(), "what the server got")
}

// srvDone is closed when the peer closes c or sends more: a handler waits on it to keep c open.
func srvDone(_ net.Conn, r *bufio.Reader) <-chan struct{} {
	done := make(chan struct{})
	go func() {
		defer close(done)
		_, _ = r.Peek(1)
	}()
	return done
}
