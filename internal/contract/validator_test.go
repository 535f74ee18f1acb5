package contract_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/client"
	"github.com/graphconform/graphconform/internal/contract"
	"github.com/graphconform/graphconform/internal/finding"
	"github.com/graphconform/graphconform/internal/rules"
)

func newValidator(t testing.TB) *contract.Validator {
	t.Helper()
	v, err := contract.Load(context.Background())
	require.NoError(t, err)
	return v
}

const (
	updatePath = "/beta/teamwork/devices/d1/updateSoftware"
	opPath     = "/beta/teamwork/devices/d1/operations/o1"
	upgradeV1  = "/v1.0/users/adele@contoso.example/teamwork/installedApps/a1/upgrade"
	statePath  = "/beta/deviceManagement/deviceConfigurations/c1/microsoft.graph.windowsUpdateForBusinessConfiguration/deviceUpdateStates/s1"
	graphJSON  = "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8"
	graphError = `{"error":{"code":"Conflict","message":"queued","innerError":{"request-id":"r","client-request-id":"r","date":"2026-11-22T06:00:00"}}}`
)

func TestFindRouteMatchesEveryOperationInItsVersions(t *testing.T) {
	v := newValidator(t)
	cases := []struct{ method, path, want string }{
		{"POST", updatePath, "teamworkDevice.updateSoftware"},
		{"GET", opPath, "teamworkDevice.getOperation"},
		{"POST", upgradeV1, "userScopeTeamsAppInstallation.upgrade"},
		{"POST", "/beta/users/u1/teamwork/installedApps/a1/upgrade", "userScopeTeamsAppInstallation.upgrade"},
		{"PATCH", statePath, "windowsUpdateState.update"},
		{"GET", statePath, "windowsUpdateState.get"},
	}
	for _, tc := range cases {
		route, err := v.FindRoute(tc.method, tc.path)
		require.NoError(t, err, "%s %s", tc.method, tc.path)
		require.Equal(t, tc.want, route.OperationID)
	}
}

func TestFindRouteRefusesWhatTheDocsDoNotDescribe(t *testing.T) {
	v := newValidator(t)
	_, err := v.FindRoute("POST", "/v1.0/teamwork/devices/d1/updateSoftware")
	require.ErrorIs(t, err, contract.ErrPathNotFound, "updateSoftware is beta only")
	_, err = v.FindRoute("DELETE", statePath)
	require.ErrorIs(t, err, contract.ErrMethodNotAllowed)
}

type hit struct {
	RuleID  rules.ID
	Pointer string
}

func hitsOf(findings []finding.Finding) []hit {
	out := []hit{}
	for _, f := range findings {
		out = append(out, hit{f.RuleID, f.JSONPointer})
	}
	return out
}

