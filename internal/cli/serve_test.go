package cli_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/cli"
	"github.com/graphconform/graphconform/internal/mockgraph"
)

// Ids of fixtures/mock/default.yaml.
const (
	serveDevice       = "0f3ce432-e432-0f3c-32e4-3c0f32e43c0f"
	serveConfig       = "6b1c8d2e-4f3a-4b5c-9d6e-7f8a9b0c1d2e"
	serveState        = "3d92af00-af00-3d92-00af-923d00af923d"
	serveSoftwareBody = `{"softwareType":"teamsClient","softwareVersion":"1.0.96.22"}`
	serveToken        = "serve-test-token"
	serveUpdatePath   = "/beta/teamwork/devices/" + serveDevice + "/updateSoftware"
	serveStatePath    = "/beta/deviceManagement/deviceConfigurations/" + serveConfig + "/microsoft.graph.windowsUpdateForBusinessConfiguration/deviceUpdateStates/" + serveState
)

// served is a 'graphconform serve' running in-process.
type served struct {
	url      string
	certPath string
	stdout   *syncBuffer
	stderr   *syncBuffer
	cancel   context.CancelFunc
	done     chan int
}

// stop cancels serve's context and returns its exit status.
func (s *served) stop(t *testing.T) int {
	t.Helper()
	s.cancel()
	select {
	case code := <-s.done:
		s.done <- code // stop may be called again, by the cleanup
		return code
	case <-time.After(15 * time.Second):
		t.Fatalf("serve did not stop; stderr:\n%s", s.stderr.String())
		return -1
	}
}

var (
	servingPattern     = regexp.MustCompile(`serving (https?://\S+)`)
	certificatePattern = regexp.MustCompile(`certificate \(PEM\): (\S+)`)
)

// startServe starts 'graphconform serve --addr 127.0.0.1:0' with args and waits for its URL. The
// server stops with the test, if the test has not stopped it.
func startServe(t *testing.T, args ...string) *served {
	t.Helper()
	return startServing(t, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
}

// startServing runs graphconform with args (serve or proxy) and waits for the URL it prints.
func startServing(t *testing.T, args ...string) *served {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	s := &served{stdout: &syncBuffer{}, stderr: &syncBuffer{}, cancel: cancel, done: make(chan int, 1)}
	go func() {
		s.done <- cli.Run(ctx, args, s.stdout, s.stderr)
	}()
	t.Cleanup(func() { s.stop(t) })
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if m := servingPattern.FindStringSubmatch(s.stdout.String()); m != nil {
			s.url = m[1]
			if m := certificatePattern.FindStringSubmatch(s.stdout.String()); m != nil {
				s.certPath = m[1]
			}
			return s
		}
		select {
		case code := <-s.done:
			s.done <- code
			t.Fatalf("%s exited %d: %s", args[0], code, s.stderr.String())
		case <-time.After(10 * time.Millisecond):
		}
	}
	t.Fatalf("%s printed no URL: %s", args[0], s.stdout.String())
	return nil
}

// callMock sends a request to the mock with an opaque bearer token (none when token is "-") and
// returns the status, headers and body.
func callMock(t *testing.T, c *http.Client, method, url, token, body string) (int, http.Header, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	require.NoError(t, err)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "-" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := c.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, resp.Header, string(data)
}

// clientTrusting returns a client that trusts the PEM certificate at path, and only it.
func clientTrusting(t *testing.T, path string) *http.Client {
	t.Helper()
	pemBytes, err := os.ReadFile(path)
	require.NoError(t, err)
	roots := x509.NewCertPool()
	require.True(t, roots.AppendCertsFromPEM(pemBytes), "the printed file holds a PEM certificate")
	transport := &http.Transport{TLSClientConfig: &tls.Config{RootCAs: roots, MinVersion: tls.VersionTLS12}}
	t.Cleanup(transport.CloseIdleConnections)
	return &http.Client{Transport: transport, Timeout: 10 * time.Second}
}

func TestServeLogsEachRequestToStderrWithoutTheToken(t *testing.T) {
	s := startServe(t)
	assert.Regexp(t, `^http://127\.0\.0\.1:\d+$`, s.url)
	status, header, _ := callMock(t, http.DefaultClient, http.MethodPost, s.url+serveUpdatePath, serveToken, serveSoftwareBody)
	require.Equal(t, http.StatusAccepted, status)
	require.Equal(t, 0, s.stop(t))
	logs := s.stderr.String()
	assert.Contains(t, logs, "method=POST path="+serveUpdatePath+" status=202 duration=")
	assert.Contains(t, logs, "request-id="+header.Get("request-id"))
	assert.Contains(t, logs, "auth=bearer")
	assert.NotContains(t, logs, serveToken, "the token is never logged")
	assert.Contains(t, logs, "graphconform mock: no request broke the contract")
	assert.Contains(t, logs, "graphconform mock stopped")
}

