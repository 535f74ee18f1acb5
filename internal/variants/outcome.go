package variants

import (
	"context"
	"fmt"
	"io"
	"slices"

	"github.com/graphconform/graphconform/internal/contract"
	"github.com/graphconform/graphconform/internal/finding"
	"github.com/graphconform/graphconform/internal/harness"
	"github.com/graphconform/graphconform/internal/record"
	"github.com/graphconform/graphconform/internal/rules"
)

// Outcome is what a run of the whole suite against one variant saw.
type Outcome struct {
	// Status is the run's exit status (harness.ExitConformant, harness.ExitNonConformant, …).
	Status int
	// Scenarios are the names of every scenario of the run, sorted.
	Scenarios []string
	// Failed maps each failed scenario to the sorted IDs of the rules of its error findings (empty
	// when it failed without one).
	Failed map[string][]string
	// Warned maps each scenario that ran and has warning findings to the sorted IDs of their rules.
	Warned map[string][]string
	// Skipped are the scenarios that did not run, sorted.
	Skipped []string
	// Errors are the failed scenarios' errors, by scenario, for the messages of a test.
	Errors map[string]string
}

// Run runs the whole suite against the variant through the harness's entry point, as the CLI runs it
// against the embedded mock, but for the requests generated from the spec (@generated), which have
// their own broken mocks in internal/gencases.
func Run(ctx context.Context, v Variant, validator *contract.Validator) (Outcome, error) {
	result, err := harness.Run(ctx, harness.Options{Target: v.Target(validator), Validator: validator, Tags: "~@generated", Output: io.Discard, NoColors: true})
	if err != nil {
		return Outcome{}, fmt.Errorf("run the suite against %q: %w", v.Name, err)
	}
	return OutcomeOf(result.Status, result.Run), nil
}

// OutcomeOf reads the outcome of a run.
func OutcomeOf(status int, run record.Run) Outcome {
	out := Outcome{Status: status, Failed: map[string][]string{}, Warned: map[string][]string{}, Errors: map[string]string{}}
	for _, sc := range run.Scenarios {
		out.Scenarios = append(out.Scenarios, sc.Name)
		if sc.Skipped {
			out.Skipped = append(out.Skipped, sc.Name)
			continue
		}
		if warned := ruleIDs(sc, finding.Warning); len(warned) > 0 {
			out.Warned[sc.Name] = warned
		}
		if !sc.Passed {
			out.Failed[sc.Name] = ruleIDs(sc, finding.Error)
			out.Errors[sc.Name] = sc.Error
		}
	}
	slices.Sort(out.Scenarios)
	slices.Sort(out.Skipped)
	return out
}

// ruleIDs returns the sorted IDs of the rules of the scenario's findings of level.
func ruleIDs(sc record.Scenario, level finding.Level) []string {
	ids := []string{}
	for _, f := range sc.AllFindings() {
		if f.Level == level && !slices.Contains(ids, f.RuleID.String()) {
			ids = append(ids, f.RuleID.String())
		}
	}
	slices.Sort(ids)
	return ids
}

// Missing returns the catches of the variant that are not in the outcome: a catch by an error rule
// among the scenario's failures, one by a warning rule among its warnings.
func (o Outcome) Missing(v Variant) []Catch {
	var out []Catch
	for _, c := range v.Caught {
		found := o.Failed[c.Scenario]
		if rules.Of(c.Rule).Level == rules.Warning {
			found = o.Warned[c.Scenario]
		}
		if !slices.Contains(found, c.Rule.String()) {
			out = append(out, c)
		}
	}
	return out
}
