package report

import (
	"encoding/json"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/graphconform/graphconform/internal/finding"
	"github.com/graphconform/graphconform/internal/record"
	"github.com/graphconform/graphconform/internal/version"
)

// Events writes a run as it goes as NDJSON, one event a line, each written as soon as it happens: for
// dashboards and for following a long run (tail -f). Every event has "event" (run-start,
// scenario-start, exchange, scenario-end, run-end) and "time" (RFC 3339, UTC). It is safe for
// concurrent use by scenarios running at once.
type Events struct {
	mu  sync.Mutex
	w   io.Writer
	err error
	now func() time.Time
}

// NewEvents returns an event stream writing to w.
func NewEvents(w io.Writer) *Events {
	return &Events{w: w, now: time.Now}
}

// Err is the first error writing an event, if any; the stream stops at it.
func (e *Events) Err() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.err
}

// Event kinds.
const (
	EventRunStart      = "run-start"
	EventScenarioStart = "scenario-start"
	EventExchange      = "exchange"
	EventScenarioEnd   = "scenario-end"
	EventRunEnd        = "run-end"
)

type eventHead struct {
	Event string `json:"event"`
	Time  string `json:"time"`
}

type runStartEvent struct {
	eventHead
	Target       string       `json:"target"`
	Graphconform version.Info `json:"graphconform"`
	Shard        string       `json:"shard,omitempty"`
	Seed         int64        `json:"seed,omitempty"`
}

type scenarioEvent struct {
	eventHead
	Scenario string `json:"scenario"`
	URI      string `json:"uri"`
	Location string `json:"location,omitempty"`
}

type exchangeEvent struct {
	eventHead
	Scenario string `json:"scenario"`
	Exchange
}

type scenarioEndEvent struct {
	scenarioEvent
	Status   string            `json:"status"`
	Error    string            `json:"error,omitempty"`
	Findings []finding.Finding `json:"findings,omitempty"`
}

type runEndEvent struct {
	eventHead
	Verdict   Verdict            `json:"verdict"`
	Scenarios jsonScenarioCounts `json:"scenarios"`
	ElapsedMs float64            `json:"elapsedMs"`
}

func (e *Events) head(kind string) eventHead {
	return eventHead{Event: kind, Time: e.now().UTC().Format(time.RFC3339Nano)}
}

// write writes one event and its newline in a single Write.
func (e *Events) write(v any) {
	line, err := json.Marshal(v)
	if err != nil {
		line, _ = json.Marshal(map[string]string{"event": "error", "error": err.Error()})
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.err != nil {
		return
	}
	if _, err := e.w.Write(append(line, '\n')); err != nil {
		e.err = fmt.Errorf("write the event stream: %w", err)
	}
}

// RunStart says the run started against target; shard and seed are empty and 0 when not used.
func (e *Events) RunStart(target, shard string, seed int64) {
	e.write(runStartEvent{eventHead: e.head(EventRunStart), Target: target, Graphconform: version.Current(), Shard: shard, Seed: seed})
}

// ScenarioStart says a scenario started; location is its file:line when known.
func (e *Events) ScenarioStart(name, uri, location string) {
	e.write(scenarioEvent{eventHead: e.head(EventScenarioStart), Scenario: name, URI: uri, Location: location})
}

// Exchange says a scenario made an exchange, in the readable form of Exchange.
func (e *Events) Exchange(scenario string, ex Exchange) {
	e.write(exchangeEvent{eventHead: e.head(EventExchange), Scenario: scenario, Exchange: ex})
}

// ScenarioEnd says how a scenario ended.
func (e *Events) ScenarioEnd(sc record.Scenario, location string) {
	status := "passed"
	switch {
	case sc.Skipped:
		status = "skipped"
	case !sc.Passed:
		status = "failed"
	}
	e.write(scenarioEndEvent{
		scenarioEvent: scenarioEvent{eventHead: e.head(EventScenarioEnd), Scenario: sc.Name, URI: sc.URI, Location: location},
		Status:        status, Error: sc.Error, Findings: sc.AllFindings(),
	})
}

// RunEnd says the run ended with its verdict.
func (e *Events) RunEnd(run record.Run) {
	e.write(runEndEvent{
		eventHead: e.head(EventRunEnd), Verdict: VerdictOf(run),
		Scenarios: jsonScenarioCounts{Total: len(run.Scenarios), Passed: run.Passed(), Failed: run.Failed(), Skipped: run.Skipped(), CutShort: run.CutShort()},
		ElapsedMs: milliseconds(run.Elapsed),
	})
}
