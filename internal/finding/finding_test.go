package finding_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/graphconform/graphconform/internal/finding"
	"github.com/graphconform/graphconform/internal/rules"
)

func TestStringNamesRuleOperationStatusAndPointer(t *testing.T) {
	cases := map[string]struct {
		f    finding.Finding
		want string
	}{
		"everything": {finding.Finding{RuleID: rules.ResponseBodySchema, Operation: "windowsUpdateState.update", Status: 200, JSONPointer: "/status", Message: "not an enum member"},
			"[response-body-schema] windowsUpdateState.update → 200 at /status: not an enum member"},
		"about the request": {finding.Finding{RuleID: rules.RequestBodySchema, Operation: "teamworkDevice.updateSoftware", Message: "softwareType missing"},
			"[request-body-schema] teamworkDevice.updateSoftware: softwareType missing"},
	}
	for name, tc := range cases {
		if got := tc.f.String(); got != tc.want {
			t.Errorf("%s: String() = %q, want %q", name, got, tc.want)
		}
	}
}

func TestErrorsKeepsOnlyErrorLevelFindings(t *testing.T) {
	all := []finding.Finding{
		{RuleID: rules.DocumentedStatus, Level: finding.Error},
		{RuleID: rules.RequestIDHeader, Level: finding.Warning},
		{RuleID: rules.PatchPersists, Level: finding.Error},
	}
	want := []finding.Finding{{RuleID: rules.DocumentedStatus, Level: finding.Error}, {RuleID: rules.PatchPersists, Level: finding.Error}}
	if diff := cmp.Diff(want, finding.Errors(all)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestNonConformanceListsEveryFinding(t *testing.T) {
	err := &finding.NonConformance{Findings: []finding.Finding{
		{RuleID: rules.DocumentedStatus, Operation: "op", Message: "one"},
		{RuleID: rules.RequestIDHeader, Operation: "op", Message: "two"},
	}}
	want := "the exchange does not conform (2 finding(s)):\n  [documented-status] op: one\n  [request-id-header] op: two"
	if got := err.Error(); got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

func TestPointerEscapesTildeAndSlash(t *testing.T) {
	for tokens, want := range map[string]string{
		"":            "",
		"status":      "/status",
		"a/b":         "/a~1b",
		"@odata.type": "/@odata.type",
		"m~n":         "/m~0n",
	} {
		var got string
		if tokens == "" {
			got = finding.Pointer()
		} else {
			got = finding.Pointer(tokens)
		}
		if got != want {
			t.Errorf("Pointer(%q) = %q, want %q", tokens, got, want)
		}
	}
	if got := finding.Pointer("consentedPermissionSet", "resourceSpecificPermissions", "0"); got != "/consentedPermissionSet/resourceSpecificPermissions/0" {
		t.Errorf("Pointer of three tokens = %q", got)
	}
}

func TestNewTakesTheLevelOfItsRule(t *testing.T) {
	want := finding.Finding{RuleID: rules.RequestIDHeader, Level: finding.Warning, Operation: "op", Status: 200, Message: "no request-id"}
	if diff := cmp.Diff(want, finding.New(rules.RequestIDHeader, "op", 200, "", "no request-id")); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if got := finding.New(rules.DocumentedStatus, "op", 409, "", "m").Level; got != finding.Error {
		t.Errorf("level of documented-status = %q, want error", got)
	}
}
