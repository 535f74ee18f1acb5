package report_test

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/graphconform/graphconform/internal/report"
	"github.com/graphconform/graphconform/internal/rules"
)

func TestReportsListEveryRuleOfTheCatalogueAsItDescribesIt(t *testing.T) {
	var want []report.Rule
	for _, r := range rules.All() {
		want = append(want, report.Rule{ID: r.ID.String(), Source: string(r.Source), Level: r.Level, Operation: r.Operation, Description: r.Description})
	}
	if diff := cmp.Diff(want, report.Rules()); diff != "" {
		t.Errorf("report rules (-want +got):\n%s", diff)
	}
}

func TestReportsListTheRulesOfEverySource(t *testing.T) {
	bySource := map[string][]string{}
	for _, r := range report.Rules() {
		bySource[r.Source] = append(bySource[r.Source], r.ID)
	}
	for source, id := range map[string]string{
		report.SourceContract: "response-status-declared",
		report.SourceExchange: "patch-echoes-request",
		report.SourceScenario: "documented-status",
		report.SourceTraffic:  "client-honours-retry-after",
	} {
		if !slices.Contains(bySource[source], id) {
			t.Errorf("the reports' rules of source %q = %v, want %s among them", source, bySource[source], id)
		}
	}
}
