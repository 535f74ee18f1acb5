package report_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/report"
)

func summary(t *testing.T, r report.Report, color bool) string {
	t.Helper()
	var b strings.Builder
	require.NoError(t, report.Summary(&b, r, color))
	return b.String()
}

func TestSummaryTableHasCoverageColumnsForEveryOperation(t *testing.T) {
	out := summary(t, fixedReport(t), false)
	start := strings.Index(out, "OPERATION")
	table, _, _ := strings.Cut(out[start:], "\n\n")
	var got []string
	for _, line := range strings.Split(table, "\n") {
		got = append(got, strings.Join(strings.Fields(line), " "))
	}
	want := []string{
		"OPERATION EXCHANGES STATUSES SEEN DOCUMENTED STATUSES DOCUMENTED HEADERS ERRORS WARNINGS",
		"teamworkDevice.getOperation 2 200 1/1 1/1 0 0",
		"teamworkDevice.updateSoftware 3 202 409 2/2 1/1 2 1",
		"userScopeTeamsAppInstallation.upgrade 0 - 0/1 0/0 0 0",
		"windowsUpdateState.get 0 - 0/1 0/0 0 0",
		"windowsUpdateState.update 2 200 404 1/1 0/0 0 0",
		"GET /beta/nowhere 1 404 not documented - 0 0",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("summary table mismatch (-want +got):\n%s", diff)
	}
}

func TestSummaryEndsWithCoverageFailuresAndTheVerdict(t *testing.T) {
	out := summary(t, fixedReport(t), false)
	for _, want := range []string{
		"coverage: 6/8 documented statuses and headers exercised (75.0%); not exercised:\n" +
			"  - userScopeTeamsAppInstallation.upgrade: no 204 response\n" +
			"  - windowsUpdateState.get: no 200 response\n",
		"FAILED  A second update while the first is queued is refused with 409 Conflict (update_software.feature)\n" +
			"  [response-body-schema] teamworkDevice.updateSoftware → 409 at /error/code: value must be a string\n",
		"FAILED  Upgrading an installed app answers 204 with no body (app_upgrade.feature)\n" +
			"  open a session on https://graph.example: dial tcp: connection refused\n  is the target up?\n",
		"5 scenarios: 2 passed, 2 failed, 1 skipped in 1.5s — NOT CONFORMANT\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
}

func TestSummaryColoursOnlyWhenAsked(t *testing.T) {
	if out := summary(t, fixedReport(t), false); strings.Contains(out, "\x1b[") {
		t.Errorf("summary without colour has escape codes:\n%q", out)
	}
	out := summary(t, fixedReport(t), true)
	for _, want := range []string{"\x1b[31mNOT CONFORMANT\x1b[0m", "\x1b[31mFAILED\x1b[0m", "\x1b[33mcoverage: 6/8"} {
		if !strings.Contains(out, want) {
			t.Errorf("coloured summary lacks %q:\n%q", want, out)
		}
	}
	// Every table row starts with a colour code of the same width, so the columns stay aligned.
	start := strings.Index(out, "OPERATION") - len("\x1b[39m")
	table, _, _ := strings.Cut(out[start:], "\n\n")
	lines := strings.Split(table, "\n")
	column := strings.Index(lines[0], "EXCHANGES")
	for _, line := range lines[1:] {
		if line[column-1] != ' ' || line[column] == ' ' {
			t.Errorf("row %q is not aligned with the header %q", line, lines[0])
		}
	}
}

func TestSummarySaysWhenCoverageIsComplete(t *testing.T) {
	r := fixedReport(t)
	r.Coverage.Operations = r.Coverage.Operations[:2] // the two operations fully exercised
	out := summary(t, r, false)
	if !strings.Contains(out, "coverage: 5/5 documented statuses and headers exercised (100.0%)\n") || strings.Contains(out, "not exercised") {
		t.Errorf("summary of a complete coverage:\n%s", out)
	}
}
