package steps

import (
	"strings"
	"testing"
)

func TestResolveLocation(t *testing.T) {
	const request = "/beta/teamwork/devices/d/updateSoftware"
	cases := []struct {
		name, location, want, wantErr string
	}{
		{name: "relative to the version root, as the docs show", location: "/teamwork/devices/d/operations/o", want: "/beta/teamwork/devices/d/operations/o"},
		{name: "with the version already", location: "/beta/teamwork/devices/d/operations/o", want: "/beta/teamwork/devices/d/operations/o"},
		{name: "absolute", location: "https://graph.microsoft.com/beta/teamwork/devices/d/operations/o", want: "https://graph.microsoft.com/beta/teamwork/devices/d/operations/o"},
		{name: "a network-path reference, for the client to judge", location: "//evil.example/beta/teamwork/devices/d/operations/o", want: "//evil.example/beta/teamwork/devices/d/operations/o"},
		{name: "missing", location: "", wantErr: "no Location header"},
		{name: "neither a path nor a URL", location: "operations/o", wantErr: "neither an absolute URL nor a path"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := resolveLocation(request, tc.location)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("resolveLocation(%q) error = %v, want one containing %q", tc.location, err, tc.wantErr)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("resolveLocation(%q) = %q, %v; want %q", tc.location, got, err, tc.want)
			}
		})
	}
}

func TestGraphErrorSummaryQuotesWhatTheTargetSaid(t *testing.T) {
	body := []byte(`{"error":{"code":"BadRequest","message":"Resource not found for the segment 'deviceUpdateStates'."}}`)
	want := " (BadRequest: Resource not found for the segment 'deviceUpdateStates'.)"
	if got := graphErrorSummary(body); got != want {
		t.Errorf("graphErrorSummary = %q, want %q", got, want)
	}
	for _, other := range []string{``, `not json`, `{"error":{}}`, `{"value":[]}`} {
		if got := graphErrorSummary([]byte(other)); got != "" {
			t.Errorf("graphErrorSummary(%q) = %q, want nothing", other, got)
		}
	}
}
