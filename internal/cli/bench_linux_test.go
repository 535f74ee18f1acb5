//go:build linux

package cli_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/unix"

	"github.com/graphconform/graphconform/internal/loadbench"
)

func TestBenchPinnedRunsEachServerAsAProgramOnACPUOfItsOwn(t *testing.T) {
	if _, err := loadbench.PinnedCPUs(); err != nil {
		t.Skipf("no pinned run here: %v", err)
	}
	out := filepath.Join(t.TempDir(), "BENCHMARKS.md")
	// The bench runs as a program of its own, so that pinning binds it and not the tests; its servers
	// are the same binary again, bound to the server CPU.
	stdout, stderr, err := runAsCLI(t, nil, "bench", "--load", "go", "--pin", "on", "--rounds", "1", "--duration", "200ms", "--warmup", "50ms", "--concurrency", "2", "--prism", "off", "--out", out)
	require.NoError(t, err, "stdout:\n%s\nstderr:\n%s", stdout, stderr)
	assert.Regexp(t, `(?m)^- CPUs: pinned: the server under load on CPU \d+ \(GOMAXPROCS=1 for graphconform's\), the load generator and the proxies' upstream on CPU \d+$`, stdout)
	assert.Contains(t, stdout, "runs as a program of its own", "the notes say how the servers ran")
	assertEveryBenchRow(t, stdout)
}

func TestBenchPinnedLoadsWithWrkWhereItIsInstalled(t *testing.T) {
	if _, err := loadbench.PinnedCPUs(); err != nil {
		t.Skipf("no pinned run here: %v", err)
	}
	if _, err := loadbench.FindWrk(); err != nil {
		t.Skipf("%v (make deps installs it with apt-get)", err)
	}
	stdout, stderr, err := runAsCLI(t, nil, "bench", "--pin", "on", "--rounds", "1", "--duration", "200ms", "--warmup", "50ms", "--concurrency", "2", "--prism", "off", "--out", "-")
	require.NoError(t, err, "stdout:\n%s\nstderr:\n%s", stdout, stderr)
	assert.Regexp(t, `(?m)^- Load generator: wrk \S+ .*graphconform's Lua script`, stdout, "--load auto chose wrk")
	assertEveryBenchRow(t, stdout)
}

func TestBenchPinOnFailsWithOneCPUAndAutoSharesIt(t *testing.T) {
	cpus, err := loadbench.PinnedCPUs()
	if err != nil {
		t.Skipf("no pinned run here: %v", err)
	}
	one := []int{cpus.Server}
	_, stderr, err := runAsCLI(t, one, "bench", "--load", "go", "--pin", "on", "--prism", "off", "--out", "-")
	var exit *exec.ExitError
	require.ErrorAs(t, err, &exit, stderr)
	assert.Equal(t, 2, exit.ExitCode(), "a usage error: %s", stderr)
	assert.Contains(t, stderr, "pinning needs two CPUs")

	stdout, stderr, err := runAsCLI(t, one, "bench", "--load", "go", "--pin", "auto", "--rounds", "1", "--duration", "100ms", "--warmup", "0s", "--concurrency", "1", "--prism", "off", "--out", "-")
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
