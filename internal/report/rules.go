package report

import (
	"github.com/graphconform/graphconform/internal/finding"
	"github.com/graphconform/graphconform/internal/rules"
)

// Where a rule comes from, as the reports name it: the sources of the rule catalogue (internal/rules).
const (
	// SourceContract: the OpenAPI description, checked by internal/contract on every exchange.
	SourceContract = string(rules.Contract)
	// SourceExchange: a Graph rule checked on every exchange.
	SourceExchange = string(rules.Exchange)
	// SourceScenario: an expectation the steps check across exchanges.
	SourceScenario = string(rules.Scenario)
	// SourceTraffic: a rule of a client's requests, checked by the mock.
	SourceTraffic = string(rules.Traffic)
	// SourceOther: a rule a finding named that the report's list of rules lacks.
	SourceOther = "other"
)

// Rule is one rule a finding may name, as the reports describe it.
type Rule struct {
	ID     string        `json:"id"`
	Source string        `json:"source"`
	Level  finding.Level `json:"level"`
	// Operation limits the rule to one operationId; empty means every operation.
	Operation   string `json:"operation,omitempty"`
	Description string `json:"description"`
}

// Rules returns every rule of the catalogue, in its order: the contract's, the exchange rules, the
// scenario expectations and the rules of a client's traffic.
func Rules() []Rule {
	all := rules.All()
	out := make([]Rule, 0, len(all))
	for _, r := range all {
		out = append(out, Rule{ID: r.ID.String(), Source: string(r.Source), Level: r.Level, Operation: r.Operation, Description: r.Description})
	}
	return out
}
