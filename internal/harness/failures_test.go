package harness_test

import (
	"slices"

	"github.com/graphconform/graphconform/internal/finding"
	"github.com/graphconform/graphconform/internal/record"
)

// failures maps each failed scenario to the sorted rule IDs of its error findings.
func failures(run record.Run) map[string][]string {
	out := map[string][]string{}
	for _, sc := range run.Scenarios {
		if sc.Passed || sc.Skipped {
			continue
		}
		rules := []string{}
		for _, f := range sc.AllFindings() {
			if f.Level == finding.Error && !slices.Contains(rules, f.RuleID.String()) {
				rules = append(rules, f.RuleID.String())
			}
		}
		slices.Sort(rules)
		out[sc.Name] = rules
	}
	return out
}
