package cli_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/contract"
	"github.com/graphconform/graphconform/internal/mockgraph"
	"github.com/graphconform/graphconform/internal/proxy"
	"github.com/graphconform/graphconform/internal/rules"
)

// upstreamMock is the mock as an in-process upstream: a proxy test's SIGTERM then stops only the proxy.
func upstreamMock(t *testing.T) *httptest.Server {
	t.Helper()
	validator, err := contract.Load(context.Background())
	require.NoError(t, err)
	m, err := mockgraph.New(mockgraph.Options{Seed: mockgraph.DefaultSeed(), Validator: validator})
	require.NoError(t, err)
	srv := httptest.NewServer(m)
	t.Cleanup(srv.Close)
	return srv
}

// answering200 is an upstream that answers updateSoftware 200 instead of 202.
func answering200(t *testing.T) *httptest.Server {
	t.Helper()
	mock := upstreamMock(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/updateSoftware") {
			w.Header().Set("Content-Type", "application/json")
			_, _ = io.WriteString(w, `{}`)
			return
		}
		resp, err := http.Get(mock.URL + r.URL.RequestURI())
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		defer resp.Body.Close()
		w.WriteHeader(resp.StatusCode)
		_, _ = io.Copy(w, resp.Body)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func startProxy(t *testing.T, upstream string, args ...string) *served {
	t.Helper()
	return startServing(t, append([]string{"proxy", "--addr", "127.0.0.1:0", "--upstream", upstream}, args...)...)
}

// sigterm stops the running proxy as a CI runner would and returns its exit status.
func sigterm(t *testing.T, s *served) int {
	t.Helper()
	needSelfSignals(t)
	require.NoError(t, signalSelf(syscall.SIGTERM))
	select {
	case code := <-s.done:
		s.done <- code
		return code
	case <-time.After(15 * time.Second):
		t.Fatalf("the proxy did not stop on SIGTERM:\n%s", s.stderr.String())
		return -1
	}
}

func proxyViolations(t *testing.T, s *served) proxy.ViolationReport {
	t.Helper()
	status, _, body := callMock(t, http.DefaultClient, http.MethodGet, s.url+"/_graphconform/violations", "-", "")
	require.Equal(t, http.StatusOK, status)
	var report proxy.ViolationReport
	require.NoError(t, json.Unmarshal([]byte(body), &report), body)
	return report
}

func TestProxyPrintsItsURLFirstAndPassesAValidUpdate(t *testing.T) {
	s := startProxy(t, upstreamMock(t).URL)
	firstLine, _, _ := strings.Cut(s.stdout.String(), "\n")
	assert.Regexp(t, `^graphconform proxy serving http://127\.0\.0\.1:\d+ → http://127\.0\.0\.1:\d+ `, firstLine)
	status, header, _ := callMock(t, http.DefaultClient, http.MethodPost, s.url+serveUpdatePath, serveToken, serveSoftwareBody)
	require.Equal(t, http.StatusAccepted, status)
	assert.NotEmpty(t, header.Get("Location"))
	assert.Equal(t, 0, proxyViolations(t, s).Count)
	assert.Equal(t, 0, sigterm(t, s), "no violation: exit 0")
	assert.Contains(t, s.stderr.String(), "graphconform proxy: no exchange broke the contract")
	assert.NotContains(t, s.stderr.String(), serveToken)
}

func TestProxyInvalidSoftwareTypeIsAClientViolationAndSIGTERMExitsOne(t *testing.T) {
	har := filepath.Join(t.TempDir(), "traffic.har")
	junit := filepath.Join(t.TempDir(), "violations.xml")
	s := startProxy(t, upstreamMock(t).URL, "--har", har, "--violations-junit", junit)
	status, _, _ := callMock(t, http.DefaultClient, http.MethodPost, s.url+serveUpdatePath, serveToken, `{"softwareType":"banana"}`)
	require.Equal(t, http.StatusBadRequest, status)
	report := proxyViolations(t, s)
	require.Len(t, report.Violations, 1)
	assert.Equal(t, rules.Client, report.Violations[0].Side)
	assert.Equal(t, []string{rules.RequestBodySchema.String()}, report.Violations[0].RuleIDs())

	assert.Equal(t, 1, sigterm(t, s))
	logs := s.stderr.String()
	assert.Contains(t, logs, "level=ERROR msg=violation side=client rules=request-body-schema operation=teamworkDevice.updateSoftware")
	assert.Contains(t, logs, "1 violation(s), 1 of them errors (client side 1, server side 0)")
	assert.NotContains(t, logs, serveToken)

	data, err := os.ReadFile(har)
	require.NoError(t, err)
	var log struct {
		Log struct{ Entries []json.RawMessage } `json:"log"`
	}
	require.NoError(t, json.Unmarshal(data, &log), "the HAR is closed on SIGTERM: %s", data)
	assert.Len(t, log.Log.Entries, 1)
	assert.NotContains(t, string(data), serveToken)
	data, err = os.ReadFile(junit)
	require.NoError(t, err)
	assert.Contains(t, string(data), `type="request-body-schema"`)
}

func TestProxyInFrontOfABrokenUpstreamReportsTheServerSide(t *testing.T) {
	s := startProxy(t, answering200(t).URL)
	status, _, _ := callMock(t, http.DefaultClient, http.MethodPost, s.url+serveUpdatePath, serveToken, serveSoftwareBody)
	require.Equal(t, http.StatusOK, status)
	report := proxyViolations(t, s)
	require.Len(t, report.Violations, 1)
	assert.Equal(t, rules.Server, report.Violations[0].Side)
	assert.Contains(t, report.Violations[0].RuleIDs(), rules.ResponseStatusDeclared.String())
	assert.Equal(t, 1, sigterm(t, s))
	assert.Contains(t, s.stderr.String(), "side=server rules=response-status-declared")
}

func TestProxyNotStrictReportsAndExitsZero(t *testing.T) {
	s := startProxy(t, answering200(t).URL, "--strict=false")
	callMock(t, http.DefaultClient, http.MethodPost, s.url+serveUpdatePath, serveToken, serveSoftwareBody)
	assert.Equal(t, 0, sigterm(t, s))
	assert.Contains(t, s.stderr.String(), "1 violation(s)")
}

func TestProxyInFrontOfServeTLSTrustsTheUpstreamCA(t *testing.T) {
	mock := startServe(t, "--tls")
	s := startProxy(t, mock.url)
	status, _, body := callMock(t, http.DefaultClient, http.MethodPost, s.url+serveUpdatePath, serveToken, serveSoftwareBody)
	assert.Equal(t, http.StatusBadGateway, status, "the mock's self-signed certificate is not trusted: %s", body)
	s.stop(t)

	s = startProxy(t, mock.url, "--upstream-ca", mock.certPath, "--tls")
	require.NotEmpty(t, s.certPath)
	status, _, body = callMock(t, clientTrusting(t, s.certPath), http.MethodPost, s.url+serveUpdatePath, serveToken, serveSoftwareBody)
	assert.Equal(t, http.StatusAccepted, status, body)
}

func TestProxyCommandGate(t *testing.T) {
	upstream := upstreamMock(t).URL
	args := append([]string{"proxy", "--addr", "127.0.0.1:0", "--upstream", upstream, "--"}, helperRequest("POST", serveUpdatePath, serveSoftwareBody)...)
	code, stdout, stderr := runCLI(t, args...)
	assert.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, "status=202")

	args = append([]string{"proxy", "--addr", "127.0.0.1:0", "--upstream", upstream, "--"}, helperRequest("POST", serveUpdatePath, `{"softwareType":"banana"}`)...)
	code, _, stderr = runCLI(t, args...)
	assert.Equal(t, 1, code, stderr)
}

func TestProxyUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"proxy"}, "--upstream is required"},
		{[]string{"proxy", "--upstream", "graph.microsoft.com"}, "give an absolute http:// or https:// URL"},
		{[]string{"proxy", "--upstream", "https://u:p@graph.microsoft.com"}, "no credentials"},
		{[]string{"proxy", "--upstream", "https://graph.microsoft.com", "--insecure-upstream", "--upstream-ca", "x.pem"}, "contradict"},
		{[]string{"proxy", "--upstream", "https://graph.microsoft.com", "--body-limit", "0"}, "--body-limit"},
	} {
		code, _, stderr := runCLI(t, tc.args...)
		assert.Equal(t, 2, code, "%v: %s", tc.args, stderr)
		assert.Contains(t, stderr, tc.want, "%v", tc.args)
	}
}