func TestServeOverTLSWithThePrintedCertificate(t *testing.T) {
	s := startServe(t, "--tls")
	require.Regexp(t, `^https://127\.0\.0\.1:\d+$`, s.url)
	require.NotEmpty(t, s.certPath, "the certificate's path is printed: %s", s.stdout.String())
	assert.Equal(t, filepath.Clean(os.TempDir()), filepath.Dir(s.certPath), "by default in the temporary directory")
	c := clientTrusting(t, s.certPath)

	port := s.url[strings.LastIndex(s.url, ":")+1:]
	for _, base := range []string{s.url, "https://localhost:" + port} {
		status, _, body := callMock(t, c, http.MethodGet, base+serveStatePath, serveToken, "")
		assert.Equal(t, http.StatusOK, status, body)
		assert.Contains(t, body, `"@odata.context":"`+base+`/beta/$metadata#`)
	}
	_, err := http.Get(s.url + serveStatePath)
	require.Error(t, err, "a client that does not trust the certificate is refused")

	require.Equal(t, 0, s.stop(t))
	_, err = os.Stat(s.certPath)
	assert.True(t, os.IsNotExist(err), "the temporary certificate is removed when serve stops")
}

func TestServeTLSWritesTheCertificateToCertOut(t *testing.T) {
	path := filepath.Join(t.TempDir(), "mock.pem")
	s := startServe(t, "--tls", "--cert-out", path)
	assert.Equal(t, path, s.certPath)
	status, _, _ := callMock(t, clientTrusting(t, path), http.MethodGet, s.url+"/_graphconform/state", "-", "")
	assert.Equal(t, http.StatusOK, status)
	require.Equal(t, 0, s.stop(t))
	_, err := os.Stat(path)
	assert.NoError(t, err, "a certificate written to --cert-out is kept")
}

func TestServeTLSWithAGivenCertificateAndKey(t *testing.T) {
	cert, certPEM, err := mockgraph.SelfSignedCertificate(time.Now())
	require.NoError(t, err)
	der, err := x509.MarshalECPrivateKey(cert.PrivateKey.(*ecdsa.PrivateKey))
	require.NoError(t, err)
	dir := t.TempDir()
	certPath, keyPath := filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	require.NoError(t, os.WriteFile(certPath, certPEM, 0o600))
	require.NoError(t, os.WriteFile(keyPath, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: der}), 0o600))

	s := startServe(t, "--cert", certPath, "--key", keyPath)
	require.True(t, strings.HasPrefix(s.url, "https://"), s.url)
	assert.Empty(t, s.certPath, "no certificate is generated")
	status, _, body := callMock(t, clientTrusting(t, certPath), http.MethodGet, s.url+serveStatePath, serveToken, "")
	assert.Equal(t, http.StatusOK, status, body)
}

func TestServeStrictExitsOneWhenARequestBrokeTheContract(t *testing.T) {
	s := startServe(t, "--strict")
	status, _, _ := callMock(t, http.DefaultClient, http.MethodPost, s.url+serveUpdatePath, serveToken, `{"softwareType":"banana"}`)
	require.Equal(t, http.StatusBadRequest, status)

	status, _, body := callMock(t, http.DefaultClient, http.MethodGet, s.url+"/_graphconform/violations", "-", "")
	require.Equal(t, http.StatusOK, status)
	var report mockgraph.ViolationReport
	require.NoError(t, json.Unmarshal([]byte(body), &report))
	require.Len(t, report.Violations, 1)
	assert.Equal(t, []string{"request-body-schema"}, report.Violations[0].RuleIDs())

	assert.Equal(t, 1, s.stop(t))
	logs := s.stderr.String()
	assert.Contains(t, logs, "graphconform mock: 1 request(s) broke the contract:")
	assert.Contains(t, logs, "POST "+serveUpdatePath+" → 400 [request-body-schema]")
	assert.NotContains(t, logs, "--strict makes this exit status 1")
}

func TestServeStrictExitsZeroWhenEveryRequestKeptTheContract(t *testing.T) {
	s := startServe(t, "--strict")
	status, _, _ := callMock(t, http.DefaultClient, http.MethodPost, s.url+serveUpdatePath, serveToken, serveSoftwareBody)
	require.Equal(t, http.StatusAccepted, status)
	assert.Equal(t, 0, s.stop(t))
}

