package report_test

import (
	"bytes"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/client"
	"github.com/graphconform/graphconform/internal/record"
	"github.com/graphconform/graphconform/internal/report"
)

func TestRecordRoundTripsTheRun(t *testing.T) {
	want := fixedReport(t)
	var buf bytes.Buffer
	require.NoError(t, report.Record{}.Format(&buf, want))
	got, err := report.ReadRecord(buf.Bytes())
	require.NoError(t, err)
	if diff := cmp.Diff(want.Run, got.Run, cmpopts.EquateEmpty(), cmpopts.IgnoreUnexported(client.Exchange{})); diff != "" {
		t.Errorf("run.json does not carry the run (-want +got):\n%s", diff)
	}
	require.Equal(t, want.Features, got.Features)
	require.Equal(t, want.Tool, got.Tool)
	require.Equal(t, want.SpecSHA256, got.SpecSHA256)
}

func TestMergeJoinsShardsAndRefusesOverlap(t *testing.T) {
	whole := fixedReport(t)
	doc := parseFixtureSpec(t)
	a, b := whole, whole
	a.Run.Scenarios = whole.Run.Scenarios[:2]
	b.Run.Scenarios = whole.Run.Scenarios[2:]
	merged, err := report.Merge([]report.Report{a, b}, doc)
	require.NoError(t, err)
	require.ElementsMatch(t, whole.Run.Scenarios, merged.Run.Scenarios)
	require.Equal(t, whole.Verdict, merged.Verdict)
	require.Equal(t, whole.Coverage.Exercised(), merged.Coverage.Exercised())

	_, err = report.Merge([]report.Report{a, a}, doc)
	require.ErrorContains(t, err, "ran in shard 1 and shard 2")

	other := b
	other.SpecSHA256 = "0000"
	_, err = report.Merge([]report.Report{a, other}, doc)
	require.ErrorContains(t, err, "checked the description with sha256 0000")

	_, err = report.Merge(nil, doc)
	require.Error(t, err)
}

func TestMergeCucumberJoinsFeaturesInLineOrder(t *testing.T) {
	a := []byte(`[{"uri":"a.feature","name":"A","elements":[{"line":9,"name":"second"}]},{"uri":"b.feature","elements":[{"line":3}]}]`)
	b := []byte(`[{"uri":"a.feature","name":"A","elements":[{"line":4,"name":"first"}]}]`)
	got, err := report.MergeCucumber(a, b)
	require.NoError(t, err)
	require.JSONEq(t, `[{"uri":"a.feature","name":"A","elements":[{"line":4,"name":"first"},{"line":9,"name":"second"}]},{"uri":"b.feature","elements":[{"line":3}]}]`, string(got))
	_, err = report.MergeCucumber([]byte(`{"not":"a list"}`))
	require.ErrorContains(t, err, "it is not a cucumber report")
}

func TestMergeRefusesShardsOfDifferentBuilds(t *testing.T) {
	whole := fixedReport(t)
	a, b := whole, whole
	a.Run.Scenarios = whole.Run.Scenarios[:2]
	b.Run.Scenarios = whole.Run.Scenarios[2:]
	b.Tool.Version = "v1.3.0"
	_, err := report.Merge([]report.Report{a, b}, parseFixtureSpec(t))
	require.ErrorContains(t, err, "shard 2 ran graphconform v1.3.0")
	require.ErrorContains(t, err, "shard 1 v1.2.0")
}

func TestMergeKeepsTheProfile(t *testing.T) {
	whole := fixedReport(t)
	whole.Profile = &report.Profile{Name: "contoso-lab", Cloud: "global", Auth: "static token", Resources: map[string]int{"teamworkDevices": 2}}
	var buf bytes.Buffer
	require.NoError(t, report.Record{}.Format(&buf, whole))
	part, err := report.ReadRecord(buf.Bytes())
	require.NoError(t, err)
	require.Equal(t, whole.Profile, part.Profile, "run.json carries the profile")

	a, b := part, part
	a.Run.Scenarios = part.Run.Scenarios[:2]
	b.Run.Scenarios = part.Run.Scenarios[2:]
	merged, err := report.Merge([]report.Report{a, b}, parseFixtureSpec(t))
	require.NoError(t, err)
	require.Equal(t, whole.Profile, merged.Profile, "the merged reports name the profile")

	other := *whole.Profile
	other.AllowMutations = true
	b.Profile = &other
	_, err = report.Merge([]report.Report{a, b}, parseFixtureSpec(t))
	require.ErrorContains(t, err, "shard 2 used the profile")
}

// TestMergeJoinsTheExamplesOfAnOutlineThatShareItsName pins an outline without a placeholder in its
// name: its examples are scenarios of one name, which the shards share out.
func TestMergeJoinsTheExamplesOfAnOutlineThatShareItsName(t *testing.T) {
	features := []report.Feature{{URI: "o.feature", Name: "O", Scenarios: []string{"ex", "ex", "ex"}, Lines: []int{10, 11, 12}}}
	sc := record.Scenario{Name: "ex", URI: "o.feature", Passed: true}
	a := report.Report{Features: features, Run: record.Run{Scenarios: []record.Scenario{sc, sc}}}
	b := report.Report{Features: features, Run: record.Run{Scenarios: []record.Scenario{sc}}}
	merged, err := report.Merge([]report.Report{a, b}, parseFixtureSpec(t))
	require.NoError(t, err)
	require.Len(t, merged.Run.Scenarios, 3)
	require.Equal(t, features, merged.Features, "every example keeps its line")

	_, err = report.Merge([]report.Report{a, a}, parseFixtureSpec(t))
	require.ErrorContains(t, err, `scenario "ex" of o.feature ran in shard 1 and shard 2`)
}
