package report_test

import (
	"context"
	"flag"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/client"
	"github.com/graphconform/graphconform/internal/finding"
	"github.com/graphconform/graphconform/internal/record"
	"github.com/graphconform/graphconform/internal/report"
	"github.com/graphconform/graphconform/internal/rules"
	"github.com/graphconform/graphconform/internal/version"
	"github.com/graphconform/graphconform/spec"
)

// update rewrites the golden files: go test ./internal/report -update
var update = flag.Bool("update", false, "rewrite the golden files in testdata/ from the current output")

// base is when the fixed run started.
var base = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

// exchange is a recorded exchange started at offset ms into the run.
func exchange(offset, elapsed time.Duration, method, url string, reqBody string, status int, respHeader http.Header, respBody string) *client.Exchange {
	reqHeader := http.Header{"Authorization": {client.Redacted}, "Content-Type": {"application/json"}}
	if reqBody == "" {
		reqHeader.Del("Content-Type")
	}
	if respHeader == nil {
		respHeader = http.Header{}
	}
	respHeader.Set("Request-Id", "00000000-0000-0000-0000-000000000001")
	return &client.Exchange{
		Request:  client.RecordedRequest{Method: method, URL: "https://graph.example" + url, Path: url, Header: reqHeader, Body: []byte(reqBody)},
		Response: client.RecordedResponse{Status: status, Header: respHeader, Body: []byte(respBody)},
		Started:  base.Add(offset),
		Elapsed:  elapsed,
	}
}

const (
	opUpdate  = "teamworkDevice.updateSoftware"
	opGet     = "teamworkDevice.getOperation"
	opUpgrade = "userScopeTeamsAppInstallation.upgrade"
	opPatch   = "windowsUpdateState.update"
)

// fixedRun is a run with every shape a report must render: a pass, a failure with findings (one with a
// JSON pointer, a warning, a scenario-level one), a failure with only a step error, a range status, and
// an exchange with an operation the description lacks. Its scenarios are out of file order.
func fixedRun() record.Run {
	return record.Run{
		Target:  "https://graph.example",
		Started: base,
		Elapsed: 1500 * time.Millisecond,
		Scenarios: []record.Scenario{
			{
				Name: "A second update while the first is queued is refused with 409 Conflict", URI: "update_software.feature",
				Tags: []string{"@updateSoftware", "@mutates"}, Passed: false,
				Error: "the exchange does not conform (1 finding(s))",
				Exchanges: []record.CheckedExchange{
					{Operation: opUpdate, Exchange: exchange(100*time.Millisecond, 20*time.Millisecond, "POST", "/beta/teamwork/devices/d1/updateSoftware",
						`{"softwareType":"teamsClient"}`, 202, http.Header{"Location": {"/teamwork/devices/d1/operations/o1"}}, "")},
					{Operation: opUpdate, Exchange: exchange(130*time.Millisecond, 15*time.Millisecond, "POST", "/beta/teamwork/devices/d1/updateSoftware",
						`{"softwareType":"firmware"}`, 409, http.Header{"Content-Type": {"application/json"}}, `{"error":{"code":42,"message":"queued"}}`),
						Findings: []finding.Finding{
							{RuleID: rules.ResponseBodySchema, Level: finding.Error, Operation: opUpdate, Status: 409, JSONPointer: "/error/code", Message: `value must be a string`},
							{RuleID: rules.RequestIDHeader, Level: finding.Warning, Operation: opUpdate, Status: 409, Message: "the response has no client-request-id header"},
						}},
				},
				Findings: []finding.Finding{{RuleID: rules.DocumentedStatus, Level: finding.Error, Operation: opUpdate, Status: 409, Message: "want 409 with a Graph error, got a body that is not one"}},
			},
			{
				Name: "An update is accepted with a Location that resolves to its operation, which ends", URI: "update_software.feature",
				Tags: []string{"@updateSoftware", "@lro"}, Passed: true,
				Exchanges: []record.CheckedExchange{
					{Operation: opUpdate, Exchange: exchange(0, 25*time.Millisecond, "POST", "/beta/teamwork/devices/d2/updateSoftware",
						`{"softwareType":"teamsClient","softwareVersion":"1.0.96.22"}`, 202, http.Header{"Location": {"/teamwork/devices/d2/operations/o2"}}, "")},
					{Operation: opGet, Exchange: exchange(40*time.Millisecond, 10*time.Millisecond, "GET", "/beta/teamwork/devices/d2/operations/o2",
						"", 200, http.Header{"Retry-After": {"1"}, "Content-Type": {"application/json"}}, `{"id":"o2","status":"queued","operationType":"softwareUpdate"}`)},
					{Operation: opGet, Exchange: exchange(60*time.Millisecond, 10*time.Millisecond, "GET", "/beta/teamwork/devices/d2/operations/o2",
						"", 200, http.Header{"Content-Type": {"application/json"}}, `{"id":"o2","status":"succeeded","operationType":"softwareUpdate"}`)},
				},
			},
			{
				Name: "Upgrading an installed app answers 204 with no body", URI: "app_upgrade.feature",
				Tags: []string{"@upgrade"}, Passed: false,
				Error: "open a session on https://graph.example: dial tcp: connection refused\nis the target up?",
				Exchanges: []record.CheckedExchange{
					{Operation: "GET /beta/nowhere", Exchange: exchange(200*time.Millisecond, 5*time.Millisecond, "GET", "/beta/nowhere", "", 404, nil, "not found")},
				},
			},
			{
				Name: "A PATCH answers 200 echoing the updated windowsUpdateState", URI: "windows_update_state.feature",
				Tags: []string{"@windowsUpdateState"}, Passed: true,
				Exchanges: []record.CheckedExchange{
					{Operation: opPatch, Exchange: exchange(300*time.Millisecond, 12*time.Millisecond, "PATCH", "/beta/deviceManagement/deviceConfigurations/c1/deviceUpdateStates/s1",
						`{"status":"upToDate"}`, 200, http.Header{"Content-Type": {"application/json"}}, `{"id":"s1","status":"upToDate"}`)},
					{Operation: opPatch, Exchange: exchange(320*time.Millisecond, 8*time.Millisecond, "PATCH", "/beta/deviceManagement/deviceConfigurations/c1/deviceUpdateStates/nope",
						`{"status":"upToDate"}`, 404, http.Header{"Content-Type": {"application/json"}}, `{"error":{"code":"NotFound","message":"no such state"}}`)},
				},
			},
			{
				Name: "A token without the permission is refused with 403", URI: "auth.feature",
				Tags: []string{"@auth", "@mock-only"}, Skipped: true,
				Error: "skipped: @mock-only needs the mock's controls; https://graph.example is not the mock",
			},
		},
	}
}