func TestServeWithoutStrictReportsViolationsAndExitsZero(t *testing.T) {
	s := startServe(t)
	status, _, _ := callMock(t, http.DefaultClient, http.MethodGet, s.url+serveStatePath, "-", "")
	require.Equal(t, http.StatusUnauthorized, status)
	assert.Equal(t, 0, s.stop(t))
	assert.Contains(t, s.stderr.String(), "[request-authenticated]")
	assert.Contains(t, s.stderr.String(), "--strict makes this exit status 1")
}

func TestServeFinishesRequestsInFlightWhenStopped(t *testing.T) {
	s := startServe(t, "--fault", "windowsUpdateState.get:latencyMs=700")
	type answer struct {
		status int
		err    error
	}
	answered := make(chan answer, 1)
	go func() {
		req, _ := http.NewRequest(http.MethodGet, s.url+serveStatePath, nil)
		req.Header.Set("Authorization", "Bearer "+serveToken)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			answered <- answer{err: err}
			return
		}
		_ = resp.Body.Close()
		answered <- answer{status: resp.StatusCode}
	}()
	time.Sleep(250 * time.Millisecond) // the request is in the fault's latency
	began := time.Now()
	require.Equal(t, 0, s.stop(t))
	assert.Greater(t, time.Since(began), 100*time.Millisecond, "serve waited for the request")
	got := <-answered
	require.NoError(t, got.err)
	assert.Equal(t, http.StatusOK, got.status, "the request in flight was answered")
}

// TestServeStopsGracefullyOnSIGTERM signals the test process itself: it must not run in parallel with
// another serve.
func TestServeStopsGracefullyOnSIGTERM(t *testing.T) {
	needSelfSignals(t)
	s := startServe(t)
	require.NoError(t, signalSelf(syscall.SIGTERM))
	select {
	case code := <-s.done:
		s.done <- code
		assert.Equal(t, 0, code)
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop on SIGTERM")
	}
	assert.Contains(t, s.stderr.String(), "graphconform mock stopped")
}

func TestServeFakeClockIsAdvancedByTheControlEndpoint(t *testing.T) {
	s := startServe(t, "--fake-clock", "--queued", "10s", "--running", "10s")
	status, header, _ := callMock(t, http.DefaultClient, http.MethodPost, s.url+serveUpdatePath, serveToken, serveSoftwareBody)
	require.Equal(t, http.StatusAccepted, status)
	operation := s.url + "/beta" + header.Get("Location")

	_, header, body := callMock(t, http.DefaultClient, http.MethodGet, operation, serveToken, "")
	assert.Contains(t, body, `"status":"queued"`)
	assert.Equal(t, "10", header.Get("Retry-After"), "a fake clock does not move by itself")

	status, _, body = callMock(t, http.DefaultClient, http.MethodPost, s.url+"/_graphconform/clock/advance", "-", `{"seconds": 10}`)
	require.Equal(t, http.StatusOK, status, body)
	_, _, body = callMock(t, http.DefaultClient, http.MethodGet, operation, serveToken, "")
	assert.Contains(t, body, `"status":"inProgress"`)
}

func TestServeClockAdvanceWithoutFakeClockIs409(t *testing.T) {
	s := startServe(t)
	status, _, body := callMock(t, http.DefaultClient, http.MethodPost, s.url+"/_graphconform/clock/advance", "-", `{"seconds": 1}`)
	assert.Equal(t, http.StatusConflict, status)
	assert.Contains(t, body, "--fake-clock")
}

func TestServeLoadsFaultsFromTheFileThenTheFlags(t *testing.T) {
	s := startServe(t, "--faults", "../../fixtures/mock/faults.example.yaml", "--fault", "*:504:count=2")
	status, _, body := callMock(t, http.DefaultClient, http.MethodGet, s.url+"/_graphconform/faults", "-", "")
	require.Equal(t, http.StatusOK, status)
	var listed struct {
		Faults []mockgraph.FaultRule `json:"faults"`
	}
	require.NoError(t, json.Unmarshal([]byte(body), &listed))
	require.Len(t, listed.Faults, 5)
	assert.Equal(t, mockgraph.Fault{Operation: "*", Status: 504, Count: 2}, listed.Faults[4].Fault)

	status, header, _ := callMock(t, http.DefaultClient, http.MethodPost, s.url+serveUpdatePath, serveToken, serveSoftwareBody)
	assert.Equal(t, http.StatusTooManyRequests, status)
	assert.Equal(t, "2", header.Get("Retry-After"))
}

func TestServeRateBudgetThrottles(t *testing.T) {
	s := startServe(t, "--rate", "1/s", "--fake-clock")
	first, _, _ := callMock(t, http.DefaultClient, http.MethodGet, s.url+serveStatePath, serveToken, "")
	second, header, _ := callMock(t, http.DefaultClient, http.MethodGet, s.url+serveStatePath, serveToken, "")
	assert.Equal(t, http.StatusOK, first)
	assert.Equal(t, http.StatusTooManyRequests, second)
	assert.Equal(t, "1", header.Get("Retry-After"))
}

