package gate

import (
	"fmt"
	"strings"
	"time"

	"github.com/graphconform/graphconform/internal/client"
	"github.com/graphconform/graphconform/internal/finding"
	"github.com/graphconform/graphconform/internal/rules"
)

// Violation is one exchange in which one side broke the contract.
type Violation struct {
	// Side is who broke it: the client with its request, or the server with its response.
	Side rules.Side `json:"side"`
	// Time is when the request arrived.
	Time time.Time `json:"time"`
	// Method and Path are the request's; the query is kept with credentials redacted.
	Method string `json:"method"`
	Path   string `json:"path"`
	// Operation is the operationId the request was routed to, or "" when it matched none.
	Operation string `json:"operation,omitempty"`
	// Status is the status of the response.
	Status int `json:"status"`
	// RequestID and ClientRequestID are the ids the response's headers carry.
	RequestID       string `json:"requestId,omitempty"`
	ClientRequestID string `json:"clientRequestId,omitempty"`
	// Findings are the broken rules: rule ID, level, message and, for a body, the JSON pointer.
	Findings []finding.Finding `json:"findings"`
	// Exchange is the request and response, credentials redacted, when the gate saw both (the proxy).
	Exchange *client.Exchange `json:"exchange,omitempty"`
}

// RuleIDs returns the rule IDs of v's findings, in order, without repeats.
func (v Violation) RuleIDs() []string {
	var ids []string
	seen := map[string]bool{}
	for _, f := range v.Findings {
		if id := f.RuleID.String(); !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	return ids
}

// Errors reports whether any finding of v is of level Error (a warning alone does not fail a gate).
func (v Violation) Errors() bool {
	return len(finding.Errors(v.Findings)) > 0
}

// String renders v on one line: side, time, request, status, rule IDs and messages.
func (v Violation) String() string {
	messages := make([]string, 0, len(v.Findings))
	for _, f := range v.Findings {
		messages = append(messages, f.Message)
	}
	return fmt.Sprintf("%s %s %s %s → %d [%s] %s", v.Side, v.Time.UTC().Format(time.RFC3339Nano), v.Method, v.Path, v.Status,
		strings.Join(v.RuleIDs(), ", "), strings.Join(messages, "; "))
}
