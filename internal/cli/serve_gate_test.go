package cli_test

import (
	"encoding/base64"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/mockgraph"
)

// TestServeStrictFailsWhenAnErrorComesPastTheKeptViolations fills the mock's violations with
// warnings (a token with only a higher-privileged scope) and then breaks a rule of level error: the
// error is only counted, not kept, and --strict must still fail.
func TestServeStrictFailsWhenAnErrorComesPastTheKeptViolations(t *testing.T) {
	if testing.Short() {
		t.Skip("sends more than MaxViolations requests")
	}
	s := startServe(t, "--strict", "--access-log", "off")
	fillWithWarnings(t, s.url, mockgraph.MaxViolations)
	status, _, _ := callMock(t, http.DefaultClient, http.MethodPost, s.url+serveUpdatePath, serveToken, `{"softwareType":"banana"}`)
	require.Equal(t, http.StatusBadRequest, status)
	code := s.stop(t)
	stderr := s.stderr.String()
	assert.Equal(t, 1, code, "the error past the kept violations fails the gate")
	assert.True(t, strings.Contains(stderr, "not kept") && strings.Contains(stderr, "1 of all 10001 broke a rule of level error"),
		"stderr says why: %s", stderr[max(0, len(stderr)-2000):])
}

// TestServeStrictPassesWarningsPastTheKeptViolations: warnings alone, kept or only counted, never
// fail the gate.
func TestServeStrictPassesWarningsPastTheKeptViolations(t *testing.T) {
	if testing.Short() {
		t.Skip("sends more than MaxViolations requests")
	}
	s := startServe(t, "--strict", "--access-log", "off")
	fillWithWarnings(t, s.url, mockgraph.MaxViolations+10)
	code := s.stop(t)
	stderr := s.stderr.String()
	assert.Equal(t, 0, code, "warnings do not fail the gate: %s", stderr[max(0, len(stderr)-2000):])
	assert.Contains(t, stderr, "0 of all 10010 broke a rule of level error")
}

// fillWithWarnings sends n requests to the mock at url that each draw a warning and no error.
func fillWithWarnings(t *testing.T, url string, n int) {
	t.Helper()
	token := "e30." + base64.RawURLEncoding.EncodeToString([]byte(`{"scp":"DeviceManagementConfiguration.ReadWrite.All"}`)) + ".sig"
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 4}}
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < n; i += 4 {
				req, err := http.NewRequest(http.MethodGet, url+serveStatePath, nil)
				if !assert.NoError(t, err) {
					return
				}
				req.Header.Set("Authorization", "Bearer "+token)
				resp, err := client.Do(req)
				if !assert.NoError(t, err) {
					return
				}
				_ = resp.Body.Close()
				if !assert.Equal(t, http.StatusOK, resp.StatusCode) {
					return
				}
			}
		}()
	}
	wg.Wait()
}
