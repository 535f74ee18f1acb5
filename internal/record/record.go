// Package record holds what a run saw: each scenario, the exchanges it made and what the checks found.
// The steps fill it in, the harness gathers it and the reports render it; none of them re-checks it.
package record

import (
	"time"

	"github.com/graphconform/graphconform/internal/client"
	"github.com/graphconform/graphconform/internal/finding"
)

// CheckedExchange is an exchange with the operation it belongs to and what the checks found.
type CheckedExchange struct {
	Operation string            `json:"operation"`
	Exchange  *client.Exchange  `json:"exchange"`
	Findings  []finding.Finding `json:"findings,omitempty"`
}

// Scenario is what one scenario did and how it ended.
type Scenario struct {
	Name string   `json:"name"`
	URI  string   `json:"uri"`
	Tags []string `json:"tags,omitempty"`
	// Passed is true when every step passed.
	Passed bool `json:"passed"`
	// Error is the failure of the step that failed, if any.
	Error     string            `json:"error,omitempty"`
	Exchanges []CheckedExchange `json:"exchanges"`
	// Findings are the scenario-level findings (expectations across exchanges).
	Findings []finding.Finding `json:"findings,omitempty"`
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

// Conformant is true when the run had scenarios and every one passed.
func (r Run) Conformant() bool {
	return len(r.Scenarios) > 0 && r.Passed() == len(r.Scenarios)
}
