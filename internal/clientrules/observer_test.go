package clientrules_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/clientrules"
	"github.com/graphconform/graphconform/internal/contract"
	"github.com/graphconform/graphconform/internal/finding"
	"github.com/graphconform/graphconform/internal/rules"
)

const (
	device    = "0f3ce432-e432-0f3c-32e4-3c0f32e43c0f"
	opID      = "c6069246-0000-4000-8000-000000000001"
	update    = "/beta/teamwork/devices/" + device + "/updateSoftware"
	operation = "/beta/teamwork/devices/" + device + "/operations/" + opID
	list      = "/beta/teamwork/devices/" + device + "/operations"
	state     = "/beta/deviceManagement/deviceConfigurations/c/microsoft.graph.windowsUpdateForBusinessConfiguration/deviceUpdateStates/s"
)

var (
	loadOnce  sync.Once
	validator *contract.Validator
	loadErr   error
	t0        = time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
)

func newObserver(t *testing.T, checkPermitted bool) *clientrules.Observer {
	t.Helper()
	return clientrules.New(clientrules.Options{Validator: loadValidator(t), CheckPermitted: checkPermitted})
}

// loadValidator is the description's validator, loaded once for every test.
func loadValidator(t *testing.T) *contract.Validator {
	t.Helper()
	loadOnce.Do(func() { validator, loadErr = contract.Load(context.Background()) })
	require.NoError(t, loadErr)
	return validator
}

func req(method, target string, header ...string) clientrules.Request {
	h := http.Header{"Authorization": {"Bearer app-token"}}
	for i := 0; i+1 < len(header); i += 2 {
		h.Set(header[i], header[i+1])
	}
	return clientrules.Request{Method: method, Target: target, Header: h, RemoteAddr: "127.0.0.1:5000", HasBody: method != http.MethodGet}
}

func ruleIDs(findings []finding.Finding) []rules.ID {
	var ids []rules.ID
	for _, f := range findings {
		ids = append(ids, f.RuleID)
	}
	return ids
}

func TestRetryAfterIsHonouredOrBroken(t *testing.T) {
	for _, tt := range []struct {
		name  string
		wait  time.Duration
		again clientrules.Request
		want  []rules.ID
	}{
		{"the same request 1.9s into a 2s wait", 1900 * time.Millisecond, req(http.MethodPost, update, "client-request-id", "r1"), []rules.ID{rules.ClientHonoursRetryAfter}},
		{"a new client-request-id of the same application at once", 0, req(http.MethodPost, update, "client-request-id", "r2"), []rules.ID{rules.ClientHonoursRetryAfter}},
		{"the same request after the 2s", 2 * time.Second, req(http.MethodPost, update, "client-request-id", "r1"), nil},
		{"another operation at once", 0, req(http.MethodGet, state), nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			o := newObserver(t, false)
			first := req(http.MethodPost, update, "client-request-id", "r1")
			require.Empty(t, o.Request(first, t0))
			o.Response(first, http.StatusTooManyRequests, http.Header{"Retry-After": {"2"}}, nil, t0)
			got := o.Request(tt.again, t0.Add(tt.wait))
			assert.Equal(t, tt.want, ruleIDs(got))
		})
	}
}

func TestAnotherApplicationIsNotTheThrottledOne(t *testing.T) {
	o := newObserver(t, false)
	first := req(http.MethodPost, update)
	o.Response(first, http.StatusServiceUnavailable, http.Header{"Retry-After": {"5"}}, nil, t0)
	other := req(http.MethodPost, update)
	other.Header.Set("Authorization", "Bearer another-app")
	assert.Empty(t, o.Request(other, t0))
	assert.Equal(t, []rules.ID{rules.ClientHonoursRetryAfter}, ruleIDs(o.Request(first, t0.Add(time.Second))))
}

func accepted(o *clientrules.Observer, at time.Time) {
	o.Response(req(http.MethodPost, update), http.StatusAccepted, http.Header{"Location": {"/teamwork/devices/" + device + "/operations/" + opID}}, nil, at)
}

func TestUpdatingAgainWithoutPollingTheLocationBreaksClientPollsLocation(t *testing.T) {
	o := newObserver(t, false)
	accepted(o, t0)
	got := o.Request(req(http.MethodPost, update), t0.Add(time.Second))
	require.Equal(t, []rules.ID{rules.ClientPollsLocation}, ruleIDs(got))
	assert.Contains(t, got[0].Message, "/operations/"+opID)
}

func TestUpdatingAgainAfterPollingIsFine(t *testing.T) {
	o := newObserver(t, false)
	accepted(o, t0)
	poll := req(http.MethodGet, operation)
	require.Empty(t, o.Request(poll, t0.Add(time.Second)))
	o.Response(poll, http.StatusOK, http.Header{}, []byte(`{"status":"queued"}`), t0.Add(time.Second))
	assert.Empty(t, o.Request(req(http.MethodPost, update), t0.Add(2*time.Second)), "a 409 now is the answer the client expects")
}

