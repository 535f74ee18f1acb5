package docspec

import (
	"cmp"
	"fmt"
	"io/fs"
	"slices"
	"strings"
)

// DecisionRule is one decision the builder takes where the pages are silent or contradict
// themselves or each other: its stable ID, what the pages do, what the description does then, and
// the check that finds every place it applies.
type DecisionRule struct {
	// ID is the decision's stable kebab-case name, e.g. "enum-members-differ".
	ID string
	// Contradiction is true when the decision is about pages that say different things; false
	// when it is about pages that are silent.
	Contradiction bool
	// When says what the pages do that calls for the decision.
	When string
	// Does says what the description does then.
	Does string
	// find is the check: every place of the model where the pages do what When says, and the
	// change Does says.
	find func(m *model) []finding
}

// finding is one place a decision applies.
type finding struct {
	// at is the page line the disagreement is about.
	at Location
	// says is what the pages say there and what the description does, for this place.
	says string
	// conflicts are the other places that say otherwise.
	conflicts []Location
	// apply changes the model as the decision says.
	apply func()
}

// decisionTable lists every decision, in the order decide applies them: a decision that reads what
// another changes comes after it (enum-example-case reads the members enum-members-differ merges
// and the examples example-value-wrapper unwraps).
var decisionTable = []DecisionRule{
	v1AlsoBeta,
	pathParameterRenamed,
	enumParameterRequired,
	patchTableSaysCreate,
	enumMembersDiffer,
	statusVocabulary,
	exampleValueWrapper,
	enumExampleCase,
	pollRetryAfter,
}

// Decisions returns the decisions the builder can take, in the order it applies them.
func Decisions() []DecisionRule { return slices.Clone(decisionTable) }

// decide is the decision stage: each rule of table, in order, finds where it applies; each
// finding is recorded as a disagreement and applied to the model. It returns the disagreements
// sorted by page and line, each place and decision once.
func decide(m *model, table []DecisionRule) []Disagreement {
	var out []Disagreement
	for _, rule := range table {
		for _, f := range rule.find(m) {
			d := Disagreement{Decision: Decision{ID: rule.ID, Page: f.at.Page, Line: f.at.Line, Description: f.says},
				Contradiction: rule.Contradiction, Conflicts: f.conflicts}
			if !slices.ContainsFunc(out, func(have Disagreement) bool {
				return have.ID == d.ID && have.Page == d.Page && have.Line == d.Line
			}) {
				out = append(out, d)
			}
			f.apply()
		}
	}
	slices.SortFunc(out, func(a, b Disagreement) int {
		return cmp.Or(cmp.Compare(a.Page, b.Page), cmp.Compare(a.Line, b.Line), cmp.Compare(a.ID, b.ID))
	})
	return out
}

// Decision is a choice the builder took where the pages are silent or contradict themselves.
type Decision struct {
	// ID is the ID of a rule of Decisions (one of the Decision* constants).
	ID string
	// Page is the page the decision is about, as named in the file system the pages are read from.
	Page string
	// Line is the page line the decision is about.
	Line int
	// Description says what the pages say and what the builder did.
	Description string
}

// Location is a place in a page.
type Location struct {
	// Page is the page's name in the file system the pages are read from.
	Page string
	// Line is the 1-based page line.
	Line int
}

// String gives the location as "page:line".
func (l Location) String() string { return fmt.Sprintf("%s:%d", l.Page, l.Line) }

// Disagreement is a place where the pages contradict themselves or each other, or are silent
// where the description needs an answer, with the decision the builder took.
type Disagreement struct {
	Decision
	// Contradiction is true when the pages say different things; false when they are silent.
	Contradiction bool
	// Conflicts are the other places that say otherwise; empty when the page is merely silent.
	Conflicts []Location
}

// String gives the disagreement as one line: "page:line: id: description (see page:line, ...)".
func (d Disagreement) String() string {
	s := fmt.Sprintf("%s:%d: %s: %s", d.Page, d.Line, d.ID, d.Description)
	if len(d.Conflicts) > 0 {
		var at []string
		for _, c := range d.Conflicts {
			at = append(at, c.String())
		}
		s += " (see " + strings.Join(at, ", ") + ")"
	}
	return s
}

// Lint builds the description from the pages in fsys and returns every disagreement the builder
// met, sorted by page and line. An error means the pages cannot be built at all.
func Lint(fsys fs.FS) ([]Disagreement, error) {
	res, err := BuildResult(fsys, Options{})
	if err != nil {
		return nil, err
	}
	return res.Disagreements, nil
}
