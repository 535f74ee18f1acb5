package cli_test

import (
	"bytes"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/graphconform/graphconform/internal/contract"
	"github.com/graphconform/graphconform/internal/mockgraph"
	"github.com/graphconform/graphconform/internal/target"
	"github.com/graphconform/graphconform/steps"
)

// vendorServer serves a real mock on the wall clock, its operations queued for 1 s (long enough for a
// second update to meet it, even on a loaded machine), then 50 ms running, behind wrap (nil: as it
// is): a separately started Graph-compatible server.
func vendorServer(t *testing.T, wrap func(http.Handler) http.Handler) string {
	t.Helper()
	validator, err := contract.Load(t.Context())
	require.NoError(t, err)
	mock, err := mockgraph.New(mockgraph.Options{Seed: mockgraph.DefaultSeed(), Validator: validator,
		Timeline: mockgraph.Timeline{Queued: time.Second, Running: 50 * time.Millisecond}})
	require.NoError(t, err)
	var h http.Handler = mock
	if wrap != nil {
		h = wrap(h)
	}
	server := httptest.NewServer(h)
	t.Cleanup(server.Close)
	return server.URL
}

// profileText is a profile of the default seed's resources at base, with at most devices devices.
func profileText(t *testing.T, base string, allowMutations bool, devices int) string {
	t.Helper()
	p, err := target.ProfileFromSeed(mockgraph.DefaultSeed(), steps.Resources(steps.BuiltinAPIs()))
	require.NoError(t, err)
	p.Name, p.Target, p.AllowMutations = "vendor-lab", base, allowMutations
	var ids []string
	listed := p.Resources["teamworkDevices"]
	require.NoError(t, listed.Decode(&ids))
	var node yaml.Node
	require.NoError(t, node.Encode(ids[:min(devices, len(ids))]))
	p.Resources["teamworkDevices"] = node
	data, err := yaml.Marshal(p)
	require.NoError(t, err)
	path := filepath.Join(t.TempDir(), "profile.yaml")
	require.NoError(t, os.WriteFile(path, data, 0o600))
	return path
}

// methodLog records the method of every request that reaches a server.
type methodLog struct {
	mu      sync.Mutex
	methods map[string]int
}

func (m *methodLog) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		m.mu.Lock()
		if m.methods == nil {
			m.methods = map[string]int{}
		}
		m.methods[r.Method]++
		m.mu.Unlock()
		next.ServeHTTP(w, r)
	})
}

func (m *methodLog) counts() map[string]int {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := map[string]int{}
	for k, v := range m.methods {
		out[k] = v
	}
	return out
}

func TestAOneDevicePoolEndsAndSkipsTheTwoDeviceScenarioWithTheReason(t *testing.T) {
	base := vendorServer(t, nil)
	profile := profileText(t, base, true, 1)
	code, stdout, stderr := run(t, "run", "--reports", "", "--profile", profile, "--token", "a-token", "--tags", "@updateSoftware", "--timeout", "2m")
	require.Equal(t, 0, code, "stdout:\n%s\nstderr:\n%s", stdout, stderr)
	assert.Contains(t, stdout, "SKIP  A queued update of one device does not block another device")
	assert.Contains(t, stdout, "the scenario needs 2 of teamworkDevices; the profile lists 1")
	assert.Contains(t, stdout, "CONFORMANT")
}

func TestAProfileWithoutAllowMutationsRunsTheReadsAndSendsNoMutation(t *testing.T) {
	var log methodLog
	base := vendorServer(t, log.wrap)
	profile := profileText(t, base, false, 2)
	code, stdout, stderr := run(t, "run", "--reports", "", "--profile", profile, "--token", "a-token", "--timeout", "2m")
	require.Equal(t, 0, code, "stdout:\n%s\nstderr:\n%s", stdout, stderr)
	assert.Regexp(t, `scenarios: [1-9]\d* passed, 0 failed`, stdout)
	assert.Contains(t, stdout, "@mutates: the profile does not allow mutations")
	assert.Contains(t, stdout, "it sends POST and the profile does not allow mutations", "an unmarked scenario that sends one is skipped too")
	got := log.counts()
	assert.Positive(t, got[http.MethodGet])
	for _, m := range []string{http.MethodPost, http.MethodPatch, http.MethodPut, http.MethodDelete} {
		assert.Zero(t, got[m], "%s reached the server", m)
	}

	log = methodLog{}
	code, stdout, _ = run(t, "run", "--reports", "", "--profile", profile, "--token", "a-token", "--tags", "@upgrade && @mutates", "--allow-mutations")
	require.Equal(t, 0, code, stdout)
	assert.Positive(t, log.counts()[http.MethodPost], "--allow-mutations lets them through")
}

