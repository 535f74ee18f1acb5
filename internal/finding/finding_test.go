package finding_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/graphconform/graphconform/internal/finding"
)

func TestStringNamesRuleOperationStatusAndPointer(t *testing.T) {
	cases := map[string]struct {
		f    finding.Finding
		want string
	}{
		"everything": {finding.Finding{RuleID: "response-body-schema", Operation: "windowsUpdateState.update", Status: 200, JSONPointer: "/status", Message: "not an enum member"},
			"[response-body-schema] windowsUpdateState.update → 200 at /status: not an enum member"},
		"about the request": {finding.Finding{RuleID: "request-body-schema", Operation: "teamworkDevice.updateSoftware", Message: "softwareType missing"},
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
		{RuleID: "a", Level: finding.Error},
		{RuleID: "b", Level: finding.Warning},
		{RuleID: "c", Level: finding.Error},
	}
	want := []finding.Finding{{RuleID: "a", Level: finding.Error}, {RuleID: "c", Level: finding.Error}}
	if diff := cmp.Diff(want, finding.Errors(all)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestNonConformanceListsEveryFinding(t *testing.T) {
	err := &finding.NonConformance{Findings: []finding.Finding{
		{RuleID: "a", Operation: "op", Message: "one"},
		{RuleID: "b", Operation: "op", Message: "two"},
	}}
	want := "the exchange does not conform (2 finding(s)):\n  [a] op: one\n  [b] op: two"
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
