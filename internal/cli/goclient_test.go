package cli_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// goClientDir is clients/go, a module of its own (Microsoft's Go SDK stays out of graphconform's go.mod).
const goClientDir = "../../clients/go"

var (
	goClientOnce sync.Once
	goClientBin  string
	goClientErr  error
	goClientOut  []byte
)

// buildGoClient builds clients/go once per test binary (the Go build cache makes it quick after the
// first time) and returns the program's path. The module's dependencies come from the module proxy
// the first time; make deps downloads them.
func buildGoClient(t *testing.T) string {
	t.Helper()
	goClientOnce.Do(func() {
		dir, err := os.MkdirTemp("", "graphconform-go-client-*")
		if err != nil {
			goClientErr = err
			return
		}
		goClientBin = filepath.Join(dir, "graphconform-go-client")
		ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, "go", "build", "-o", goClientBin, ".")
		cmd.Dir = goClientDir
		goClientOut, goClientErr = cmd.CombinedOutput()
	})
	require.NoError(t, goClientErr, "build clients/go (cd clients/go && go build .):\n%s", goClientOut)
	return goClientBin
}

func TestMicrosoftsGoSDKRunsTheThreeAPIsThroughTheGate(t *testing.T) {
	bin := buildGoClient(t)
	// The operation's first GET is throttled: the SDK's retry handler must wait the Retry-After.
	code, stdout, stderr := runCLI(t, "serve", "--tls", "--strict", "--addr", "127.0.0.1:0", "--queued-polls", "1", "--running-polls", "1",
		"--fault", "teamworkDevice.getOperation:429:count=1:retryAfter=1", "--", bin)
	require.Equal(t, 0, code, "the conformant Go client passes the gate\nstdout: %s\nstderr: %s", stdout, stderr)
	assert.Contains(t, stdout, `"operationStatus":"succeeded"`)
	assert.Contains(t, stdout, `"patchedStatus":"pendingReboot"`)
	assert.Contains(t, stdout, `"upgrades":2`)
	assert.Contains(t, stderr, "graphconform mock: no request broke the contract")
	assert.Contains(t, stderr, "status=429", "the fault throttled the SDK, which waited and retried")
}

func TestTheGateCatchesEachBuggedGoClientByItsRule(t *testing.T) {
	bin := buildGoClient(t)
	for _, bug := range buggedCopies {
		t.Run(bug.mode, func(t *testing.T) {
			args := []string{"serve", "--tls", "--strict", "--addr", "127.0.0.1:0"}
			if bug.fault != "" {
				args = append(args, "--fault", bug.fault)
			}
			code, stdout, stderr := runCLI(t, append(args, "--", bin, bug.mode)...)
			require.Equal(t, 1, code, "stdout: %s\nstderr: %s", stdout, stderr)
			assert.Contains(t, stderr, "["+bug.rule.String()+"]")
		})
	}
}

func TestTheProxyInFrontOfTheMockJudgesTheGoClients(t *testing.T) {
	bin := buildGoClient(t)
	mock := startServe(t, "--tls", "--queued-polls", "1", "--running-polls", "1")
	proxy := []string{"proxy", "--tls", "--addr", "127.0.0.1:0", "--upstream", mock.url, "--upstream-ca", mock.certPath, "--"}
	code, stdout, stderr := runCLI(t, append(proxy, bin)...)
	require.Equal(t, 0, code, "stdout: %s\nstderr: %s", stdout, stderr)
	assert.Contains(t, stderr, "graphconform proxy: no exchange broke the contract")

	for _, bug := range buggedCopies {
		if bug.fault != "" {
			status, _, body := callMock(t, clientTrusting(t, mock.certPath), "POST", mock.url+"/_graphconform/faults", "-",
				`{"operation":"teamworkDevice.updateSoftware","status":429,"retryAfter":"30","count":1}`)
			require.Equal(t, 201, status, body)
		}
		code, _, stderr := runCLI(t, append(proxy, bin, bug.mode)...)
		assert.Equal(t, 1, code, "%s: %s", bug.mode, stderr)
		assert.Contains(t, stderr, "side=client rules="+bug.rule.String(), bug.mode)
		status, _, _ := callMock(t, clientTrusting(t, mock.certPath), "POST", mock.url+"/_graphconform/reset", "-", "")
		require.Less(t, status, 300)
	}
}
