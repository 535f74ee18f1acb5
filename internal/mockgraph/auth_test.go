package mockgraph_test

import (
	"encoding/base64"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/mockgraph"
)

func TestPermissionsOfTheTokenAgainstXMsPermissions(t *testing.T) {
	b64 := base64.RawURLEncoding.EncodeToString
	jwtHeader := b64([]byte(`{"alg":"none","typ":"JWT"}`))
	tests := []struct {
		name       string
		req        request
		wantStatus int
		wantInMsg  []string
	}{
		{
			name:       "delegated TeamworkDevice.ReadWrite.All may update software",
			req:        request{method: http.MethodPost, path: updateSoftwarePath(docsDevice), body: softwareBody, token: delegated("User.Read", "TeamworkDevice.ReadWrite.All")},
			wantStatus: http.StatusAccepted,
		},
		{
			name:       "scopes compare case-insensitively",
			req:        request{method: http.MethodPost, path: updateSoftwarePath(docsDevice), body: softwareBody, token: delegated("teamworkdevice.readwrite.all")},
			wantStatus: http.StatusAccepted,
		},
		{
			name:       "application TeamworkDevice.ReadWrite.All may update software",
			req:        request{method: http.MethodPost, path: updateSoftwarePath(docsDevice), body: softwareBody, token: application("TeamworkDevice.ReadWrite.All")},
			wantStatus: http.StatusAccepted,
		},
		{
			name:       "delegated TeamworkDevice.Read.All may not update software: 403 naming what is allowed",
			req:        request{method: http.MethodPost, path: updateSoftwarePath(docsDevice), body: softwareBody, token: delegated("TeamworkDevice.Read.All")},
			wantStatus: http.StatusForbidden,
			wantInMsg:  []string{"teamworkDevice.updateSoftware", "TeamworkDevice.ReadWrite.All", "scp TeamworkDevice.Read.All", "no roles"},
		},
		{
			name:       "an application permission in scp does not count as a role",
			req:        request{method: http.MethodPatch, path: statePath(configA, docsState), body: `{"status":"upToDate"}`, token: delegated("DeviceManagementConfiguration.Read.All")},
			wantStatus: http.StatusForbidden,
			wantInMsg:  []string{"DeviceManagementConfiguration.ReadWrite.All"},
		},
		{
			name:       "application TeamworkDevice.Read.All may not update software",
			req:        request{method: http.MethodPost, path: updateSoftwarePath(docsDevice), body: softwareBody, token: application("TeamworkDevice.Read.All")},
			wantStatus: http.StatusForbidden,
			wantInMsg:  []string{"roles TeamworkDevice.Read.All"},
		},
		{
			name:       "a JWT with neither scp nor roles is 403",
			req:        request{method: http.MethodGet, path: statePath(configA, docsState), token: mockgraph.MintToken(mockgraph.TokenClaims{UserID: adeleID})},
			wantStatus: http.StatusForbidden,
			wantInMsg:  []string{"DeviceManagementConfiguration.Read.All, DeviceManagementConfiguration.ReadWrite.All"},
		},
		{
			name:       "delegated DeviceManagementConfiguration.Read.All may read a windowsUpdateState",
			req:        request{method: http.MethodGet, path: statePath(configA, docsState), token: delegated("DeviceManagementConfiguration.Read.All")},
			wantStatus: http.StatusOK,
		},
		{
			name:       "application DeviceManagementConfiguration.ReadWrite.All may patch a windowsUpdateState",
			req:        request{method: http.MethodPatch, path: statePath(configA, docsState), body: `{"status":"upToDate"}`, token: application("DeviceManagementConfiguration.ReadWrite.All")},
			wantStatus: http.StatusOK,
		},
		{
			name:       "delegated TeamsAppInstallation.ReadWriteSelfForUser may upgrade",
			req:        request{method: http.MethodPost, path: upgradePath("v1.0", adeleID, adeleApp), token: delegated("TeamsAppInstallation.ReadWriteSelfForUser")},
			wantStatus: http.StatusNoContent,
		},
		{
			name:       "application TeamsAppInstallation.ReadWriteForUser.All may upgrade",
			req:        request{method: http.MethodPost, path: upgradePath("beta", adeleID, adeleApp), token: application("TeamsAppInstallation.ReadWriteForUser.All")},
			wantStatus: http.StatusNoContent,
		},
		{
			name:       "a delegated permission as a role does not upgrade",
			req:        request{method: http.MethodPost, path: upgradePath("v1.0", adeleID, adeleApp), token: application("TeamsAppInstallation.ReadWriteForUser")},
			wantStatus: http.StatusForbidden,
			wantInMsg:  []string{"TeamsAppInstallation.ReadWriteForUser.All"},
		},
		{
			name:       "delegated TeamworkDevice.Read.All may list operations",
			req:        request{method: http.MethodGet, path: listPath(docsDevice, ""), token: delegated("TeamworkDevice.Read.All")},
			wantStatus: http.StatusOK,
		},
		{
			name:       "listing operations needs a TeamworkDevice permission",
			req:        request{method: http.MethodGet, path: listPath(docsDevice, ""), token: delegated("User.Read")},
			wantStatus: http.StatusForbidden,
			wantInMsg:  []string{"teamworkDevice.listOperations", "TeamworkDevice.Read.All"},
		},
		{
			name:       "an opaque token may do everything",
			req:        request{method: http.MethodPost, path: updateSoftwarePath(docsDevice), body: softwareBody, token: "graphconform-embedded-mock"},
			wantStatus: http.StatusAccepted,
		},
		{
			name:       "a three-part token whose header is not JSON is opaque",
			req:        request{method: http.MethodPost, path: updateSoftwarePath(docsDevice), body: softwareBody, token: "abc.def.ghi"},
			wantStatus: http.StatusAccepted,
		},
		{
			name:       "a token that looks like a JWT but whose header does not decode is 401",
			req:        request{method: http.MethodPost, path: updateSoftwarePath(docsDevice), body: softwareBody, token: "eyJhbGciOi!!.eyJzY3AiOiJ4In0.sig"},
			wantStatus: http.StatusUnauthorized,
			wantInMsg:  []string{"header is not base64url"},
		},
		{
			name:       "a token that looks like a JWT but whose header is not an object is 401",
			req:        request{method: http.MethodPost, path: updateSoftwarePath(docsDevice), body: softwareBody, token: "eyJ" + b64([]byte(`1`))[0:1] + ".e30.x"},
			wantStatus: http.StatusUnauthorized,
		},
		{
			name:       "a JWT with a claim longer than MaxClaimLength is 400",
			req:        request{method: http.MethodPost, path: updateSoftwarePath(docsDevice), body: softwareBody, token: jwtHeader + "." + b64([]byte(`{"name":"`+strings.Repeat("n", mockgraph.MaxClaimLength+1)+`"}`)) + "."},
			wantStatus: http.StatusBadRequest,
			wantInMsg:  []string{"name claim is 1025 bytes long"},
		},
		{
			name:       "a JWT with a role longer than MaxClaimLength is 400",
			req:        request{method: http.MethodPost, path: updateSoftwarePath(docsDevice), body: softwareBody, token: jwtHeader + "." + b64([]byte(`{"roles":["`+strings.Repeat("r", 600_000)+`"]}`)) + "."},
			wantStatus: http.StatusBadRequest,
			wantInMsg:  []string{"roles claim"},
		},
		{
			name:       "a JWT whose payload is not base64url JSON is 401",
			req:        request{method: http.MethodPost, path: updateSoftwarePath(docsDevice), body: softwareBody, token: jwtHeader + ".%%%.sig"},
			wantStatus: http.StatusUnauthorized,
			wantInMsg:  []string{"payload"},
		},
		{
			name:       "a JWT whose payload is an array is 401",
			req:        request{method: http.MethodPost, path: updateSoftwarePath(docsDevice), body: softwareBody, token: jwtHeader + "." + b64([]byte(`[1]`)) + "."},
			wantStatus: http.StatusUnauthorized,
		},
		{
			name:       "a JWT whose scp is not a string is 401",
			req:        request{method: http.MethodPost, path: updateSoftwarePath(docsDevice), body: softwareBody, token: jwtHeader + "." + b64([]byte(`{"scp":["TeamworkDevice.ReadWrite.All"]}`)) + "."},
			wantStatus: http.StatusUnauthorized,
			wantInMsg:  []string{"scp claim is a array"},
		},
		{
			name:       "a JWT whose roles is a string is 401",
			req:        request{method: http.MethodPost, path: updateSoftwarePath(docsDevice), body: softwareBody, token: jwtHeader + "." + b64([]byte(`{"roles":"TeamworkDevice.ReadWrite.All"}`)) + "."},
			wantStatus: http.StatusUnauthorized,
			wantInMsg:  []string{"roles claim is a string"},
		},
		{
			name:       "a JWT with a role that is not a string is 401",
			req:        request{method: http.MethodPost, path: updateSoftwarePath(docsDevice), body: softwareBody, token: jwtHeader + "." + b64([]byte(`{"roles":["TeamworkDevice.ReadWrite.All",7]}`)) + "."},
			wantStatus: http.StatusUnauthorized,
			wantInMsg:  []string{"roles[1]"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, mockgraph.Timeline{})
			rec := f.send(t, tt.req)
			if tt.wantStatus >= 400 {
				code := mockgraph.CodeForbidden
				if tt.wantStatus == http.StatusBadRequest {
					code = mockgraph.CodeBadRequest
				}
				if tt.wantStatus == http.StatusUnauthorized {
					code = mockgraph.CodeInvalidAuthenticationToken
					assert.True(t, strings.HasPrefix(rec.Header().Get("WWW-Authenticate"), "Bearer"))
				}
				body := decodeError(t, rec, tt.wantStatus, code)
				for _, want := range tt.wantInMsg {
					assert.Contains(t, body.Error.Message, want)
				}
				return
			}
			require.Equal(t, tt.wantStatus, rec.Code, rec.Body.String())
		})
	}
}

