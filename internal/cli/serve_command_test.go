package cli_test

import (
	"context"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/cli"
)

// runCLI runs graphconform with args to its end (at most a minute) and returns its status and output.
func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var out, errOut syncBuffer
	code = cli.Run(ctx, args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// helperRequest is the command that sends one request to the gated URL: this test binary as a tiny
// HTTP client (see TestMain).
func helperRequest(method, path string, body ...string) []string {
	return append([]string{"env", helperHTTPEnv + "=1", os.Args[0], method, path}, body...)
}

func TestServeCommandWithAValidRequestExitsZero(t *testing.T) {
	args := append([]string{"serve", "--strict", "--addr", "127.0.0.1:0", "--"}, helperRequest("POST", serveUpdatePath, serveSoftwareBody)...)
	code, stdout, stderr := runCLI(t, args...)
	assert.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, "status=202", "the command reached the mock at $GRAPHCONFORM_BASE_URL")
	assert.Contains(t, stderr, "no request broke the contract")
}

func TestServeCommandWithAnInvalidBodyExitsOneUnderStrict(t *testing.T) {
	args := append([]string{"serve", "--strict", "--addr", "127.0.0.1:0", "--"}, helperRequest("POST", serveUpdatePath, `{"softwareType":"banana"}`)...)
	code, stdout, stderr := runCLI(t, args...)
	assert.Equal(t, 1, code, stderr)
	assert.Contains(t, stdout, "status=400")
	assert.Contains(t, stderr, "[request-body-schema]")
}

func TestServeCommandWithoutStrictExitsZeroDespiteViolations(t *testing.T) {
	args := append([]string{"serve", "--addr", "127.0.0.1:0", "--"}, helperRequest("POST", serveUpdatePath, `{"softwareType":"banana"}`)...)
	code, _, stderr := runCLI(t, args...)
	assert.Equal(t, 0, code, stderr)
	assert.Contains(t, stderr, "--strict makes this exit status 1")
}

func TestServeCommandStatusWinsWhenItIsNotZero(t *testing.T) {
	code, _, stderr := runCLI(t, "serve", "--strict", "--addr", "127.0.0.1:0", "--", "sh", "-c", "exit 3")
	assert.Equal(t, 3, code, stderr)
	assert.Contains(t, stderr, "the command exited 3")

	code, _, stderr = runCLI(t, "serve", "--strict", "--addr", "127.0.0.1:0", "--", "sh", "-c", `kill -TERM $$`)
	assert.Equal(t, 128+15, code, "a command ended by SIGTERM exits 143, as in a shell: %s", stderr)
}

func TestServeCommandOverTLSGetsTheCertificateInItsEnvironment(t *testing.T) {
	args := append([]string{"serve", "--tls", "--strict", "--addr", "127.0.0.1:0", "--"}, helperRequest("GET", serveStatePath)...)
	code, stdout, stderr := runCLI(t, args...)
	require.Equal(t, 0, code, stderr)
	assert.Regexp(t, `status=200 node-extra-ca-certs=\S+graphconform-mock-\S+\.pem`, stdout,
		"the client trusted $GRAPHCONFORM_CA_CERT and got $NODE_EXTRA_CA_CERTS")
}

func TestServeCommandWritesTheViolationsAsJUnit(t *testing.T) {
	junit := filepath.Join(t.TempDir(), "violations.xml")
	args := append([]string{"serve", "--strict", "--addr", "127.0.0.1:0", "--violations-junit", junit, "--"}, helperRequest("POST", serveUpdatePath, `{"softwareType":"banana"}`)...)
	code, _, stderr := runCLI(t, args...)
	require.Equal(t, 1, code, stderr)
	data, err := os.ReadFile(junit)
	require.NoError(t, err)
	var report struct {
		Tests    int `xml:"tests,attr"`
		Failures int `xml:"failures,attr"`
		Suites   []struct {
			Name  string `xml:"name,attr"`
			Cases []struct {
				Name      string `xml:"name,attr"`
				Classname string `xml:"classname,attr"`
				Failure   *struct {
					Type string `xml:"type,attr"`
					Text string `xml:",chardata"`
				} `xml:"failure"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	require.NoError(t, xml.Unmarshal(data, &report), "%s", data)
	assert.Equal(t, 1, report.Failures)
	require.Len(t, report.Suites, 2)
	client := report.Suites[0]
	require.Len(t, client.Cases, 1)
	c := client.Cases[0]
	assert.Equal(t, "client.teamworkDevice.updateSoftware", c.Classname)
	assert.Contains(t, c.Name, "POST "+serveUpdatePath+" → 400 [request-body-schema]")
	require.NotNil(t, c.Failure)
	assert.Equal(t, "request-body-schema", c.Failure.Type)
	assert.Contains(t, c.Failure.Text, "/softwareType")
	assert.Equal(t, "no response broke the contract", report.Suites[1].Cases[0].Name)
}

func TestServeCommandTheReadmeWay(t *testing.T) {
	if _, err := exec.LookPath("curl"); err != nil {
		t.Skip("curl is not installed; the tests above run the same gate with a Go client")
	}
	valid := `curl -sf -X POST "$GRAPHCONFORM_BASE_URL/beta/teamwork/devices/0f3ce432-e432-0f3c-32e4-3c0f32e43c0f/updateSoftware" -H 'Authorization: Bearer x' -H 'Content-Type: application/json' -d '{"softwareType":"teamsClient","softwareVersion":"1.0.96.22"}'`
	code, _, stderr := runCLI(t, "serve", "--strict", "--addr", "127.0.0.1:0", "--", "sh", "-c", valid)
	assert.Equal(t, 0, code, stderr)

	invalid := strings.Replace(valid, "teamsClient", "banana", 1)
	invalid = strings.Replace(invalid, "curl -sf", "curl -s", 1)
	code, _, stderr = runCLI(t, "serve", "--strict", "--addr", "127.0.0.1:0", "--", "sh", "-c", invalid)
	assert.Equal(t, 1, code, stderr)
}

func TestServeCommandUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"serve", "npm"}, 2, `unexpected argument "npm": put the command to run after '--'`},
		{[]string{"serve", "--addr", "127.0.0.1:0", "--"}, 2, "nothing after '--'"},
		{[]string{"serve", "--addr", "127.0.0.1:0", "--", "graphconform-no-such-command"}, 127, "is it installed and on PATH?"},
	} {
		code, _, stderr := runCLI(t, tc.args...)
		assert.Equal(t, tc.code, code, "%v: %s", tc.args, stderr)
		assert.Contains(t, stderr, tc.want, "%v", tc.args)
	}
}
