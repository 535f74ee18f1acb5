package report_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/record"
	"github.com/graphconform/graphconform/internal/report"
)

func TestEventsWriteOneJSONObjectALine(t *testing.T) {
	var buf bytes.Buffer
	events := report.NewEvents(&buf)
	run := fixedRun()
	events.RunStart("https://graph.example", "1/2", 42)
	events.ScenarioStart(run.Scenarios[0].Name, run.Scenarios[0].URI, "features/update_software.feature:21")
	events.Exchange(run.Scenarios[0].Name, report.ExchangeOf(run.Scenarios[0].Exchanges[1]))
	events.ScenarioEnd(run.Scenarios[0], "features/update_software.feature:21")
	events.RunEnd(run)
	require.NoError(t, events.Err())

	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	require.Len(t, lines, 5)
	var kinds []string
	for _, line := range lines {
		var e map[string]any
		require.NoError(t, json.Unmarshal([]byte(line), &e), line)
		kinds = append(kinds, e["event"].(string))
	}
	require.Equal(t, []string{"run-start", "scenario-start", "exchange", "scenario-end", "run-end"}, kinds)
	require.Contains(t, lines[0], `"shard":"1/2","seed":42`)
	require.Contains(t, lines[2], `"status":409`)
	require.Contains(t, lines[3], `"status":"failed"`)
	require.Contains(t, lines[3], `"ruleId":"response-body-schema"`)
	require.Contains(t, lines[4], `"verdict":"NOT CONFORMANT","scenarios":{"total":5,"passed":2,"failed":2,"skipped":1}`)
}

type brokenWriter struct{ writes int }

func (b *brokenWriter) Write([]byte) (int, error) {
	b.writes++
	return 0, errors.New("disk full")
}

func TestEventsStopAtTheFirstWriteError(t *testing.T) {
	w := &brokenWriter{}
	events := report.NewEvents(w)
	events.RunStart("x", "", 0)
	events.RunEnd(record.Run{})
	require.ErrorContains(t, events.Err(), "write the event stream: disk full")
	require.Equal(t, 1, w.writes)
}

func TestEventsRunEndCountsTheScenariosCutShort(t *testing.T) {
	var buf bytes.Buffer
	run := record.Run{Scenarios: []record.Scenario{{Name: "a", Passed: true}, {Name: "b", Skipped: true, CutShort: true, Error: "cut short: interrupted"}}}
	report.NewEvents(&buf).RunEnd(run)
	require.Contains(t, buf.String(), `"verdict":"INCONCLUSIVE","scenarios":{"total":2,"passed":1,"failed":0,"skipped":1,"cutShort":1}`)
}
