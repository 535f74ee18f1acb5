package upstream_test

import (
	"bufio"
	"bytes"
	"io"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/upstream"
)

// TestAResponseHeaderBeyondTheLimitFails pins the bound on a response header: HTTPS's
// MaxResponseHeaderBytes, as http.Transport applies it.
func TestAResponseHeaderBeyondTheLimitFails(t *testing.T) {
	srv := newRawServer(t, func(_ int, c net.Conn, r *bufio.Reader) {
		if req, _ := readRequest(t, r); req == nil {
			return
		}
		_, _ = io.WriteString(c, "HTTP/1.1 200 OK\r\nX-Big: "+strings.Repeat("a", 8<<10)+"\r\nContent-Length: 0\r\n\r\n")
	})
	tr := &upstream.Transport{HTTPS: &http.Transport{MaxResponseHeaderBytes: 4 << 10}}
	t.Cleanup(tr.CloseIdleConnections)
	_, err := sendErr(t, tr, http.MethodGet, srv.URL+"/", "")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "larger than the transport's limit")
}

// TestEndlessInformationalAnswersFail pins the bound on 1xx answers before the final one.
func TestEndlessInformationalAnswersFail(t *testing.T) {
	srv := newRawServer(t, func(_ int, c net.Conn, r *bufio.Reader) {
		if req, _ := readRequest(t, r); req == nil {
			return
		}
		_, _ = io.WriteString(c, strings.Repeat("HTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\n", 6)+"HTTP/1.1 204 No Content\r\n\r\n")
	})
	_, err := sendErr(t, newTransport(t), http.MethodGet, srv.URL+"/", "")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "informational (1xx) answers")
}

// TestARequestThatCannotBeWrittenAsGivenIsRefused pins the checks http.Transport makes: a method or a
// header that would break the request's head is refused, and nothing reaches the upstream.
func TestARequestThatCannotBeWrittenAsGivenIsRefused(t *testing.T) {
	var reached atomic.Int32
	srv, _ := countingServer(t, http.HandlerFunc(func(http.ResponseWriter, *http.Request) { reached.Add(1) }))
	for name, breakIt := range map[string]func(*http.Request){
		"method with a line break": func(r *http.Request) { r.Method = "GET / HTTP/1.1\r\nX-Injected: yes\r\n\r\nGET" },
		"header name with a space": func(r *http.Request) { r.Header["X Bad"] = []string{"v"} },
		"header value with a line": func(r *http.Request) { r.Header.Set("X-Note", "a\r\nX-Injected: yes") },
	} {
		t.Run(name, func(t *testing.T) {
			req, err := http.NewRequestWithContext(testContext(t), http.MethodGet, srv.URL+"/", nil)
			require.NoError(t, err)
			breakIt(req)
			_, err = newTransport(t).RoundTrip(req)
			require.Error(t, err)
			assert.Contains(t, err.Error(), "not valid")
		})
	}
	assert.Zero(t, reached.Load(), "requests the upstream got")
}

// TestAnAnswerSentBeforeTheUpstreamStoppedReadingIsPassedOn pins that an upstream refusing a body
// it will not read (it answers, then closes) is heard: its answer, not a broken pipe.
func TestAnAnswerSentBeforeTheUpstreamStoppedReadingIsPassedOn(t *testing.T) {
	srv := newRawServer(t, func(_ int, c net.Conn, r *bufio.Reader) {
		if _, err := http.ReadRequest(r); err != nil {
			return
		}
		_, _ = io.WriteString(c, "HTTP/1.1 413 Request Entity Too Large\r\nContent-Length: 9\r\nConnection: close\r\n\r\ntoo large")
		if tcp, ok := c.(*net.TCPConn); ok {
			_ = tcp.SetLinger(0) // reset at once, the body left unread
		}
	})
	payload := bytes.Repeat([]byte("x"), upstream.MaxOwnBody)
	req, err := http.NewRequestWithContext(testContext(t), http.MethodPut, srv.URL+"/big", bytes.NewReader(payload))
	require.NoError(t, err)
	resp, err := newTransport(t).RoundTrip(req)
	require.NoError(t, err, "the upstream's answer, not the failed write")
	assert.Equal(t, http.StatusRequestEntityTooLarge, resp.StatusCode)
	assert.Equal(t, "too large", readAll(t, resp))
	assert.True(t, resp.Close, "the connection is not reused")
}
