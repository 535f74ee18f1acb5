//go:build linux

package loadbench_test

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAServerProgramDiesWithTheBenchThatStartedIt(t *testing.T) {
	self, err := os.Executable()
	require.NoError(t, err)
	pidFile := filepath.Join(t.TempDir(), "server.pid")
	bench := exec.Command(self)
	bench.Env = append(os.Environ(), startsAServerEnv+"="+pidFile)
	require.NoError(t, bench.Start())
	var server int
	require.Eventually(t, func() bool {
		data, err := os.ReadFile(pidFile)
		server, _ = strconv.Atoi(strings.TrimSpace(string(data)))
		return err == nil && server > 0
	}, 30*time.Second, 10*time.Millisecond, "the stand-in bench started its server")
	require.NoError(t, bench.Process.Kill(), "the bench dies without stopping its server")
	_ = bench.Wait()
	assert.Eventually(t, func() bool { return errors.Is(syscall.Kill(server, 0), syscall.ESRCH) },
		10*time.Second, 10*time.Millisecond, "the server %d died with the bench", server)
	if t.Failed() {
		_ = syscall.Kill(server, syscall.SIGKILL)
	}
}
