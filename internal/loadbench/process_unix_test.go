//go:build unix

package loadbench_test

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/loadbench"
)

func TestStopEndsTheWholeProcessGroup(t *testing.T) {
	pidFile := filepath.Join(t.TempDir(), "child.pid")
	// A program that starts a child and ignores SIGTERM: Stop must still end both.
	script := `trap '' TERM; sleep 60 & echo $! > "$1"; wait`
	p, err := loadbench.StartProcess("sh", []string{"-c", script, "sh", pidFile}, 1)
	require.NoError(t, err)
	var child int
	require.Eventually(t, func() bool {
		data, err := os.ReadFile(pidFile)
		child, _ = strconv.Atoi(strings.TrimSpace(string(data)))
		return err == nil && child > 0
	}, 10*time.Second, 10*time.Millisecond, "the program started its child")
	require.NoError(t, p.Stop(200*time.Millisecond))
	assert.Eventually(t, func() bool {
		return errors.Is(syscall.Kill(child, 0), syscall.ESRCH)
	}, 10*time.Second, 10*time.Millisecond, "the child %d was ended with its parent", child)
}

func TestStopReportsAProgramThatFailedOnItsOwn(t *testing.T) {
	p, err := loadbench.StartProcess("sh", []string{"-c", "echo cannot start >&2; exit 3"}, 1)
	require.NoError(t, err)
	require.Error(t, p.WaitReady(t.Context(), time.Minute), "it exits without listening")
	err = p.Stop(time.Second)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "cannot start")
}
