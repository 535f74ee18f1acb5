package mockgraph_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/mockgraph"
)

func stateContext(config string) string {
	return "http://example.com/beta/$metadata#deviceManagement/deviceConfigurations('" + config +
		"')/microsoft.graph.windowsUpdateForBusinessConfiguration/deviceUpdateStates/$entity"
}

// seededDocsState is the docs' state as fixtures/mock/default.yaml seeds it, as the mock serves it.
func seededDocsState() map[string]any {
	return map[string]any{
		"@odata.context":       stateContext(configA),
		"@odata.type":          "#microsoft.graph.windowsUpdateState",
		"id":                   docsState,
		"deviceId":             "0c8e6f3a-2b1d-4c5e-8f7a-9b0c1d2e3f4a",
		"userId":               adeleID,
		"deviceDisplayName":    "ADELE-LAPTOP-01",
		"userPrincipalName":    adeleUPN,
		"status":               "upToDate",
		"qualityUpdateVersion": "10.0.22631.3447",
		"featureUpdateVersion": "23H2",
		"lastScanDateTime":     "2024-04-09T07:15:42.1234567Z",
		"lastSyncDateTime":     "2024-04-09T07:20:03.7654321Z",
	}
}

func TestGetWindowsUpdateStateAnswersTheWholeSeededObject(t *testing.T) {
	f := newFixture(t, mockgraph.Timeline{})
	rec := f.send(t, request{method: http.MethodGet, path: statePath(configA, docsState)})
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	assert.Equal(t, mockgraph.ContentTypeJSON, rec.Header().Get("Content-Type"))
	assert.True(t, strings.HasPrefix(rec.Body.String(), `{"@odata.context":`), "@odata.context comes first")
	if diff := cmp.Diff(seededDocsState(), decodeObject(t, rec)); diff != "" {
		t.Errorf("windowsUpdateState (-want +got):\n%s", diff)
	}
}

func TestPatchWindowsUpdateStateMergesAndEchoesTheWholeObject(t *testing.T) {
	tests := []struct {
		name   string
		path   string
		body   string
		change map[string]any // what changes against the seeded object
	}{
		{
			name: "the docs' example body",
			path: statePath(configA, docsState),
			body: `{
  "@odata.type": "#microsoft.graph.windowsUpdateState",
  "deviceId": "Device Id value",
  "userId": "User Id value",
  "deviceDisplayName": "Device Display Name value",
  "userPrincipalName": "User Principal Name value",
  "status": "pendingInstallation",
  "qualityUpdateVersion": "Quality Update Version value",
  "featureUpdateVersion": "Feature Update Version value",
  "lastScanDateTime": "2016-12-31T23:59:18.0955018-08:00",
  "lastSyncDateTime": "2017-01-01T00:02:49.3205976-08:00"
}`,
			change: map[string]any{
				"deviceId": "Device Id value", "userId": "User Id value", "deviceDisplayName": "Device Display Name value",
				"userPrincipalName": "User Principal Name value", "status": "pendingInstallation",
				"qualityUpdateVersion": "Quality Update Version value", "featureUpdateVersion": "Feature Update Version value",
				"lastScanDateTime": "2016-12-31T23:59:18.0955018-08:00", "lastSyncDateTime": "2017-01-01T00:02:49.3205976-08:00",
			},
		},
		{
			name:   "one property keeps the others",
			path:   statePath(configA, docsState),
			body:   `{"status":"pendingReboot"}`,
			change: map[string]any{"status": "pendingReboot"},
		},
		{
			name:   "a nullable property set to null",
			path:   statePath(configA, docsState),
			body:   `{"qualityUpdateVersion":null}`,
			change: map[string]any{"qualityUpdateVersion": nil},
		},
		{
			name:   "the id of the URL in the body",
			path:   statePath(configA, docsState),
			body:   `{"id":"` + docsState + `","featureUpdateVersion":"24H2"}`,
			change: map[string]any{"featureUpdateVersion": "24H2"},
		},
		{
			name:   "a date-time is echoed as sent, not normalised",
			path:   statePath(configA, docsState),
			body:   `{"lastSyncDateTime":"2024-05-01T14:00:00.1+02:00"}`,
			change: map[string]any{"lastSyncDateTime": "2024-05-01T14:00:00.1+02:00"},
		},
		{
			name:   "ids in another case",
			path:   statePath(strings.ToUpper(configA), strings.ToUpper(docsState)),
			body:   `{"status":"failed"}`,
			change: map[string]any{"status": "failed"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, mockgraph.Timeline{})
			want := seededDocsState()
			for k, v := range tt.change {
				want[k] = v
			}

			rec := f.send(t, request{method: http.MethodPatch, path: tt.path, body: tt.body})
			require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
			assert.Equal(t, mockgraph.ContentTypeJSON, rec.Header().Get("Content-Type"))
			if diff := cmp.Diff(want, decodeObject(t, rec)); diff != "" {
				t.Errorf("PATCH answer (-want +got):\n%s", diff)
			}

			rec = f.send(t, request{method: http.MethodGet, path: statePath(configA, docsState)})
			require.Equal(t, http.StatusOK, rec.Code)
			if diff := cmp.Diff(want, decodeObject(t, rec)); diff != "" {
				t.Errorf("GET after PATCH (-want +got):\n%s", diff)
			}
		})
	}
}

func TestPatchDoesNotTouchOtherStates(t *testing.T) {
	f := newFixture(t, mockgraph.Timeline{})
	before := decodeObject(t, f.send(t, request{method: http.MethodGet, path: statePath(configB, stateOfB)}))
	rec := f.send(t, request{method: http.MethodPatch, path: statePath(configA, docsState), body: `{"status":"failed"}`})
	require.Equal(t, http.StatusOK, rec.Code)
	after := decodeObject(t, f.send(t, request{method: http.MethodGet, path: statePath(configB, stateOfB)}))
	if diff := cmp.Diff(before, after); diff != "" {
		t.Errorf("other state (-before +after):\n%s", diff)
	}
}

func TestRejectedPatchChangesNothing(t *testing.T) {
	f := newFixture(t, mockgraph.Timeline{})
	rec := f.send(t, request{method: http.MethodPatch, path: statePath(configA, docsState), body: `{"id":"` + stateOfB + `","status":"failed"}`})
	require.Equal(t, http.StatusBadRequest, rec.Code)
	got := decodeObject(t, f.send(t, request{method: http.MethodGet, path: statePath(configA, docsState)}))
	if diff := cmp.Diff(seededDocsState(), got); diff != "" {
		t.Errorf("state after a rejected PATCH (-want +got):\n%s", diff)
	}
}

func TestEachMockHasItsOwnState(t *testing.T) {
	first := newFixture(t, mockgraph.Timeline{})
	second := newFixture(t, mockgraph.Timeline{})
	rec := first.send(t, request{method: http.MethodPatch, path: statePath(configA, docsState), body: `{"status":"failed"}`})
	require.Equal(t, http.StatusOK, rec.Code)
	got := decodeObject(t, second.send(t, request{method: http.MethodGet, path: statePath(configA, docsState)}))
	assert.Equal(t, "upToDate", got["status"])
	first.startUpdate(t, docsDevice)
	second.startUpdate(t, docsDevice)
}