// statusRewriter rewrites the status of every teamworkDeviceOperation the server returns.
func statusRewriter(status string) func(http.Handler) http.Handler {
	pattern := regexp.MustCompile(`"status":"[A-Za-z]+"`)
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			rec := httptest.NewRecorder()
			next.ServeHTTP(rec, r)
			body := rec.Body.Bytes()
			if r.Method == http.MethodGet && strings.Contains(r.URL.Path, "/operations/") {
				body = pattern.ReplaceAll(body, []byte(`"status":"`+status+`"`))
			}
			for k, v := range rec.Header() {
				w.Header()[k] = v
			}
			w.Header().Del("Content-Length")
			w.WriteHeader(rec.Code)
			_, _ = w.Write(body)
		})
	}
}

func TestAnOperationStatusOutsideTheVocabularyFailsTheRunWithoutWaiting(t *testing.T) {
	base := vendorServer(t, statusRewriter("pendingForever"))
	profile := profileText(t, base, true, 2)
	// Ending by itself with 1 (not 2 at the --timeout) shows neither the poll nor the settle waited.
	code, stdout, stderr := run(t, "run", "--reports", "", "--profile", profile, "--token", "a-token", "--tags", "@updateSoftware && @lro", "--timeout", "2m")
	require.Equal(t, 1, code, "stdout:\n%s\nstderr:\n%s", stdout, stderr)
	assert.Contains(t, stdout, "[operation-status-vocabulary]")
	assert.NotContains(t, stdout, "cut short")
}

func TestTheTokenStaysHomeAndOutOfEveryOutput(t *testing.T) {
	const token = "tok-7f3a9c-distinctive-e41b"
	var elsewhere methodLog
	other := httptest.NewServer(elsewhere.wrap(http.NotFoundHandler()))
	defer other.Close()
	echo := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			auth := r.Header.Get("Authorization")
			w.Header().Set("X-Echo-Authorization", auth)
			if r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, "/operations") {
				// Another port of the same host is another origin.
				http.Redirect(w, r, other.URL+r.URL.RequestURI(), http.StatusTemporaryRedirect)
				return
			}
			rec := httptest.NewRecorder()
			next.ServeHTTP(rec, r)
			body := rec.Body.Bytes()
			if rec.Code >= 400 {
				body = bytes.Replace(body, []byte(`"message":"`), []byte(`"message":"you sent `+auth+`; `), 1)
			}
			for k, v := range rec.Header() {
				w.Header()[k] = v
			}
			w.Header().Del("Content-Length")
			w.WriteHeader(rec.Code)
			_, _ = w.Write(body)
		})
	}
	base := vendorServer(t, echo)
	profile := profileText(t, base, true, 2)
	reports := t.TempDir()
	code, stdout, stderr := run(t, "run", "--reports", reports, "--profile", profile, "--token", token, "--timeout", "2m", "--format", "pretty")
	require.Equal(t, 1, code, "the redirects are findings; stdout:\n%s\nstderr:\n%s", stdout, stderr)
	assert.Contains(t, stdout, "[no-redirect]")
	assert.Empty(t, elsewhere.counts(), "nothing, so no token, went to the other origin")

	assert.NotContains(t, stdout, token)
	assert.NotContains(t, stderr, token)
	files, err := os.ReadDir(reports)
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, f := range files {
		data, err := os.ReadFile(filepath.Join(reports, f.Name()))
		require.NoError(t, err)
		assert.NotContains(t, string(data), token, "%s holds the token", f.Name())
		assert.NotContains(t, string(data), strings.ReplaceAll(token, "-", `\u002d`), f.Name())
	}
	html, err := os.ReadFile(filepath.Join(reports, "report.html"))
	require.NoError(t, err)
	assert.Contains(t, string(html), "you sent Bearer [redacted]", "the echo is there, scrubbed")
	assert.Regexp(t, `profile <code>vendor-lab \(cloud global, mutations allowed, static token; appInstallations \d+, teamworkDevices 2, windowsUpdateStates \d+\)</code>`, string(html))
	var evidence struct {
		ToolVersion struct{ Version string } `json:"toolVersion"`
		Target      string                   `json:"target"`
		SpecSHA256  string                   `json:"specSha256"`
		Started     string                   `json:"started"`
		Profile     struct {
			Name string `json:"name"`
			Auth string `json:"auth"`
		} `json:"profile"`
	}
	data, err := os.ReadFile(filepath.Join(reports, "conformance.json"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, &evidence))
	assert.NotEmpty(t, evidence.ToolVersion.Version)
	assert.Equal(t, base, evidence.Target)
	assert.Len(t, evidence.SpecSHA256, 64)
	assert.NotEmpty(t, evidence.Started)
	assert.Equal(t, "vendor-lab", evidence.Profile.Name)
	assert.Equal(t, "static token", evidence.Profile.Auth)
}

