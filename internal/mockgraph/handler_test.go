package mockgraph_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/mockgraph"
)

func TestErrorResponsesAreGraphErrorsWithTheDocumentedStatusAndCode(t *testing.T) {
	tests := []struct {
		name        string
		req         request
		wantStatus  int
		wantCode    string
		wantMessage []string // substrings of the message
		wantHeader  map[string]string
	}{
		{
			name:       "missing Authorization is 401 with a Bearer challenge",
			req:        request{method: http.MethodPost, path: updateSoftwarePath(docsDevice), body: softwareBody, noAuth: true},
			wantStatus: http.StatusUnauthorized, wantCode: mockgraph.CodeInvalidAuthenticationToken,
			wantMessage: []string{"Authorization: Bearer"},
		},
		{
			name:       "Basic Authorization is 401",
			req:        request{method: http.MethodGet, path: statePath(configA, docsState), header: map[string]string{"Authorization": "Basic dXNlcjpwYXNz"}},
			wantStatus: http.StatusUnauthorized, wantCode: mockgraph.CodeInvalidAuthenticationToken,
		},
		{
			name:       "Bearer with an empty token is 401",
			req:        request{method: http.MethodGet, path: statePath(configA, docsState), header: map[string]string{"Authorization": "Bearer   "}},
			wantStatus: http.StatusUnauthorized, wantCode: mockgraph.CodeInvalidAuthenticationToken,
		},
		{
			name:       "missing Authorization on a wrong method is 401 before 405",
			req:        request{method: http.MethodDelete, path: statePath(configA, docsState), noAuth: true},
			wantStatus: http.StatusUnauthorized, wantCode: mockgraph.CodeInvalidAuthenticationToken,
		},
		{
			name:       "unknown path is 400 naming the segment",
			req:        request{method: http.MethodGet, path: "/beta/teamwork/gadgets/" + docsDevice},
			wantStatus: http.StatusBadRequest, wantCode: mockgraph.CodeBadRequest,
			wantMessage: []string{"Resource not found for the segment 'gadgets'."},
		},
		{
			name:       "unknown path is 400 even without Authorization",
			req:        request{method: http.MethodGet, path: "/beta/nothing/here", noAuth: true},
			wantStatus: http.StatusBadRequest, wantCode: mockgraph.CodeBadRequest,
			wantMessage: []string{"Resource not found for the segment 'nothing'."},
		},
		{
			name:       "deviceUpdateStates without the type cast is 400 as live Graph answers",
			req:        request{method: http.MethodGet, path: "/beta/deviceManagement/deviceConfigurations/" + configA + "/deviceUpdateStates/" + docsState},
			wantStatus: http.StatusBadRequest, wantCode: mockgraph.CodeBadRequest,
			wantMessage: []string{"Resource not found for the segment 'deviceUpdateStates'."},
		},
		{
			name:       "updateSoftware below v1.0 is 400 (it is a beta API)",
			req:        request{method: http.MethodPost, path: "/v1.0/teamwork/devices/" + docsDevice + "/updateSoftware", body: softwareBody},
			wantStatus: http.StatusBadRequest, wantCode: mockgraph.CodeBadRequest,
			wantMessage: []string{"Resource not found for the segment '"},
		},
		{
			name:       "unknown version is 400 naming it",
			req:        request{method: http.MethodGet, path: "/v2.0/teamwork/devices/x/operations/y"},
			wantStatus: http.StatusBadRequest, wantCode: mockgraph.CodeBadRequest,
			wantMessage: []string{"Resource not found for the segment 'v2.0'."},
		},
		{
			name:       "GET on updateSoftware is 405 allowing POST",
			req:        request{method: http.MethodGet, path: updateSoftwarePath(docsDevice)},
			wantStatus: http.StatusMethodNotAllowed, wantCode: mockgraph.CodeMethodNotAllowed,
			wantHeader: map[string]string{"Allow": "POST"},
		},
		{
			name:       "DELETE on a windowsUpdateState is 405 allowing GET and PATCH",
			req:        request{method: http.MethodDelete, path: statePath(configA, docsState)},
			wantStatus: http.StatusMethodNotAllowed, wantCode: mockgraph.CodeMethodNotAllowed,
			wantHeader: map[string]string{"Allow": "GET, PATCH"},
		},
		{
			name:       "softwareType outside the enum is 400 naming the pointer",
			req:        request{method: http.MethodPost, path: updateSoftwarePath(docsDevice), body: `{"softwareType":"banana"}`},
			wantStatus: http.StatusBadRequest, wantCode: mockgraph.CodeBadRequest,
			wantMessage: []string{"/softwareType"},
		},
		{
			name:       "updateSoftware without softwareType is 400",
			req:        request{method: http.MethodPost, path: updateSoftwarePath(docsDevice), body: `{"softwareVersion":"1.0"}`},
			wantStatus: http.StatusBadRequest, wantCode: mockgraph.CodeBadRequest,
			wantMessage: []string{"softwareType"},
		},
		{
			name:       "updateSoftware with an unknown property is 400",
			req:        request{method: http.MethodPost, path: updateSoftwarePath(docsDevice), body: `{"softwareType":"firmware","force":true}`},
			wantStatus: http.StatusBadRequest, wantCode: mockgraph.CodeBadRequest,
			wantMessage: []string{"force"},
		},
		{
			name:       "updateSoftware without a body is 400",
			req:        request{method: http.MethodPost, path: updateSoftwarePath(docsDevice), header: map[string]string{"Content-Type": "application/json"}},
			wantStatus: http.StatusBadRequest, wantCode: mockgraph.CodeBadRequest,
		},
		{
			name:       "malformed JSON is 400",
			req:        request{method: http.MethodPost, path: updateSoftwarePath(docsDevice), body: `{"softwareType":`},
			wantStatus: http.StatusBadRequest, wantCode: mockgraph.CodeBadRequest,
			wantMessage: []string{"not valid JSON"},
		},
		{
			name:       "JSON followed by garbage is 400",
			req:        request{method: http.MethodPost, path: updateSoftwarePath(docsDevice), body: softwareBody + `}`},
			wantStatus: http.StatusBadRequest, wantCode: mockgraph.CodeBadRequest,
			wantMessage: []string{"not valid JSON"},
		},
		{
			name: "text/plain body is 415",
			req: request{method: http.MethodPost, path: updateSoftwarePath(docsDevice), body: softwareBody,
				header: map[string]string{"Content-Type": "text/plain"}},
			wantStatus: http.StatusUnsupportedMediaType, wantCode: mockgraph.CodeUnsupportedMediaType,
			wantMessage: []string{"text/plain", "application/json"},
		},
		{
			name: "body without Content-Type is 415",
			req: request{method: http.MethodPost, path: upgradePath("v1.0", adeleID, adeleApp), body: `{}`,
				header: map[string]string{"Content-Type": ""}},
			wantStatus: http.StatusUnsupportedMediaType, wantCode: mockgraph.CodeUnsupportedMediaType,
		},
		{
			name: "unparsable Content-Type is 415",
			req: request{method: http.MethodPatch, path: statePath(configA, docsState), body: `{"status":"upToDate"}`,
				header: map[string]string{"Content-Type": "application/json; charset"}},
			wantStatus: http.StatusUnsupportedMediaType, wantCode: mockgraph.CodeUnsupportedMediaType,
		},
		{
			name:       "body over 1 MiB is 413",
			req:        request{method: http.MethodPost, path: updateSoftwarePath(docsDevice), body: `{"softwareType":"teamsClient","softwareVersion":"` + strings.Repeat("9", mockgraph.MaxRequestBytes) + `"}`},
			wantStatus: http.StatusRequestEntityTooLarge, wantCode: mockgraph.CodeRequestEntityTooLarge,
		},
		{
			name:       "updateSoftware on an unknown device is 404",
			req:        request{method: http.MethodPost, path: updateSoftwarePath(unknownDevice), body: softwareBody},
			wantStatus: http.StatusNotFound, wantCode: mockgraph.CodeNotFound,
			wantMessage: []string{unknownDevice},
		},
		{
			name:       "operation of an unknown device is 404",
			req:        request{method: http.MethodGet, path: operationPath(unknownDevice, "119eb06d-0c4b-4fb3-a754-33dd0d6b618c")},
			wantStatus: http.StatusNotFound, wantCode: mockgraph.CodeNotFound,
		},
		{
			name:       "unknown operation of a known device is 404",
			req:        request{method: http.MethodGet, path: operationPath(docsDevice, "119eb06d-0c4b-4fb3-a754-33dd0d6b618c")},
			wantStatus: http.StatusNotFound, wantCode: mockgraph.CodeNotFound,
			wantMessage: []string{"119eb06d-0c4b-4fb3-a754-33dd0d6b618c"},
		},
		{
			name:       "upgrade for an unknown user is 404",
			req:        request{method: http.MethodPost, path: upgradePath("v1.0", "nobody@contoso.example", adeleApp)},
			wantStatus: http.StatusNotFound, wantCode: mockgraph.CodeNotFound,
			wantMessage: []string{"nobody@contoso.example"},
		},
		{
			name:       "upgrade of an unknown installation is 404",
			req:        request{method: http.MethodPost, path: upgradePath("v1.0", adeleID, "bm90LWluc3RhbGxlZA")},
			wantStatus: http.StatusNotFound, wantCode: mockgraph.CodeNotFound,
		},
		{
			name:       "upgrade of another user's installation is 404",
			req:        request{method: http.MethodPost, path: upgradePath("v1.0", adeleID, meganApp)},
			wantStatus: http.StatusNotFound, wantCode: mockgraph.CodeNotFound,
		},
		{
			name:       "upgrade installation ids are case-sensitive",
			req:        request{method: http.MethodPost, path: upgradePath("v1.0", adeleID, strings.ToLower(adeleApp))},
			wantStatus: http.StatusNotFound, wantCode: mockgraph.CodeNotFound,
		},
		{
			name: "upgrade with a permissionType outside the enum is 400",
			req: request{method: http.MethodPost, path: upgradePath("v1.0", adeleID, adeleApp),
				body: `{"consentedPermissionSet":{"resourceSpecificPermissions":[{"permissionValue":"TeamsActivity.Send.User","permissionType":"Root"}]}}`},
			wantStatus: http.StatusBadRequest, wantCode: mockgraph.CodeBadRequest,
			wantMessage: []string{"permissionType"},
		},
		{
			name:       "upgrade with a JSON array body is 400",
			req:        request{method: http.MethodPost, path: upgradePath("v1.0", adeleID, adeleApp), body: `[]`},
			wantStatus: http.StatusBadRequest, wantCode: mockgraph.CodeBadRequest,
		},
		{
			name:       "PATCH of an unknown configuration is 404",
			req:        request{method: http.MethodPatch, path: statePath(unknownDevice, docsState), body: `{"status":"upToDate"}`},
			wantStatus: http.StatusNotFound, wantCode: mockgraph.CodeNotFound,
		},
		{
			name:       "PATCH of a state of another configuration is 404",
			req:        request{method: http.MethodPatch, path: statePath(configA, stateOfB), body: `{"status":"upToDate"}`},
			wantStatus: http.StatusNotFound, wantCode: mockgraph.CodeNotFound,
		},
		{
			name:       "GET of an unknown state is 404",
			req:        request{method: http.MethodGet, path: statePath(configA, unknownDevice)},
			wantStatus: http.StatusNotFound, wantCode: mockgraph.CodeNotFound,
		},
		{
			name:       "PATCH with an id other than the URL's is 400",
			req:        request{method: http.MethodPatch, path: statePath(configA, docsState), body: `{"id":"` + stateOfB + `","status":"upToDate"}`},
			wantStatus: http.StatusBadRequest, wantCode: mockgraph.CodeBadRequest,
			wantMessage: []string{stateOfB, docsState},
		},
		{
			name:       "PATCH with another @odata.type is 400",
			req:        request{method: http.MethodPatch, path: statePath(configA, docsState), body: `{"@odata.type":"#microsoft.graph.user","status":"upToDate"}`},
			wantStatus: http.StatusBadRequest, wantCode: mockgraph.CodeBadRequest,
			wantMessage: []string{"@odata.type"},
		},
		{
			name:       "PATCH with a status outside the enum is 400",
			req:        request{method: http.MethodPatch, path: statePath(configA, docsState), body: `{"status":"unknownFutureValue"}`},
			wantStatus: http.StatusBadRequest, wantCode: mockgraph.CodeBadRequest,
			wantMessage: []string{"/status"},
		},
		{
			name:       "PATCH with a property windowsUpdateState lacks is 400",
			req:        request{method: http.MethodPatch, path: statePath(configA, docsState), body: `{"colour":"blue"}`},
			wantStatus: http.StatusBadRequest, wantCode: mockgraph.CodeBadRequest,
			wantMessage: []string{"colour"},
		},
		{
			name:       "PATCH with a date-time that is not one is 400",
			req:        request{method: http.MethodPatch, path: statePath(configA, docsState), body: `{"lastScanDateTime":"yesterday"}`},
			wantStatus: http.StatusBadRequest, wantCode: mockgraph.CodeBadRequest,
			wantMessage: []string{"/lastScanDateTime"},
		},
		{
			name:       "PATCH with an empty object is 400",
			req:        request{method: http.MethodPatch, path: statePath(configA, docsState), body: `{}`},
			wantStatus: http.StatusBadRequest, wantCode: mockgraph.CodeBadRequest,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, mockgraph.Timeline{})
			rec := f.send(t, tt.req)
			body := decodeError(t, rec, tt.wantStatus, tt.wantCode)
			for _, want := range tt.wantMessage {
				assert.Contains(t, body.Error.Message, want)
			}
			for name, want := range tt.wantHeader {
				assert.Equal(t, want, rec.Header().Get(name), "header %s", name)
			}
			if tt.wantStatus == http.StatusUnauthorized {
				assert.True(t, strings.HasPrefix(rec.Header().Get("WWW-Authenticate"), "Bearer"),
					"WWW-Authenticate %q", rec.Header().Get("WWW-Authenticate"))
			}
		})
	}
}

