package cli_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/unix"

	"github.com/graphconform/graphconform/internal/loadbench"
)

// benchRow is a line of the bench table: server, operation, requests, 2xx, req/s, × bare, target,
// verdict.
var benchRow = regexp.MustCompile(`(?m)^\| (bare net/http|serve --strict|bare reverse proxy|proxy) \| (PATCH windowsUpdateState|POST updateSoftware) \| (\d+) \| (\d+) \| \d+ \| (\d+\.\d\d) \| ([^|]+) \| (baseline|pass|short|failed) \| \d+\.\d{3} ms \| \d+\.\d{3} ms \|$`)

func TestBenchLoadsEveryServerAndWritesTheReport(t *testing.T) {
	out := filepath.Join(t.TempDir(), "BENCHMARKS.md")
	code, stdout, stderr := run(t, "bench", "--pin", "off", "--rounds", "2", "--duration", "200ms", "--warmup", "50ms", "--concurrency", "2", "--prism", "off", "--out", out)
	require.Equal(t, 0, code, "stdout:\n%s\nstderr:\n%s", stdout, stderr)
	written, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Equal(t, stdout, string(written), "the file is what was printed")
	assert.Regexp(t, `(?m)^- CPUs: shared: the servers under load run in the load generator's process, on the \d+ CPU\(s\) it may use`, stdout)
	assert.Contains(t, stdout, "every case loaded in 2 rounds, each server in turn, and each figure is its median round")
	assert.Equal(t, 2, strings.Count(stderr, "graphconform bench: serve --strict, PATCH windowsUpdateState: "), "each case loaded once per round:\n%s", stderr)
	assertEveryBenchRow(t, stdout)
}

// assertEveryBenchRow checks that a bench report has a row per server and operation, every request of
// each answered 2xx, with its target.
func assertEveryBenchRow(t *testing.T, stdout string) {
	t.Helper()
	assert.Regexp(t, `(?m)^- Machine: \d+ CPUs \(`+"`nproc`"+`\), .+$`, stdout)
	assert.Regexp(t, `(?m)^- Go: go1\.`, stdout)
	assert.Regexp(t, `(?m)^- Load average \(1, 5, 15 min\): .+ before the run, .+ after$`, stdout)

	rows := benchRow.FindAllStringSubmatch(stdout, -1)
	require.Len(t, rows, 8, "a row per server and operation:\n%s", stdout)
	targets := map[string]string{"bare net/http": "—", "serve --strict": "≥ 0.60", "bare reverse proxy": "—", "proxy": "≥ 0.50"}
	for i, row := range rows {
		server, op := row[1], row[2]
		assert.Equal(t, []string{"bare net/http", "serve --strict", "bare reverse proxy", "proxy"}[i/2], server)
		assert.Equal(t, []string{"PATCH windowsUpdateState", "POST updateSoftware"}[i%2], op)
		requests, _ := strconv.Atoi(row[3])
		ok, _ := strconv.Atoi(row[4])
		assert.Positive(t, requests, "%s %s was loaded", server, op)
		assert.Equal(t, requests, ok, "%s %s answered every request 2xx", server, op)
		assert.Equal(t, targets[server], row[6], server)
		assert.NotEqual(t, "failed", row[7], server)
		if server == "bare net/http" {
			assert.Equal(t, "1.00", row[5])
		}
	}
}

func TestBenchPinnedRunsEachServerAsAProgramOnACPUOfItsOwn(t *testing.T) {
	if _, err := loadbench.PinnedCPUs(); err != nil {
		t.Skipf("no pinned run here: %v", err)
	}
	out := filepath.Join(t.TempDir(), "BENCHMARKS.md")
	// The bench runs as a program of its own, so that pinning binds it and not the tests; its servers
	// are the same binary again, bound to the server CPU.
	stdout, stderr, err := runAsCLI(t, nil, "bench", "--pin", "on", "--rounds", "1", "--duration", "200ms", "--warmup", "50ms", "--concurrency", "2", "--prism", "off", "--out", out)
	require.NoError(t, err, "stdout:\n%s\nstderr:\n%s", stdout, stderr)
	assert.Regexp(t, `(?m)^- CPUs: pinned: the server under load alone on CPU \d+ \(GOMAXPROCS=1\), the load generator and the proxies' upstream on CPU \d+$`, stdout)
	assert.Contains(t, stdout, "runs as a program of its own", "the notes say how the servers ran")
	assertEveryBenchRow(t, stdout)
}

