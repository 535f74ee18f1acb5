// Package finding defines what a check says about one exchange: a Finding, named by a rule of the
// catalogue (internal/rules).
package finding

import (
	"fmt"
	"strings"

	"github.com/go-openapi/jsonpointer"

	"github.com/graphconform/graphconform/internal/client"
	"github.com/graphconform/graphconform/internal/rules"
)

// Level says how much a finding weighs: an error makes the exchange non-conformant, a warning does
// not. It is the level of the finding's rule.
type Level = rules.Level

// The levels of a finding.
const (
	Error   = rules.Error
	Warning = rules.Warning
)

// Finding is one broken promise in one exchange.
type Finding struct {
	// RuleID names the rule of the catalogue it breaks, e.g. rules.ResponseStatusDeclared; it is
	// written as the rule's stable kebab-case name.
	RuleID rules.ID `json:"ruleId"`
	// Level is error or warning.
	Level Level `json:"level"`
	// Operation is the OpenAPI operationId of the exchange, or the method and path when it has none.
	Operation string `json:"operation"`
	// Status is the HTTP status of the response, or 0 when the finding is about the request.
	Status int `json:"status,omitempty"`
	// JSONPointer locates the offending value in the body, when there is one.
	JSONPointer string `json:"jsonPointer,omitempty"`
	// Message says what was promised and what came instead.
	Message string `json:"message"`
}

// String renders the finding on one line: rule, operation, status, pointer and message.
func (f Finding) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "[%s] %s", f.RuleID, f.Operation)
	if f.Status != 0 {
		fmt.Fprintf(&b, " → %d", f.Status)
	}
	if f.JSONPointer != "" {
		fmt.Fprintf(&b, " at %s", f.JSONPointer)
	}
	fmt.Fprintf(&b, ": %s", f.Message)
	return b.String()
}

// Pointer builds a JSON pointer (RFC 6901) from reference tokens, escaping "~" and "/".
func Pointer(tokens ...string) string {
	var b strings.Builder
	for _, t := range tokens {
		b.WriteString("/")
		b.WriteString(jsonpointer.Escape(t))
	}
	return b.String()
}

// New is a finding of rule id, at the rule's level.
func New(id rules.ID, operation string, status int, pointer, message string) Finding {
	return Finding{RuleID: id, Level: rules.Of(id).Level, Operation: operation, Status: status, JSONPointer: pointer, Message: message}
}

// OfExchange runs the catalogue's exchange rules that apply to operation on ex and returns what they find.
func OfExchange(operation string, ex *client.Exchange) []Finding {
	var out []Finding
	for r := range rules.ExchangeRules(operation) {
		for _, v := range r.Check(ex) {
			out = append(out, New(r.ID, operation, ex.Response.Status, v.JSONPointer, v.Message))
		}
	}
	return out
}

// Errors returns the findings of level Error.
func Errors(findings []Finding) []Finding {
	var errs []Finding
	for _, f := range findings {
		if f.Level == Error {
			errs = append(errs, f)
		}
	}
	return errs
}

// NonConformance is the error a step returns when an exchange broke the contract.
type NonConformance struct {
	Findings []Finding
}

// Error lists every finding, one per line.
func (n *NonConformance) Error() string {
	lines := make([]string, 0, len(n.Findings)+1)
	lines = append(lines, fmt.Sprintf("the exchange does not conform (%d finding(s)):", len(n.Findings)))
	for _, f := range n.Findings {
		lines = append(lines, "  "+f.String())
	}
	return strings.Join(lines, "\n")
}
