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
	p, err := loadbench.StartProcess(loadbench.Program{Path: "sh", Args: []string{"-c", script, "sh", pidFile}, Port: 1})
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
	p, err := loadbench.StartProcess(loadbench.Program{Path: "sh", Args: []string{"-c", "echo cannot start >&2; exit 3"}, Port: 1})
	require.NoError(t, err)
	require.Error(t, p.WaitReady(t.Context(), time.Minute), "it exits without listening")
	err = p.Stop(time.Second)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "cannot start")
}

func TestStopCleanlyWantsStatusZeroOnSIGTERM(t *testing.T) {
	for name, tc := range map[string]struct {
		script string
		fails  bool
	}{
		"exits 0 on SIGTERM":         {script: `trap 'exit 0' TERM; echo ready; while :; do sleep 0.01; done`},
		"exits 1 on SIGTERM":         {script: `trap 'echo a request broke the contract >&2; exit 1' TERM; echo ready; while :; do sleep 0.01; done`, fails: true},
		"exits 0 before it is asked": {script: `exit 0`, fails: true},
	} {
		t.Run(name, func(t *testing.T) {
			p, err := loadbench.StartProcess(loadbench.Program{Path: "sh", Args: []string{"-c", tc.script}, Port: 1})
			require.NoError(t, err)
			if name == "exits 0 before it is asked" {
				require.Error(t, p.WaitReady(t.Context(), time.Minute), "it exits without listening")
			} else {
				require.Eventually(t, func() bool { return strings.Contains(p.Output.String(), "ready") },
					10*time.Second, 10*time.Millisecond, "the shell set its trap")
			}
			err = p.StopCleanly(5 * time.Second)
			if !tc.fails {
				require.NoError(t, err)
				return
			}
			require.Error(t, err)
			if name == "exits 1 on SIGTERM" {
				assert.Contains(t, err.Error(), "a request broke the contract", "the program's own words are kept")
			}
		})
	}
}
