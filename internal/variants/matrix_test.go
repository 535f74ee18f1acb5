package variants_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/rules"
	"github.com/graphconform/graphconform/internal/variants"
)

// a small matrix: "wide" is caught by two scenarios, "narrow" by one alone, "kept" passes.
func smallMatrix() variants.Matrix {
	all := []string{"A", "B", "C"}
	return variants.NewMatrix(
		[]variants.Variant{{Name: "wide"}, {Name: "narrow"}, {Name: "kept", Faithful: true}},
		[]variants.Outcome{
			{Scenarios: all, Failed: map[string][]string{"A": {"rule-x"}, "B": {"rule-y"}}},
			{Scenarios: all, Failed: map[string][]string{"B": {"rule-x"}}},
			{Scenarios: all, Failed: map[string][]string{}},
		})
}

func TestSoleCatchesAreTheVariantsOneScenarioAloneFails(t *testing.T) {
	want := map[string][]string{"B": {"narrow"}}
	if diff := cmp.Diff(want, smallMatrix().SoleCatches()); diff != "" {
		t.Errorf("SoleCatches (-want +got):\n%s", diff)
	}
}

func TestAScenarioCatchingNothingAloneMustBeStatedRedundant(t *testing.T) {
	m := smallMatrix()
	problems := m.LoadBearingProblems(nil)
	require.Len(t, problems, 2)
	assert.Contains(t, problems[0].Error(), `scenario "A" alone catches no broken variant`)
	assert.Contains(t, problems[1].Error(), `scenario "C" alone catches no broken variant`)

	assert.Empty(t, m.LoadBearingProblems(map[string]string{"A": "why", "C": "why"}))

	stale := m.LoadBearingProblems(map[string]string{"A": "why", "B": "why", "C": "why", "D": "why"})
	require.Len(t, stale, 2)
	assert.Contains(t, stale[0].Error(), `Redundant names "D"`)
	assert.Contains(t, stale[1].Error(), `scenario "B" is stated redundant but alone catches narrow`)
}

func TestTheMarkdownListsEveryVariantScenarioAndRule(t *testing.T) {
	md := smallMatrix().Markdown(map[string]string{"A": "A repeats B.", "C": "C is for live Graph."})
	for _, want := range []string{
		"2 broken servers, each failing the suite; 1 faithful servers, each passing it; 3 scenarios.",
		"| wide | `rule-x`: A<br>`rule-y`: B |",
		"| narrow | `rule-x`: B |",
		"| A | none; redundant: A repeats B. |",
		"| B | narrow |",
		"| kept |",
	} {
		assert.Contains(t, md, want)
	}
}

func TestReplaceBetweenMarkersKeepsTheRestOfTheDocument(t *testing.T) {
	doc := "before\n" + variants.BeginMarker + "\nold\n" + variants.EndMarker + "\nafter\n"
	got, err := variants.ReplaceBetweenMarkers(doc, "new\n")
	require.NoError(t, err)
	assert.Equal(t, "before\n"+variants.BeginMarker+"\nnew\n"+variants.EndMarker+"\nafter\n", got)
	_, err = variants.ReplaceBetweenMarkers("no markers", "new\n")
	assert.ErrorContains(t, err, "no kill-matrix markers")
	assert.False(t, strings.Contains(got, "old"))
}

// A broken variant whose catches are all warnings passes the suite: the matrix says so and lists the
// scenarios that warned, and its catches are found among the warnings, not the failures.
func TestAVariantCaughtByAWarningIsListedAsWarned(t *testing.T) {
	quiet := variants.Variant{Name: "quiet", Caught: []variants.Catch{{Scenario: "A", Rule: rules.AcceptedHasNoBody}}}
	loud := variants.Variant{Name: "loud", Caught: []variants.Catch{{Scenario: "B", Rule: rules.DocumentedStatus}}}
	assert.True(t, quiet.WarnedOnly())
	assert.False(t, loud.WarnedOnly())
	warned := variants.Outcome{Scenarios: []string{"A", "B"}, Failed: map[string][]string{}, Warned: map[string][]string{"A": {"accepted-has-no-body"}}}
	assert.Empty(t, warned.Missing(quiet))
	failedInstead := variants.Outcome{Scenarios: []string{"A", "B"}, Failed: map[string][]string{"A": {"accepted-has-no-body"}}}
	assert.Len(t, failedInstead.Missing(quiet), 1, "a warning rule's catch is among the warnings")

	md := variants.NewMatrix([]variants.Variant{quiet, loud},
		[]variants.Outcome{warned, {Scenarios: []string{"A", "B"}, Failed: map[string][]string{"B": {"documented-status"}}}}).Markdown(nil)
	assert.Contains(t, md, "2 broken servers: 1 failing the suite, 1 passed with the warning it names")
	assert.Contains(t, md, "| quiet | `accepted-has-no-body` (warning): A |")
	assert.Contains(t, md, "| loud | `documented-status`: B |")
}
