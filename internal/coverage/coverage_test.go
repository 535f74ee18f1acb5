package coverage_test

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/client"
	"github.com/graphconform/graphconform/internal/coverage"
	"github.com/graphconform/graphconform/internal/record"
	"github.com/graphconform/graphconform/spec"
)

// exchange is a checked exchange of operation answered with status and the named headers.
func exchange(operation string, status int, headers ...string) record.CheckedExchange {
	h := http.Header{}
	for _, name := range headers {
		h.Set(name, "x")
	}
	return record.CheckedExchange{Operation: operation, Exchange: &client.Exchange{
		Response: client.RecordedResponse{Status: status, Header: h},
	}}
}

// runOf is a run of one scenario with the exchanges.
func runOf(exchanges ...record.CheckedExchange) record.Run {
	return record.Run{Scenarios: []record.Scenario{{Name: "s", Exchanges: exchanges}}}
}

const (
	update  = "teamworkDevice.updateSoftware"
	getOp   = "teamworkDevice.getOperation"
	upgrade = "userScopeTeamsAppInstallation.upgrade"
	getWUS  = "windowsUpdateState.get"
	patch   = "windowsUpdateState.update"
)

// fixtureDoc is testdata/openapi.yaml: spec/openapi.yaml's operations and documented responses,
// trimmed, so that these tests pin the counting, not the spec of the day.
func fixtureDoc(t *testing.T) *openapi3.T {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "openapi.yaml"))
	require.NoError(t, err)
	doc, err := spec.Parse(context.Background(), data)
	require.NoError(t, err)
	return doc
}

// documentedOperations is what testdata/openapi.yaml documents, nothing seen.
func documentedOperations() []coverage.Operation {
	return []coverage.Operation{
		{ID: getOp, Method: "GET", Path: "/teamwork/devices/{teamworkDeviceId}/operations/{teamworkDeviceOperationId}",
			Statuses: []coverage.Status{{Code: 200, Headers: []coverage.Header{{Name: "Retry-After"}}}}},
		{ID: update, Method: "POST", Path: "/teamwork/devices/{teamworkDeviceId}/updateSoftware",
			Statuses: []coverage.Status{{Code: 202, Headers: []coverage.Header{{Name: "Location", Required: true}}}, {Code: 409}}},
		{ID: upgrade, Method: "POST", Path: "/users/{user-id}/teamwork/installedApps/{installation-id}/upgrade",
			Statuses: []coverage.Status{{Code: 204}}},
		{ID: getWUS, Method: "GET", Path: "/deviceManagement/deviceConfigurations/{configuration-id}/deviceUpdateStates/{state-id}",
			Statuses: []coverage.Status{{Code: 200}}},
		{ID: patch, Method: "PATCH", Path: "/deviceManagement/deviceConfigurations/{configuration-id}/deviceUpdateStates/{state-id}",
			Statuses: []coverage.Status{{Code: 200}}},
	}
}

func TestComputeListsTheExplicitStatusesAndTheirHeadersButNotTheRanges(t *testing.T) {
	got := coverage.Compute(fixtureDoc(t), record.Run{})
	want := coverage.Coverage{Operations: documentedOperations()}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Compute(spec, empty run) mismatch (-want +got):\n%s", diff)
	}
	if got.Documented() != 8 || got.Exercised() != 0 || got.Percent() != 0 || got.Complete() {
		t.Errorf("empty run: documented %d, exercised %d, percent %v, complete %t; want 8, 0, 0, false",
			got.Documented(), got.Exercised(), got.Percent(), got.Complete())
	}
}

