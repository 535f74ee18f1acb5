package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/mockgraph"
)

// jsClientDir is clients/js, from this package's directory.
const jsClientDir = "../../clients/js"

// jsClientRun is the JSON line update-software.mjs prints.
type jsClientRun struct {
	DocsSnippet     *string `json:"docsSnippet"`
	Status          int     `json:"status"`
	Location        string  `json:"location"`
	ClientRequestID string  `json:"clientRequestId"`
	OperationStatus string  `json:"operationStatus"`
	Invalid         struct {
		StatusCode int    `json:"statusCode"`
		Code       string `json:"code"`
		Message    string `json:"message"`
		RequestID  string `json:"requestId"`
	} `json:"invalid"`
}

// RequireNodeEnv, when set (CI sets it), makes a missing Node.js or client package a failure rather
// than a skip.
const RequireNodeEnv = "GRAPHCONFORM_REQUIRE_NODE"

// requireJSClient skips the test when node or the client's packages are missing (fails under
// $GRAPHCONFORM_REQUIRE_NODE).
func requireJSClient(t *testing.T) string {
	t.Helper()
	missing := func(why string) {
		if os.Getenv(RequireNodeEnv) != "" {
			t.Fatal(why + "; $" + RequireNodeEnv + " is set, so this fails instead of skipping")
		}
		t.Skip(why)
	}
	node, err := exec.LookPath("node")
	if err != nil {
		missing("node is not on PATH: install Node.js 20 or later to run Microsoft's JavaScript client against the mock (make deps does it)")
	}
	if _, err := os.Stat(filepath.Join(jsClientDir, "node_modules", "@microsoft", "microsoft-graph-client", "package.json")); err != nil {
		missing("clients/js/node_modules is missing: run: npm ci --prefix clients/js (make deps does it)")
	}
	return node
}

func TestMicrosoftsJavaScriptClientUpdatesSoftwareOnTheMockOverTLS(t *testing.T) {
	node := requireJSClient(t)
	// The first updateSoftware is throttled: the client must wait the Retry-After and send it again.
	s := startServe(t, "--tls", "--strict", "--fault", "teamworkDevice.updateSoftware:429:count=1:retryAfter=1")
	require.NotEmpty(t, s.certPath)
	token := mockgraph.MintToken(mockgraph.TokenClaims{Roles: []string{"TeamworkDevice.ReadWrite.All"}, AppID: "graphconform-js-test", AppDisplayName: "graphconform JS client test"})

	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, "update-software.mjs")
	cmd.Dir = jsClientDir
	cmd.Env = append(os.Environ(),
		"NODE_EXTRA_CA_CERTS="+s.certPath,
		"GRAPHCONFORM_BASE_URL="+s.url,
		"GRAPHCONFORM_TOKEN="+token,
	)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	require.NoError(t, err, "node update-software.mjs failed\nstdout: %s\nstderr: %s\nmock log:\n%s", stdout.String(), stderr.String(), s.stderr.String())

	var got jsClientRun
	require.NoError(t, json.Unmarshal(bytes.TrimSpace(stdout.Bytes()), &got), "stdout: %s", stdout.String())
	require.NotNil(t, got.DocsSnippet)
	assert.Empty(t, *got.DocsSnippet, "the client resolves the 202's empty text/plain body to \"\"")
	assert.Equal(t, http.StatusAccepted, got.Status)
	assert.Regexp(t, `^/teamwork/devices/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d/operations/[0-9a-f-]{36}$`, got.Location)
	assert.NotEmpty(t, got.ClientRequestID, "the client sends a client-request-id to a custom host, and it is echoed")
	assert.Equal(t, "queued", got.OperationStatus)
	assert.Equal(t, http.StatusBadRequest, got.Invalid.StatusCode, "an invalid softwareType rejects with a GraphError of status 400")
	assert.Equal(t, mockgraph.CodeBadRequest, got.Invalid.Code)
	assert.Contains(t, got.Invalid.Message, "/softwareType")

	status, _, body := callMock(t, clientTrusting(t, s.certPath), http.MethodGet, s.url+"/_graphconform/violations", "-", "")
	require.Equal(t, http.StatusOK, status)
	var report mockgraph.ViolationReport
	require.NoError(t, json.Unmarshal([]byte(body), &report))
	require.Len(t, report.Violations, 1, "only the invalid request broke the contract; the client honoured Retry-After: %s", body)
	v := report.Violations[0]
	assert.Equal(t, []string{"request-body-schema"}, v.RuleIDs())
	assert.Equal(t, http.MethodPost, v.Method)
	assert.Equal(t, "/beta/teamwork/devices/0f3ce432-e432-0f3c-32e4-3c0f32e43c0f/updateSoftware", v.Path)
	assert.Equal(t, got.Invalid.RequestID, v.RequestID)

	logs := s.stderr.String()
	assert.Equal(t, 1, strings.Count(logs, "status=429"), "the fault throttled once:\n%s", logs)
	assert.NotContains(t, logs, token)
	assert.Equal(t, 1, s.stop(t), "--strict exits 1: a request broke the contract")
}
