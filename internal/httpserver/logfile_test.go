package httpserver_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/httpserver"
)

func TestLogFileLosesNoLineOnClose(t *testing.T) {
	path := filepath.Join(t.TempDir(), "access.log")
	log, err := httpserver.OpenLog(path, nil)
	require.NoError(t, err)
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Go(func() {
			for i := range 1000 {
				_, _ = fmt.Fprintf(log, "writer=%d line=%d\n", w, i)
			}
		})
	}
	wg.Wait()
	require.NoError(t, log.Close())
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, 8000, strings.Count(string(data), "\n"))
}

func TestLogFileOffAndStderr(t *testing.T) {
	var stderr bytes.Buffer
	log, err := httpserver.OpenLog("-", &stderr)
	require.NoError(t, err)
	_, _ = log.Write([]byte("a line\n"))
	require.NoError(t, log.Close())
	assert.Equal(t, "a line\n", stderr.String())

	stderr.Reset()
	off, err := httpserver.OpenLog("off", &stderr)
	require.NoError(t, err)
	_, _ = off.Write([]byte("a line\n"))
	require.NoError(t, off.Close())
	assert.Empty(t, stderr.String())

	_, err = httpserver.OpenLog(filepath.Join(t.TempDir(), "no", "such", "dir", "log"), nil)
	assert.ErrorContains(t, err, "give a writable path")
}

// stuckWriter takes no bytes until it is released.
type stuckWriter struct{ release chan struct{} }

func (s stuckWriter) Write(p []byte) (int, error) {
	<-s.release
	return len(p), nil
}

func TestLogFileCloseGivesUpOnAStuckWriter(t *testing.T) {
	stuck := stuckWriter{release: make(chan struct{})}
	defer close(stuck.release)
	log, err := httpserver.OpenLog("-", stuck)
	require.NoError(t, err)
	httpserver.SetCloseTimeout(log, 50*time.Millisecond)
	_, _ = log.Write([]byte("a line\n"))
	closed := make(chan error, 1)
	go func() { closed <- log.Close() }()
	select {
	case err := <-closed:
		assert.ErrorContains(t, err, "stuck")
	case <-time.After(10 * time.Second):
		t.Fatal("Close did not give up on a writer that takes nothing")
	}
}