// A hostile server's request handlers; each breaks a response in its own way.
var hostileServers = []struct {
	name    string
	handler http.HandlerFunc
	code    int
	want    string
	// requestTimeout, when set, replaces the 500ms per-request timeout.
	requestTimeout string
}{
	{"stalls", func(_ http.ResponseWriter, r *http.Request) { <-r.Context().Done() },
		2, "no response within the per-request timeout of 500ms", ""},
	{"drops the connection mid-response", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Length", "4096")
		w.WriteHeader(http.StatusOK)
		_, _ = io.WriteString(w, `{"id":"`)
		w.(http.Flusher).Flush()
		if conn, _, err := w.(http.Hijacker).Hijack(); err == nil {
			_ = conn.Close()
		}
	}, 1, "broke off after 7 bytes", ""},
	{"streams an endless body", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		chunk := bytes.Repeat([]byte(" "), 64<<10)
		_, _ = w.Write([]byte("{"))
		for r.Context().Err() == nil {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	}, 1, "[response-body-within-limit]", "30s"},
	{"answers one byte a second", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusOK)
		for r.Context().Err() == nil {
			_, _ = w.Write([]byte(" "))
			w.(http.Flusher).Flush()
			select {
			case <-time.After(time.Second):
			case <-r.Context().Done():
			}
		}
	}, 1, "still arriving after the per-request timeout of 500ms", ""},
	{"asks to retry after a day", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Retry-After", "86400")
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusTooManyRequests)
		_, _ = io.WriteString(w, `{"error":{"code":"TooManyRequests","message":"come back tomorrow"}}`)
	}, 1, "[retry-after-within-budget]", ""},
	{"redirects in a loop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, r.URL.RequestURI(), http.StatusFound)
	}, 1, "[no-redirect]", ""},
}

func TestARunAgainstAHostileServerEndsWithinItsBoundNamingTheCause(t *testing.T) {
	for _, tc := range hostileServers {
		t.Run(tc.name, func(t *testing.T) {
			server := httptest.NewServer(tc.handler)
			defer server.Close()
			profile := profileText(t, server.URL, false, 1)
			requestTimeout := "500ms"
			if tc.requestTimeout != "" {
				requestTimeout = tc.requestTimeout
			}
			// With --timeout 1m, an exit other than the run's own cut-short shows the request bound held.
			code, stdout, stderr := run(t, "run", "--reports", "", "--profile", profile, "--token", "a-token",
				"--tags", "@windowsUpdateState && ~@mutates && ~@negative", "--request-timeout", requestTimeout, "--timeout", "1m")
			require.Equal(t, tc.code, code, "stdout:\n%s\nstderr:\n%s", stdout, stderr)
			assert.Contains(t, stdout, tc.want)
			assert.NotContains(t, stdout+stderr, "cut short")
		})
	}
}

// stalling is a server that answers nothing until the request is abandoned; started tells when the
// first request arrived.
func stalling(t *testing.T) (url string, started <-chan struct{}) {
	t.Helper()
	first := make(chan struct{})
	var once sync.Once
	server := httptest.NewServer(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
		once.Do(func() { close(first) })
		<-r.Context().Done()
	}))
	t.Cleanup(server.Close)
	return server.URL, first
}

func TestTheRunTimeoutCutsTheRunShortAndWritesEveryReport(t *testing.T) {
	base, _ := stalling(t)
	profile := profileText(t, base, false, 1)
	reports := t.TempDir()
	code, stdout, stderr := run(t, "run", "--reports", reports, "--profile", profile, "--token", "a-token", "--timeout", "1s", "--request-timeout", "1m")
	require.Equal(t, 2, code, "stdout:\n%s\nstderr:\n%s", stdout, stderr)
	assert.Contains(t, stderr, "the run was cut short (the run's --timeout of 1s passed)")
	assert.Contains(t, stdout, "INCONCLUSIVE")
	for _, name := range []string{"junit.xml", "conformance.json", "report.html", "exchanges.har", "cucumber.json"} {
		data, err := os.ReadFile(filepath.Join(reports, name))
		require.NoError(t, err, name)
		if name == "junit.xml" || name == "report.html" {
			assert.Contains(t, string(data), "cut short: the run", name)
		}
	}
	conformance, err := os.ReadFile(filepath.Join(reports, "conformance.json"))
	require.NoError(t, err)
	assert.Contains(t, string(conformance), `"verdict": "INCONCLUSIVE"`)
	assert.Regexp(t, `"cutShort": [1-9]`, string(conformance))
}

