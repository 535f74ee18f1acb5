package report

import (
	"github.com/graphconform/graphconform/internal/conformance"
	"github.com/graphconform/graphconform/internal/contract"
	"github.com/graphconform/graphconform/internal/finding"
)

// Where a rule comes from.
const (
	// SourceContract: the OpenAPI description, checked by internal/contract on every exchange.
	SourceContract = "contract"
	// SourceExchange: a Graph rule of internal/conformance checked on every exchange.
	SourceExchange = "exchange"
	// SourceScenario: an expectation of internal/conformance checked by the steps across exchanges.
	SourceScenario = "scenario"
	// SourceOther: a rule a finding named that the catalogue does not know.
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

// contractRules describes internal/contract's rule IDs, which carry no description of their own.
var contractRules = []Rule{
	{ID: contract.RuleOperationDocumented, Description: "The request matches an operation of the OpenAPI description."},
	{ID: contract.RuleRequestParameter, Description: "The request's path, query and header parameters are as the description declares."},
	{ID: contract.RuleRequestBodySchema, Description: "The request body matches the operation's request schema."},
	{ID: contract.RuleRequestContentType, Description: "The request's Content-Type is one the operation accepts."},
	{ID: contract.RuleResponseStatus, Description: "The response status is one the description declares for the operation (explicitly or by a 4XX/5XX range)."},
	{ID: contract.RuleResponseHeader, Description: "The response carries the headers the description requires for its status, in their declared form."},
	{ID: contract.RuleResponseContentType, Description: "The response's Content-Type is one the description declares for its status."},
	{ID: contract.RuleResponseBodySchema, Description: "The response body matches the schema the description declares for its status."},
	{ID: contract.RuleResponseBodyMalformed, Description: "A JSON response body parses as JSON."},
}

// Rules returns every rule graphconform checks: the contract's, the exchange rules and the scenario
// expectations of internal/conformance, in that order.
func Rules() []Rule {
	out := make([]Rule, 0, len(contractRules)+8)
	for _, r := range contractRules {
		r.Source, r.Level = SourceContract, finding.Error
		out = append(out, r)
	}
	for _, r := range conformance.Rules() {
		out = append(out, Rule{ID: r.ID, Source: SourceExchange, Level: r.Level, Operation: r.Operation, Description: r.Description})
	}
	for _, e := range conformance.Expectations() {
		out = append(out, Rule{ID: e.ID, Source: SourceScenario, Level: e.Level, Description: e.Description})
	}
	return out
}
