package loadbench

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// writeResult writes the text of a wrk script's results to a file and returns its path.
func writeResult(t *testing.T, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "result")
	require.NoError(t, os.WriteFile(path, []byte(text), 0o600))
	return path
}

func TestReadWrkResultSumsTheWorkers(t *testing.T) {
	path := writeResult(t, "failed 1\nduration 2000000\n"+
		"worker 1 2 2 0 1000 101000\n300\n100\n"+
		"worker 2 1 0 1 1100 51000\nproblem POST /x answered 409\n200\n")
	result, err := readWrkResult(path)
	require.NoError(t, err)
	assert.Equal(t, Result{
		Requests: 3, OK: 2, Failed: 2, FirstProblem: "POST /x answered 409",
		Elapsed: 100 * time.Millisecond, P50: 200 * time.Microsecond, P99: 300 * time.Microsecond,
	}, result, "elapsed from the first worker's measured start to the last iteration's end")
}

func TestReadWrkResultKeepsWrksDurationWhenNothingEnded(t *testing.T) {
	result, err := readWrkResult(writeResult(t, "failed 3\nduration 2000000\nworker 1 0 0 0 5 5\n"))
	require.NoError(t, err)
	assert.Equal(t, 2*time.Second, result.Elapsed)
	assert.Equal(t, 3, result.Failed)
}

func TestReadWrkResultRefusesWhatItCannotRead(t *testing.T) {
	for name, text := range map[string]string{
		"no worker":         "failed 0\nduration 1\n",
		"a short worker":    "worker 1 2 3\n",
		"a word as latency": "worker 1 1 1 0 0 1\nfast\n",
		"a bad count":       "failed many\nworker 1 1 1 0 0 1\n",
	} {
		_, err := readWrkResult(writeResult(t, text))
		assert.Error(t, err, name)
	}
	_, err := readWrkResult(filepath.Join(t.TempDir(), "absent"))
	assert.ErrorContains(t, err, "wrk wrote no results")
}