func TestValidationErrorListsEveryFindingWithItsPointer(t *testing.T) {
	f := newFixture(t, mockgraph.Timeline{})
	rec := f.send(t, request{method: http.MethodPatch, path: statePath(configA, docsState),
		body: `{"status":"sideways","lastSyncDateTime":"soon"}`})
	body := decodeError(t, rec, http.StatusBadRequest, mockgraph.CodeBadRequest)
	assert.Contains(t, body.Error.Message, "/status")
	assert.Contains(t, body.Error.Message, "/lastSyncDateTime")
	targets := make([]string, 0, len(body.Error.Details))
	for _, d := range body.Error.Details {
		targets = append(targets, d.Target)
	}
	assert.ElementsMatch(t, []string{"/status", "/lastSyncDateTime"}, targets)
}

func TestEveryResponseCarriesRequestIDs(t *testing.T) {
	tests := []struct {
		name string
		req  request
	}{
		{"202 of updateSoftware", request{method: http.MethodPost, path: updateSoftwarePath(docsDevice), body: softwareBody}},
		{"204 of upgrade", request{method: http.MethodPost, path: upgradePath("v1.0", adeleID, adeleApp)}},
		{"200 of a windowsUpdateState", request{method: http.MethodGet, path: statePath(configA, docsState)}},
		{"401", request{method: http.MethodGet, path: statePath(configA, docsState), noAuth: true}},
		{"400 of an unknown path", request{method: http.MethodGet, path: "/beta/nowhere"}},
		{"405", request{method: http.MethodPut, path: statePath(configA, docsState)}},
		{"404", request{method: http.MethodGet, path: statePath(configA, unknownDevice)}},
		{"403", request{method: http.MethodGet, path: statePath(configA, docsState), token: delegated("User.Read")}},
		{"200 of a list of operations", request{method: http.MethodGet, path: listPath(docsDevice, "$top=1")}},
		{"429 of a fault rule", request{method: http.MethodGet, path: statePath(configB, stateOfB)}},
		{"503 of a fault rule", request{method: http.MethodPost, path: upgradePath("beta", meganID, meganApp), fault5xx: true}},
		{"control endpoint", request{method: http.MethodGet, path: "/_graphconform/violations"}},
	}
	for _, tt := range tests {
		t.Run(tt.name+" has a fresh request-id and echoes the client-request-id", func(t *testing.T) {
			f := newFixture(t, mockgraph.Timeline{})
			_, err := f.mock.AddFault(
				mockgraph.Fault{Operation: mockgraph.OpGetWindowsUpdateState, Status: 429, RetryAfter: "1", Count: 2},
				mockgraph.Fault{Operation: mockgraph.OpUpgradeInstallation, Status: 503, Count: 2},
			)
			require.NoError(t, err)
			if !strings.Contains(tt.name, "fault") {
				f.mock.ClearFaults()
			}
			withClientID := tt.req
			withClientID.header = map[string]string{"client-request-id": "my-correlation-id"}
			rec := f.send(t, withClientID)
			first := rec.Header().Get("request-id")
			assert.Regexp(t, uuidPattern, first)
			assert.Equal(t, "my-correlation-id", rec.Header().Get("client-request-id"))

			rec = f.send(t, tt.req)
			second := rec.Header().Get("request-id")
			assert.Regexp(t, uuidPattern, second)
			assert.NotEqual(t, first, second, "request-ids are fresh")
			assert.Equal(t, second, rec.Header().Get("client-request-id"), "without a client-request-id the request-id stands in")
		})
	}
}

