package report_test

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/record"
	"github.com/graphconform/graphconform/internal/report"
)

// parsedJUnit is what a CI reporter reads of junit.xml.
type parsedJUnit struct {
	Suites []struct {
		Name      string `xml:"name,attr"`
		Tests     int    `xml:"tests,attr"`
		Failures  int    `xml:"failures,attr"`
		Skipped   int    `xml:"skipped,attr"`
		SystemOut string `xml:"system-out"`
		Cases     []struct {
			Name      string `xml:"name,attr"`
			Classname string `xml:"classname,attr"`
			Failure   *struct {
				Message string `xml:"message,attr"`
				Type    string `xml:"type,attr"`
				Text    string `xml:",chardata"`
			} `xml:"failure"`
			Skipped *struct {
				Message string `xml:"message,attr"`
				Text    string `xml:",chardata"`
			} `xml:"skipped"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

func formatJUnit(t *testing.T, r report.Report) (string, parsedJUnit) {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, report.JUnit{}.Format(&buf, r))
	var parsed parsedJUnit
	require.NoError(t, xml.Unmarshal(buf.Bytes(), &parsed), "junit.xml must parse as XML:\n%s", buf.String())
	return buf.String(), parsed
}

func TestJUnitMatchesTheGoldenFile(t *testing.T) {
	out, _ := formatJUnit(t, fixedReport(t))
	golden(t, "junit.golden.xml", []byte(out))
}

func TestJUnitHasASuitePerFeatureAndACasePerScenarioInFileOrder(t *testing.T) {
	_, got := formatJUnit(t, fixedReport(t))
	type suite struct {
		Name            string
		Tests, Failures int
		Cases           []string
	}
	var suites []suite
	for _, s := range got.Suites {
		sv := suite{Name: s.Name, Tests: s.Tests, Failures: s.Failures}
		for _, c := range s.Cases {
			sv.Cases = append(sv.Cases, c.Classname+": "+c.Name)
		}
		suites = append(suites, sv)
	}
	want := []suite{
		{Name: "userScopeTeamsAppInstallation: upgrade", Tests: 1, Failures: 1, Cases: []string{
			"features/app_upgrade.feature: Upgrading an installed app answers 204 with no body"}},
		// No Feature for this file either; its only scenario was skipped.
		{Name: "auth.feature", Tests: 1, Failures: 0, Cases: []string{
			"auth.feature: A token without the permission is refused with 403"}},
		{Name: "teamworkDevice: updateSoftware", Tests: 2, Failures: 1, Cases: []string{
			"features/update_software.feature: An update is accepted with a Location that resolves to its operation, which ends",
			"features/update_software.feature: A second update while the first is queued is refused with 409 Conflict"}},
		// No Feature for this file: named by its URI.
		{Name: "windows_update_state.feature", Tests: 1, Failures: 0, Cases: []string{
			"windows_update_state.feature: A PATCH answers 200 echoing the updated windowsUpdateState"}},
	}
	if diff := cmp.Diff(want, suites); diff != "" {
		t.Errorf("suites mismatch (-want +got):\n%s", diff)
	}
	// The Ant schema allows <testsuites> no totals: CI tools add up the suites'.
	var tests, failures, skipped int
	for _, s := range got.Suites {
		tests, failures, skipped = tests+s.Tests, failures+s.Failures, skipped+s.Skipped
	}
	if tests != 5 || failures != 2 || skipped != 1 {
		t.Errorf("the suites count tests=%d failures=%d skipped=%d, want 5, 2 and 1", tests, failures, skipped)
	}
}

func TestJUnitFailureListsTheFindingsOrElseTheStepError(t *testing.T) {
	_, got := formatJUnit(t, fixedReport(t))
	failures := map[string]string{}
	types := map[string]string{}
	for _, s := range got.Suites {
		for _, c := range s.Cases {
			if c.Failure != nil {
				failures[c.Name] = c.Failure.Text
				types[c.Name] = c.Failure.Type
			}
		}
	}
	want := map[string]string{
		"A second update while the first is queued is refused with 409 Conflict": "features/update_software.feature:21:\n" +
			"[response-body-schema] teamworkDevice.updateSoftware → 409 at /error/code: value must be a string\n" +
			"[documented-status] teamworkDevice.updateSoftware → 409: want 409 with a Graph error, got a body that is not one",
		"Upgrading an installed app answers 204 with no body": "features/app_upgrade.feature:16: open a session on https://graph.example: dial tcp: connection refused\nis the target up?",
	}
	if diff := cmp.Diff(want, failures); diff != "" {
		t.Errorf("failure texts mismatch (-want +got):\n%s", diff)
	}
	wantTypes := map[string]string{
		"A second update while the first is queued is refused with 409 Conflict": "non-conformance",
		"Upgrading an installed app answers 204 with no body":                    "step-error",
	}
	if diff := cmp.Diff(wantTypes, types); diff != "" {
		t.Errorf("failure types mismatch (-want +got):\n%s", diff)
	}
}

func TestJUnitSystemOutListsEachScenarioAtItsLineWithItsExchangesAndWarnings(t *testing.T) {
	_, got := formatJUnit(t, fixedReport(t))
	out := map[string]string{}
	for _, s := range got.Suites {
		out[s.Name] = s.SystemOut
	}
	want := "features/update_software.feature:7 An update is accepted with a Location that resolves to its operation, which ends: passed\n" +
		"  POST https://graph.example/beta/teamwork/devices/d2/updateSoftware → 202 (teamworkDevice.updateSoftware, 25ms)\n" +
		"  GET https://graph.example/beta/teamwork/devices/d2/operations/o2 → 200 (teamworkDevice.getOperation, 10ms)\n" +
		"  GET https://graph.example/beta/teamwork/devices/d2/operations/o2 → 200 (teamworkDevice.getOperation, 10ms)\n" +
		"features/update_software.feature:21 A second update while the first is queued is refused with 409 Conflict: failed\n" +
		"  POST https://graph.example/beta/teamwork/devices/d1/updateSoftware → 202 (teamworkDevice.updateSoftware, 20ms)\n" +
		"  POST https://graph.example/beta/teamwork/devices/d1/updateSoftware → 409 (teamworkDevice.updateSoftware, 15ms)\n" +
		"  warning: [request-id-header] teamworkDevice.updateSoftware → 409: the response has no client-request-id header\n"
	if diff := cmp.Diff(want, out["teamworkDevice: updateSoftware"]); diff != "" {
		t.Errorf("system-out mismatch (-want +got):\n%s", diff)
	}
}

func TestJUnitSkippedSaysWhyAtTheScenariosLocation(t *testing.T) {
	_, got := formatJUnit(t, fixedReport(t))
	for _, s := range got.Suites {
		for _, c := range s.Cases {
			if c.Skipped == nil {
				continue
			}
			require.Equal(t, "skipped: @mock-only needs the mock's controls; https://graph.example is not the mock", c.Skipped.Message)
			require.Equal(t, "auth.feature: "+c.Skipped.Message, c.Skipped.Text, "a feature the report does not know is named by its URI, without a line")
			return
		}
	}
	t.Fatal("no skipped test case")
}

func TestJUnitStaysValidXMLWhateverAFindingQuotes(t *testing.T) {
	run := record.Run{Scenarios: []record.Scenario{{
		Name: "control \x00 characters and ]]> in a name", URI: "x.feature",
		Error: "the body was \x01\x02 \xff and ended with ]]> <not a tag>",
	}}}
	out, got := formatJUnit(t, report.Report{Run: run})
	require.Len(t, got.Suites, 1, out)
	require.NotNil(t, got.Suites[0].Cases[0].Failure, out)
	text := got.Suites[0].Cases[0].Failure.Text
	if !strings.Contains(text, "]]> <not a tag>") || strings.ContainsAny(text, "\x00\x01\x02") {
		t.Errorf("failure text %q: want the text kept, control characters replaced", text)
	}
}
