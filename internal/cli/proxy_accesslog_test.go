package cli_test

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// getStatesInParallel sends requests GETs of the seeded windowsUpdateState to the server at url
// (serve, or a proxy in front of it) from 4 workers, each answered 200.
func getStatesInParallel(t *testing.T, url string, requests int) {
	t.Helper()
	transport := &http.Transport{MaxIdleConnsPerHost: 4}
	t.Cleanup(transport.CloseIdleConnections)
	client := &http.Client{Transport: transport}
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for range requests / 4 {
				status, _, _ := callMock(t, client, http.MethodGet, url+serveStatePath, serveToken, "")
				assert.Equal(t, http.StatusOK, status, "worker %d", w)
			}
		})
	}
	wg.Wait()
}

func TestProxyWritesEveryAccessLogLineBeforeItStops(t *testing.T) {
	const requests = 400
	path := filepath.Join(t.TempDir(), "access.log")
	s := startProxy(t, upstreamMock(t).URL, "--access-log", path)
	getStatesInParallel(t, s.url, requests)
	require.Equal(t, 0, sigterm(t, s))
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, requests, strings.Count(string(data), "msg=request "), "one line an exchange, all written out when the proxy stopped")
	assert.NotContains(t, s.stderr.String(), "msg=request ", "the lines go to the file, not to stderr")
	assert.Contains(t, s.stderr.String(), "graphconform proxy: no exchange broke the contract", "the summary stays on stderr")
}

func TestProxyAccessLogGoesToStderrByDefaultAndOffDiscardsIt(t *testing.T) {
	s := startProxy(t, upstreamMock(t).URL)
	getStatesInParallel(t, s.url, 8)
	require.Equal(t, 0, sigterm(t, s))
	logs := s.stderr.String()
	assert.Equal(t, 8, strings.Count(logs, "msg=request "), logs)
	assert.Less(t, strings.LastIndex(logs, "msg=request "), strings.Index(logs, "graphconform proxy: no exchange broke the contract"), "the lines come before the summary")

	s = startProxy(t, upstreamMock(t).URL, "--access-log", "off")
	getStatesInParallel(t, s.url, 8)
	require.Equal(t, 0, sigterm(t, s))
	assert.NotContains(t, s.stderr.String(), "msg=request ")
}

func TestProxyAccessLogInAMissingFolderIsAUsageError(t *testing.T) {
	code, _, stderr := runCLI(t, "proxy", "--addr", "127.0.0.1:0", "--upstream", "http://127.0.0.1:1", "--access-log", filepath.Join(t.TempDir(), "no", "such", "access.log"))
	assert.Equal(t, 2, code, stderr)
	assert.Contains(t, stderr, "--access-log")
}
