package report

import (
	"sort"

	"github.com/graphconform/graphconform/internal/coverage"
	"github.com/graphconform/graphconform/internal/finding"
	"github.com/graphconform/graphconform/internal/record"
)

// OperationSummary is what a run saw of one operation.
type OperationSummary struct {
	Operation string
	Exchanges int
	// Statuses are the response statuses seen, ascending.
	Statuses []int
	// Errors and Warnings count the findings about the operation's exchanges.
	Errors, Warnings int
}

// Operations summarises a run per operation, sorted by operation.
func Operations(run record.Run) []OperationSummary {
	byOp := map[string]*OperationSummary{}
	seen := map[string]map[int]bool{}
	get := func(op string) *OperationSummary {
		if byOp[op] == nil {
			byOp[op] = &OperationSummary{Operation: op}
			seen[op] = map[int]bool{}
		}
		return byOp[op]
	}
	count := func(s *OperationSummary, f finding.Finding) {
		if f.Level == finding.Error {
			s.Errors++
		} else {
			s.Warnings++
		}
	}
	for _, sc := range run.Scenarios {
		for _, ex := range sc.Exchanges {
			s := get(ex.Operation)
			s.Exchanges++
			if status := ex.Exchange.Response.Status; !seen[ex.Operation][status] {
				seen[ex.Operation][status] = true
				s.Statuses = append(s.Statuses, status)
			}
			for _, f := range ex.Findings {
				count(s, f)
			}
		}
		for _, f := range sc.Findings {
			count(get(f.Operation), f)
		}
	}
	out := make([]OperationSummary, 0, len(byOp))
	for _, s := range byOp {
		sort.Ints(s.Statuses)
		out = append(out, *s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Operation < out[j].Operation })
	return out
}

// Operation verdicts, as conformance.json and report.html give them.
const (
	OperationPass         = "pass"
	OperationFail         = "fail"
	OperationNotExercised = "not exercised"
)

// operationRow is one operation as the reports list it: what the run saw of it and, when the
// description has it, what the run exercised of what it documents.
type operationRow struct {
	OperationSummary
	// Documented is false when the description does not have the operation.
	Documented bool
	// Coverage is what the run exercised of the operation: for an operation the description lacks,
	// only its other statuses; nil when the report has no coverage of it.
	Coverage *coverage.Operation
}

// verdict is OperationFail with an error finding, OperationNotExercised without exchanges,
// OperationPass otherwise.
func (o operationRow) verdict() string {
	switch {
	case o.Errors > 0:
		return OperationFail
	case o.Exchanges == 0:
		return OperationNotExercised
	default:
		return OperationPass
	}
}

// operations lists every documented operation, then those the run saw that the description does not
// have, each in ID order.
func (r Report) operations() []operationRow {
	seen := map[string]OperationSummary{}
	for _, s := range Operations(r.Run) {
		seen[s.Operation] = s
	}
	var out []operationRow
	listed := map[string]bool{}
	for i := range r.Coverage.Operations {
		c := &r.Coverage.Operations[i]
		s, ok := seen[c.ID]
		if !ok {
			s = OperationSummary{Operation: c.ID}
		}
		out = append(out, operationRow{OperationSummary: s, Documented: true, Coverage: c})
		listed[c.ID] = true
	}
	unknown := map[string]*coverage.Operation{}
	for i := range r.Coverage.Unknown {
		unknown[r.Coverage.Unknown[i].ID] = &r.Coverage.Unknown[i]
	}
	var extra []operationRow
	for _, s := range Operations(r.Run) {
		if !listed[s.Operation] {
			extra = append(extra, operationRow{OperationSummary: s, Coverage: unknown[s.Operation]})
		}
	}
	sort.Slice(extra, func(i, j int) bool { return extra[i].Operation < extra[j].Operation })
	return append(out, extra...)
}

// name is the operation's ID, or says there is none (a scenario finding made before any exchange).
func (o operationRow) name() string {
	if o.Operation == "" {
		return "(no operation)"
	}
	return o.Operation
}
