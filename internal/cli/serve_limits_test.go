package cli_test

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/cli"
	"github.com/graphconform/graphconform/internal/mockgraph"
)

func TestServeWritesTheAccessLogToAFileAndLosesNoLineOnStop(t *testing.T) {
	path := filepath.Join(t.TempDir(), "access.log")
	s := startServe(t, "--access-log", path)
	for range 50 {
		status, _, _ := callMock(t, http.DefaultClient, http.MethodGet, s.url+serveStatePath, serveToken, "")
		require.Equal(t, http.StatusOK, status)
	}
	require.Equal(t, 0, s.stop(t))
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, 50, strings.Count(string(data), "msg=request"), "every request is logged once, the last ones too")
	assert.NotContains(t, s.stderr.String(), "msg=request", "with --access-log FILE, stderr carries no request lines")
}

func TestServeAccessLogOffAndLogLevel(t *testing.T) {
	for _, args := range [][]string{{"--access-log", "off"}, {"--log-level", "warn"}} {
		s := startServe(t, args...)
		status, _, _ := callMock(t, http.DefaultClient, http.MethodGet, s.url+serveStatePath, serveToken, "")
		require.Equal(t, http.StatusOK, status)
		require.Equal(t, 0, s.stop(t))
		assert.NotContains(t, s.stderr.String(), "msg=request", "%v logs no request line", args)
	}
}

func TestServeRefusesBadLimitFlags(t *testing.T) {
	for _, args := range [][]string{
		{"--log-level", "loud"}, {"--max-header-bytes", "10"}, {"--idle-timeout", "-1s"},
		{"--history", "0"}, {"--access-log", filepath.Join(t.TempDir(), "missing", "dir", "log")},
	} {
		stdout, stderr := &syncBuffer{}, &syncBuffer{}
		code := runServeOnce(t, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...), stdout, stderr)
		assert.Equal(t, 2, code, "%v: %s", args, stderr.String())
	}
}

func TestServeReapsIdleConnections(t *testing.T) {
	s := startServe(t, "--idle-timeout", "200ms")
	conn, err := net.Dial("tcp", strings.TrimPrefix(s.url, "http://"))
	require.NoError(t, err)
	defer conn.Close()
	require.NoError(t, conn.SetDeadline(time.Now().Add(5*time.Second)))
	_, err = io.WriteString(conn, "GET "+serveStatePath+" HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer x\r\n\r\n")
	require.NoError(t, err)
	reader := bufio.NewReader(conn)
	resp, err := http.ReadResponse(reader, nil)
	require.NoError(t, err)
	_, _ = io.Copy(io.Discard, resp.Body)
	_, err = reader.ReadByte()
	assert.ErrorIs(t, err, io.EOF, "the idle keep-alive connection was closed by serve, not by the 5 s deadline")
}

func TestServeAnswersOversizedHeadersWithAGraphError(t *testing.T) {
	s := startServe(t, "--max-header-bytes", "4096")
	req, err := http.NewRequest(http.MethodGet, s.url+serveStatePath, nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer x")
	req.Header.Set("X-Big", strings.Repeat("a", 5000))
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	assert.Equal(t, http.StatusRequestHeaderFieldsTooLarge, resp.StatusCode)
	assert.Equal(t, mockgraph.ContentTypeJSON, resp.Header.Get("Content-Type"))
}

func TestServeControlToken(t *testing.T) {
	s := startServe(t, "--control-token", "s3cret")
	status, _, _ := callMock(t, http.DefaultClient, http.MethodGet, s.url+"/_graphconform/state", "-", "")
	assert.Equal(t, http.StatusUnauthorized, status)
	req, err := http.NewRequest(http.MethodGet, s.url+"/_graphconform/state", nil)
	require.NoError(t, err)
	req.Header.Set(mockgraph.HeaderControlToken, "s3cret")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.NotContains(t, s.stdout.String()+s.stderr.String(), "s3cret", "the control token is never printed")
}

func TestServeBeyondLoopbackWarnsAndPrintsTheRealAddress(t *testing.T) {
	s := startServing(t, "serve", "--addr", "0.0.0.0:0")
	assert.Regexp(t, regexp.MustCompile(`serving http://0\.0\.0\.0:\d+ .*every interface; from this machine http://127\.0\.0\.1:\d+`), s.stdout.String())
	require.Eventually(t, func() bool { return strings.Contains(s.stderr.String(), "WARNING: listening on 0.0.0.0:") }, 5*time.Second, 10*time.Millisecond)
	assert.Contains(t, s.stderr.String(), "--control-token")

	quiet := startServe(t)
	assert.NotContains(t, quiet.stderr.String(), "WARNING")
}

// runServeOnce runs graphconform with args, which must make it exit by itself (a usage error),
// within 10 s.
func runServeOnce(t *testing.T, args []string, stdout, stderr *syncBuffer) int {
	t.Helper()
	done := make(chan int, 1)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	go func() { done <- cli.Run(ctx, args, stdout, stderr) }()
	select {
	case code := <-done:
		return code
	case <-time.After(10 * time.Second):
		t.Fatalf("%v did not exit: %s", args, stderr.String())
		return -1
	}
}
