package cli_test

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRunEventsStreamTheRunAsNDJSON(t *testing.T) {
	dir := t.TempDir()
	events := filepath.Join(dir, "events.ndjson")
	code, stdout, stderr := run(t, "run", "--reports", dir, "--tags", "@updateSoftware", "--events", events)
	require.Equal(t, 0, code, "stdout:\n%s\nstderr:\n%s", stdout, stderr)
	total, _, _ := scenarioCounts(t, stdout)

	file, err := os.Open(events)
	require.NoError(t, err)
	defer file.Close()
	type event struct {
		Event    string `json:"event"`
		Time     string `json:"time"`
		Scenario string `json:"scenario"`
		Location string `json:"location"`
		Status   string `json:"status"`
		Verdict  string `json:"verdict"`
		Request  struct {
			Method string `json:"method"`
			Body   json.RawMessage
		} `json:"request"`
		ElapsedMs float64 `json:"elapsedMs"`
	}
	var got []event
	scanner := bufio.NewScanner(file)
	scanner.Buffer(make([]byte, 1<<20), 1<<20)
	for scanner.Scan() {
		var e event
		require.NoError(t, json.Unmarshal(scanner.Bytes(), &e), "each line is one JSON event: %s", scanner.Text())
		require.NotEmpty(t, e.Time)
		got = append(got, e)
	}
	require.NoError(t, scanner.Err())
	require.NotEmpty(t, got)
	assert.Equal(t, "run-start", got[0].Event)
	assert.Equal(t, "run-end", got[len(got)-1].Event)
	assert.Equal(t, "CONFORMANT", got[len(got)-1].Verdict)

	started, ended := map[string]bool{}, map[string]bool{}
	exchanges := 0
	for _, e := range got {
		switch e.Event {
		case "scenario-start":
			require.False(t, ended[e.Scenario], "%q ends before it starts", e.Scenario)
			started[e.Scenario] = true
			assert.Regexp(t, `^features/update_software\.feature:\d+$`, e.Location)
		case "exchange":
			require.True(t, started[e.Scenario] && !ended[e.Scenario], "an exchange of %q outside the scenario", e.Scenario)
			assert.NotEmpty(t, e.Request.Method)
			exchanges++
		case "scenario-end":
			require.True(t, started[e.Scenario])
			ended[e.Scenario] = true
			assert.Equal(t, "passed", e.Status)
		}
	}
	assert.Len(t, started, total)
	assert.Len(t, ended, total)

	var record struct {
		Run struct {
			Scenarios []struct {
				Exchanges []json.RawMessage `json:"exchanges"`
			} `json:"scenarios"`
		} `json:"run"`
	}
	data, err := os.ReadFile(filepath.Join(dir, "run.json"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, &record))
	want := 0
	for _, sc := range record.Run.Scenarios {
		want += len(sc.Exchanges)
	}
	assert.Equal(t, want, exchanges, "an event for every exchange")
}

func TestRunEventsToAnUnwritableFileIsAUsageError(t *testing.T) {
	code, _, stderr := run(t, "run", "--reports", "", "--events", filepath.Join(t.TempDir(), "no", "such", "dir", "e.ndjson"))
	require.Equal(t, 2, code)
	assert.Contains(t, stderr, "--events: ")
}
