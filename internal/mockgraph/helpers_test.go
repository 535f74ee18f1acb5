package mockgraph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/client"
	"github.com/graphconform/graphconform/internal/contract"
	"github.com/graphconform/graphconform/internal/mockgraph"
)

// Ids of fixtures/mock/default.yaml the tests use.
const (
	docsDevice       = "0f3ce432-e432-0f3c-32e4-3c0f32e43c0f"
	otherDevice      = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"
	unknownDevice    = "deadbeef-0000-4000-8000-000000000000"
	adeleID          = "5b649834-7412-4cce-9e69-176e95a394f5"
	adeleUPN         = "adele.vance@contoso.example"
	adeleApp         = "NWI2NDk4MzQtNzQxMi00Y2NlLTllNjktMTc2ZTk1YTM5NGY1IyNhNmI2MzM2NS0zMWE0LTRmNDMtOTJlYy03MTBiNzE1NTdhZjk"
	meganID          = "8c2e4f6a-1b3d-4e5f-9a7b-c0d1e2f3a4b5"
	meganApp         = "OGMyZTRmNmEtMWIzZC00ZTVmLTlhN2ItYzBkMWUyZjNhNGI1IyNhNmI2MzM2NS0zMWE0LTRmNDMtOTJlYy03MTBiNzE1NTdhZjk"
	configA          = "6b1c8d2e-4f3a-4b5c-9d6e-7f8a9b0c1d2e"
	configB          = "7c2d9e3f-5a4b-4c6d-8e7f-8a9b0c1d2e3f"
	docsState        = "3d92af00-af00-3d92-00af-923d00af923d"
	stateOfB         = "5f14c122-c122-5f14-22c1-145f22c1145f"
	testToken        = "test-token"
	softwareBody     = `{"softwareType":"teamsClient","softwareVersion":"1.0.96.22"}`
	windowsStateCast = "/microsoft.graph.windowsUpdateForBusinessConfiguration/deviceUpdateStates/"
)

// start is when every FakeClock of the tests starts.
var start = time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)

var uuidPattern = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func updateSoftwarePath(device string) string {
	return "/beta/teamwork/devices/" + device + "/updateSoftware"
}

func operationPath(device, op string) string {
	return "/beta/teamwork/devices/" + device + "/operations/" + op
}

func upgradePath(version, user, app string) string {
	return "/" + version + "/users/" + user + "/teamwork/installedApps/" + app + "/upgrade"
}

func statePath(config, state string) string {
	return "/beta/deviceManagement/deviceConfigurations/" + config + windowsStateCast + state
}

// newValidator builds the contract validator of the embedded description.
func newValidator(t testing.TB) *contract.Validator {
	t.Helper()
	v, err := contract.Load(context.Background())
	require.NoError(t, err)
	return v
}

// fixture is a mock over the default seed with a FakeClock, and the validator it uses.
type fixture struct {
	mock      *mockgraph.Mock
	clock     *mockgraph.FakeClock
	validator *contract.Validator
}

func newFixture(t testing.TB, timeline mockgraph.Timeline) *fixture {
	t.Helper()
	return newFixtureWith(t, func(o *mockgraph.Options) { o.Timeline = timeline })
}

// newFixtureWith is newFixture with options of the test's choosing, set over the default seed, a
// FakeClock and the validator.
func newFixtureWith(t testing.TB, configure func(*mockgraph.Options)) *fixture {
	t.Helper()
	v := newValidator(t)
	clock := mockgraph.NewFakeClock(start)
	opts := mockgraph.Options{Seed: mockgraph.DefaultSeed(), Clock: clock, Validator: v}
	configure(&opts)
	m, err := mockgraph.New(opts)
	require.NoError(t, err)
	return &fixture{mock: m, clock: clock, validator: v}
}

// request describes one request of a test.
type request struct {
	method string
	path   string
	header map[string]string
	body   string
	noAuth bool
	// token replaces the test token of the Authorization header.
	token string
	// remoteAddr replaces the recorder's remote address.
	remoteAddr string
	// fault5xx allows a 5xx answer: a fault rule's, on purpose.
	fault5xx bool
}

// send serves one request with a recorder and checks the response against the description whenever
// the request names a documented operation: the mock must conform to the contract it is a mock of.
func (f *fixture) send(t testing.TB, req request) *httptest.ResponseRecorder {
	t.Helper()
	var body *bytes.Reader
	if req.body != "" {
		body = bytes.NewReader([]byte(req.body))
	} else {
		body = bytes.NewReader(nil)
	}
	r := httptest.NewRequest(req.method, req.path, body)
	if req.body != "" {
		r.Header.Set("Content-Type", "application/json")
	}
	if !req.noAuth {
		token := testToken
		if req.token != "" {
			token = req.token
		}
		r.Header.Set("Authorization", "Bearer "+token)
	}
	if req.remoteAddr != "" {
		r.RemoteAddr = req.remoteAddr
	}
	for name, value := range req.header {
		if value == "" {
			r.Header.Del(name)
			continue
		}
		r.Header.Set(name, value)
	}
	rec := httptest.NewRecorder()
	f.mock.ServeHTTP(rec, r)
	if !req.fault5xx {
		assert.Less(t, rec.Code, 500, "the mock answered %d to %s %s: %s", rec.Code, req.method, req.path, rec.Body.String())
	}
	f.conforms(t, req, r.Header, rec)
	return rec
}

