package httpserver_test

import (
	"bufio"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/spf13/pflag"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/httpserver"
)

// serve starts a server with limits on loopback and returns its address.
func serve(t *testing.T, limits httpserver.Limits, h http.Handler) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	server := limits.Server(h, nil)
	go func() { _ = server.Serve(limits.Listener(ln)) }()
	t.Cleanup(func() { _ = server.Close() })
	return ln.Addr().String()
}

// dial opens a connection whose every read gives up after 5 s, so no test can hang.
func dial(t *testing.T, addr string) net.Conn {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	require.NoError(t, err)
	require.NoError(t, conn.SetDeadline(time.Now().Add(5*time.Second)))
	t.Cleanup(func() { _ = conn.Close() })
	return conn
}

// closedByServer reads conn until the server closes it, and reports whether it did before the
// connection's deadline.
func closedByServer(conn net.Conn) bool {
	_, err := io.Copy(io.Discard, conn)
	var netErr net.Error
	return !(errors.As(err, &netErr) && netErr.Timeout())
}

var ok = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	_, _ = io.Copy(io.Discard, r.Body)
	w.WriteHeader(http.StatusNoContent)
})

func TestReadHeaderTimeoutClosesASlowClient(t *testing.T) {
	addr := serve(t, httpserver.Limits{ReadHeaderTimeout: 200 * time.Millisecond, MaxHeaderBytes: 4096}, ok)
	conn := dial(t, addr)
	_, err := io.WriteString(conn, "GET / HTTP/1.1\r\nHost: x\r\n") // and never the blank line
	require.NoError(t, err)
	assert.True(t, closedByServer(conn), "the server kept a connection whose headers never ended")
}

func TestReadTimeoutClosesASlowBody(t *testing.T) {
	addr := serve(t, httpserver.Limits{ReadTimeout: 300 * time.Millisecond, MaxHeaderBytes: 4096}, ok)
	conn := dial(t, addr)
	_, err := io.WriteString(conn, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n0123456789")
	require.NoError(t, err)
	assert.True(t, closedByServer(conn), "the server kept waiting for a body that never came")
}

func TestWriteTimeoutCutsASlowResponse(t *testing.T) {
	slow := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		time.Sleep(600 * time.Millisecond)
		w.WriteHeader(http.StatusNoContent)
	})
	addr := serve(t, httpserver.Limits{WriteTimeout: 200 * time.Millisecond, MaxHeaderBytes: 4096}, slow)
	conn := dial(t, addr)
	_, err := io.WriteString(conn, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
	require.NoError(t, err)
	got, err := io.ReadAll(conn)
	require.NoError(t, err, "the server should close the connection, not leave it open")
	assert.Empty(t, got, "a response written after the write timeout must not reach the client")
}

func TestIdleTimeoutClosesAnIdleKeepAlive(t *testing.T) {
	addr := serve(t, httpserver.Limits{IdleTimeout: 200 * time.Millisecond, MaxHeaderBytes: 4096}, ok)
	conn := dial(t, addr)
	_, err := io.WriteString(conn, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
	require.NoError(t, err)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	require.NoError(t, err)
	assert.Equal(t, http.StatusNoContent, resp.StatusCode)
	assert.True(t, closedByServer(conn), "the server kept an idle keep-alive connection open")
}

func TestMaxHeaderBytesCutsHugeHeaders(t *testing.T) {
	addr := serve(t, httpserver.Limits{MaxHeaderBytes: 4096}, ok)
	conn := dial(t, addr)
	_, err := io.WriteString(conn, "GET / HTTP/1.1\r\nHost: x\r\nX-Big: "+strings.Repeat("a", 3*4096+4096)+"\r\n\r\n")
	require.NoError(t, err)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	require.NoError(t, err)
	assert.Equal(t, http.StatusRequestHeaderFieldsTooLarge, resp.StatusCode)
}

func TestMaxConnectionsMakesFurtherClientsWait(t *testing.T) {
	addr := serve(t, httpserver.Limits{MaxConnections: 1, MaxHeaderBytes: 4096}, ok)
	first := dial(t, addr)
	_, err := io.WriteString(first, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
	require.NoError(t, err)
	firstReader := bufio.NewReader(first)
	resp, err := http.ReadResponse(firstReader, nil)
	require.NoError(t, err)
	require.Equal(t, http.StatusNoContent, resp.StatusCode)

	second := dial(t, addr)
	require.NoError(t, second.SetReadDeadline(time.Now().Add(300*time.Millisecond)))
	_, err = io.WriteString(second, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
	require.NoError(t, err)
	secondReader := bufio.NewReader(second)
	_, err = http.ReadResponse(secondReader, nil)
	var netErr net.Error
	require.True(t, errors.As(err, &netErr) && netErr.Timeout(), "a second connection was served past the cap of one: %v", err)

	require.NoError(t, first.Close())
	require.NoError(t, second.SetReadDeadline(time.Now().Add(5*time.Second)))
	resp, err = http.ReadResponse(secondReader, nil)
	require.NoError(t, err, "once the first connection closed, the second is served")
	assert.Equal(t, http.StatusNoContent, resp.StatusCode)
}

func TestAddFlagsSetsEveryLimit(t *testing.T) {
	limits := httpserver.DefaultLimits()
	fs := pflag.NewFlagSet("serve", pflag.ContinueOnError)
	limits.AddFlags(fs)
	require.NoError(t, fs.Parse([]string{
		"--read-header-timeout=1s", "--read-timeout=2s", "--write-timeout=3s", "--idle-timeout=4s",
		"--max-header-bytes=8192", "--max-connections=9",
	}))
	assert.Equal(t, httpserver.Limits{
		ReadHeaderTimeout: time.Second, ReadTimeout: 2 * time.Second, WriteTimeout: 3 * time.Second,
		IdleTimeout: 4 * time.Second, MaxHeaderBytes: 8192, MaxConnections: 9,
	}, limits)
	require.NoError(t, limits.Check())
}

func TestCheckNamesTheLimitToFix(t *testing.T) {
	err := httpserver.Limits{ReadTimeout: -1, MaxHeaderBytes: 10, MaxConnections: -2}.Check()
	require.Error(t, err)
	for _, want := range []string{"--read-timeout", "--max-header-bytes", "--max-connections"} {
		assert.ErrorContains(t, err, want)
	}
	require.NoError(t, httpserver.DefaultLimits().Check())
}
