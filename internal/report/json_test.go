package report_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/report"
)

func formatJSON(t *testing.T, r report.Report) []byte {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, report.JSON{}.Format(&buf, r))
	require.True(t, json.Valid(buf.Bytes()), "conformance.json must be JSON:\n%s", buf.String())
	return buf.Bytes()
}

func TestJSONMatchesTheGoldenFile(t *testing.T) {
	golden(t, "conformance.golden.json", formatJSON(t, fixedReport(t)))
}

// TestJSONGivesAVerdictPerOperationAndPerRule pins what a CI job reads of conformance.json.
func TestJSONGivesAVerdictPerOperationAndPerRule(t *testing.T) {
	var got struct {
		Verdict    string `json:"verdict"`
		Conformant bool   `json:"conformant"`
		Target     string `json:"target"`
		SpecSHA256 string `json:"specSha256"`
		Operations []struct {
			ID      string `json:"operationId"`
			Verdict string `json:"verdict"`
		} `json:"operations"`
		Rules []struct {
			ID         string   `json:"id"`
			Source     string   `json:"source"`
			Verdict    string   `json:"verdict"`
			Operations []string `json:"operations"`
		} `json:"rules"`
		Coverage struct {
			Exercised, Documented int
			Percent               float64
			Missing               []struct{ Text string }
		} `json:"coverage"`
	}
	r := fixedReport(t)
	require.NoError(t, json.Unmarshal(formatJSON(t, r), &got))

	if got.Verdict != "NOT CONFORMANT" || got.Conformant || got.Target != "https://graph.example" || got.SpecSHA256 != r.SpecSHA256 {
		t.Errorf("head = %q %t %q %q, want NOT CONFORMANT, false, the target and the spec digest", got.Verdict, got.Conformant, got.Target, got.SpecSHA256)
	}
	operations := map[string]string{}
	for _, o := range got.Operations {
		operations[o.ID] = o.Verdict
	}
	wantOperations := map[string]string{
		"teamworkDevice.getOperation":           report.OperationPass,
		"teamworkDevice.updateSoftware":         report.OperationFail,
		"userScopeTeamsAppInstallation.upgrade": report.OperationNotExercised,
		"windowsUpdateState.get":                report.OperationNotExercised,
		"windowsUpdateState.update":             report.OperationPass,
		"GET /beta/nowhere":                     report.OperationPass,
	}
	if diff := cmp.Diff(wantOperations, operations); diff != "" {
		t.Errorf("operation verdicts mismatch (-want +got):\n%s", diff)
	}
	type rule struct{ ID, Source, Verdict string }
	var rules []rule
	for _, ru := range got.Rules {
		rules = append(rules, rule{ru.ID, ru.Source, ru.Verdict})
	}
	wantRules := []rule{
		{"response-body-schema", report.SourceContract, report.RuleFail},
		{"request-id-header", report.SourceExchange, report.RuleWarn},
		{"no-content-has-no-body", report.SourceExchange, report.RulePass},
		{"documented-status", report.SourceScenario, report.RuleFail},
	}
	if diff := cmp.Diff(wantRules, rules); diff != "" {
		t.Errorf("rule verdicts mismatch (-want +got):\n%s", diff)
	}
	// Of 202, its Location, 409, 200 and its Retry-After, 204, the GET's 200 and the PATCH's 200, the
	// run missed 204 and the GET's 200.
	if got.Coverage.Exercised != 6 || got.Coverage.Documented != 8 || got.Coverage.Percent != 75 {
		t.Errorf("coverage = %d/%d (%v%%), want 6/8 (75%%)", got.Coverage.Exercised, got.Coverage.Documented, got.Coverage.Percent)
	}
	var missing []string
	for _, g := range got.Coverage.Missing {
		missing = append(missing, g.Text)
	}
	wantMissing := []string{"userScopeTeamsAppInstallation.upgrade: no 204 response", "windowsUpdateState.get: no 200 response"}
	if diff := cmp.Diff(wantMissing, missing); diff != "" {
		t.Errorf("missing mismatch (-want +got):\n%s", diff)
	}
}

func TestJSONListsARuleTheCatalogueLacksAsOther(t *testing.T) {
	r := fixedReport(t)
	r.Rules = r.Rules[:1]
	var got struct {
		Rules []struct{ ID, Source, Verdict string } `json:"rules"`
	}
	require.NoError(t, json.Unmarshal(formatJSON(t, r), &got))
	want := []struct{ ID, Source, Verdict string }{
		{"response-body-schema", report.SourceContract, report.RuleFail},
		{"request-id-header", report.SourceOther, report.RuleWarn},
		{"documented-status", report.SourceOther, report.RuleFail},
	}
	if diff := cmp.Diff(want, got.Rules); diff != "" {
		t.Errorf("rules mismatch (-want +got):\n%s", diff)
	}
}