// TestSIGINTCutsTheRunShort signals the test process itself: it must not run in parallel with another
// test that handles signals.
func TestSIGINTCutsTheRunShort(t *testing.T) {
	needSelfSignals(t)
	base, started := stalling(t)
	profile := profileText(t, base, false, 1)
	go func() {
		select {
		case <-started:
			_ = signalSelf(syscall.SIGINT)
		case <-time.After(time.Minute):
		}
	}()
	code, stdout, stderr := run(t, "run", "--reports", "", "--profile", profile, "--token", "a-token", "--timeout", "5m", "--request-timeout", "5m")
	require.Equal(t, 2, code, "stdout:\n%s\nstderr:\n%s", stdout, stderr)
	assert.Contains(t, stderr, "the run was cut short (interrupted by interrupt)")
	assert.Contains(t, stdout, "cut short: interrupted by interrupt")
}

// entraEndpoint is a local HTTPS Microsoft Entra authority for tenant "t1" that issues "app-token-N" to
// client "app" with secret "app-secret", or fails every token request with fail.
func entraEndpoint(t *testing.T, fail int) (url, caCert string) {
	t.Helper()
	var mu sync.Mutex
	issued := 0
	var server *httptest.Server
	server = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		root := server.URL + "/t1"
		switch {
		case strings.HasSuffix(r.URL.Path, "/.well-known/openid-configuration"):
			fmt.Fprintf(w, `{"token_endpoint":%q,"authorization_endpoint":%q,"issuer":%q}`, root+"/oauth2/v2.0/token", root+"/oauth2/v2.0/authorize", root+"/v2.0")
		case r.URL.Path == "/t1/oauth2/v2.0/token":
			_ = r.ParseForm()
			if fail != 0 || r.PostForm.Get("client_id") != "app" || r.PostForm.Get("client_secret") != "app-secret" {
				w.WriteHeader(max(fail, http.StatusUnauthorized))
				_, _ = io.WriteString(w, `{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided."}`)
				return
			}
			mu.Lock()
			issued++
			n := issued
			mu.Unlock()
			fmt.Fprintf(w, `{"token_type":"Bearer","expires_in":3600,"access_token":"app-token-%d"}`, n)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(server.Close)
	path := filepath.Join(t.TempDir(), "entra.pem")
	require.NoError(t, os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: server.Certificate().Raw}), 0o600))
	return server.URL, path
}

// withAuth appends an auth section naming the local authority to a profile.
func withAuth(t *testing.T, profile, authority string) {
	t.Helper()
	f, err := os.OpenFile(profile, os.O_APPEND|os.O_WRONLY, 0)
	require.NoError(t, err)
	defer f.Close()
	_, err = fmt.Fprintf(f, "auth:\n  tenantId: t1\n  clientId: app\n  authority: %s\n", authority)
	require.NoError(t, err)
}

func TestClientCredentialsGetTheTokenTheSuiteSends(t *testing.T) {
	authority, caCert := entraEndpoint(t, 0)
	var mu sync.Mutex
	seen := map[string]int{}
	base := vendorServer(t, func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			seen[r.Header.Get("Authorization")]++
			mu.Unlock()
			next.ServeHTTP(w, r)
		})
	})
	profile := profileText(t, base, true, 2)
	withAuth(t, profile, authority)
	t.Setenv("GRAPHCONFORM_CLIENT_SECRET", "app-secret")
	code, stdout, stderr := run(t, "run", "--reports", "", "--profile", profile, "--ca-cert", caCert, "--tags", "@upgrade")
	require.Equal(t, 0, code, "stdout:\n%s\nstderr:\n%s", stdout, stderr)
	mu.Lock()
	defer mu.Unlock()
	assert.Positive(t, seen["Bearer app-token-1"], "the requests carry the issued token: %v", seen)
}

func TestAFailingTokenEndpointExitsTwoWithAClearMessage(t *testing.T) {
	authority, caCert := entraEndpoint(t, http.StatusUnauthorized)
	var log methodLog
	base := vendorServer(t, log.wrap)
	profile := profileText(t, base, true, 2)
	withAuth(t, profile, authority)
	t.Setenv("GRAPHCONFORM_CLIENT_SECRET", "app-secret")
	code, stdout, stderr := run(t, "run", "--reports", "", "--profile", profile, "--ca-cert", caCert)
	require.Equal(t, 2, code, "stdout:\n%s\nstderr:\n%s", stdout, stderr)
	assert.Contains(t, stderr, "no token from "+authority+" for client app in tenant t1")
	assert.Contains(t, stderr, "the token endpoint answered 401")
	assert.NotContains(t, stderr, "goroutine")
	assert.NotContains(t, stderr+stdout, "app-secret")
	assert.Empty(t, log.counts(), "nothing reached the target")
}