func TestPollingAnOperationNeverGivenBreaksClientFollowsLinks(t *testing.T) {
	o := newObserver(t, false)
	accepted(o, t0)
	built := req(http.MethodGet, "/beta/teamwork/devices/"+device+"/operations/00000000-0000-4000-8000-000000000000")
	assert.Equal(t, []rules.ID{rules.ClientFollowsLinks}, ruleIDs(o.Request(built, t0.Add(time.Second))))
	assert.Empty(t, o.Request(req(http.MethodGet, operation), t0.Add(time.Second)))
}

func TestAPageIsAskedByTheNextLinkAsGiven(t *testing.T) {
	o := newObserver(t, false)
	first := req(http.MethodGet, list+"?$top=1")
	require.Empty(t, o.Request(first, t0))
	page, err := json.Marshal(map[string]any{"value": []any{}, "@odata.nextLink": "http://127.0.0.1:1/beta/teamwork/devices/" + device + "/operations?$top=1&$skiptoken=abc"})
	require.NoError(t, err)
	o.Response(first, http.StatusOK, http.Header{}, page, t0)

	assert.Empty(t, o.Request(req(http.MethodGet, list+"?$top=1&$skiptoken=abc"), t0))
	assert.Empty(t, o.Request(req(http.MethodGet, list+"?%24skiptoken=abc&%24top=1"), t0), "the same link, encoded otherwise")
	assert.Equal(t, []rules.ID{rules.ClientFollowsLinks}, ruleIDs(o.Request(req(http.MethodGet, list+"?$top=1&$skiptoken=xyz"), t0)), "a built cursor")
	assert.Equal(t, []rules.ID{rules.ClientFollowsLinks}, ruleIDs(o.Request(req(http.MethodGet, list+"?$top=2&$skiptoken=abc"), t0)), "the link with its $top changed")
}

func TestABodyWhereTheSpecAllowsNone(t *testing.T) {
	o := newObserver(t, false)
	get := req(http.MethodGet, state)
	get.HasBody = true
	assert.Equal(t, []rules.ID{rules.ClientBodyWhereAllowed}, ruleIDs(o.Request(get, t0)))
	get.HasBody = false
	assert.Empty(t, o.Request(get, t0))
	assert.Empty(t, o.Request(req(http.MethodPatch, state), t0), "the PATCH takes a body")
}

func TestTopWithinTheDocumentedRange(t *testing.T) {
	o := newObserver(t, false)
	for top, want := range map[string][]rules.ID{
		"1": nil, "50": nil,
		"0": {rules.ClientTopInRange}, "51": {rules.ClientTopInRange}, "ten": {rules.ClientTopInRange}, "2.5": {rules.ClientTopInRange},
	} {
		got := o.Request(req(http.MethodGet, list+"?$top="+top), t0)
		assert.Equal(t, want, ruleIDs(got), "$top=%s", top)
		if want != nil {
			assert.Contains(t, got[0].Message, "from 1 to 50")
		}
	}
}

// jwt is an unsigned token with the claims given.
func jwt(t *testing.T, claims map[string]any) string {
	t.Helper()
	payload, err := json.Marshal(claims)
	require.NoError(t, err)
	return "Bearer e30." + base64.RawURLEncoding.EncodeToString(payload) + ".sig"
}

func TestTheTokensPermissionsFitTheOperation(t *testing.T) {
	for _, tt := range []struct {
		name   string
		claims map[string]any
		strict bool
		want   []rules.ID
		level  finding.Level
	}{
		{"the least-privileged scope", map[string]any{"scp": "TeamworkDevice.Read.All"}, true, nil, ""},
		{"a higher-privileged scope only", map[string]any{"scp": "TeamworkDevice.ReadWrite.All"}, true, []rules.ID{rules.ClientLeastPrivilegedPermission}, finding.Warning},
		{"a higher-privileged role only", map[string]any{"roles": []string{"TeamworkDevice.ReadWrite.All"}}, true, []rules.ID{rules.ClientLeastPrivilegedPermission}, finding.Warning},
		{"both, the least among them", map[string]any{"scp": "TeamworkDevice.ReadWrite.All TeamworkDevice.Read.All"}, true, nil, ""},
		{"none of them", map[string]any{"scp": "User.Read"}, true, []rules.ID{rules.RequestPermitted}, finding.Error},
		{"none of them, the mock checks that itself", map[string]any{"scp": "User.Read"}, false, nil, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			o := newObserver(t, tt.strict)
			r := req(http.MethodGet, operation)
			r.Header.Set("Authorization", jwt(t, tt.claims))
			got := o.Request(r, t0)
			assert.Equal(t, tt.want, ruleIDs(got))
			if tt.want != nil {
				assert.Equal(t, tt.level, got[0].Level)
				assert.Equal(t, "teamworkDevice.getOperation", got[0].Operation)
			}
		})
	}
	o := newObserver(t, true)
	assert.Empty(t, o.Request(req(http.MethodGet, operation), t0), "an opaque token says nothing of its permissions")
}

func TestResetForgetsEverything(t *testing.T) {
	o := newObserver(t, false)
	accepted(o, t0)
	o.Response(req(http.MethodPost, update), http.StatusTooManyRequests, http.Header{"Retry-After": {"9"}}, nil, t0)
	o.Reset()
	assert.Empty(t, o.Request(req(http.MethodPost, update), t0))
}