func TestAuthOffAcceptsRequestsWithoutATokenAndChecksNoPermission(t *testing.T) {
	tests := []struct {
		name string
		req  request
		want int
	}{
		{"no Authorization header", request{method: http.MethodPost, path: updateSoftwarePath(docsDevice), body: softwareBody, noAuth: true}, http.StatusAccepted},
		{"a Basic Authorization header", request{method: http.MethodPost, path: upgradePath("v1.0", adeleID, adeleApp), header: map[string]string{"Authorization": "Basic dXNlcjpwYXNz"}}, http.StatusNoContent},
		{"a JWT without the permission", request{method: http.MethodGet, path: statePath(configA, docsState), token: delegated("User.Read")}, http.StatusOK},
		{"a malformed JWT", request{method: http.MethodGet, path: statePath(configA, docsState), token: base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"none"}`)) + ".!.x"}, http.StatusOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixtureWith(t, func(o *mockgraph.Options) { o.Auth = mockgraph.AuthOff })
			rec := f.send(t, tt.req)
			assert.Equal(t, tt.want, rec.Code, rec.Body.String())
			assert.Empty(t, f.mock.Violations().Violations)
		})
	}
}

func TestAuthOffStillNamesTheCallerOfAToken(t *testing.T) {
	f := newFixtureWith(t, func(o *mockgraph.Options) { o.Auth = mockgraph.AuthOff })
	rec := f.send(t, request{method: http.MethodPost, path: updateSoftwarePath(docsDevice), body: softwareBody, token: delegated("User.Read")})
	require.Equal(t, http.StatusAccepted, rec.Code)
	opID := rec.Header().Get("Location")[len("/teamwork/devices/"+docsDevice+"/operations/"):]
	got := decodeObject(t, f.send(t, request{method: http.MethodGet, path: operationPath(docsDevice, opID), noAuth: true}))
	assert.Equal(t, map[string]any{"user": map[string]any{"id": adeleID, "displayName": "Adele Vance"}}, got["createdBy"])
}

func TestNewRejectsAnUnknownAuthMode(t *testing.T) {
	_, err := mockgraph.New(mockgraph.Options{Validator: newValidator(t), Auth: "maybe"})
	require.Error(t, err)
	assert.Contains(t, err.Error(), `"maybe"`)
	assert.Contains(t, err.Error(), `"off"`)
}