func TestCheckResponse(t *testing.T) {
	v := newValidator(t)
	cases := []struct {
		name         string
		method, path string
		status       int
		header       http.Header
		body         string
		want         []hit
	}{
		{"202 with Location conforms", "POST", updatePath, 202,
			http.Header{"Location": {"/teamwork/devices/d1/operations/o1"}, "Content-Type": {"text/plain"}}, "", []hit{}},
		{"200 instead of 202 is an undeclared status", "POST", updatePath, 200, nil, "",
			[]hit{{rules.ResponseStatusDeclared, ""}}},
		{"202 without Location misses a required header", "POST", updatePath, 202, nil, "",
			[]hit{{rules.ResponseHeader, ""}}},
		{"409 with a Graph error conforms", "POST", updatePath, 409,
			http.Header{"Content-Type": {graphJSON}}, graphError, []hit{}},
		{"409 as text is the wrong content type", "POST", updatePath, 409,
			http.Header{"Content-Type": {"text/plain"}}, "conflict", []hit{{rules.ResponseContentType, ""}}},
		{"an error without a message breaks the error schema", "POST", updatePath, 404,
			http.Header{"Content-Type": {"application/json"}}, `{"error":{"code":"NotFound"}}`, []hit{{rules.ResponseBodySchema, "/error/message"}}},
		{"an operation with an unknown operationType breaks its schema", "GET", opPath, 200,
			http.Header{"Content-Type": {graphJSON}}, `{"id":"o1","status":"queued","operationType":"reboot"}`,
			[]hit{{rules.ResponseBodySchema, "/operationType"}}},
		{"an operation with several problems reports each", "GET", opPath, 200,
			http.Header{"Content-Type": {graphJSON}}, `{"id":1,"operationType":"softwareUpdate","createdDateTime":"yesterday"}`,
			[]hit{{rules.ResponseBodySchema, "/createdDateTime"}, {rules.ResponseBodySchema, "/id"}, {rules.ResponseBodySchema, "/status"}}},
		{"a body that is not JSON", "GET", opPath, 200,
			http.Header{"Content-Type": {"application/json"}}, `{"id":`, []hit{{rules.ResponseBodyJSON, ""}}},
		{"a JSON content type the status does not declare", "GET", opPath, 200,
			http.Header{"Content-Type": {"application/xml"}}, `<operation/>`, []hit{{rules.ResponseContentType, ""}}},
		{"a missing Content-Type on a body the status declares", "GET", opPath, 200,
			http.Header{}, `{"id":"o1","status":"queued","operationType":"softwareUpdate"}`, []hit{{rules.ResponseContentType, ""}}},
		{"a header problem stops the check before the body", "POST", updatePath, 202,
			http.Header{"Content-Type": {"application/json"}}, `not json`, []hit{{rules.ResponseHeader, ""}}},
		{"a wrong content type stops the check before the body", "POST", updatePath, 409,
			http.Header{"Content-Type": {"text/plain"}}, `{"error":{}}`, []hit{{rules.ResponseContentType, ""}}},
		{"an undeclared status is not checked further", "POST", upgradeV1, 201,
			http.Header{"Content-Type": {"text/plain"}}, `not json`, []hit{{rules.ResponseStatusDeclared, ""}}},
		{"a 4XX is declared by its range", "POST", upgradeV1, 418,
			http.Header{"Content-Type": {graphJSON}}, graphError, []hit{}},
		{"204 for upgrade conforms", "POST", upgradeV1, 204, nil, "", []hit{}},
		{"200 instead of 204 is an undeclared status", "POST", upgradeV1, 200,
			http.Header{"Content-Type": {"application/json"}}, `{}`, []hit{{rules.ResponseStatusDeclared, ""}}},
		{"a PATCH answered with the state conforms, extra annotations allowed", "PATCH", statePath, 200,
			http.Header{"Content-Type": {graphJSON}}, `{"@odata.context":"x","id":"s1","status":"upToDate"}`, []hit{}},
		{"a PATCH answered with a bad status enum", "PATCH", statePath, 200,
			http.Header{"Content-Type": {graphJSON}}, `{"id":"s1","status":"installing"}`, []hit{{rules.ResponseBodySchema, "/status"}}},
		{"an undocumented path", "GET", "/beta/teamwork/devices", 200, nil, "", []hit{{rules.OperationDocumented, ""}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			header := tc.header
			if header == nil {
				header = http.Header{}
			}
			ex := &client.Exchange{
				Request:  client.RecordedRequest{Method: tc.method, Path: tc.path, Header: http.Header{}},
				Response: client.RecordedResponse{Status: tc.status, Header: header, Body: []byte(tc.body)},
			}
			_, findings := v.CheckResponse(context.Background(), ex)
			got := hitsOf(findings)
			if diff := cmp.Diff(tc.want, got, sortHits); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
		})
	}
}

