package rules

import (
	"fmt"

	"github.com/graphconform/graphconform/internal/client"
	"github.com/graphconform/graphconform/internal/conformance"
)

// ID names one rule of the catalogue. Its only values are the ones the catalogue declares: a
// finding or a violation cannot name a rule the catalogue does not hold. The zero ID names no rule.
type ID struct{ name string }

// String returns the rule's stable kebab-case name, e.g. "response-status-declared".
func (id ID) String() string { return id.name }

// IsZero reports whether id names no rule.
func (id ID) IsZero() bool { return id.name == "" }

// MarshalText writes the rule's name; a zero ID is refused, since every finding names its rule.
func (id ID) MarshalText() ([]byte, error) {
	if id.IsZero() {
		return nil, fmt.Errorf("a finding without a rule ID: name its rule from the catalogue (internal/rules)")
	}
	return []byte(id.name), nil
}

// UnmarshalText reads a rule's name; a name the catalogue does not hold is refused.
func (id *ID) UnmarshalText(text []byte) error {
	rule, ok := Lookup(string(text))
	if !ok {
		return fmt.Errorf("rule %q is not in graphconform's catalogue; 'graphconform rules' lists them", text)
	}
	*id = rule.ID
	return nil
}

// Level says how much a finding weighs: an error makes the exchange non-conformant, a warning does not.
type Level string

// The levels of a rule, and of its findings.
const (
	Error   Level = "error"
	Warning Level = "warning"
)

// Side says who a rule binds: the server that answers or the client that asks.
type Side string

// The sides of a rule.
const (
	// Server: the target (Graph, a vendor's endpoint, the mock) breaks the rule with what it answers.
	Server Side = "server"
	// Client: the caller breaks the rule with what it sends or how it behaves.
	Client Side = "client"
)

// Source says which part of graphconform checks a rule.
type Source string

// The sources of a rule.
const (
	// Contract: the OpenAPI description, checked by internal/contract on every exchange and by the
	// mock on every request.
	Contract Source = "contract"
	// Exchange: a Graph rule a schema cannot say, checked on every exchange by its Check.
	Exchange Source = "exchange"
	// Scenario: an expectation the steps check across the exchanges of a scenario.
	Scenario Source = "scenario"
	// Traffic: what a client sends and how it behaves, checked by the mock on the requests it receives.
	Traffic Source = "traffic"
)

// Doc is where in the docs a rule comes from: a file of the repository and, where known, its line.
type Doc struct {
	// Page is a path relative to the repository root, e.g. "spec/docs/teamworkdevice-updatesoftware.md".
	Page string `json:"page"`
	// Line is the 1-based line of Page that states the promise; 0 when the page as a whole does.
	Line int `json:"line,omitempty"`
}

// String renders the doc as page:line, or the page alone.
func (d Doc) String() string {
	if d.Line == 0 {
		return d.Page
	}
	return fmt.Sprintf("%s:%d", d.Page, d.Line)
}

// Rule is one promise graphconform checks.
type Rule struct {
	// ID is stable and kebab-case; reports and users refer to rules by it.
	ID ID `json:"id"`
	// Level is the weight of the rule's findings.
	Level Level `json:"level"`
	// Side is who breaks the rule: the server or the client.
	Side Side `json:"side"`
	// Source is which part of graphconform checks it.
	Source Source `json:"source"`
	// Operation limits the rule to one operationId; empty means every operation.
	Operation string `json:"operation,omitempty"`
	// Description says the promise the rule checks, in the docs' words where they have them.
	Description string `json:"description"`
	// Doc is where the promise is written.
	Doc Doc `json:"doc"`
	// Check, for an exchange rule, returns the violations of the rule in an exchange; nil when it
	// holds or does not apply. Rules of the other sources are checked where their source says.
	Check func(ex *client.Exchange) []conformance.Violation `json:"-"`
}

// Applies reports whether the rule applies to an exchange of operation.
func (r Rule) Applies(operation string) bool {
	return r.Operation == "" || r.Operation == operation
}

// Equal reports whether id and other name the same rule, so go-cmp compares IDs as values.
func (id ID) Equal(other ID) bool { return id == other }
