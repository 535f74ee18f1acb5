package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/graphconform/graphconform/internal/cli"
	"github.com/graphconform/graphconform/internal/mockgraph"
	"github.com/graphconform/graphconform/internal/target"
	"github.com/graphconform/graphconform/steps"
)

// run calls the CLI in-process and returns its exit status and output.
func run(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = cli.Run(context.Background(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestRunAgainstTheEmbeddedMockPassesAndWritesReports(t *testing.T) {
	dir := t.TempDir()
	code, stdout, stderr := run(t, "run", "--reports", dir)
	require.Equal(t, 0, code, "stdout:\n%s\nstderr:\n%s", stdout, stderr)
	assert.Contains(t, stdout, "PASS  Upgrading an installed app answers 204 with no body")
	assert.Regexp(t, `148 scenarios: 148 passed, 0 failed in .* — CONFORMANT`, stdout)

	var junit struct {
		Testsuite []struct {
			Tests    int `xml:"tests,attr"`
			Failures int `xml:"failures,attr"`
			Testcase []struct {
				Name string `xml:"name,attr"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	data, err := os.ReadFile(filepath.Join(dir, "junit.xml"))
	require.NoError(t, err)
	require.NoError(t, xml.Unmarshal(data, &junit), "junit.xml must be XML")
	tests, failures := 0, 0
	for _, s := range junit.Testsuite {
		tests, failures = tests+s.Tests, failures+s.Failures
	}
	assert.Equal(t, 148, tests, "49 written scenarios and 99 generated from the spec")
	assert.Equal(t, 0, failures)

	var cucumber []struct {
		Name     string `json:"name"`
		Elements []struct {
			Name  string `json:"name"`
			Steps []struct {
				Embeddings []struct {
					MimeType string `json:"mime_type"`
				} `json:"embeddings"`
			} `json:"steps"`
		} `json:"elements"`
	}
	data, err = os.ReadFile(filepath.Join(dir, "cucumber.json"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, &cucumber), "cucumber.json must be JSON")
	require.Len(t, cucumber, 6, "one entry per feature")
	embedded := 0
	for _, feature := range cucumber {
		for _, el := range feature.Elements {
			for _, st := range el.Steps {
				embedded += len(st.Embeddings)
			}
		}
	}
	assert.Positive(t, embedded, "the exchanges are attached to their steps")
}

func TestRunSelectsScenariosByTag(t *testing.T) {
	code, stdout, _ := run(t, "run", "--reports", "", "--tags", "@upgrade && @negative")
	require.Equal(t, 0, code)
	assert.Contains(t, stdout, "3 scenarios: 3 passed")
}

func TestRunUsageErrorsExitWithTwo(t *testing.T) {
	dir := t.TempDir()
	noMutations := writeProfile(t, dir, "no-mutations.yaml", "http://127.0.0.1:1", false)
	withMutations := writeProfile(t, dir, "lab.yaml", "", true)
	emptyFeature := filepath.Join(dir, "empty.feature")
	require.NoError(t, os.WriteFile(emptyFeature, []byte("Feature: nothing yet\n"), 0o600))
	oneScenario := filepath.Join(dir, "one.feature")
	require.NoError(t, os.WriteFile(oneScenario, []byte("Feature: one\n  Scenario: the only one\n    Given nothing at all\n"), 0o600))
	cases := []struct {
		name string
		args []string
		env  string
		want string
	}{
		{"unknown flag", []string{"run", "--colour"}, "", "unknown flag: --colour"},
		{"unknown command", []string{"frobnicate"}, "", "unknown command"},
		{"target without profile", []string{"run", "--target", "https://graph.microsoft.com"}, "", "--target needs --profile"},
		{"missing profile file", []string{"run", "--profile", filepath.Join(dir, "absent.yaml")}, "", "read the profile"},
		{"a read-only run against a target that does not answer", []string{"run", "--reports", "", "--profile", noMutations, "--token", "t"}, "", "the verdict is INCONCLUSIVE"},
		{"profile without target", []string{"run", "--profile", withMutations, "--token", "t"}, "", "no target"},
		{"target with version", []string{"run", "--profile", withMutations, "--token", "t", "--target", "https://graph.microsoft.com/beta"}, "", "leave the version out"},
		{"target not a URL", []string{"run", "--profile", withMutations, "--token", "t", "--target", "graph.microsoft.com"}, "", "absolute http(s) URL"},
		{"no token", []string{"run", "--profile", withMutations, "--target", "https://graph.microsoft.com"}, "", "GRAPHCONFORM_TOKEN"},
		{"bad format", []string{"run", "--format", "html"}, "", "--format"},
		{"a negative poll budget", []string{"run", "--reports", "", "--poll-budget", "-1s"}, "", "--poll-budget -1s"},
		{"a zero poll budget", []string{"run", "--reports", "", "--poll-budget", "0"}, "", "--poll-budget 0s"},
		{"a zero request timeout", []string{"run", "--reports", "", "--request-timeout", "0"}, "", "--request-timeout 0s"},
		{"a negative run timeout", []string{"run", "--reports", "", "--timeout", "-5m"}, "", "--timeout -5m0s"},
		{"no scenario matches", []string{"run", "--reports", "", "--tags", "@nothing"}, "", "no scenario matched"},
		{"features without a scenario", []string{"run", "--reports", "", "--no-builtin-features", "--features", emptyFeature}, "", "hold no scenario"},
		{"more shards than scenarios", []string{"run", "--reports", "", "--no-builtin-features", "--features", oneScenario, "--shard", "2/2"}, "", "shard 2/2 holds no scenario"},
		{"a token for the embedded mock", []string{"run", "--token", "t"}, "", "--token, --token-file and --ca-cert are for a remote target"},
		{"a certificate for the embedded mock", []string{"run", "--ca-cert", "x.pem"}, "", "--token, --token-file and --ca-cert are for a remote target"},
		{"spec build without its pages", []string{"spec", "build", "--docs", filepath.Join(dir, "absent")}, "", "--docs"},
		{"spec lint without its pages", []string{"spec", "lint", "--docs", filepath.Join(dir, "absent")}, "", "--docs"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv(cli.TokenEnv, tc.env)
			code, _, stderr := run(t, tc.args...)
			assert.Equal(t, 2, code)
			assert.Contains(t, stderr, tc.want)
		})
	}
}

func TestARunThatSkipsEveryScenarioIsInconclusive(t *testing.T) {
	dir := t.TempDir()
	profile := filepath.Join(dir, "empty.yaml")
	// No resource and no mutation: every scenario is skipped before it sends anything.
	require.NoError(t, os.WriteFile(profile, []byte("name: empty\ntarget: http://127.0.0.1:1\nteamworkDevices: []\n"), 0o600))
	code, stdout, stderr := run(t, "run", "--reports", dir, "--profile", profile, "--token", "t")
	assert.Equal(t, 2, code, stderr)
	assert.Contains(t, stdout, "0 passed, 0 failed")
	assert.Contains(t, stdout, "INCONCLUSIVE")
	assert.Contains(t, stderr, "every scenario was skipped")
	junit, err := os.ReadFile(filepath.Join(dir, "junit.xml"))
	require.NoError(t, err)
	assert.NotContains(t, string(junit), "<failure")
}

func TestRunRefusesATargetWithCredentialsAndDoesNotPrintThem(t *testing.T) {
	profile := writeProfile(t, t.TempDir(), "lab.yaml", "", true)
	code, stdout, stderr := run(t, "run", "--reports", "", "--profile", profile, "--token", "t", "--target", "https://vendor:s3cret@graph.contoso.example")
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "leave the user name and password out")
	assert.NotContains(t, stdout+stderr, "s3cret")

	inProfile := writeProfile(t, t.TempDir(), "lab.yaml", "https://vendor:s3cret@graph.contoso.example", true)
	code, stdout, stderr = run(t, "run", "--reports", "", "--profile", inProfile, "--token", "t")
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "the target of "+inProfile)
	assert.NotContains(t, stdout+stderr, "s3cret")
}

func TestRunRefusesATargetWithAQueryOrAFragment(t *testing.T) {
	profile := writeProfile(t, t.TempDir(), "lab.yaml", "", true)
	for _, base := range []string{"https://graph.contoso.example/?tenant=x", "https://graph.contoso.example/#top"} {
		code, _, stderr := run(t, "run", "--reports", "", "--profile", profile, "--token", "t", "--target", base)
		assert.Equal(t, 2, code, base)
		assert.Contains(t, stderr, "leave the query and fragment out", base)
	}
}

func TestRunRefusesAProfileWithUnknownKeys(t *testing.T) {
	path := filepath.Join(t.TempDir(), "typo.yaml")
	require.NoError(t, os.WriteFile(path, []byte("teamworkDevice: [a]\n"), 0o600))
	code, _, stderr := run(t, "run", "--profile", path)
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "field teamworkDevice not found")
}

// writeProfile writes a profile naming the default seed's resources.
func writeProfile(t *testing.T, dir, name, targetURL string, allowMutations bool) string {
	t.Helper()
	p, err := target.ProfileFromSeed(mockgraph.DefaultSeed(), steps.Resources(steps.BuiltinAPIs()))
	require.NoError(t, err)
	p.Name, p.Target, p.AllowMutations = "test", targetURL, allowMutations
	// Without user principal names: the scenario that addresses a user by name is skipped, saying why.
	var installations []map[string]string
	listed := p.Resources["appInstallations"]
	require.NoError(t, listed.Decode(&installations))
	for _, i := range installations {
		delete(i, "userPrincipalName")
	}
	var node yaml.Node
	require.NoError(t, node.Encode(installations))
	p.Resources["appInstallations"] = node
	data, err := yaml.Marshal(p)
	require.NoError(t, err)
	path := filepath.Join(dir, name)
	require.NoError(t, os.WriteFile(path, data, 0o600))
	return path
}

// syncBuffer is a bytes.Buffer safe for a writer and a reader in different goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.String()
}

func TestRunAgainstASeparatelyStartedMockConforms(t *testing.T) {
	base := startServe(t, "--queued", "1s", "--running", "50ms").url
	profile := writeProfile(t, t.TempDir(), "served.yaml", "", true)
	code, stdout, stderr := run(t, "run", "--reports", "", "--target", base, "--profile", profile, "--token", "a-token")
	require.Equal(t, 0, code, "stdout:\n%s\nstderr:\n%s", stdout, stderr)
	assert.Contains(t, stdout, "running against "+base)
	assert.Regexp(t, `148 scenarios: 137 passed, 0 failed, 11 skipped in .* — CONFORMANT`, stdout,
		"the @mock-only scenarios and the one that needs a userPrincipalName are skipped, not passed")
	assert.Contains(t, stdout, "SKIP  A throttled update is retried after its Retry-After and accepted")
	assert.Contains(t, stdout, "@mock-only needs the mock's controls")
	assert.Contains(t, stdout, "the profile gives no userPrincipalName")
}

func TestRunAgainstAServedMockRunsTheMockOnlyScenariosThroughItsControls(t *testing.T) {
	base := startServe(t, "--queued", "1s", "--running", "50ms").url
	profile := writeProfile(t, t.TempDir(), "served.yaml", "", true)
	withControls, err := os.ReadFile(profile)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(profile, bytes.Replace(withControls, []byte("mockControls: false"), []byte("mockControls: true"), 1), 0o600))

	code, stdout, stderr := run(t, "run", "--reports", "", "--target", base, "--profile", profile, "--token", "a-token")
	require.Equal(t, 0, code, "stdout:\n%s\nstderr:\n%s", stdout, stderr)
	assert.Regexp(t, `148 scenarios: 147 passed, 0 failed, 1 skipped in .* — CONFORMANT`, stdout,
		"only the scenario that needs a userPrincipalName is skipped")
	assert.NotContains(t, stdout, "needs the mock's controls")
	for _, scenario := range []string{
		"A throttled update is retried after its Retry-After and accepted",
		"An unavailable poll is retried after its fractional Retry-After and the operation still ends",
		"updateSoftware with a delegated token lacking its permissions is refused with 403",
		"upgrade with an application token holding only its least privileged permission is accepted",
	} {
		assert.Contains(t, stdout, "PASS  "+scenario)
	}
}

func TestRunSendsTheControlTokenAServedMockRequires(t *testing.T) {
	base := startServe(t, "--queued", "1s", "--running", "50ms", "--control-token", "ctl-secret").url
	profile := writeProfile(t, t.TempDir(), "guarded.yaml", "", true)
	data, err := os.ReadFile(profile)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(profile, bytes.Replace(data, []byte("mockControls: false"), []byte("mockControls: true"), 1), 0o600))

	t.Setenv(cli.ControlTokenEnv, "")
	code, _, stderr := run(t, "run", "--reports", "", "--target", base, "--profile", profile, "--token", "a-token", "--tags", "@throttling")
	assert.Equal(t, 2, code, "without the control token the served mock refuses its controls")
	assert.Contains(t, stderr, "sets mockControls: true, but GET /_graphconform/state answered 40")

	t.Setenv(cli.ControlTokenEnv, "ctl-secret")
	code, stdout, stderr := run(t, "run", "--reports", "", "--target", base, "--profile", profile, "--token", "a-token", "--tags", "@throttling")
	require.Equal(t, 0, code, "stdout:\n%s\nstderr:\n%s", stdout, stderr)
	assert.Regexp(t, `2 scenarios: 2 passed, 0 failed`, stdout)
	assert.NotContains(t, stdout+stderr, "ctl-secret", "the control token is never printed")
}

func TestRunRefusesMockControlsOnATargetThatIsNotTheMock(t *testing.T) {
	server := httptest.NewServer(http.NotFoundHandler())
	t.Cleanup(server.Close)
	profile := writeProfile(t, t.TempDir(), "notmock.yaml", server.URL, true)
	withControls, err := os.ReadFile(profile)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(profile, bytes.Replace(withControls, []byte("mockControls: false"), []byte("mockControls: true"), 1), 0o600))

	code, _, stderr := run(t, "run", "--reports", "", "--profile", profile, "--token", "a-token")
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "sets mockControls: true, but GET /_graphconform/state answered 404")
}

func TestRunTrustsAServedMocksCertificateWithCACert(t *testing.T) {
	s := startServe(t, "--tls", "--queued", "1s", "--running", "50ms")
	require.NotEmpty(t, s.certPath)
	profile := writeProfile(t, t.TempDir(), "tls.yaml", "", true)

	code, stdout, stderr := run(t, "run", "--reports", "", "--target", s.url, "--profile", profile, "--token", "a-token", "--ca-cert", s.certPath)
	require.Equal(t, 0, code, "stdout:\n%s\nstderr:\n%s", stdout, stderr)

	code, stdout, stderr = run(t, "run", "--reports", "", "--tags", "@upgrade && @negative", "--target", s.url, "--profile", profile, "--token", "a-token")
	assert.Equal(t, 2, code, "without --ca-cert the self-signed certificate is not trusted: the target is unreachable, not non-conformant")
	assert.Contains(t, stdout, "certificate")
	assert.Contains(t, stderr, "did not answer")

	code, _, stderr = run(t, "run", "--target", s.url, "--profile", profile, "--token", "a-token", "--ca-cert", profile)
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "holds no PEM certificate")
}

func TestRunAgainstAnUnreachableTargetExitsWithTwo(t *testing.T) {
	server := httptest.NewServer(http.NotFoundHandler())
	base := server.URL
	server.Close()
	profile := writeProfile(t, t.TempDir(), "gone.yaml", base, true)
	code, stdout, stderr := run(t, "run", "--reports", "", "--profile", profile, "--token", "a-token", "--tags", "@upgrade")
	assert.Equal(t, 2, code, stdout)
	assert.Contains(t, stderr, base+" did not answer")
}

func TestRunAgainstANonConformingServerExitsWithOne(t *testing.T) {
	// A server that answers every request 200 {}: it breaks every headline promise.
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{}`))
	}))
	defer server.Close()
	profile := writeProfile(t, t.TempDir(), "broken.yaml", server.URL, true)
	t.Setenv(cli.TokenEnv, "a-token")
	code, stdout, _ := run(t, "run", "--reports", "", "--profile", profile)
	require.Equal(t, 1, code, stdout)
	assert.Contains(t, stdout, "NOT CONFORMANT")
	assert.Contains(t, stdout, "[response-status-declared] teamworkDevice.updateSoftware → 200")
	assert.NotContains(t, stdout, "a-token", "the token never reaches the output")
}
