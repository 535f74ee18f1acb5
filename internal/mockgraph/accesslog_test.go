package mockgraph_test

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/mockgraph"
)

func TestLogRequestsLogsEachRequestWithoutItsCredentials(t *testing.T) {
	token := delegated("TeamworkDevice.ReadWrite.All", "DeviceManagementConfiguration.Read.All")
	tests := []struct {
		name       string
		method     string
		path       string
		body       string
		auth       string
		wantStatus int
		wantPath   string
		wantAuth   string
		wantLevel  string
	}{
		{"a 202 with a bearer token", http.MethodPost, updateSoftwarePath(docsDevice), softwareBody, "Bearer " + token, 202, updateSoftwarePath(docsDevice), "bearer", "INFO"},
		{"a 401 without one", http.MethodGet, statePath(configA, docsState), "", "", 401, statePath(configA, docsState), "none", "INFO"},
		{"Basic credentials", http.MethodGet, statePath(configA, docsState), "", "Basic dXNlcjpwYXNz", 401, statePath(configA, docsState), "other", "INFO"},
		{"a token in the query", http.MethodGet, "/beta/nowhere?access_token=" + token, "", "Bearer " + token, 400, "/beta/nowhere?access_token=REDACTED", "bearer", "INFO"},
		{"a control endpoint", http.MethodGet, "/_graphconform/state", "", "", 200, "/_graphconform/state", "none", "INFO"},
		{"a 503 fault", http.MethodGet, statePath(configB, stateOfB), "", "Bearer " + token, 503, statePath(configB, stateOfB), "bearer", "WARN"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixtureWith(t, func(o *mockgraph.Options) {
				o.Faults = []mockgraph.Fault{{Operation: mockgraph.OpGetWindowsUpdateState, Status: 503}}
				o.Auth = mockgraph.AuthOn
			})
			if tt.wantStatus != 503 {
				f.mock.ClearFaults()
			}
			var logs bytes.Buffer
			h := mockgraph.LogRequests(f.mock, slog.New(slog.NewJSONHandler(&logs, nil)))
			r := httptest.NewRequest(tt.method, tt.path, strings.NewReader(tt.body))
			r.Host = "127.0.0.1:8080"
			if tt.body != "" {
				r.Header.Set("Content-Type", "application/json")
			}
			if tt.auth != "" {
				r.Header.Set("Authorization", tt.auth)
			}
			r.Header.Set("client-request-id", "log-test")
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, r)
			require.Equal(t, tt.wantStatus, rec.Code, rec.Body.String())

			assert.NotContains(t, logs.String(), token, "the token is never logged")
			assert.NotContains(t, logs.String(), "dXNlcjpwYXNz")
			lines := strings.Split(strings.TrimSpace(logs.String()), "\n")
			require.Len(t, lines, 1, "one line per request")
			var entry map[string]any
			require.NoError(t, json.Unmarshal([]byte(lines[0]), &entry))
			assert.Equal(t, tt.wantLevel, entry["level"])
			assert.Equal(t, "request", entry["msg"])
			assert.Equal(t, tt.method, entry["method"])
			assert.Equal(t, tt.wantPath, entry["path"])
			assert.Equal(t, float64(tt.wantStatus), entry["status"])
			assert.Contains(t, entry, "duration")
			assert.Equal(t, rec.Header().Get("request-id"), entry["request-id"])
			assert.Equal(t, "log-test", entry["client-request-id"])
			assert.Equal(t, tt.wantAuth, entry["auth"])
		})
	}
}
