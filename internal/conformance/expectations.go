package conformance

import (
	"github.com/graphconform/graphconform/internal/finding"
)

// The rules scenarios check across exchanges. Their checks live in the step definitions, which know the
// sequence; the IDs live here so findings and reports name them the same way everywhere.
const (
	// RuleDocumentedStatus: the response has the status the docs promise for the situation, e.g. 202
	// for an update of an idle device, 409 while one is queued, 204 for an upgrade.
	RuleDocumentedStatus = "documented-status"
	// RuleLocationResolves: the Location of a 202 resolves to the teamworkDeviceOperation it names.
	RuleLocationResolves = "location-resolves"
	// RuleOperationTerminal: polling the operation reaches a terminal status within the budget.
	RuleOperationTerminal = "operation-reaches-terminal-status"
	// RuleGraphErrorBody: an error response carries the Graph error body {"error": {"code", "message"}}.
	RuleGraphErrorBody = "graph-error-body"
	// RulePatchPersists: a GET after a PATCH shows what was sent and leaves every other property as it was.
	RulePatchPersists = "patch-persists"
	// RuleOperationsListed: the device's operations list, page by page, holds the operation an update
	// started, and no page is longer than the $top asked.
	RuleOperationsListed = "operations-list-holds-operation"
	// RuleLinkOnTargetOrigin: a Location or @odata.nextLink names a URL on the target's origin (scheme,
	// host and port); one elsewhere is not followed, so the token stays home.
	RuleLinkOnTargetOrigin = "link-on-target-origin"
	// RuleResponseArrivesWhole: a response arrives whole within the per-request timeout; it does not
	// break off mid-body or trickle in.
	RuleResponseArrivesWhole = "response-arrives-whole"
	// RuleRetryAfterWithinBudget: a Retry-After asks for no longer than is left of the scenario's budget.
	RuleRetryAfterWithinBudget = "retry-after-within-budget"
)

// Expectation describes a scenario-level rule.
type Expectation struct {
	ID          string
	Level       finding.Level
	Description string
}

// Expectations returns the scenario-level rules, in a stable order.
func Expectations() []Expectation {
	return []Expectation{
		{RuleDocumentedStatus, finding.Error, "The response has the status the docs promise for the situation (202, 409, 204, 200, 404, 400, 401)."},
		{RuleLocationResolves, finding.Error, "The Location of a 202 resolves, relative to the version root or absolute, to the teamworkDeviceOperation whose id is its last segment."},
		{RuleOperationTerminal, finding.Error, "Polling the operation, honouring Retry-After, reaches a terminal status (succeeded or failed) within the time budget."},
		{RulePatchPersists, finding.Error, "A GET after a PATCH shows what the PATCH sent and every other property as it was."},
		{RuleOperationsListed, finding.Error, "The device's operations list, followed page by page through @odata.nextLink, holds the operation an update started, and no page is longer than its $top."},
		{RuleGraphErrorBody, finding.Error, "An error response carries the Graph error body {\"error\": {\"code\", \"message\"}}."},
		{RuleLinkOnTargetOrigin, finding.Error, "A Location or @odata.nextLink names a URL on the target's origin (same scheme, host and port); one elsewhere is never followed, so the token is never sent there."},
		{RuleResponseArrivesWhole, finding.Error, "A response arrives whole within the per-request timeout: it neither breaks off mid-body nor trickles in."},
		{RuleRetryAfterWithinBudget, finding.Error, "A Retry-After asks for no longer than is left of the scenario's time budget; a longer one is reported, not slept through."},
	}
}
