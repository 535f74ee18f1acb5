package cli_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/mockgraph"
	"github.com/graphconform/graphconform/internal/rules"
)

// jsClientDir is clients/js, from this package's directory.
const jsClientDir = "../../clients/js"

// RequireNodeEnv, when set (CI sets it), makes a missing Node.js or client package a failure rather
// than a skip.
const RequireNodeEnv = "GRAPHCONFORM_REQUIRE_NODE"

// requireJSClient skips the test when node or the client's packages are missing (fails under
// $GRAPHCONFORM_REQUIRE_NODE) and returns the absolute path of clients/js.
func requireJSClient(t *testing.T) string {
	t.Helper()
	missing := func(why string) {
		if os.Getenv(RequireNodeEnv) != "" {
			t.Fatal(why + "; $" + RequireNodeEnv + " is set, so this fails instead of skipping")
		}
		t.Skip(why)
	}
	if _, err := exec.LookPath("node"); err != nil {
		missing("node is not on PATH: install Node.js 20 or later to run Microsoft's JavaScript client against the mock (make deps does it)")
	}
	if _, err := os.Stat(filepath.Join(jsClientDir, "node_modules", "@microsoft", "microsoft-graph-client", "package.json")); err != nil {
		missing("clients/js/node_modules is missing: run: npm ci --prefix clients/js (make deps does it)")
	}
	dir, err := filepath.Abs(jsClientDir)
	require.NoError(t, err)
	return dir
}

// jsRun is the JSON line device-updates.mjs prints.
type jsRun struct {
	DocsSnippet     *string `json:"docsSnippet"`
	Status          int     `json:"status"`
	Location        string  `json:"location"`
	ClientRequestID string  `json:"clientRequestId"`
	Conflict        struct {
		StatusCode int    `json:"statusCode"`
		Code       string `json:"code"`
	} `json:"conflict"`
	OperationStatus string `json:"operationStatus"`
	Patched         struct {
		Status string `json:"status"`
	} `json:"patched"`
}

// The mock as the JavaScript client meets it: HTTPS, operations that end after two polls (the same
// statuses on any machine, however loaded), the first updateSoftware throttled so the client's own
// retry must wait the Retry-After.
var jsServe = []string{"serve", "--tls", "--strict", "--addr", "127.0.0.1:0", "--queued-polls", "1", "--running-polls", "1",
	"--fault", "teamworkDevice.updateSoftware:429:count=1:retryAfter=1"}

func TestMicrosoftsJavaScriptClientRunsTheDocsForAllThreeAPIsThroughTheGate(t *testing.T) {
	dir := requireJSClient(t)
	token := mockgraph.MintToken(mockgraph.TokenClaims{
		// Each operation's least-privileged permission, and ReadWrite where an update needs it.
		Roles: []string{"TeamworkDevice.Read.All", "TeamworkDevice.ReadWrite.All", "TeamsAppInstallation.ReadWriteSelfForUser.All", "DeviceManagementConfiguration.ReadWrite.All"},
		AppID: "graphconform-js-test", AppDisplayName: "graphconform JS client test",
	})
	t.Setenv("GRAPHCONFORM_TOKEN", token)
	code, stdout, stderr := runCLI(t, append(append([]string{}, jsServe...), "--", "node", filepath.Join(dir, "device-updates.mjs"))...)
	require.Equal(t, 0, code, "the conformant client passes the gate\nstdout: %s\nstderr: %s", stdout, stderr)

	var got jsRun
	line := stdout[strings.LastIndex(strings.TrimSpace(stdout), "\n")+1:]
	require.NoError(t, json.Unmarshal([]byte(strings.TrimSpace(line)), &got), "stdout: %s", stdout)
	require.NotNil(t, got.DocsSnippet)
	assert.Empty(t, *got.DocsSnippet, "the client resolves the 202's empty body to \"\"")
	assert.Equal(t, 202, got.Status)
	assert.Regexp(t, `^/teamwork/devices/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d/operations/[0-9a-f-]{36}$`, got.Location)
	assert.NotEmpty(t, got.ClientRequestID, "the client sends a client-request-id to a custom host, and it is echoed")
	assert.Equal(t, 409, got.Conflict.StatusCode)
	assert.Equal(t, "succeeded", got.OperationStatus)
	assert.Equal(t, "pendingInstallation", got.Patched.Status)
	assert.Contains(t, stderr, "graphconform mock: no request broke the contract")
	assert.Equal(t, 1, strings.Count(stderr, "status=429"), "the fault throttled once, and the client waited")
	assert.Equal(t, 2, strings.Count(stderr, "/upgrade status=204"), "the upgrade, with and without consentedPermissionSet")
	assert.NotContains(t, stderr, token)
}

