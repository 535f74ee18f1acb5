// Package conformance holds the Graph rules a schema cannot say: a 204 has no body, a PATCH echoes what
// it was sent, an operation's status speaks the docs' vocabulary. Each rule is data with a stable ID;
// the harness runs every rule on every exchange, and scenario expectations name their rule too.
package conformance

import (
	"github.com/graphconform/graphconform/internal/client"
	"github.com/graphconform/graphconform/internal/finding"
)

// Violation is one place where an exchange breaks a rule.
type Violation struct {
	// JSONPointer locates the offending value in the response body, if any.
	JSONPointer string
	// Message says what was promised and what came instead.
	Message string
}

// Rule is one check of an exchange.
type Rule struct {
	// ID is stable and kebab-case; reports and users refer to rules by it.
	ID    string
	Level finding.Level
	// Description says the promise the rule checks, in the docs' words where they have them.
	Description string
	// Operation limits the rule to one operationId; empty means every operation.
	Operation string
	// Check returns the violations of the rule in ex; nil when it holds or does not apply.
	Check func(ex *client.Exchange) []Violation
}

// The IDs of the exchange rules.
const (
	RuleNoContentHasNoBody        = "no-content-has-no-body"
	RulePatchEchoesRequest        = "patch-echoes-request"
	RuleOperationStatusVocabulary = "operation-status-vocabulary"
	RuleRetryAfterFormat          = "retry-after-format"
	RuleRequestIDHeader           = "request-id-header"
	RuleNoRedirect                = "no-redirect"
	RuleBodyWithinLimit           = "response-body-within-limit"
)

// Rules returns the exchange rules, in a stable order.
func Rules() []Rule {
	return []Rule{
		noContentHasNoBody,
		patchEchoesRequest,
		operationStatusVocabulary,
		retryAfterFormat,
		requestIDHeader,
		noRedirect,
		bodyWithinLimit,
	}
}

// Check runs every rule that applies to operation on ex.
func Check(operation string, ex *client.Exchange) []finding.Finding {
	var out []finding.Finding
	for _, r := range Rules() {
		if r.Operation != "" && r.Operation != operation {
			continue
		}
		for _, v := range r.Check(ex) {
			out = append(out, finding.Finding{
				RuleID: r.ID, Level: r.Level, Operation: operation, Status: ex.Response.Status,
				JSONPointer: v.JSONPointer, Message: v.Message,
			})
		}
	}
	return out
}