// conforms validates a recorded response against the description.
func (f *fixture) conforms(t testing.TB, req request, header http.Header, rec *httptest.ResponseRecorder) {
	t.Helper()
	if _, err := f.validator.FindRoute(req.method, req.path); err != nil {
		return // not an operation of the description: nothing to validate against
	}
	ex := &client.Exchange{
		Request: client.RecordedRequest{
			Method: req.method, URL: "http://example.com" + req.path, Path: req.path,
			Header: header.Clone(), Body: []byte(req.body),
		},
		Response: client.RecordedResponse{Status: rec.Code, Header: rec.Result().Header, Body: rec.Body.Bytes()},
	}
	_, findings := f.validator.CheckResponse(context.Background(), ex)
	assert.Empty(t, findings,
		"the mock's answer to %s %s does not conform to the description", req.method, req.path)
}

// graphErrorBody is the shape of a Graph error, as the tests read it.
type graphErrorBody struct {
	Error struct {
		Code       string `json:"code"`
		Message    string `json:"message"`
		InnerError struct {
			RequestID       string `json:"request-id"`
			ClientRequestID string `json:"client-request-id"`
			Date            string `json:"date"`
		} `json:"innerError"`
		Details []struct {
			Code    string `json:"code"`
			Message string `json:"message"`
			Target  string `json:"target"`
		} `json:"details"`
	} `json:"error"`
}

// decodeError checks that rec is a Graph error of status and code and returns its body.
func decodeError(t testing.TB, rec *httptest.ResponseRecorder, status int, code string) graphErrorBody {
	t.Helper()
	require.Equal(t, status, rec.Code, "body: %s", rec.Body.String())
	assert.Equal(t, mockgraph.ContentTypeJSON, rec.Header().Get("Content-Type"))
	var body graphErrorBody
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &body), "the error body is not JSON: %s", rec.Body.String())
	assert.Equal(t, code, body.Error.Code)
	assert.NotEmpty(t, body.Error.Message)
	assert.Equal(t, rec.Header().Get("request-id"), body.Error.InnerError.RequestID)
	assert.Equal(t, rec.Header().Get("client-request-id"), body.Error.InnerError.ClientRequestID)
	_, err := time.Parse("2006-01-02T15:04:05", body.Error.InnerError.Date)
	assert.NoError(t, err, "innerError.date")
	return body
}

// decodeObject decodes a JSON object body.
func decodeObject(t testing.TB, rec *httptest.ResponseRecorder) map[string]any {
	t.Helper()
	var obj map[string]any
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &obj), "the body is not a JSON object: %s", rec.Body.String())
	return obj
}

// startUpdate POSTs updateSoftware and returns the operation id of the Location.
func (f *fixture) startUpdate(t testing.TB, device string) string {
	t.Helper()
	rec := f.send(t, request{method: http.MethodPost, path: updateSoftwarePath(device), body: softwareBody})
	require.Equal(t, http.StatusAccepted, rec.Code, "body: %s", rec.Body.String())
	loc := rec.Header().Get("Location")
	prefix := "/teamwork/devices/" + device + "/operations/"
	require.Regexp(t, "^"+regexp.QuoteMeta(prefix), loc)
	return loc[len(prefix):]
}

// listPath is the path of a device's operations.
func listPath(device, query string) string {
	p := "/beta/teamwork/devices/" + device + "/operations"
	if query != "" {
		p += "?" + query
	}
	return p
}

// delegated mints a delegated token with scopes, for Adele.
func delegated(scopes ...string) string {
	return mockgraph.MintToken(mockgraph.TokenClaims{Scopes: scopes, UserID: adeleID, Name: "Adele Vance"})
}

// application mints an app-only token with roles.
func application(roles ...string) string {
	return mockgraph.MintToken(mockgraph.TokenClaims{Roles: roles, AppID: "a6b63365-31a4-4f43-92ec-710b71557af9", AppDisplayName: "Fleet updater"})
}

// control sends a request to a control endpoint, without a token, and returns the recorder.
func (f *fixture) control(t testing.TB, method, path, body string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(method, path, bytes.NewReader([]byte(body)))
	r.Host = "127.0.0.1:8080" // the control endpoints answer requests addressed to this machine
	if body != "" {
		r.Header.Set("Content-Type", "application/json")
	}
	rec := httptest.NewRecorder()
	f.mock.ServeHTTP(rec, r)
	assert.Less(t, rec.Code, 500, "the control endpoint answered %d to %s %s: %s", rec.Code, method, path, rec.Body.String())
	return rec
}

// ruleIDs lists the rule IDs of every violation the mock recorded, in order.
func (f *fixture) ruleIDs() [][]string {
	var out [][]string
	for _, v := range f.mock.Violations().Violations {
		out = append(out, v.RuleIDs())
	}
	return out
}
