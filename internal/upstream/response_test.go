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

// TestChunkedAnswerIsReadWholeAndTheConnectionReused pins a chunked body: read whole, trailer
// included, and its connection kept.
func TestChunkedAnswerIsReadWholeAndTheConnectionReused(t *testing.T) {
	srv, counter := countingServer(t, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Trailer", "X-Sum")
		for i := range 3 {
			_, _ = io.WriteString(w, strings.Repeat(string(rune('a'+i)), 3000))
			w.(http.Flusher).Flush()
		}
		w.Header().Set("X-Sum", "9000")
	}))
	tr := newTransport(t)
	for range 2 {
		resp, body := send(t, tr, http.MethodGet, srv.URL+"/", "")
		assert.Equal(t, []string{"chunked"}, resp.TransferEncoding)
		assert.Equal(t, int64(-1), resp.ContentLength)
		assert.Equal(t, strings.Repeat("a", 3000)+strings.Repeat("b", 3000)+strings.Repeat("c", 3000), body)
		assert.Equal(t, "9000", resp.Trailer.Get("X-Sum"))
	}
	opened, _ := counter.counts()
	assert.Equal(t, 1, opened, "connections opened")
}

// TestAnswerEndedByClosingTheConnectionIsNotReused pins a body without length, ended by the upstream
// closing the connection: read whole, and the next request dials anew.
func TestAnswerEndedByClosingTheConnectionIsNotReused(t *testing.T) {
	for name, head := range map[string]string{
		"Connection close": "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n",
		"no length":        "HTTP/1.1 200 OK\r\n\r\n",
		"HTTP/1.0":         "HTTP/1.0 200 OK\r\n\r\n",
	} {
		t.Run(name, func(t *testing.T) {
			srv := newRawServer(t, func(_ int, c net.Conn, r *bufio.Reader) {
				if req, _ := readRequest(t, r); req != nil {
					_, _ = io.WriteString(c, head+"until the end")
				}
			})
			tr := newTransport(t)
			for range 2 {
				resp, body := send(t, tr, http.MethodGet, srv.URL+"/", "")
				assert.True(t, resp.Close, "resp.Close")
				assert.Equal(t, "until the end", body)
			}
			assert.Equal(t, int32(2), srv.accepted.Load(), "connections accepted")
		})
	}
}

// TestAnswersWithoutBodyReuseTheConnection pins HEAD, 204 and 304: no body read, though a length is
// announced, and the connection kept.
func TestAnswersWithoutBodyReuseTheConnection(t *testing.T) {
	srv, counter := countingServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/204":
			w.WriteHeader(http.StatusNoContent)
		case "/304":
			w.WriteHeader(http.StatusNotModified)
		default:
			w.Header().Set("Content-Length", "10")
			if r.Method != http.MethodHead {
				_, _ = io.WriteString(w, "0123456789")
			}
		}
	}))
	tr := newTransport(t)
	for _, tc := range []struct {
		method, path string
		status       int
	}{
		{http.MethodHead, "/", http.StatusOK},
		{http.MethodGet, "/204", http.StatusNoContent},
		{http.MethodGet, "/304", http.StatusNotModified},
		{http.MethodHead, "/", http.StatusOK},
	} {
		resp, body := send(t, tr, tc.method, srv.URL+tc.path, "")
		assert.Equal(t, tc.status, resp.StatusCode, "%s %s", tc.method, tc.path)
		assert.Empty(t, body, "%s %s", tc.method, tc.path)
	}
	_, body := send(t, tr, http.MethodGet, srv.URL+"/", "")
	assert.Equal(t, "0123456789", body)
	opened, _ := counter.counts()
	assert.Equal(t, 1, opened, "connections opened")
}

// TestInformationalAnswersAreSkipped pins 100 Continue and 103 Early Hints before the final answer:
// the caller gets the final one, and the connection is kept.
func TestInformationalAnswersAreSkipped(t *testing.T) {
	srv := newRawServer(t, func(_ int, c net.Conn, r *bufio.Reader) {
		for {
			if req, _ := readRequest(t, r); req == nil {
				return
			}
			_, _ = io.WriteString(c, "HTTP/1.1 100 Continue\r\n\r\n"+
				"HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n"+
				"HTTP/1.1 201 Created\r\nX-Final: yes\r\nContent-Length: 4\r\n\r\ndone")
		}
	})
	tr := newTransport(t)
	for range 2 {
		resp, body := send(t, tr, http.MethodPost, srv.URL+"/", "payload")
		assert.Equal(t, http.StatusCreated, resp.StatusCode)
		assert.Equal(t, "yes", resp.Header.Get("X-Final"))
		assert.Empty(t, resp.Header.Get("Link"), "a header of the 103")
		assert.Equal(t, "done", body)
	}
	assert.Equal(t, int32(1), srv.accepted.Load(), "connections accepted")
}

// TestSwitchingProtocolsToARequestWithoutUpgradeFails pins a 101 the request did not ask for: an
// error that names it, on a fresh connection and on a reused one (not sent again).
func TestSwitchingProtocolsToARequestWithoutUpgradeFails(t *testing.T) {
	var log requestLog
	srv := newRawServer(t, func(n int, c net.Conn, r *bufio.Reader) {
		answerEach(t, &log, n, c, r, func(_ int, req *http.Request) string {
			if req.URL.Path == "/ok" {
				return "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
			}
			return "HTTP/1.1 101 Switching Protocols\r\nUpgrade: other\r\nConnection: Upgrade\r\n\r\n"
		})
	})
	tr := newTransport(t)
	upgrade := func() error {
		resp, err := sendErr(t, tr, http.MethodGet, srv.URL+"/upgrade", "")
		if err == nil {
			_ = resp.Body.Close()
		}
		return err
	}
	err := upgrade()
	require.Error(t, err)
	assert.Contains(t, err.Error(), "101")

	send(t, tr, http.MethodGet, srv.URL+"/ok", "")
	err = upgrade()
	require.Error(t, err)
	assert.Contains(t, err.Error(), "101")
	assert.Equal(t, []string{"0 GET /upgrade ", "1 GET /ok ", "1 GET /upgrade "}, log.lines(), "what the server got")
}

// TestMalformedAnswerFails pins an answer that is not HTTP: an error, not a response.
func TestMalformedAnswerFails(t *testing.T) {
	srv := newRawServer(t, func(_ int, c net.Conn, r *bufio.Reader) {
		if req, _ := readRequest(t, r); req != nil {
			_, _ = io.WriteString(c, "SSH-2.0-OpenSSH\r\n\r\n")
		}
	})
	resp, err := sendErr(t, newTransport(t), http.MethodGet, srv.URL+"/", "")
	if err == nil {
		_ = resp.Body.Close()
	}
	require.Error(t, err)
	assert.Contains(t, err.Error(), "malformed HTTP response")
}
