// Package report renders what a run saw for people and for CI tools. It never decides pass or fail:
// the verdict is the run's.
package report

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

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

// Summary prints the run's verdict: a table of operations, the failed scenarios with their findings,
// and the counts.
func Summary(w io.Writer, run record.Run) error {
	var b strings.Builder
	fmt.Fprintf(&b, "\ngraphconform summary — target: %s\n\n", run.Target)
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "OPERATION\tEXCHANGES\tSTATUSES SEEN\tERRORS\tWARNINGS")
	for _, op := range Operations(run) {
		statuses := make([]string, len(op.Statuses))
		for i, s := range op.Statuses {
			statuses[i] = strconv.Itoa(s)
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\t%d\t%d\n", op.Operation, op.Exchanges, strings.Join(statuses, " "), op.Errors, op.Warnings)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, sc := range run.Scenarios {
		if sc.Passed {
			continue
		}
		fmt.Fprintf(&b, "\nFAILED  %s (%s)\n", sc.Name, sc.URI)
		findings := finding.Errors(sc.AllFindings())
		if len(findings) == 0 && sc.Error != "" {
			fmt.Fprintf(&b, "  %s\n", strings.ReplaceAll(sc.Error, "\n", "\n  "))
		}
		for _, f := range findings {
			fmt.Fprintf(&b, "  %s\n", f)
		}
	}
	verdict := "CONFORMANT"
	if !run.Conformant() {
		verdict = "NOT CONFORMANT"
	}
	fmt.Fprintf(&b, "\n%d scenarios: %d passed, %d failed in %s — %s\n",
		len(run.Scenarios), run.Passed(), len(run.Scenarios)-run.Passed(), run.Elapsed.Round(time.Millisecond), verdict)
	_, err := io.WriteString(w, b.String())
	return err
}
