package docspec

import (
	"cmp"
	"fmt"
	"io/fs"
	"slices"
	"strings"
)

// The IDs of the decisions the builder takes where the pages are silent or contradict themselves
// or each other. Each is documented where it is taken; Lint lists where they apply.
const (
	// DecisionEnumExampleCase: an example spells an enumeration member in another case than the
	// type defines (the upgrade page's example 2 sends "Application"; the type's members are
	// delegated, application, unknownFutureValue). The description accepts the capitalised
	// spelling of every member but unknownFutureValue, so that the page's own example is valid.
	DecisionEnumExampleCase = "enum-example-case"
	// DecisionEnumMembersDiffer: a page lists an enumeration's members (e.g. "Valid types are:")
	// and the enumeration's definition lists others (teamworkSoftwareType has unknownFutureValue,
	// which the updateSoftware page omits). The description takes the union.
	DecisionEnumMembersDiffer = "enum-members-differ"
	// DecisionStatusVocabulary: a page's prose gives status values for a resource (updateSoftware:
	// queued, succeeded, failed) that differ from the values its resource page lists (Queued,
	// Scheduled, InProgress, Successful, Cancelled, Failed), and examples use yet another spelling
	// (successful). The status stays a free string, as the metadata types it; its description
	// names every vocabulary.
	DecisionStatusVocabulary = "status-vocabulary"
	// DecisionExampleValueWrapper: an example of a response that returns one object wraps the
	// object in {"value": ...}, as a collection would be. The description's example is the object
	// itself; the schema stays the object.
	DecisionExampleValueWrapper = "example-value-wrapper"
	// DecisionPatchTableSaysCreate: a PATCH page says its table shows "the properties that are
	// required when you create" the object. An update requires none of them: the body takes any
	// non-empty subset of the type's properties and refuses others.
	DecisionPatchTableSaysCreate = "patch-table-says-create"
	// DecisionEnumParameterRequired: an action's parameter table does not say which parameters are
	// required. A parameter of an enumeration type is taken as required and not nullable (Graph's
	// metadata declares updateSoftware's softwareType Nullable="false"); other parameters as
	// optional and nullable, the OData default. "Required." or "Optional." in the description
	// overrides this.
	DecisionEnumParameterRequired = "enum-parameter-required"
	// DecisionV1AlsoBeta: a v1.0 page does not say whether the operation is also served under
	// /beta. Graph's beta endpoint carries what v1.0 carries, so the path is served under both,
	// v1.0 first.
	DecisionV1AlsoBeta = "v1-also-beta"
	// DecisionPathParameterRenamed: the key segment an action is bound to is named after another
	// thing than the bound type (the upgrade page's {app-installation-id} for a
	// userScopeTeamsAppInstallation). The parameter is named "<type>-id", as Microsoft's published
	// description names it: {userScopeTeamsAppInstallation-id}.
	DecisionPathParameterRenamed = "path-parameter-renamed"
	// DecisionPollRetryAfter: the GET that a 202's Location points at is the status monitor of a
	// long-running operation; its page does not name Retry-After, but Graph's throttling and
	// long-running-operation guidance has clients honour it while polling. Its 200 declares an
	// optional Retry-After header.
	DecisionPollRetryAfter = "poll-retry-after"
)

// Decision is a choice the builder took where the pages are silent or contradict themselves.
type Decision struct {
	// ID is one of the Decision* constants.
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

// record adds a disagreement once.
func (b *builder) record(d Disagreement) {
	for _, have := range b.disagreements {
		if have.ID == d.ID && have.Page == d.Page && have.Line == d.Line {
			return
		}
	}
	b.disagreements = append(b.disagreements, d)
}

func sortDisagreements(ds []Disagreement) {
	slices.SortFunc(ds, func(a, b Disagreement) int {
		return cmp.Or(cmp.Compare(a.Page, b.Page), cmp.Compare(a.Line, b.Line), cmp.Compare(a.ID, b.ID))
	})
}
