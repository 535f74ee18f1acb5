package mockgraph_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/mockgraph"
	"github.com/graphconform/graphconform/internal/rules"
)

func TestRequestsThatBreakTheContractAreRecordedAsViolations(t *testing.T) {
	tests := []struct {
		name          string
		req           request
		wantStatus    int
		wantRules     []string // nil: no violation
		wantOperation string
		wantPointer   string
	}{
		{"an unknown path", request{method: http.MethodGet, path: "/beta/teamwork/gadgets"},
			400, []string{rules.OperationDocumented.String()}, "", ""},
		{"a method the path does not take", request{method: http.MethodDelete, path: updateSoftwarePath(docsDevice)},
			405, []string{rules.OperationDocumented.String()}, "", ""},
		{"no token", request{method: http.MethodPost, path: updateSoftwarePath(docsDevice), body: softwareBody, noAuth: true},
			401, []string{rules.RequestAuthenticated.String()}, mockgraph.OpUpdateSoftware, ""},
		{"a token without the permission", request{method: http.MethodPost, path: updateSoftwarePath(docsDevice), body: softwareBody, token: delegated("User.Read")},
			403, []string{rules.RequestPermitted.String()}, mockgraph.OpUpdateSoftware, ""},
		{"a softwareType outside the enum", request{method: http.MethodPost, path: updateSoftwarePath(docsDevice), body: `{"softwareType":"banana"}`},
			400, []string{rules.RequestBodySchema.String()}, mockgraph.OpUpdateSoftware, "/softwareType"},
		{"a body that is not JSON", request{method: http.MethodPost, path: updateSoftwarePath(docsDevice), body: `{`},
			400, []string{rules.RequestBodySchema.String()}, mockgraph.OpUpdateSoftware, ""},
		{"a text/plain body", request{method: http.MethodPost, path: updateSoftwarePath(docsDevice), body: softwareBody, header: map[string]string{"Content-Type": "text/plain"}},
			415, []string{rules.RequestContentType.String()}, mockgraph.OpUpdateSoftware, ""},
		{"a body over 1 MiB", request{method: http.MethodPost, path: updateSoftwarePath(docsDevice), body: `{"softwareType":"teamsClient","softwareVersion":"` + strings.Repeat("9", mockgraph.MaxRequestBytes) + `"}`},
			413, []string{rules.RequestBodySize.String()}, mockgraph.OpUpdateSoftware, ""},
		{"$top above 50", request{method: http.MethodGet, path: listPath(docsDevice, "$top=51")},
			400, []string{rules.ClientTopInRange.String(), rules.RequestParameter.String()}, mockgraph.OpListOperations, ""},
		{"an unknown device is the client's right to ask", request{method: http.MethodPost, path: updateSoftwarePath(unknownDevice), body: softwareBody},
			404, nil, "", ""},
		{"an accepted update", request{method: http.MethodPost, path: updateSoftwarePath(docsDevice), body: softwareBody},
			202, nil, "", ""},
		{"a PATCH", request{method: http.MethodPatch, path: statePath(configA, docsState), body: `{"status":"upToDate"}`},
			200, nil, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, mockgraph.Timeline{})
			req := tt.req
			req.header = withClientRequestID(req.header, "violation-test")
			rec := f.send(t, req)
			require.Equal(t, tt.wantStatus, rec.Code, rec.Body.String())
			report := f.mock.Violations()
			if tt.wantRules == nil {
				assert.Empty(t, report.Violations)
				assert.Zero(t, report.Count)
				return
			}
			require.Len(t, report.Violations, 1)
			assert.Equal(t, 1, report.Count)
			v := report.Violations[0]
			assert.Equal(t, tt.wantRules, v.RuleIDs())
			assert.Equal(t, start, v.Time, "the time of the mock's clock")
			assert.Equal(t, req.method, v.Method)
			assert.Equal(t, strings.SplitN(req.path, "?", 2)[0], strings.SplitN(v.Path, "?", 2)[0])
			assert.Equal(t, tt.wantOperation, v.Operation)
			assert.Equal(t, tt.wantStatus, v.Status)
			assert.Equal(t, rec.Header().Get("request-id"), v.RequestID)
			assert.Equal(t, "violation-test", v.ClientRequestID)
			require.NotEmpty(t, v.Findings)
			assert.NotEmpty(t, v.Findings[0].Message)
			assert.NotEmpty(t, v.Findings[0].Operation, "a finding names an operation, or the method and path")
			assert.Equal(t, tt.wantPointer, v.Findings[0].JSONPointer)
			assert.Contains(t, v.String(), tt.wantRules[0])
		})
	}
}

func TestControlRequestsAndConflictsAreNeverViolations(t *testing.T) {
	f := newFixture(t, mockgraph.Timeline{})
	f.control(t, http.MethodGet, "/_graphconform/state", "")
	f.control(t, http.MethodGet, "/_graphconform/nothing", "")
	f.control(t, http.MethodPut, "/_graphconform/faults", "")
	f.control(t, http.MethodPost, "/_graphconform/faults", `{"operation":"nope"}`)
	op := f.startUpdate(t, docsDevice)
	require.Equal(t, http.StatusOK, f.send(t, request{method: http.MethodGet, path: operationPath(docsDevice, op)}).Code, "the client polls, then tries again")
	require.Equal(t, http.StatusConflict, f.send(t, request{method: http.MethodPost, path: updateSoftwarePath(docsDevice), body: softwareBody}).Code)
	assert.Empty(t, f.mock.Violations().Violations)
}

func TestViolationsKeepTheirOrderAndSurviveReset(t *testing.T) {
	f := newFixture(t, mockgraph.Timeline{})
	f.send(t, request{method: http.MethodGet, path: "/beta/first"})
	f.clock.Advance(time.Second)
	f.mock.Reset()
	f.send(t, request{method: http.MethodGet, path: statePath(configA, docsState), noAuth: true})
	report := f.mock.Violations()
	require.Len(t, report.Violations, 2)
	assert.Equal(t, "/beta/first", report.Violations[0].Path)
	assert.Equal(t, "GET /beta/first", report.Violations[0].Findings[0].Operation)
	assert.Equal(t, start.Add(time.Second), report.Violations[1].Time)
}

func TestViolationPathRedactsCredentialsInTheQuery(t *testing.T) {
	f := newFixture(t, mockgraph.Timeline{})
	f.send(t, request{method: http.MethodGet, path: "/beta/nowhere?access_token=s3cret&$top=2&$skiptoken=abc&client_secret=x"})
	v := f.mock.Violations().Violations
	require.Len(t, v, 1)
	assert.Equal(t, "/beta/nowhere?access_token=REDACTED&$top=2&$skiptoken=abc&client_secret=REDACTED", v[0].Path)
}

func TestViolationRuleIDsHaveNoRepeats(t *testing.T) {
	f := newFixture(t, mockgraph.Timeline{})
	f.send(t, request{method: http.MethodPatch, path: statePath(configA, docsState), body: `{"status":"sideways","lastSyncDateTime":"soon"}`})
	v := f.mock.Violations().Violations
	require.Len(t, v, 1)
	assert.Len(t, v[0].Findings, 2)
	assert.Equal(t, []string{rules.RequestBodySchema.String()}, v[0].RuleIDs())
}

// withClientRequestID returns header with a client-request-id added.
func withClientRequestID(header map[string]string, id string) map[string]string {
	out := map[string]string{"client-request-id": id}
	for k, v := range header {
		out[k] = v
	}
	return out
}