func TestUpdateSoftwareAnswers202WithTheDocsLocationAndAnEmptyTextBody(t *testing.T) {
	f := newFixture(t, mockgraph.Timeline{})
	rec := f.send(t, request{method: http.MethodPost, path: updateSoftwarePath(docsDevice), body: softwareBody})
	require.Equal(t, http.StatusAccepted, rec.Code)
	assert.Regexp(t, `^/teamwork/devices/`+docsDevice+`/operations/[0-9a-f-]{36}$`, rec.Header().Get("Location"))
	assert.Equal(t, "text/plain", rec.Header().Get("Content-Type"))
	assert.Equal(t, "0", rec.Header().Get("Content-Length"))
	assert.Empty(t, rec.Body.Bytes())
}

func TestUpdateSoftwareMatchesTheDeviceIdCaseInsensitively(t *testing.T) {
	f := newFixture(t, mockgraph.Timeline{})
	rec := f.send(t, request{method: http.MethodPost, path: updateSoftwarePath(strings.ToUpper(docsDevice)), body: softwareBody})
	require.Equal(t, http.StatusAccepted, rec.Code, rec.Body.String())
	assert.Contains(t, rec.Header().Get("Location"), "/teamwork/devices/"+docsDevice+"/operations/")
}

func TestUpdateSoftwareAcceptsEverySoftwareType(t *testing.T) {
	for i, softwareType := range []string{"adminAgent", "operatingSystem", "teamsClient", "firmware", "partnerAgent", "companyPortal", "unknownFutureValue"} {
		t.Run(softwareType+" is accepted", func(t *testing.T) {
			f := newFixture(t, mockgraph.Timeline{})
			devices := mockgraph.DefaultSeed().TeamworkDevices
			rec := f.send(t, request{method: http.MethodPost, path: updateSoftwarePath(devices[i%len(devices)]),
				body: `{"softwareType":"` + softwareType + `","softwareVersion":null}`})
			assert.Equal(t, http.StatusAccepted, rec.Code, rec.Body.String())
		})
	}
}

