package cli_test

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/cli"
)

// benchRow is a line of the bench table: server, operation, requests, 2xx, req/s, × bare, target,
// verdict, p50, p99, steal.
var benchRow = regexp.MustCompile(`(?m)^\| (bare net/http|serve --strict|bare reverse proxy|proxy) \| (PATCH windowsUpdateState|POST updateSoftware) \| (\d+) \| (\d+) \| \d+ \| (\d+\.\d\d) \| ([^|]+) \| (baseline|pass|short|failed) \| \d+\.\d{3} ms \| \d+\.\d{3} ms \| (\d+%|—) \|$`)

func TestBenchLoadsEveryServerAndWritesTheReport(t *testing.T) {
	out := filepath.Join(t.TempDir(), "BENCHMARKS.md")
	code, stdout, stderr := run(t, "bench", "--load", "go", "--pin", "off", "--rounds", "2", "--duration", "200ms", "--warmup", "50ms", "--concurrency", "2", "--prism", "off", "--out", out)
	require.Equal(t, 0, code, "stdout:\n%s\nstderr:\n%s", stdout, stderr)
	written, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Equal(t, stdout, string(written), "the file is what was printed")
	assert.Regexp(t, `(?m)^- CPUs: shared: graphconform's servers under load run in the load generator's process \(Prism in its own\), on the \d+ CPU\(s\) it may use`, stdout)
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
	assert.Regexp(t, `(?m)^- graphconform: \S+`, stdout)
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
		if runtime.GOOS == "linux" {
			assert.NotEqual(t, "—", row[8], "%s %s: the steal during the case, from /proc/stat", server, op)
		}
	}
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

func TestBenchRejectsAnUnknownLoadGenerator(t *testing.T) {
	code, _, stderr := run(t, "bench", "--load", "ab", "--out", "-")
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, `--load "ab": give auto, wrk or go`)
}

func TestBenchLoadWrkFailsWithoutWrkAndAutoUsesGo(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	code, _, stderr := run(t, "bench", "--load", "wrk", "--prism", "off", "--out", "-")
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "--load wrk: wrk is not on PATH")

	code, stdout, stderr := run(t, "bench", "--pin", "off", "--rounds", "1", "--duration", "100ms", "--warmup", "0s", "--concurrency", "1", "--prism", "off", "--out", "-")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, "- Load generator: graphconform's own, in Go")
}

func TestBenchForwardWantsAnHTTPUpstream(t *testing.T) {
	code, _, stderr := run(t, "bench", "forward", "--upstream", "ftp://example.invalid")
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "give an http(s) URL")
}

// benchPeerRow is a line of the table against Prism: server, peer, operation, req/s, peer req/s,
// × peer, target, verdict, plain server, plain × peer.
var benchPeerRow = regexp.MustCompile(`(?m)^\| (serve --strict|proxy) \| (prism mock --errors|prism proxy --errors) \| (PATCH windowsUpdateState|POST updateSoftware) \| \d+ \| \d+ \| \d+\.\d \| ≥ 20 \| (pass|short) \| (bare net/http|bare reverse proxy) \| \d+\.\d \|$`)

// prismDir is the repository's pinned Prism, which make deps installs (npm ci --prefix tools/prism).
var prismDir = filepath.Join("..", "..", "tools", "prism")

// The test compares the Prism make deps installed, so it never reaches the npm registry; without it,
// it is skipped, or fails when GRAPHCONFORM_REQUIRE_NODE=1 says Node's tools are installed.
func TestBenchComparesPrism(t *testing.T) {
	if _, err := os.Stat(filepath.Join(prismDir, "node_modules", ".bin", "prism")); err != nil {
		if os.Getenv("GRAPHCONFORM_REQUIRE_NODE") == "1" {
			t.Fatalf("GRAPHCONFORM_REQUIRE_NODE=1 but Prism is not installed in %s: run make deps (%v)", prismDir, err)
		}
		t.Skipf("Prism is not installed in %s: make deps installs it where npm is on PATH", prismDir)
	}
	out := filepath.Join(t.TempDir(), "BENCHMARKS.md")
	code, stdout, stderr := run(t, "bench", "--load", "go", "--pin", "off", "--rounds", "1", "--duration", "300ms", "--warmup", "100ms", "--concurrency", "2", "--prism", "on", "--prism-dir", prismDir, "--out", out)
	require.Equal(t, 0, code, "stdout:\n%s\nstderr:\n%s", stdout, stderr)
	assert.Regexp(t, `(?m)^- Peer: Prism 5\.\d+\.\d+ \(installed in .+tools/prism, Node v\d+`, stdout)
	assert.NotContains(t, stderr, "installing", "the installed Prism is used, none is fetched")
	assert.Len(t, benchRow.FindAllString(stdout, -1), 8, "graphconform's rows and the bare ones")
	assert.Regexp(t, `(?m)^\| prism mock --errors \| PATCH windowsUpdateState \| \d+ \| \d+ \| \d+ \| \d\.\d\d \| — \| peer \|`, stdout)
	assert.Regexp(t, `(?m)^\| prism proxy --errors \| POST updateSoftware \| \d+ \| \d+ \| \d+ \| \d\.\d\d \| — \| peer \|`, stdout)
	assert.Len(t, benchPeerRow.FindAllString(stdout, -1), 4, "a row per server and operation against Prism:\n%s", stdout)
}

func TestBenchWithoutThePrismOfPrismDirFailsUnderPrismOn(t *testing.T) {
	empty := t.TempDir()
	code, _, stderr := run(t, "bench", "--load", "go", "--pin", "off", "--rounds", "1", "--duration", "100ms", "--prism", "on", "--prism-dir", empty, "--out", "-")
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, "no Prism CLI installed in "+empty+": run npm ci --prefix "+empty)
	code, _, stderr = run(t, "bench", "--prism", "off", "--prism-dir", empty, "--out", "-")
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "drop one")
}

func TestBenchStopsBetweenCasesWhenItsContextEnds(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var out, errOut syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- cli.Run(ctx, []string{"bench", "--load", "go", "--pin", "off", "--prism", "off", "--rounds", "50", "--duration", "100ms", "--warmup", "0s", "--concurrency", "1", "--out", "-"}, &out, &errOut)
	}()
	require.Eventually(t, func() bool { return strings.Contains(errOut.String(), "round 1 of 50") }, time.Minute, 10*time.Millisecond)
	cancel()
	select {
	case code := <-done:
		assert.Equal(t, 1, code, errOut.String())
	case <-time.After(time.Minute):
		t.Fatal("bench did not stop within a minute of its context ending")
	}
	assert.Contains(t, errOut.String(), "the load benchmark was stopped")
	assert.NotContains(t, errOut.String(), "round 50 of 50", "it stopped before loading every round")
}
