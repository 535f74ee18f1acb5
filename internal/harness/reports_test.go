package harness_test

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/features"
	"github.com/graphconform/graphconform/internal/harness"
	"github.com/graphconform/graphconform/internal/mockgraph"
	"github.com/graphconform/graphconform/internal/report"
	"github.com/graphconform/graphconform/internal/target"
	"github.com/graphconform/graphconform/spec"
)

// runWithReports runs the scenarios the tags select against the faithful embedded mock, writing the
// reports to dir when it is not empty.
func runWithReports(t *testing.T, dir, tags string) *harness.Result {
	t.Helper()
	ctx := context.Background()
	validator := newValidator(t)
	result, err := harness.Run(ctx, harness.Options{
		Target:    &target.Embedded{Seed: mockgraph.DefaultSeed(), Validator: validator},
		Validator: validator,
		Tags:      tags,
		Output:    io.Discard,
		NoColors:  true,
		ReportDir: dir,
	})
	require.NoError(t, err)
	return result
}

func TestRunWritesEveryReportFile(t *testing.T) {
	dir := t.TempDir()
	result := runWithReports(t, dir, "")
	want := []string{"junit.xml", "conformance.json", "report.html", "run.json", "exchanges.har", harness.CucumberFile}
	var got []string
	for _, p := range result.ReportFiles {
		require.Equal(t, dir, filepath.Dir(p))
		got = append(got, filepath.Base(p))
		info, err := os.Stat(p)
		require.NoError(t, err)
		require.Positive(t, info.Size(), p)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("report files mismatch (-want +got):\n%s", diff)
	}

	var junit struct {
		Suites []struct {
			Name  string `xml:"name,attr"`
			Tests int    `xml:"tests,attr"`
		} `xml:"testsuite"`
	}
	data, err := os.ReadFile(filepath.Join(dir, "junit.xml"))
	require.NoError(t, err)
	require.NoError(t, xml.Unmarshal(data, &junit))
	tests := 0
	for _, s := range junit.Suites {
		tests += s.Tests
	}
	require.Equal(t, len(result.Run.Scenarios), tests)
	featureList, err := report.FeaturesFromFS(features.FS)
	require.NoError(t, err)
	titles := map[string]bool{}
	for _, f := range featureList {
		titles[f.Name] = true
	}
	for _, s := range junit.Suites {
		require.True(t, titles[s.Name], "testsuite %q is not named after its feature", s.Name)
	}

	var conformance struct {
		Verdict    string `json:"verdict"`
		SpecSHA256 string `json:"specSha256"`
		Target     string `json:"target"`
	}
	data, err = os.ReadFile(filepath.Join(dir, "conformance.json"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, &conformance))
	wantHead := struct{ Verdict, SpecSHA256, Target string }{string(result.Report.Verdict), report.SHA256(spec.OpenAPI), "embedded mock"}
	if diff := cmp.Diff(wantHead, struct{ Verdict, SpecSHA256, Target string }(conformance)); diff != "" {
		t.Errorf("conformance.json head mismatch (-want +got):\n%s", diff)
	}

	var har struct {
		Log struct {
			Version string `json:"version"`
			Entries []struct {
				Request struct {
					Method, URL string
				} `json:"request"`
			} `json:"entries"`
		} `json:"log"`
	}
	data, err = os.ReadFile(filepath.Join(dir, "exchanges.har"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, &har))
	require.Equal(t, "1.2", har.Log.Version)
	var wantExchanges []string
	for _, sc := range result.Run.Scenarios {
		for _, ex := range sc.Exchanges {
			wantExchanges = append(wantExchanges, ex.Exchange.Request.Method+" "+ex.Exchange.Request.URL)
		}
	}
	var gotExchanges []string
	for _, e := range har.Log.Entries {
		gotExchanges = append(gotExchanges, e.Request.Method+" "+e.Request.URL)
	}
	if diff := cmp.Diff(wantExchanges, gotExchanges); diff != "" {
		t.Errorf("exchanges.har holds another list of exchanges than the run (-want +got):\n%s", diff)
	}
}

// TestTheSuiteExercisesEveryDocumentedResponse pins the coverage of the features against the faithful
// mock: every explicit status of every operation, and every header documented for it.
func TestTheSuiteExercisesEveryDocumentedResponse(t *testing.T) {
	result := runWithReports(t, "", "")
	require.Empty(t, result.Report.Coverage.Missing(), "add scenarios that exercise them")
	require.Nil(t, result.ReportFiles, "no ReportDir, no files")
}

func TestARunOfSomeScenariosReportsWhatItLeftUnexercised(t *testing.T) {
	result := runWithReports(t, "", "@upgrade")
	require.False(t, result.Report.Coverage.Complete())
	var missing []string
	for _, g := range result.Report.Coverage.Missing() {
		missing = append(missing, g.Operation)
	}
	require.Contains(t, missing, "teamworkDevice.updateSoftware")
	require.NotContains(t, missing, "userScopeTeamsAppInstallation.upgrade")
}
