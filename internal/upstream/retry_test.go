package upstream_test

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// requestLog is what a raw server got: one line per request, "connection method path body".
type requestLog struct {
	mu   sync.Mutex
	seen []string
}

func (l *requestLog) add(n int, req *http.Request, body string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.seen = append(l.seen, strings.Join([]string{string(rune('0' + n)), req.Method, req.URL.Path, body}, " "))
}

func (l *requestLog) lines() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.seen...)
}

// answerEach reads the requests of connection n one by one until the client closes it, logs each, and
// writes what answer gives for it (i counts the requests of the connection from 0); an answer of ""
// closes the connection instead.
func answerEach(t *testing.T, log *requestLog, n int, c net.Conn, r *bufio.Reader, answer func(i int, req *http.Request) string) {
	t.Helper()
	for i := 0; ; i++ {
		req, body := readRequest(t, r)
		if req == nil {
			return
		}
		log.add(n, req, body)
		a := answer(i, req)
		if a == "" {
			return
		}
		if _, err := io.WriteString(c, a); err != nil {
			return
		}
	}
}

// hangUpOnSecond is a raw server that answers the first request of each connection and, on the
// first connection only, reads the second request and closes without answering it: an upstream that
// dropped a kept-alive connection just as a request came.
func hangUpOnSecond(t *testing.T, log *requestLog) *rawServer {
	t.Helper()
	return newRawServer(t, func(n int, c net.Conn, r *bufio.Reader) {
		answerEach(t, log, n, c, r, func(i int, _ *http.Request) string {
			if n == 0 && i == 1 {
				return "" // read, not answered: the connection closes
			}
			return "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
		})
	})
}

// TestNonIdempotentRequestThatReachedTheUpstreamIsNotSentAgain pins the no-retry rule: a POST
// written whole on a reused connection that the upstream closed before answering fails, and the
// upstream got it once, though its body could be sent again.
func TestNonIdempotentRequestThatReachedTheUpstreamIsNotSentAgain(t *testing.T) {
	var log requestLog
	srv := hangUpOnSecond(t, &log)
	tr := newTransport(t)
	send(t, tr, http.MethodGet, srv.URL+"/first", "")

	req, err := http.NewRequestWithContext(testContext(t), http.MethodPost, srv.URL+"/create", strings.NewReader(`{"a":1}`))
	require.NoError(t, err)
	require.NotNil(t, req.GetBody, "the body can be sent again")
	resp, err := tr.RoundTrip(req)
	if err == nil {
		_ = resp.Body.Close()
	}
	require.Error(t, err, "a POST the upstream got and did not answer")
	assert.ErrorIs(t, err, io.EOF)
	assert.Equal(t, []string{"0 GET /first ", `0 POST /create {"a":1}`}, log.lines(), "what the server got")
}

// TestIdempotentRequestIsSentAgainWhenTheReusedConnectionClosedBeforeAnswering pins the retry: a GET
// (or a POST with an Idempotency-Key) in the same case is sent once more on a new connection and
// succeeds.
func TestIdempotentRequestIsSentAgainWhenTheReusedConnectionClosedBeforeAnswering(t *testing.T) {
	for _, tc := range []struct {
		name, method, body, key string
	}{
		{"GET", http.MethodGet, "", ""},
		{"POST with Idempotency-Key", http.MethodPost, "payload", "Idempotency-Key"},
		{"POST with X-Idempotency-Key", http.MethodPost, "payload", "X-Idempotency-Key"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var log requestLog
			srv := hangUpOnSecond(t, &log)
			tr := newTransport(t)
			send(t, tr, http.MethodGet, srv.URL+"/first", "")

			var body io.Reader
			if tc.body != "" {
				body = strings.NewReader(tc.body)
			}
			req, err := http.NewRequestWithContext(testContext(t), tc.method, srv.URL+"/again", body)
			require.NoError(t, err)
			if tc.key != "" {
				req.Header.Set(tc.key, "k1")
			}
			resp, err := tr.RoundTrip(req)
			require.NoError(t, err)
			assert.Equal(t, "ok", readAll(t, resp))
			assert.Equal(t, []string{"0 GET /first ", "0 " + tc.method + " /again " + tc.body, "1 " + tc.method + " /again " + tc.body}, log.lines(), "what the server got")
		})
	}
}

// TestIdempotentRequestWithABodyThatCannotBeSentAgainIsNotRetried pins that a retry needs GetBody:
// an idempotent request whose body cannot be rewound fails instead.
func TestIdempotentRequestWithABodyThatCannotBeSentAgainIsNotRetried(t *testing.T) {
	var log requestLog
	srv := hangUpOnSecond(t, &log)
	tr := newTransport(t)
	send(t, tr, http.MethodGet, srv.URL+"/first", "")

	req, err := http.NewRequestWithContext(testContext(t), http.MethodPost, srv.URL+"/again", io.MultiReader(strings.NewReader("payload")))
	require.NoError(t, err)
	req.ContentLength = int64(len("payload"))
	req.Header.Set("Idempotency-Key", "k1")
	require.Nil(t, req.GetBody)
	resp, err := tr.RoundTrip(req)
	if err == nil {
		_ = resp.Body.Close()
	}
	require.Error(t, err)
	assert.Len(t, log.lines(), 2, "what the server got: %q", log.lines())
}

// TestRequestOnAFreshConnectionIsNotRetried pins that only a reused connection's failure is retried:
// a GET whose new connection closes before an answer fails.
func TestRequestOnAFreshConnectionIsNotRetried(t *testing.T) {
	var log requestLog
	srv := newRawServer(t, func(n int, _ net.Conn, r *bufio.Reader) {
		if req, body := readRequest(t, r); req != nil {
			log.add(n, req, body)
		}
	})
	_, err := sendErr(t, newTransport(t), http.MethodGet, srv.URL+"/x", "")
	require.Error(t, err)
	assert.ErrorIs(t, err, io.EOF)
	assert.Equal(t, []string{"0 GET /x "}, log.lines())
}
