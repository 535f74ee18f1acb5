package docspec

import (
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// literalModel reads the pages and builds the model, taking no decision.
func literalModel(t *testing.T, fsys fs.FS) *model {
	t.Helper()
	pages, err := ReadPages(fsys)
	require.NoError(t, err)
	m, err := newModel(pages, Options{})
	require.NoError(t, err)
	return m
}

// findAndApply runs one decision alone on the model: it returns the places it found, and applies
// them.
func findAndApply(t *testing.T, m *model, rule DecisionRule) []Location {
	t.Helper()
	var at []Location
	for _, f := range rule.find(m) {
		assert.NotEmpty(t, f.says, "%s at %s says what the pages say", rule.ID, f.at)
		at = append(at, f.at)
		f.apply()
	}
	return at
}

// withPage returns the docs with one page's text replaced.
func withPage(t *testing.T, page, old, new string) fstest.MapFS {
	t.Helper()
	fsys := docsMapFS(t)
	src := string(fsys[page].Data)
	require.Contains(t, src, old)
	fsys[page] = &fstest.MapFile{Data: []byte(strings.Replace(src, old, new, 1))}
	return fsys
}

// operationNamed returns the model's operation of the given operationId.
func operationNamed(t *testing.T, m *model, id string) *operation {
	t.Helper()
	i := slices.IndexFunc(m.operations, func(op *operation) bool { return op.id == id })
	require.GreaterOrEqual(t, i, 0, "operation %s", id)
	return m.operations[i]
}

func TestEveryDecisionOfTheTableIsDocumented(t *testing.T) {
	index := string(readFile(t, docsDir+"/README.md"))
	var ids []string
	for _, d := range Decisions() {
		assert.Regexp(t, `^[a-z0-9]+(-[a-z0-9]+)*$`, d.ID, "a stable kebab-case ID")
		assert.NotContains(t, ids, d.ID, "each decision once")
		ids = append(ids, d.ID)
		assert.NotEmpty(t, d.When, d.ID)
		assert.NotEmpty(t, d.Does, d.ID)
		assert.NotNil(t, d.find, d.ID)
		assert.Contains(t, index, "`"+d.ID+"`", "spec/docs/README.md lists %s", d.ID)
	}
	assert.Len(t, ids, 9)
}

// Every disagreement Lint reports names a decision of the table, with the table's Contradiction.
func TestLintReportsOnlyDecisionsOfTheTable(t *testing.T) {
	ds, err := Lint(docsFS())
	require.NoError(t, err)
	for _, d := range ds {
		i := slices.IndexFunc(Decisions(), func(r DecisionRule) bool { return r.ID == d.ID })
		require.GreaterOrEqual(t, i, 0, d.String())
		assert.Equal(t, Decisions()[i].Contradiction, d.Contradiction, d.String())
	}
}

// Without the decision stage the model is what the pages say literally, and kin-openapi refuses
// the description it gives: the upgrade page's own example sends a value its enumeration lacks.
func TestTheDecisionsAreLoadBearing(t *testing.T) {
	m := literalModel(t, docsFS())
	decide(m, nil)
	require.Error(t, m.checkExamples(), "the example's \"Application\" is no member without enum-example-case")
}

// A disagreement found at the same place twice is recorded once.
func TestDecideRecordsEachPlaceOnce(t *testing.T) {
	m := literalModel(t, docsFS())
	applied := 0
	twice := DecisionRule{ID: "twice", find: func(*model) []finding {
		f := finding{at: Location{Page: "p.md", Line: 3}, says: "x", apply: func() { applied++ }}
		return []finding{f, f}
	}}
	ds := decide(m, []DecisionRule{twice})
	assert.Len(t, ds, 1)
	assert.Equal(t, 2, applied, "both are applied")
}
