package loadbench_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/loadbench"
	"github.com/graphconform/graphconform/internal/mockgraph"
)

func serveBare(method, path, body string) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	loadbench.BareHandler().ServeHTTP(rec, httptest.NewRequest(method, loadbench.VersionRoot+path, strings.NewReader(body)))
	return rec
}

func TestBarePatchEchoesTheMergedState(t *testing.T) {
	op := loadbench.PatchWindowsUpdateState
	rec := serveBare(op.Method, op.PathFor(0), string(op.Body))
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	var got map[string]any
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &got))
	assert.Equal(t, "pendingReboot", got["status"], "the patched property")
	assert.Equal(t, "2026-11-22T08:15:00.5+01:00", got["lastScanDateTime"])
	assert.Equal(t, "3d92af00-af00-3d92-00af-923d00af923d", got["id"], "the untouched properties stay")
	again := serveBare(op.Method, op.PathFor(0), `{"status":"failed"}`)
	require.NoError(t, json.Unmarshal(again.Body.Bytes(), &got))
	assert.Equal(t, "failed", got["status"])
	assert.Equal(t, "2024-04-09T07:15:42.1234567Z", got["lastScanDateTime"], "one request's patch does not leak into the next")
}

func TestBareUpdateSoftwareAnswers202WithALocation(t *testing.T) {
	op := loadbench.UpdateSoftware
	rec := serveBare(op.Method, op.PathFor(0), string(op.Body))
	require.Equal(t, http.StatusAccepted, rec.Code)
	assert.Regexp(t, `^/teamwork/devices/00000000-0000-4000-8000-000000000001/operations/[0-9a-f-]{36}$`, rec.Header().Get("Location"))
	assert.Empty(t, rec.Body.String())
}

func TestBareRejectsWhatIsNotAJSONObject(t *testing.T) {
	for _, op := range loadbench.Operations {
		for _, body := range []string{"", "{", "null"} {
			assert.Equal(t, http.StatusBadRequest, serveBare(op.Method, op.PathFor(0), body).Code, "%s %q", op.Name, body)
		}
	}
	assert.Equal(t, http.StatusNotFound, serveBare(http.MethodPost, "/elsewhere", "{}").Code)
}

func TestBareAnswersCarryGraphsRequestIDs(t *testing.T) {
	for _, op := range loadbench.Operations {
		rec := serveBare(op.Method, op.PathFor(0), string(op.Body))
		assert.Regexp(t, `^[0-9a-f-]{36}$`, rec.Header().Get("request-id"), op.Name)
		assert.Equal(t, rec.Header().Get("request-id"), rec.Header().Get("client-request-id"), "without one sent, the request-id stands in")
	}
	req := httptest.NewRequest(loadbench.UpdateSoftware.Method, loadbench.VersionRoot+loadbench.UpdateSoftware.PathFor(0), strings.NewReader(string(loadbench.UpdateSoftware.Body)))
	req.Header.Set("client-request-id", "mine")
	rec := httptest.NewRecorder()
	loadbench.BareHandler().ServeHTTP(rec, req)
	assert.Equal(t, "mine", rec.Header().Get("client-request-id"), "the client's is echoed")
}

func TestTheForwarderPassesTheBareServersAnswersOn(t *testing.T) {
	bare, err := loadbench.StartBare("127.0.0.1:0")
	require.NoError(t, err)
	defer func() { assert.NoError(t, bare.Stop(time.Second)) }()
	upstream, err := url.Parse(bare.URL)
	require.NoError(t, err)
	forwarder, err := loadbench.StartForwarder("127.0.0.1:0", upstream, http.DefaultTransport, nil)
	require.NoError(t, err)
	defer func() { assert.NoError(t, forwarder.Stop(time.Second)) }()
	load := loadbench.Load{Concurrency: 1, Duration: time.Minute, MaxRequests: 3}
	for _, op := range loadbench.Operations {
		result, err := loadbench.Run(context.Background(), forwarder.URL+loadbench.VersionRoot, op, load)
		require.NoError(t, err)
		assert.Equal(t, 3, result.OK, "%s: %s", op.Name, result.FirstProblem)
	}
}

// bodyRecorder is a transport that answers 204 and records whether each request's body came in
// memory (GetBody set) and what it was.
type bodyRecorder struct {
	mu     sync.Mutex
	bodies []string
}

func (b *bodyRecorder) RoundTrip(req *http.Request) (*http.Response, error) {
	body, err := io.ReadAll(req.Body)
	if err != nil {
		return nil, err
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.bodies = append(b.bodies, fmt.Sprintf("in memory %t: %s", req.GetBody != nil, body))
	return &http.Response{StatusCode: http.StatusNoContent, Body: http.NoBody, Header: http.Header{}, Request: req}, nil
}

func TestTheForwarderForwardsABodyFromMemoryAsProxyDoes(t *testing.T) {
	recorder := &bodyRecorder{}
	upstream, err := url.Parse("http://127.0.0.1:1")
	require.NoError(t, err)
	forwarder, err := loadbench.StartForwarder("127.0.0.1:0", upstream, recorder, nil)
	require.NoError(t, err)
	defer func() { assert.NoError(t, forwarder.Stop(time.Second)) }()
	op := loadbench.PatchWindowsUpdateState
	result, err := loadbench.Run(context.Background(), forwarder.URL+loadbench.VersionRoot, op, loadbench.Load{Concurrency: 1, Duration: time.Minute, MaxRequests: 2})
	require.NoError(t, err)
	assert.Equal(t, 2, result.OK, result.FirstProblem)
	recorder.mu.Lock()
	defer recorder.mu.Unlock()
	want := "in memory true: " + string(op.Body)
	assert.Equal(t, []string{want, want}, recorder.bodies)
}

func TestEachWorkerUpdatesADeviceOfItsOwnThatServeDevicesAdds(t *testing.T) {
	op := loadbench.UpdateSoftware
	seen := map[string]bool{}
	for worker := range 8 {
		path := op.PathFor(worker)
		assert.Equal(t, "/teamwork/devices/"+mockgraph.SyntheticDevice(worker+1)+"/updateSoftware", path)
		seen[path] = true
	}
	assert.Len(t, seen, 8, "no two workers share a device")
	assert.Equal(t, loadbench.PatchWindowsUpdateState.Path, loadbench.PatchWindowsUpdateState.PathFor(3), "the PATCH names one state for every worker")
}
