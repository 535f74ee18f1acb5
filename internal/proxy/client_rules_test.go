package proxy_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/finding"
	"github.com/graphconform/graphconform/internal/gate"
	"github.com/graphconform/graphconform/internal/mockgraph"
	"github.com/graphconform/graphconform/internal/rules"
)

// do sends one request with the headers given (Authorization defaults to the opaque test token).
func do(t *testing.T, method, url, body string, header ...string) *http.Response {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+token)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	_, _ = io.Copy(io.Discard, resp.Body)
	require.NoError(t, resp.Body.Close())
	return resp
}

func TestTheProxyChecksTheClientRules(t *testing.T) {
	tests := []struct {
		name  string
		fault *mockgraph.Fault
		run   func(t *testing.T, base string)
		rule  rules.ID
		level finding.Level
	}{
		{"posting updateSoftware again instead of polling", nil, func(t *testing.T, base string) {
			require.Equal(t, http.StatusAccepted, do(t, http.MethodPost, base+updatePath, softwareBody).StatusCode)
			require.Equal(t, http.StatusConflict, do(t, http.MethodPost, base+updatePath, softwareBody).StatusCode)
		}, rules.ClientPollsLocation, finding.Error},
		{"a retry that ignores Retry-After", &mockgraph.Fault{Operation: mockgraph.OpUpdateSoftware, Status: 429, RetryAfter: "30", Count: 1}, func(t *testing.T, base string) {
			require.Equal(t, http.StatusTooManyRequests, do(t, http.MethodPost, base+updatePath, softwareBody).StatusCode)
			require.Equal(t, http.StatusAccepted, do(t, http.MethodPost, base+updatePath, softwareBody).StatusCode)
		}, rules.ClientHonoursRetryAfter, finding.Error},
		{"a body where the spec allows none", nil, func(t *testing.T, base string) {
			do(t, http.MethodGet, base+"/beta/teamwork/devices/"+device+"/operations", `{}`)
		}, rules.ClientBodyWhereAllowed, finding.Error},
		{"$top above the documented 50", nil, func(t *testing.T, base string) {
			do(t, http.MethodGet, base+"/beta/teamwork/devices/"+device+"/operations?$top=500", "")
		}, rules.ClientTopInRange, finding.Error},
		{"a built $skiptoken", nil, func(t *testing.T, base string) {
			do(t, http.MethodGet, base+"/beta/teamwork/devices/"+device+"/operations?$top=1&$skiptoken=Z3Vlc3M", "")
		}, rules.ClientFollowsLinks, finding.Error},
		{"a token of a higher privilege than needed", nil, func(t *testing.T, base string) {
			jwt := mockgraph.MintToken(mockgraph.TokenClaims{Roles: []string{"DeviceManagementConfiguration.ReadWrite.All"}})
			do(t, http.MethodGet, base+"/beta/deviceManagement/deviceConfigurations/6b1c8d2e-4f3a-4b5c-9d6e-7f8a9b0c1d2e/microsoft.graph.windowsUpdateForBusinessConfiguration/deviceUpdateStates/3d92af00-af00-3d92-00af-923d00af923d", "",
				"Authorization", "Bearer "+jwt)
		}, rules.ClientLeastPrivilegedPermission, finding.Warning},
		{"a token without the operation's permissions", nil, func(t *testing.T, base string) {
			jwt := mockgraph.MintToken(mockgraph.TokenClaims{Scopes: []string{"User.Read"}})
			do(t, http.MethodPost, base+updatePath, softwareBody, "Authorization", "Bearer "+jwt)
		}, rules.RequestPermitted, finding.Error},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := mockgraph.Options{Seed: mockgraph.DefaultSeed(), Validator: loadValidator(t)}
			if tt.fault != nil {
				o.Faults = []mockgraph.Fault{*tt.fault}
			}
			m, err := mockgraph.New(o)
			require.NoError(t, err)
			f := front(t, m)
			tt.run(t, f.url)
			var found []gate.Violation
			for _, v := range f.proxy.Violations().Violations {
				for _, id := range v.RuleIDs() {
					if id == tt.rule.String() {
						found = append(found, v)
					}
				}
			}
			require.Len(t, found, 1, "%+v", f.proxy.Violations().Violations)
			assert.Equal(t, rules.Client, found[0].Side)
			for _, fi := range found[0].Findings {
				if fi.RuleID == tt.rule {
					assert.Equal(t, tt.level, fi.Level)
				}
			}
		})
	}
}
