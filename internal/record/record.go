// Package record holds what a run saw: each scenario, the exchanges it made and what the checks found.
// The steps fill it in, the harness gathers it and the reports render it; none of them re-checks it.
package record

import (
	"time"

	"github.com/graphconform/graphconform/internal/client"
	"github.com/graphconform/graphconform/internal/finding"
)

// MaxReportBodyBytes is the most of a response body a record keeps for the reports; a longer body is
// cut there and marked truncated (the checks saw it whole, up to the client's read limit).
const MaxReportBodyBytes = 64 << 10

// CheckedExchange is an exchange with the operation it belongs to and what the checks found.
type CheckedExchange struct {
	Operation string            `json:"operation"`
	Exchange  *client.Exchange  `json:"exchange"`
	Findings  []finding.Finding `json:"findings,omitempty"`
	// RetriedAfter, when set, is how long the harness waited before sending the request again, as the
	// response (429, 503 or 504) asked.
	RetriedAfter time.Duration `json:"retriedAfter,omitempty"`
}

// Scenario is what one scenario did and how it ended.
type Scenario struct {
	Name string   `json:"name"`
	URI  string   `json:"uri"`
	Tags []string `json:"tags,omitempty"`
	// Passed is true when every step passed.
	Passed bool `json:"passed"`
	// Skipped is true when the scenario could not run on the target (e.g. it needs the mock's
	// controls); Error says why. A skipped scenario neither passed nor failed.
	Skipped bool `json:"skipped,omitempty"`
	// Unreachable is true when a request of the scenario got no response at all.
	Unreachable bool `json:"unreachable,omitempty"`
	// CutShort is true when the run was stopped (its --timeout passed, or it was interrupted) before
	// the scenario could end; Error says why. A scenario cut short is also Skipped: it neither passed
	// nor failed, and it leaves the run inconclusive.
	CutShort bool `json:"cutShort,omitempty"`
	// Error is the failure of the step that failed, or the reason for a skip.
	Error     string            `json:"error,omitempty"`
	Exchanges []CheckedExchange `json:"exchanges"`
	// Findings are the scenario-level findings (expectations across exchanges).
	Findings []finding.Finding `json:"findings,omitempty"`
	// Promise, for a failed scenario, is the text of its Then steps, in the feature's words: what the
	// scenario was about, even when an earlier step stopped it before it got there.
	Promise []string `json:"promise,omitempty"`
}

// AllFindings returns the findings of the scenario's exchanges followed by its own.
func (s Scenario) AllFindings() []finding.Finding {
	var out []finding.Finding
	for _, ex := range s.Exchanges {
		out = append(out, ex.Findings...)
	}
	return append(out, s.Findings...)
}

// Run is a whole run.
type Run struct {
	// Target names where the scenarios ran.
	Target    string        `json:"target"`
	Started   time.Time     `json:"started"`
	Elapsed   time.Duration `json:"elapsed"`
	Scenarios []Scenario    `json:"scenarios"`
}

// Passed counts the scenarios that passed.
func (r Run) Passed() int {
	n := 0
	for _, s := range r.Scenarios {
		if s.Passed {
			n++
		}
	}
	return n
}

// Skipped counts the scenarios that could not run on the target.
func (r Run) Skipped() int {
	n := 0
	for _, s := range r.Scenarios {
		if s.Skipped {
			n++
		}
	}
	return n
}

// CutShort counts the scenarios the run was stopped before they could end.
func (r Run) CutShort() int {
	n := 0
	for _, s := range r.Scenarios {
		if s.CutShort {
			n++
		}
	}
	return n
}

// Failed counts the scenarios that failed.
func (r Run) Failed() int {
	return len(r.Scenarios) - r.Passed() - r.Skipped()
}

// Inconclusive is true when the run says nothing final about the target: it was cut short, every
// scenario that did not pass failed because the target did not answer, or every scenario was skipped.
func (r Run) Inconclusive() bool {
	return r.CutShort() > 0 || r.Unreachable() || r.AllSkipped()
}

// AllSkipped is true when the run had scenarios and skipped every one (the profile named no resource
// they need, or allowed no mutation): it checked nothing.
func (r Run) AllSkipped() bool {
	return len(r.Scenarios) > 0 && r.Skipped() == len(r.Scenarios)
}

// Unreachable is true when scenarios failed and every one of them because the target did not answer:
// the run says nothing of the target's conformance.
func (r Run) Unreachable() bool {
	failed := 0
	for _, s := range r.Scenarios {
		if s.Passed || s.Skipped {
			continue
		}
		if !s.Unreachable {
			return false
		}
		failed++
	}
	return failed > 0
}

// Conformant is true when at least one scenario passed, none failed and none was cut short.
func (r Run) Conformant() bool {
	return r.Passed() > 0 && r.Failed() == 0 && r.CutShort() == 0
}