func TestUpgradeAnswers204WithoutBodyOrContentType(t *testing.T) {
	tests := []struct {
		name string
		req  request
	}{
		{"by user id on v1.0 without a body", request{method: http.MethodPost, path: upgradePath("v1.0", adeleID, adeleApp)}},
		{"by user id on beta", request{method: http.MethodPost, path: upgradePath("beta", adeleID, adeleApp)}},
		{"by user principal name in another case", request{method: http.MethodPost, path: upgradePath("v1.0", strings.ToUpper(adeleUPN), adeleApp)}},
		{"by the other user's id", request{method: http.MethodPost, path: upgradePath("v1.0", meganID, meganApp)}},
		{"with an empty JSON object", request{method: http.MethodPost, path: upgradePath("v1.0", adeleID, adeleApp), body: `{}`}},
		{"with an empty body and a JSON Content-Type", request{method: http.MethodPost, path: upgradePath("v1.0", adeleID, adeleApp), header: map[string]string{"Content-Type": "application/json"}}},
		{"with the docs' consentedPermissionSet", request{method: http.MethodPost, path: upgradePath("v1.0", adeleID, adeleApp),
			body: `{"consentedPermissionSet":{"resourceSpecificPermissions":[{"permissionValue":"TeamsActivity.Send.User","permissionType":"Application"}]}}`}},
		{"with a null consentedPermissionSet", request{method: http.MethodPost, path: upgradePath("v1.0", adeleID, adeleApp), body: `{"consentedPermissionSet":null}`}},
		{"with a charset on the JSON Content-Type", request{method: http.MethodPost, path: upgradePath("v1.0", adeleID, adeleApp), body: `{}`,
			header: map[string]string{"Content-Type": "application/json; charset=utf-8"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, mockgraph.Timeline{})
			rec := f.send(t, tt.req)
			require.Equal(t, http.StatusNoContent, rec.Code, rec.Body.String())
			assert.Empty(t, rec.Body.Bytes())
			assert.Empty(t, rec.Header().Get("Content-Type"))
		})
	}
}

