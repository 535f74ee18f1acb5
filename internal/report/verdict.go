package report

import "github.com/graphconform/graphconform/internal/record"

// Verdict is what a run concluded about the target.
type Verdict string

// The verdicts of a run.
const (
	// Conformant: the run had scenarios and every one passed.
	Conformant Verdict = "CONFORMANT"
	// NotConformant: a scenario failed.
	NotConformant Verdict = "NOT CONFORMANT"
	// Inconclusive: the run judged nothing final. It was cut short (its --timeout passed, or it was
	// interrupted), the target never answered, or every scenario was skipped.
	Inconclusive Verdict = "INCONCLUSIVE"
)

// VerdictOf returns the run's verdict.
func VerdictOf(run record.Run) Verdict {
	if run.Inconclusive() {
		return Inconclusive
	}
	if run.Conformant() {
		return Conformant
	}
	return NotConformant
}