var sortHits = cmp.Transformer("sort", func(in []hit) []hit {
	out := append([]hit(nil), in...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j].Pointer < out[i].Pointer {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
})

func TestCheckResponseNamesOperationStatusPointerAndRule(t *testing.T) {
	v := newValidator(t)
	ex := &client.Exchange{
		Request: client.RecordedRequest{Method: "PATCH", Path: statePath, Header: http.Header{}},
		Response: client.RecordedResponse{Status: 200, Header: http.Header{"Content-Type": {"application/json"}},
			Body: []byte(`{"id":"s1","lastSyncDateTime":"not a date"}`)},
	}
	operation, findings := v.CheckResponse(context.Background(), ex)
	require.Equal(t, "windowsUpdateState.update", operation)
	require.Len(t, findings, 1)
	require.Equal(t, "windowsUpdateState.update", findings[0].Operation)
	require.Equal(t, 200, findings[0].Status)
	require.Equal(t, "/lastSyncDateTime", findings[0].JSONPointer)
	require.Contains(t, findings[0].String(), "[response-body-schema] windowsUpdateState.update → 200 at /lastSyncDateTime")
}

func TestCheckRequest(t *testing.T) {
	v := newValidator(t)
	jsonHeader := http.Header{"Content-Type": {"application/json"}}
	cases := []struct {
		name         string
		method, path string
		header       http.Header
		body         string
		want         []hit
	}{
		{"the docs' updateSoftware example", "POST", updatePath, jsonHeader, `{"softwareType":"teamsClient","softwareVersion":"1.0.96.22"}`, []hit{}},
		{"an unknown software type", "POST", updatePath, jsonHeader, `{"softwareType":"bios"}`, []hit{{rules.RequestBodySchema, "/softwareType"}}},
		{"a missing software type", "POST", updatePath, jsonHeader, `{"softwareVersion":"1"}`, []hit{{rules.RequestBodySchema, "/softwareType"}}},
		{"an unknown parameter", "POST", updatePath, jsonHeader, `{"softwareType":"firmware","force":true}`, []hit{{rules.RequestBodySchema, ""}}}, // kin-openapi points at the object that refuses it
		{"no body for updateSoftware", "POST", updatePath, http.Header{}, ``, []hit{{rules.RequestBodySchema, ""}}},
		{"upgrade without a body", "POST", upgradeV1, http.Header{}, ``, []hit{}},
		{"the upgrade page's example 2, capitalised", "POST", upgradeV1, jsonHeader,
			`{"consentedPermissionSet":{"resourceSpecificPermissions":[{"permissionValue":"TeamsActivity.Send.User","permissionType":"Application"}]}}`, []hit{}},
		{"an invalid permission type", "POST", upgradeV1, jsonHeader,
			`{"consentedPermissionSet":{"resourceSpecificPermissions":[{"permissionValue":"x","permissionType":"owner"}]}}`,
			[]hit{{rules.RequestBodySchema, "/consentedPermissionSet/resourceSpecificPermissions/0/permissionType"}}},
		{"a PATCH with a wrong @odata.type", "PATCH", statePath, jsonHeader, `{"@odata.type":"#microsoft.graph.user"}`, []hit{{rules.RequestBodySchema, "/@odata.type"}}},
		{"a PATCH with an unknown property", "PATCH", statePath, jsonHeader, `{"colour":"red"}`, []hit{{rules.RequestBodySchema, ""}}},
		{"a PATCH with an invalid date-time", "PATCH", statePath, jsonHeader, `{"lastScanDateTime":"31/12/2016"}`, []hit{{rules.RequestBodySchema, "/lastScanDateTime"}}},
		{"a body sent as text is the wrong content type", "POST", updatePath, http.Header{"Content-Type": {"text/plain"}}, `{"softwareType":"firmware"}`, []hit{{rules.RequestContentType, ""}}},
		{"a body without a Content-Type is the wrong content type", "PATCH", statePath, http.Header{}, `{"status":"upToDate"}`, []hit{{rules.RequestContentType, ""}}},
		{"a JSON content type with parameters is accepted", "PATCH", statePath, http.Header{"Content-Type": {"application/json; charset=utf-8"}}, `{"status":"upToDate"}`, []hit{}},
		{"a body that is not JSON breaks the body schema", "PATCH", statePath, jsonHeader, `{"status":`, []hit{{rules.RequestBodySchema, ""}}},
		{"$top below 1 is a parameter problem", "GET", "/beta/teamwork/devices/d1/operations?$top=0", http.Header{}, ``, []hit{{rules.RequestParameter, ""}}},
		{"$top that is not a number is a parameter problem", "GET", "/beta/teamwork/devices/d1/operations?$top=ten", http.Header{}, ``, []hit{{rules.RequestParameter, ""}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			route, err := v.FindRoute(tc.method, tc.path)
			require.NoError(t, err)
			got := hitsOf(v.CheckRequest(context.Background(), route, tc.method, tc.path, tc.header, []byte(tc.body)))
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCheckRequestNamesAnUnknownProperty(t *testing.T) {
	v := newValidator(t)
	route, err := v.FindRoute("PATCH", statePath)
	require.NoError(t, err)
	findings := v.CheckRequest(context.Background(), route, "PATCH", statePath, http.Header{"Content-Type": {"application/json"}}, []byte(`{"colour":"red"}`))
	require.Len(t, findings, 1)
	require.Contains(t, findings[0].Message, `"colour"`)
}

func TestCheckResponseNamesAnUndocumentedRequestByMethodAndPath(t *testing.T) {
	v := newValidator(t)
	ex := &client.Exchange{
		Request:  client.RecordedRequest{Method: "GET", Path: "/beta/teamwork/devices", Header: http.Header{}},
		Response: client.RecordedResponse{Status: 200, Header: http.Header{}},
	}
	operation, findings := v.CheckResponse(context.Background(), ex)
	require.Equal(t, "GET /beta/teamwork/devices", operation)
	require.Len(t, findings, 1)
	require.Equal(t, rules.OperationDocumented, findings[0].RuleID)
}