// buggedCopies are the copies of the client with one bug each and the rule the gate names for it.
var buggedCopies = []struct {
	mode  string
	fault string
	rule  rules.ID
}{
	{"invalid-software-type", "", rules.RequestBodySchema},
	{"ignore-retry-after", "teamworkDevice.updateSoftware:429:count=1:retryAfter=30", rules.ClientHonoursRetryAfter},
	{"post-again", "", rules.ClientPollsLocation},
}

func TestTheGateCatchesEachBuggedJavaScriptClientByItsRule(t *testing.T) {
	dir := requireJSClient(t)
	for _, bug := range buggedCopies {
		t.Run(bug.mode, func(t *testing.T) {
			junit := filepath.Join(t.TempDir(), "violations.xml")
			args := []string{"serve", "--tls", "--strict", "--addr", "127.0.0.1:0", "--violations-junit", junit}
			if bug.fault != "" {
				args = append(args, "--fault", bug.fault)
			}
			code, stdout, stderr := runCLI(t, append(args, "--", "node", filepath.Join(dir, "bugged.mjs"), bug.mode)...)
			require.Equal(t, 1, code, "the gate fails the bugged client\nstdout: %s\nstderr: %s", stdout, stderr)
			assert.Contains(t, stderr, "["+bug.rule.String()+"]")
			data, err := os.ReadFile(junit)
			require.NoError(t, err)
			assert.Contains(t, string(data), `type="`+bug.rule.String()+`"`)
		})
	}
}

func TestTheProxyInFrontOfTheMockJudgesTheJavaScriptClients(t *testing.T) {
	dir := requireJSClient(t)
	mock := startServe(t, "--tls", "--queued-polls", "1", "--running-polls", "1")
	proxyArgs := func(extra ...string) []string {
		return append([]string{"proxy", "--tls", "--addr", "127.0.0.1:0", "--upstream", mock.url, "--upstream-ca", mock.certPath}, extra...)
	}
	code, stdout, stderr := runCLI(t, append(proxyArgs("--"), "node", filepath.Join(dir, "device-updates.mjs"))...)
	require.Equal(t, 0, code, "stdout: %s\nstderr: %s", stdout, stderr)
	assert.Contains(t, stderr, "graphconform proxy: no exchange broke the contract")

	for _, bug := range buggedCopies {
		if bug.fault != "" {
			status, _, body := callMock(t, clientTrusting(t, mock.certPath), "POST", mock.url+"/_graphconform/faults", "-",
				`{"operation":"teamworkDevice.updateSoftware","status":429,"retryAfter":"30","count":1}`)
			require.Equal(t, 201, status, body)
		}
		code, _, stderr := runCLI(t, append(proxyArgs("--"), "node", filepath.Join(dir, "bugged.mjs"), bug.mode)...)
		assert.Equal(t, 1, code, "%s: %s", bug.mode, stderr)
		assert.Contains(t, stderr, "side=client rules="+bug.rule.String(), bug.mode)
		status, _, _ := callMock(t, clientTrusting(t, mock.certPath), "POST", mock.url+"/_graphconform/reset", "-", "")
		require.Less(t, status, 300, "the mock is reset for the next copy")
	}
}
