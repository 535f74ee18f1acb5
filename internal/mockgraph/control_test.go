package mockgraph_test

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/mockgraph"
)

func TestControlEndpointsAnswer(t *testing.T) {
	tests := []struct {
		name       string
		method     string
		path       string
		body       string
		wantStatus int
		wantCode   string // of a Graph error
		wantInBody []string
		wantAllow  string
	}{
		{name: "reset", method: http.MethodPost, path: "/_graphconform/reset", wantStatus: 204},
		{name: "reset with a trailing slash", method: http.MethodPost, path: "/_graphconform/reset/", wantStatus: 204},
		{name: "state", method: http.MethodGet, path: "/_graphconform/state", wantStatus: 200, wantInBody: []string{`"teamworkDevices"`, `"fake": true`}},
		{name: "clock advance", method: http.MethodPost, path: "/_graphconform/clock/advance", body: `{"seconds": 2.5}`, wantStatus: 200,
			wantInBody: []string{`"now": "2024-05-01T12:00:02.5Z"`}},
		{name: "clock advance by zero", method: http.MethodPost, path: "/_graphconform/clock/advance", body: `{"seconds": 0}`, wantStatus: 200},
		{name: "clock advance without seconds", method: http.MethodPost, path: "/_graphconform/clock/advance", body: `{}`, wantStatus: 400,
			wantCode: mockgraph.CodeBadRequest, wantInBody: []string{`{\"seconds\": n}`}},
		{name: "clock advance with a string", method: http.MethodPost, path: "/_graphconform/clock/advance", body: `{"seconds": "2"}`, wantStatus: 400, wantCode: mockgraph.CodeBadRequest},
		{name: "clock advance with an unknown key", method: http.MethodPost, path: "/_graphconform/clock/advance", body: `{"seconds": 1, "minutes": 1}`, wantStatus: 400, wantCode: mockgraph.CodeBadRequest},
		{name: "clock advance backwards", method: http.MethodPost, path: "/_graphconform/clock/advance", body: `{"seconds": -1}`, wantStatus: 400,
			wantCode: mockgraph.CodeBadRequest, wantInBody: []string{"time does not go back"}},
		{name: "clock advance by more than a year", method: http.MethodPost, path: "/_graphconform/clock/advance", body: `{"seconds": 1e300}`, wantStatus: 400, wantCode: mockgraph.CodeBadRequest},
		{name: "faults list", method: http.MethodGet, path: "/_graphconform/faults", wantStatus: 200, wantInBody: []string{`"faults": []`}},
		{name: "add one fault", method: http.MethodPost, path: "/_graphconform/faults",
			body:       `{"operation":"teamworkDevice.updateSoftware","status":429,"retryAfter":"2","count":1}`,
			wantStatus: 201, wantInBody: []string{`"id": "f1"`, `"remaining": 1`, `"retryAfter": "2"`}},
		{name: "add a fault with a numeric retryAfter", method: http.MethodPost, path: "/_graphconform/faults",
			body:       `{"operation":"*","status":503,"retryAfter":2.128}`,
			wantStatus: 201, wantInBody: []string{`"retryAfter": "2.128"`}},
		{name: "add a list of faults", method: http.MethodPost, path: "/_graphconform/faults",
			body:       `[{"operation":"*","status":503},{"operation":"teamworkDevice.updateSoftware","failOperation":true}]`,
			wantStatus: 201, wantInBody: []string{`"id": "f2"`, `"failOperation": true`}},
		{name: "add faults wrapped as in the YAML file", method: http.MethodPost, path: "/_graphconform/faults",
			body: `{"faults":[{"operation":"*","latencyMs":5}]}`, wantStatus: 201, wantInBody: []string{`"latencyMs": 5`}},
		{name: "add an invalid fault", method: http.MethodPost, path: "/_graphconform/faults", body: `{"operation":"*","status":500}`,
			wantStatus: 400, wantCode: mockgraph.CodeBadRequest, wantInBody: []string{"use 429, 503 or 504"}},
		{name: "add a fault with an unknown key", method: http.MethodPost, path: "/_graphconform/faults", body: `{"operation":"*","status":429,"colour":"red"}`,
			wantStatus: 400, wantCode: mockgraph.CodeBadRequest, wantInBody: []string{"colour"}},
		{name: "add no fault", method: http.MethodPost, path: "/_graphconform/faults", body: `[]`, wantStatus: 400, wantCode: mockgraph.CodeBadRequest},
		{name: "add a fault without a body", method: http.MethodPost, path: "/_graphconform/faults", wantStatus: 400, wantCode: mockgraph.CodeBadRequest},
		{name: "add a fault that is not JSON", method: http.MethodPost, path: "/_graphconform/faults", body: `operation=*`, wantStatus: 400, wantCode: mockgraph.CodeBadRequest},
		{name: "clear the faults", method: http.MethodDelete, path: "/_graphconform/faults", wantStatus: 204},
		{name: "violations", method: http.MethodGet, path: "/_graphconform/violations", wantStatus: 200,
			wantInBody: []string{`"count": 0`, `"dropped": 0`, `"violations": []`}},
		{name: "a method an endpoint does not take", method: http.MethodPut, path: "/_graphconform/faults", wantStatus: 405,
			wantCode: mockgraph.CodeMethodNotAllowed, wantAllow: "GET, POST, DELETE"},
		{name: "GET of reset", method: http.MethodGet, path: "/_graphconform/reset", wantStatus: 405, wantCode: mockgraph.CodeMethodNotAllowed, wantAllow: "POST"},
		{name: "an unknown control endpoint", method: http.MethodGet, path: "/_graphconform/clock", wantStatus: 404,
			wantCode: mockgraph.CodeNotFound, wantInBody: []string{"/_graphconform/clock/advance"}},
		{name: "the bare prefix", method: http.MethodGet, path: "/_graphconform", wantStatus: 404, wantCode: mockgraph.CodeNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, mockgraph.Timeline{})
			if tt.name == "add a list of faults" {
				_, err := f.mock.AddFault(mockgraph.Fault{Operation: "*", Status: 429, RetryAfter: "1"})
				require.NoError(t, err)
				f.mock.ClearFaults()
			}
			rec := f.control(t, tt.method, tt.path, tt.body)
			require.Equal(t, tt.wantStatus, rec.Code, rec.Body.String())
			assert.NotEmpty(t, rec.Header().Get("request-id"))
			if tt.wantCode != "" {
				decodeError(t, rec, tt.wantStatus, tt.wantCode)
			} else if tt.wantStatus != http.StatusNoContent {
				assert.Equal(t, "application/json; charset=utf-8", rec.Header().Get("Content-Type"))
				assert.True(t, json.Valid(rec.Body.Bytes()), rec.Body.String())
			}
			for _, want := range tt.wantInBody {
				assert.Contains(t, rec.Body.String(), want)
			}
			if tt.wantAllow != "" {
				assert.Equal(t, tt.wantAllow, rec.Header().Get("Allow"))
			}
		})
	}
}