func TestEveryJSONSuccessBodyStartsWithODataContext(t *testing.T) {
	f := newFixture(t, mockgraph.Timeline{})
	opID := f.startUpdate(t, docsDevice)
	tests := []struct {
		name        string
		req         request
		wantContext string
	}{
		{"an operation", request{method: http.MethodGet, path: operationPath(docsDevice, opID)},
			"http://example.com/beta/$metadata#teamwork/devices('" + docsDevice + "')/operations/$entity"},
		{"a list of operations", request{method: http.MethodGet, path: listPath(docsDevice, "")},
			"http://example.com/beta/$metadata#teamwork/devices('" + docsDevice + "')/operations"},
		{"a windowsUpdateState", request{method: http.MethodGet, path: statePath(configA, docsState)},
			"http://example.com/beta/$metadata#deviceManagement/deviceConfigurations('" + configA + "')/microsoft.graph.windowsUpdateForBusinessConfiguration/deviceUpdateStates/$entity"},
		{"a patched windowsUpdateState", request{method: http.MethodPatch, path: statePath(configA, docsState), body: `{"status":"upToDate"}`},
			"http://example.com/beta/$metadata#deviceManagement/deviceConfigurations('" + configA + "')/microsoft.graph.windowsUpdateForBusinessConfiguration/deviceUpdateStates/$entity"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := f.send(t, tt.req)
			require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
			assert.Equal(t, mockgraph.ContentTypeJSON, rec.Header().Get("Content-Type"))
			assert.True(t, strings.HasPrefix(rec.Body.String(), `{"@odata.context":`), rec.Body.String())
			assert.Equal(t, tt.wantContext, decodeObject(t, rec)["@odata.context"])
		})
	}
}