func TestBenchPinOnFailsWithOneCPUAndAutoSharesIt(t *testing.T) {
	cpus, err := loadbench.PinnedCPUs()
	if err != nil {
		t.Skipf("no pinned run here: %v", err)
	}
	one := []int{cpus.Server}
	_, stderr, err := runAsCLI(t, one, "bench", "--pin", "on", "--prism", "off", "--out", "-")
	var exit *exec.ExitError
	require.ErrorAs(t, err, &exit, stderr)
	assert.Equal(t, 2, exit.ExitCode(), "a usage error: %s", stderr)
	assert.Contains(t, stderr, "pinning needs two CPUs")

	stdout, stderr, err := runAsCLI(t, one, "bench", "--pin", "auto", "--rounds", "1", "--duration", "100ms", "--warmup", "0s", "--concurrency", "1", "--prism", "off", "--out", "-")
	require.NoError(t, err, "stdout:\n%s\nstderr:\n%s", stdout, stderr)
	assert.Contains(t, stdout, "- CPUs: shared:")
	assert.Contains(t, stdout, "Not pinned (--pin auto): pinning needs two CPUs")
}

// runAsCLI runs graphconform with args as a program of its own (this test binary, made the CLI by
// asCLIEnv), bound to the CPUs in only when there are any, for at most two minutes.
func runAsCLI(t *testing.T, only []int, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	self, err := os.Executable()
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, self, args...)
	cmd.Env = append(os.Environ(), asCLIEnv+"=1")
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	ran := make(chan error, 1)
	go func() {
		if len(only) > 0 {
			// Forked from a thread bound to those CPUs, the program inherits the binding; the thread is
			// never unlocked, so it ends with this goroutine.
			runtime.LockOSThread()
			var set unix.CPUSet
			for _, cpu := range only {
				set.Set(cpu)
			}
			if err := unix.SchedSetaffinity(0, &set); err != nil {
				ran <- err
				return
			}
		}
		ran <- cmd.Run()
	}()
	err = <-ran
	return out.String(), errOut.String(), err
}

func TestBenchRejectsNoRounds(t *testing.T) {
	code, _, stderr := run(t, "bench", "--rounds", "0", "--out", "-")
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "--rounds 0: give 1 or more")
}

func TestBenchRejectsAnUnboundedLoad(t *testing.T) {
	code, _, stderr := run(t, "bench", "--duration", "0s", "--out", "-")
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "--duration")
}

func TestBenchRejectsAnUnknownPrismOrPinMode(t *testing.T) {
	for _, flag := range []string{"--prism", "--pin"} {
		code, _, stderr := run(t, "bench", flag, "maybe", "--out", "-")
		assert.Equal(t, 2, code, flag)
		assert.Contains(t, stderr, flag+` "maybe": give auto, on or off`)
	}
}

func TestBenchForwardWantsAnHTTPUpstream(t *testing.T) {
	code, _, stderr := run(t, "bench", "forward", "--upstream", "ftp://example.invalid")
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "give an http(s) URL")
}

// benchPeerRow is a line of the table against Prism: server, peer, operation, req/s, peer req/s,
// × peer, target, verdict.
var benchPeerRow = regexp.MustCompile(`(?m)^\| (serve --strict|proxy) \| (prism mock --errors|prism proxy --errors) \| (PATCH windowsUpdateState|POST updateSoftware) \| \d+ \| \d+ \| \d+\.\d \| ≥ 20 \| (pass|short) \|$`)

// Installing Prism needs Node, npm and the npm registry: the test runs only when
// GRAPHCONFORM_REQUIRE_NODE=1 says they are there.
func TestBenchComparesPrism(t *testing.T) {
	if os.Getenv("GRAPHCONFORM_REQUIRE_NODE") != "1" {
		t.Skip("set GRAPHCONFORM_REQUIRE_NODE=1 to install Prism with npm and compare it")
	}
	out := filepath.Join(t.TempDir(), "BENCHMARKS.md")
	code, stdout, stderr := run(t, "bench", "--pin", "off", "--rounds", "1", "--duration", "300ms", "--warmup", "100ms", "--concurrency", "2", "--prism", "on", "--out", out)
	require.Equal(t, 0, code, "stdout:\n%s\nstderr:\n%s", stdout, stderr)
	assert.Regexp(t, `(?m)^- Peer: Prism 5\.\d+\.\d+ \(@stoplight/prism-cli@5, Node v\d+`, stdout)
	assert.Len(t, benchRow.FindAllString(stdout, -1), 8, "graphconform's rows and the bare ones")
	assert.Regexp(t, `(?m)^\| prism mock --errors \| PATCH windowsUpdateState \| \d+ \| \d+ \| \d+ \| \d\.\d\d \| — \| peer \|`, stdout)
	assert.Regexp(t, `(?m)^\| prism proxy --errors \| POST updateSoftware \| \d+ \| \d+ \| \d+ \| \d\.\d\d \| — \| peer \|`, stdout)
	assert.Len(t, benchPeerRow.FindAllString(stdout, -1), 4, "a row per server and operation against Prism:\n%s", stdout)
}