func TestClockAdvanceWithTheSystemClockIs409(t *testing.T) {
	v := newValidator(t)
	m, err := mockgraph.New(mockgraph.Options{Seed: mockgraph.DefaultSeed(), Validator: v})
	require.NoError(t, err)
	f := &fixture{mock: m, validator: v}
	rec := f.control(t, http.MethodPost, "/_graphconform/clock/advance", `{"seconds": 1}`)
	body := decodeError(t, rec, http.StatusConflict, mockgraph.CodeConflict)
	assert.Contains(t, body.Error.Message, "--fake-clock")
}

func TestClockAdvanceMovesOperationsOn(t *testing.T) {
	f := newFixture(t, mockgraph.Timeline{})
	opID := f.startUpdate(t, docsDevice)
	require.Equal(t, http.StatusOK, f.control(t, http.MethodPost, "/_graphconform/clock/advance", `{"seconds": 5}`).Code)
	got := decodeObject(t, f.send(t, request{method: http.MethodGet, path: operationPath(docsDevice, opID)}))
	assert.Equal(t, "succeeded", got["status"])
}

func TestResetBringsBackTheSeedAndTheStartingFaults(t *testing.T) {
	f := newFixtureWith(t, func(o *mockgraph.Options) {
		o.Faults = []mockgraph.Fault{{Operation: mockgraph.OpGetWindowsUpdateState, Status: 503}}
	})
	opID := f.startUpdate(t, docsDevice)
	require.Equal(t, http.StatusOK, f.send(t, request{method: http.MethodPatch, path: statePath(configA, docsState), body: `{"status":"failed"}`}).Code)
	require.Equal(t, http.StatusServiceUnavailable, f.send(t, request{method: http.MethodGet, path: statePath(configA, docsState), fault5xx: true}).Code)
	_, err := f.mock.AddFault(mockgraph.Fault{Operation: "*", Status: 429, RetryAfter: "1", Count: 100})
	require.NoError(t, err)

	require.Equal(t, http.StatusNoContent, f.control(t, http.MethodPost, "/_graphconform/reset", "").Code)

	rules := f.mock.Faults()
	require.Len(t, rules, 1, "the rules added later are gone")
	assert.Equal(t, 1, rules[0].Remaining, "the starting rule is whole again")
	f.mock.ClearFaults()
	rec := f.send(t, request{method: http.MethodGet, path: operationPath(docsDevice, opID)})
	decodeError(t, rec, http.StatusNotFound, mockgraph.CodeNotFound)
	got := decodeObject(t, f.send(t, request{method: http.MethodGet, path: statePath(configA, docsState)}))
	assert.Equal(t, "upToDate", got["status"], "the seeded value is back")
	f.startUpdate(t, docsDevice) // no 409: the operation is forgotten
	assert.Equal(t, start, f.clock.Now(), "the clock is kept")
}

