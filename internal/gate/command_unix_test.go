//go:build unix

package gate_test

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/gate"
)

// readUntilEOF reads r until every writer closed it, failing the test when that takes longer than a
// few seconds: a process left holding the command's stdout would keep a CI log pipe open.
func readUntilEOF(t *testing.T, r *os.File) string {
	t.Helper()
	require.NoError(t, r.SetReadDeadline(time.Now().Add(5*time.Second)))
	data, err := io.ReadAll(r)
	require.NoError(t, err, "a process the command started still holds its stdout open")
	return string(data)
}

func TestRunEndsTheBackgroundChildrenACommandLeaves(t *testing.T) {
	r, w, err := os.Pipe()
	require.NoError(t, err)
	defer r.Close()
	status, err := gate.Command{Argv: []string{"sh", "-c", "sleep 30 & echo started"}, Stdout: w, Grace: 200 * time.Millisecond}.Run(context.Background())
	require.NoError(t, err)
	assert.Equal(t, 0, status)
	require.NoError(t, w.Close())
	assert.Equal(t, "started\n", readUntilEOF(t, r))
}

func TestRunSendsSIGTERMToTheCommandsWholeProcessGroup(t *testing.T) {
	marker := filepath.Join(t.TempDir(), "marker")
	// The inner shell is a grandchild of the gate; it notes SIGTERM in the marker and ends.
	inner := `trap 'echo term > "$MARKER"; exit 0' TERM; i=0; while [ $i -lt 100 ]; do sleep 0.05; i=$((i+1)); done`
	t.Setenv("MARKER", marker)
	ctx, cancel := context.WithCancel(context.Background())
	ready := filepath.Join(t.TempDir(), "ready")
	t.Setenv("READY", ready)
	go func() {
		for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
			if _, err := os.Stat(ready); err == nil {
				break
			}
		}
		cancel()
	}()
	_, err := gate.Command{Argv: []string{"sh", "-c", `sh -c "$0" & touch "$READY"; wait`, inner}, Grace: 2 * time.Second}.Run(ctx)
	require.NoError(t, err)
	var data []byte
	for deadline := time.Now().Add(3 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if data, err = os.ReadFile(marker); err == nil && len(data) > 0 {
			break
		}
	}
	assert.Equal(t, "term\n", string(data), "the grandchild got SIGTERM")
}

func TestRunKillsACommandThatIgnoresSIGTERMWithItsChildren(t *testing.T) {
	r, w, err := os.Pipe()
	require.NoError(t, err)
	defer r.Close()
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(300*time.Millisecond, cancel)
	began := time.Now()
	status, err := gate.Command{Argv: []string{"sh", "-c", `trap '' TERM; sleep 30 & echo started; wait`}, Stdout: w, Grace: 300 * time.Millisecond}.Run(ctx)
	require.NoError(t, err)
	assert.Equal(t, 128+9, status, "killed once the grace has passed")
	require.NoError(t, w.Close())
	assert.Equal(t, "started\n", readUntilEOF(t, r))
	assert.Less(t, time.Since(began), 5*time.Second)
}

func TestRunStopsAStoppedCommandsChildrenWithinOneGrace(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(200*time.Millisecond, cancel)
	began := time.Now()
	status, err := gate.Command{Argv: []string{"sh", "-c", `trap '' TERM; sleep 30 & wait`}, Grace: 2 * time.Second}.Run(ctx)
	require.NoError(t, err)
	assert.Equal(t, 128+9, status)
	assert.Less(t, time.Since(began), 3500*time.Millisecond, "the children that outlived the grace are killed with the command, not given a second grace")
}