// TestComputeCountsWhatTheRunExercised pins, per kind of exchange, which row of which operation it
// fills: a documented status, a documented header only under its own status, a range status as other.
func TestComputeCountsWhatTheRunExercised(t *testing.T) {
	doc := fixtureDoc(t)
	cases := []struct {
		name      string
		run       record.Run
		edit      func(ops []coverage.Operation, unknown *[]coverage.Operation)
		exercised int
		missing   []coverage.Gap
	}{
		{
			name: "a 202 without Location exercises the status, not the header",
			run:  runOf(exchange(update, 202)),
			edit: func(ops []coverage.Operation, _ *[]coverage.Operation) {
				ops[1].Exchanges, ops[1].Statuses[0].Seen = 1, 1
			},
			exercised: 1,
			missing: []coverage.Gap{
				{Operation: getOp, Status: 200}, {Operation: update, Status: 202, Header: "Location"},
				{Operation: update, Status: 409}, {Operation: upgrade, Status: 204}, {Operation: getWUS, Status: 200}, {Operation: patch, Status: 200},
			},
		},
		{
			name: "a Location on a 409 does not exercise the 202's Location",
			run:  runOf(exchange(update, 202), exchange(update, 409, "Location")),
			edit: func(ops []coverage.Operation, _ *[]coverage.Operation) {
				ops[1].Exchanges, ops[1].Statuses[0].Seen, ops[1].Statuses[1].Seen = 2, 1, 1
			},
			exercised: 2,
			missing: []coverage.Gap{
				{Operation: getOp, Status: 200}, {Operation: update, Status: 202, Header: "Location"},
				{Operation: upgrade, Status: 204}, {Operation: getWUS, Status: 200}, {Operation: patch, Status: 200},
			},
		},
		{
			name: "header names match whatever their case",
			run:  runOf(exchange(getOp, 200, "retry-after"), exchange(getOp, 200)),
			edit: func(ops []coverage.Operation, _ *[]coverage.Operation) {
				ops[0].Exchanges, ops[0].Statuses[0].Seen, ops[0].Statuses[0].Headers[0].Seen = 2, 2, 1
			},
			exercised: 2,
			missing: []coverage.Gap{
				{Operation: update, Status: 202}, {Operation: update, Status: 409},
				{Operation: upgrade, Status: 204}, {Operation: getWUS, Status: 200}, {Operation: patch, Status: 200},
			},
		},
		{
			name: "range and undocumented statuses are other statuses, and exercise nothing",
			run:  runOf(exchange(upgrade, 404), exchange(upgrade, 503), exchange(upgrade, 404), exchange(upgrade, 200)),
			edit: func(ops []coverage.Operation, _ *[]coverage.Operation) {
				ops[2].Exchanges = 4
				ops[2].OtherStatuses = []coverage.Status{{Code: 200, Seen: 1}, {Code: 404, Seen: 2}, {Code: 503, Seen: 1}}
			},
			exercised: 0,
			missing: []coverage.Gap{
				{Operation: getOp, Status: 200}, {Operation: update, Status: 202}, {Operation: update, Status: 409},
				{Operation: upgrade, Status: 204}, {Operation: getWUS, Status: 200}, {Operation: patch, Status: 200},
			},
		},
		{
			name: "an operation the description lacks is listed as unknown",
			run:  runOf(exchange("GET /beta/nowhere", 404), exchange(patch, 200)),
			edit: func(ops []coverage.Operation, unknown *[]coverage.Operation) {
				ops[4].Exchanges, ops[4].Statuses[0].Seen = 1, 1
				*unknown = []coverage.Operation{{ID: "GET /beta/nowhere", Exchanges: 1, Statuses: []coverage.Status{}, OtherStatuses: []coverage.Status{{Code: 404, Seen: 1}}}}
			},
			exercised: 1,
			missing: []coverage.Gap{
				{Operation: getOp, Status: 200}, {Operation: update, Status: 202}, {Operation: update, Status: 409},
				{Operation: upgrade, Status: 204}, {Operation: getWUS, Status: 200},
			},
		},
		{
			name: "every documented item exercised is complete",
			run: runOf(exchange(update, 202, "Location"), exchange(update, 409), exchange(getOp, 200, "Retry-After"),
				exchange(upgrade, 204), exchange(getWUS, 200), exchange(patch, 200)),
			edit: func(ops []coverage.Operation, _ *[]coverage.Operation) {
				ops[0].Exchanges, ops[0].Statuses[0].Seen, ops[0].Statuses[0].Headers[0].Seen = 1, 1, 1
				ops[1].Exchanges, ops[1].Statuses[0].Seen, ops[1].Statuses[0].Headers[0].Seen, ops[1].Statuses[1].Seen = 2, 1, 1, 1
				ops[2].Exchanges, ops[2].Statuses[0].Seen = 1, 1
				ops[3].Exchanges, ops[3].Statuses[0].Seen = 1, 1
				ops[4].Exchanges, ops[4].Statuses[0].Seen = 1, 1
			},
			exercised: 8,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			want := coverage.Coverage{Operations: documentedOperations()}
			tc.edit(want.Operations, &want.Unknown)
			got := coverage.Compute(doc, tc.run)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Compute mismatch (-want +got):\n%s", diff)
			}
			if got.Exercised() != tc.exercised {
				t.Errorf("Exercised() = %d, want %d", got.Exercised(), tc.exercised)
			}
			if diff := cmp.Diff(tc.missing, got.Missing()); diff != "" {
				t.Errorf("Missing() mismatch (-want +got):\n%s", diff)
			}
			if got.Complete() != (len(tc.missing) == 0) {
				t.Errorf("Complete() = %t with %d gaps", got.Complete(), len(tc.missing))
			}
		})
	}
}

func TestPercentIsTheShareOfDocumentedItemsExercised(t *testing.T) {
	cases := []struct {
		name string
		c    coverage.Coverage
		want float64
	}{
		{"nothing documented counts as complete", coverage.Coverage{}, 100},
		{"a status and its header, only the status seen", coverage.Coverage{Operations: []coverage.Operation{{
			ID: "op", Statuses: []coverage.Status{{Code: 202, Seen: 1, Headers: []coverage.Header{{Name: "Location"}}}},
		}}}, 50},
		{"three statuses, one seen", coverage.Coverage{Operations: []coverage.Operation{
			{ID: "a", Statuses: []coverage.Status{{Code: 200, Seen: 3}, {Code: 409}}},
			{ID: "b", Statuses: []coverage.Status{{Code: 204}, {Code: 206}}},
		}}, 25},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.c.Percent(); got != tc.want {
				t.Errorf("Percent() = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestGapSaysWhatIsMissing(t *testing.T) {
	cases := []struct {
		gap  coverage.Gap
		want string
	}{
		{coverage.Gap{Operation: getWUS, Status: 200}, "windowsUpdateState.get: no 200 response"},
		{coverage.Gap{Operation: getOp, Status: 200, Header: "Retry-After"}, "teamworkDevice.getOperation: no 200 response with a Retry-After header"},
	}
	for _, tc := range cases {
		if got := tc.gap.String(); got != tc.want {
			t.Errorf("%#v.String() = %q, want %q", tc.gap, got, tc.want)
		}
	}
}