func TestStateDumpShowsEverythingInSeedOrder(t *testing.T) {
	f := newFixture(t, mockgraph.Timeline{})
	opID := f.startUpdate(t, docsDevice)
	f.clock.Advance(2 * time.Second)
	_, err := f.mock.AddFault(mockgraph.Fault{Operation: "*", Status: 429, RetryAfter: "1"})
	require.NoError(t, err)
	f.send(t, request{method: http.MethodGet, path: "/beta/nowhere"})

	rec := f.control(t, http.MethodGet, "/_graphconform/state", "")
	require.Equal(t, http.StatusOK, rec.Code)
	var dump struct {
		Clock struct {
			Now  string `json:"now"`
			Fake bool   `json:"fake"`
		} `json:"clock"`
		Timeline        map[string]any `json:"timeline"`
		Auth            string         `json:"auth"`
		RateLimit       int            `json:"rateLimit"`
		TeamworkDevices []struct {
			ID         string           `json:"id"`
			Operations []map[string]any `json:"operations"`
		} `json:"teamworkDevices"`
		Users []struct {
			ID                string   `json:"id"`
			UserPrincipalName string   `json:"userPrincipalName"`
			InstalledApps     []string `json:"installedApps"`
		} `json:"users"`
		DeviceConfigurations []struct {
			ID                  string           `json:"id"`
			WindowsUpdateStates []map[string]any `json:"windowsUpdateStates"`
		} `json:"deviceConfigurations"`
		Faults     []mockgraph.FaultRule `json:"faults"`
		Violations int                   `json:"violations"`
	}
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &dump), rec.Body.String())
	assert.Equal(t, "2024-05-01T12:00:02Z", dump.Clock.Now)
	assert.True(t, dump.Clock.Fake)
	assert.Equal(t, map[string]any{"queued": "2s", "running": "3s", "queuedPolls": 0.0, "runningPolls": 0.0, "outcome": "succeeded"}, dump.Timeline)
	assert.Equal(t, "on", dump.Auth)
	seed := mockgraph.DefaultSeed()
	require.Len(t, dump.TeamworkDevices, len(seed.TeamworkDevices))
	assert.Equal(t, docsDevice, dump.TeamworkDevices[0].ID)
	require.Len(t, dump.TeamworkDevices[0].Operations, 1)
	assert.Equal(t, opID, dump.TeamworkDevices[0].Operations[0]["id"])
	assert.Equal(t, "inProgress", dump.TeamworkDevices[0].Operations[0]["status"])
	assert.Empty(t, dump.TeamworkDevices[1].Operations)
	require.Len(t, dump.Users, len(seed.Users))
	assert.Equal(t, adeleID, dump.Users[0].ID)
	assert.Equal(t, adeleUPN, dump.Users[0].UserPrincipalName)
	assert.Equal(t, seed.Users[0].InstalledApps, dump.Users[0].InstalledApps)
	assert.Contains(t, dump.Users[0].InstalledApps, adeleApp)
	require.Len(t, dump.DeviceConfigurations, len(seed.DeviceConfigurations))
	assert.Equal(t, configA, dump.DeviceConfigurations[0].ID)
	assert.Equal(t, docsState, dump.DeviceConfigurations[0].WindowsUpdateStates[0]["id"])
	assert.Equal(t, "#microsoft.graph.windowsUpdateState", dump.DeviceConfigurations[0].WindowsUpdateStates[0]["@odata.type"])
	require.Len(t, dump.Faults, 1)
	assert.Equal(t, "f1", dump.Faults[0].ID)
	assert.Equal(t, 1, dump.Violations)
}

func TestControlEndpointsNeedNoTokenAndAreNeverFaulted(t *testing.T) {
	f := newFixtureWith(t, func(o *mockgraph.Options) {
		o.Faults = []mockgraph.Fault{{Operation: "*", Status: 503, Count: 10}}
		o.RateLimit = 1
	})
	for range 3 {
		rec := f.control(t, http.MethodGet, "/_graphconform/violations", "")
		assert.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	}
	assert.Equal(t, 10, f.mock.Faults()[0].Remaining)
}
