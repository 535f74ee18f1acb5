package report_test

import (
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/report"
)

func TestFeaturesFromFSNamesEachFeatureAndOrdersItsScenariosAsGodogNamesThem(t *testing.T) {
	fsys := fstest.MapFS{
		"b.feature": {Data: []byte(`Feature: second
  Scenario Outline: outline with <what>
    Given a step
    Examples:
      | what |
      | one  |
      | two  |
  Scenario: plain
    Given a step
`)},
		"a.feature": {Data: []byte(`Feature: first
  Rule: a rule
    Scenario: under a rule
      Given a step
`)},
		"notes.md": {Data: []byte("not a feature")},
	}
	got, err := report.FeaturesFromFS(fsys)
	require.NoError(t, err)
	want := []report.Feature{
		{URI: "a.feature", Name: "first", Scenarios: []string{"under a rule"}, Lines: []int{3}},
		// An outline's examples are at their rows.
		{URI: "b.feature", Name: "second", Scenarios: []string{"outline with one", "outline with two", "plain"}, Lines: []int{6, 7, 8}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("FeaturesFromFS mismatch (-want +got):\n%s", diff)
	}
}

func TestFeaturesFromFSSaysWhichFileIsNotGherkin(t *testing.T) {
	_, err := report.FeaturesFromFS(fstest.MapFS{"broken.feature": {Data: []byte("Given a step before any feature\n")}})
	require.ErrorContains(t, err, "broken.feature")
}