// fixedRules is a stable rule catalogue, so the goldens do not move when a rule is added.
func fixedRules() []report.Rule {
	return []report.Rule{
		{ID: "response-body-schema", Source: report.SourceContract, Level: finding.Error, Description: "The response body matches the schema."},
		{ID: "request-id-header", Source: report.SourceExchange, Level: finding.Warning, Description: "The response carries request-id and client-request-id."},
		{ID: "no-content-has-no-body", Source: report.SourceExchange, Level: finding.Error, Operation: opUpgrade, Description: "A 204 has no body."},
		{ID: "documented-status", Source: report.SourceScenario, Level: finding.Error, Description: "The response has the documented status."},
	}
}

// fixedReport is the report of fixedRun against testdata/openapi.yaml.
func fixedReport(t *testing.T) report.Report {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "openapi.yaml"))
	require.NoError(t, err)
	r := report.New(fixedRun(), parseFixtureSpec(t), report.SHA256(data))
	r.Rules = fixedRules()
	r.Hostname = "ci-runner"
	r.Tool = version.Info{Version: "v1.2.0", Revision: "0123456789abcdef0123456789abcdef01234567", Modified: true, Go: "go1.26.8"}
	r.Features = []report.Feature{
		{URI: "update_software.feature", Path: "features/update_software.feature", Name: "teamworkDevice: updateSoftware", Scenarios: []string{
			"An update is accepted with a Location that resolves to its operation, which ends",
			"A second update while the first is queued is refused with 409 Conflict",
		}, Lines: []int{7, 21}},
		{URI: "app_upgrade.feature", Path: "features/app_upgrade.feature", Name: "userScopeTeamsAppInstallation: upgrade", Scenarios: []string{"Upgrading an installed app answers 204 with no body"}, Lines: []int{16}},
	}
	return r
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.WriteFile(path, got, 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "no golden file: run go test ./internal/report -update")
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s mismatch (-want +got); if the change is intended, run go test ./internal/report -update:\n%s", name, diff)
	}
}

// parseFixtureSpec parses testdata/openapi.yaml.
func parseFixtureSpec(t *testing.T) *openapi3.T {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "openapi.yaml"))
	require.NoError(t, err)
	doc, err := spec.Parse(context.Background(), data)
	require.NoError(t, err)
	return doc
}