func TestServeAuthOffAcceptsRequestsWithoutAToken(t *testing.T) {
	s := startServe(t, "--auth", "off")
	status, _, body := callMock(t, http.DefaultClient, http.MethodGet, s.url+serveStatePath, "-", "")
	assert.Equal(t, http.StatusOK, status, body)
}

func TestServeChecksTheScopesOfAMintedToken(t *testing.T) {
	s := startServe(t)
	code, readOnly, _ := run(t, "token", "--scopes", "TeamworkDevice.Read.All")
	require.Equal(t, 0, code)
	code, readWrite, _ := run(t, "token", "--app", "--scopes", "TeamworkDevice.ReadWrite.All")
	require.Equal(t, 0, code)

	status, _, body := callMock(t, http.DefaultClient, http.MethodPost, s.url+serveUpdatePath, strings.TrimSpace(readOnly), serveSoftwareBody)
	assert.Equal(t, http.StatusForbidden, status)
	assert.Contains(t, body, "TeamworkDevice.ReadWrite.All")
	status, _, body = callMock(t, http.DefaultClient, http.MethodPost, s.url+serveUpdatePath, strings.TrimSpace(readWrite), serveSoftwareBody)
	assert.Equal(t, http.StatusAccepted, status, body)
}

func TestServeUsageErrorsExitWithTwo(t *testing.T) {
	dir := t.TempDir()
	badFaults := filepath.Join(dir, "faults.yaml")
	require.NoError(t, os.WriteFile(badFaults, []byte("faults:\n  - operation: '*'\n    status: 500\n"), 0o600))
	throttledWithoutRetryAfter := filepath.Join(dir, "faults-429.yaml")
	require.NoError(t, os.WriteFile(throttledWithoutRetryAfter, []byte("faults:\n  - operation: '*'\n    status: 429\n"), 0o600))
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"an unknown outcome", []string{"--outcome", "maybe"}, "--outcome"},
		{"an unknown auth mode", []string{"--auth", "sometimes"}, "--auth"},
		{"--cert without --key", []string{"--cert", "c.pem"}, "--cert and --key go together"},
		{"--cert with --cert-out", []string{"--cert", "c.pem", "--key", "k.pem", "--cert-out", "x.pem"}, "--cert-out"},
		{"--cert-out without --tls", []string{"--cert-out", "x.pem"}, "--cert-out needs --tls"},
		{"a certificate that does not load", []string{"--cert", filepath.Join(dir, "absent.pem"), "--key", filepath.Join(dir, "absent.key")}, "load --cert"},
		{"a bad rate", []string{"--rate", "fast"}, "--rate"},
		{"a bad fault", []string{"--fault", "teamworkDevice.updateSoftware:418"}, "use 429, 503 or 504"},
		{"a missing faults file", []string{"--faults", filepath.Join(dir, "absent.yaml")}, "read the faults file"},
		{"an invalid faults file", []string{"--faults", badFaults}, "faults[0]"},
		{"a 429 fault without retryAfter", []string{"--fault", "teamworkDevice.updateSoftware:429"}, `add retryAfter, e.g. "2"`},
		{"a faults file with a 429 without retryAfter", []string{"--faults", throttledWithoutRetryAfter}, `faults[0]: the fault answers 429 without a retryAfter`},
		{"a missing seed", []string{"--seed", filepath.Join(dir, "absent.yaml")}, "read the seed"},
		{"an address that cannot be listened on", []string{"--addr", "256.0.0.1:0"}, "listen on"},
		{"negative synthetic devices", []string{"--devices", "-1"}, "--devices -1: give 0 to 1000000"},
		{"too many synthetic devices", []string{"--devices", "1000001"}, "--devices 1000001: give 0 to 1000000"},
		{"negative queued polls", []string{"--queued-polls", "-1"}, "--queued-polls and --running-polls must be between 0 and 1000"},
		{"too many running polls", []string{"--running-polls", "1001"}, "--queued-polls and --running-polls must be between 0 and 1000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"serve"}, tt.args...)
			if !hasArg(tt.args, "--addr") {
				args = append(args, "--addr", "127.0.0.1:0")
			}
			code, _, stderr := run(t, args...)
			assert.Equal(t, 2, code)
			assert.Contains(t, stderr, tt.want)
		})
	}
}

func hasArg(list []string, s string) bool {
	for _, item := range list {
		if item == s {
			return true
		}
	}
	return false
}
