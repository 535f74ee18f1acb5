package mockgraph_test

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/mockgraph"
)

const graphTime = "2006-01-02T15:04:05.0000000Z07:00"

func at(d time.Duration) string { return start.Add(d).UTC().Format(graphTime) }

func anonymousApplication() map[string]any {
	return map[string]any{"application": map[string]any{"id": "00000000-0000-0000-0000-000000000000", "displayName": "graphconform mock client"}}
}

func TestOperationMovesQueuedInProgressSucceededWithTheClock(t *testing.T) {
	f := newFixture(t, mockgraph.Timeline{})
	opID := f.startUpdate(t, docsDevice)
	context := "http://example.com/beta/$metadata#teamwork/devices('" + docsDevice + "')/operations/$entity"

	steps := []struct {
		name           string
		advance        time.Duration
		wantRetryAfter string
		want           map[string]any
	}{
		{
			name: "queued right after the POST: Retry-After is the 2s until inProgress", advance: 0, wantRetryAfter: "2",
			want: map[string]any{
				"@odata.context": context, "id": opID, "status": "queued", "operationType": "softwareUpdate",
				"startedDateTime": nil, "completedDateTime": nil, "createdDateTime": at(0), "lastActionDateTime": at(0),
				"createdBy": anonymousApplication(), "lastActionBy": anonymousApplication(), "error": nil,
			},
		},
		{
			name: "still queued just before 2s: Retry-After rounds 1ns up to 1", advance: 2*time.Second - time.Nanosecond, wantRetryAfter: "1",
			want: map[string]any{
				"@odata.context": context, "id": opID, "status": "queued", "operationType": "softwareUpdate",
				"startedDateTime": nil, "completedDateTime": nil, "createdDateTime": at(0), "lastActionDateTime": at(0),
				"createdBy": anonymousApplication(), "lastActionBy": anonymousApplication(), "error": nil,
			},
		},
		{
			name: "inProgress from 2s: Retry-After is the 3s until it ends", advance: time.Nanosecond, wantRetryAfter: "3",
			want: map[string]any{
				"@odata.context": context, "id": opID, "status": "inProgress", "operationType": "softwareUpdate",
				"startedDateTime": at(2 * time.Second), "completedDateTime": nil, "createdDateTime": at(0), "lastActionDateTime": at(2 * time.Second),
				"createdBy": anonymousApplication(), "lastActionBy": anonymousApplication(), "error": nil,
			},
		},
		{
			name: "succeeded from 5s", advance: 3 * time.Second, wantRetryAfter: "",
			want: map[string]any{
				"@odata.context": context, "id": opID, "status": "succeeded", "operationType": "softwareUpdate",
				"startedDateTime": at(2 * time.Second), "completedDateTime": at(5 * time.Second), "createdDateTime": at(0), "lastActionDateTime": at(5 * time.Second),
				"createdBy": anonymousApplication(), "lastActionBy": anonymousApplication(), "error": nil,
			},
		},
		{
			name: "succeeded for good", advance: time.Hour, wantRetryAfter: "",
			want: map[string]any{
				"@odata.context": context, "id": opID, "status": "succeeded", "operationType": "softwareUpdate",
				"startedDateTime": at(2 * time.Second), "completedDateTime": at(5 * time.Second), "createdDateTime": at(0), "lastActionDateTime": at(5 * time.Second),
				"createdBy": anonymousApplication(), "lastActionBy": anonymousApplication(), "error": nil,
			},
		},
	}
	for _, step := range steps {
		f.clock.Advance(step.advance)
		rec := f.send(t, request{method: http.MethodGet, path: operationPath(docsDevice, opID)})
		require.Equal(t, http.StatusOK, rec.Code, "%s: %s", step.name, rec.Body.String())
		assert.Equal(t, mockgraph.ContentTypeJSON, rec.Header().Get("Content-Type"), step.name)
		assert.Equal(t, step.wantRetryAfter, rec.Header().Get("Retry-After"), "%s: Retry-After", step.name)
		assert.True(t, strings.HasPrefix(rec.Body.String(), `{"@odata.context":`), "%s: @odata.context comes first", step.name)
		if diff := cmp.Diff(step.want, decodeObject(t, rec)); diff != "" {
			t.Errorf("%s: operation (-want +got):\n%s", step.name, diff)
		}
	}
}

func TestConflictWhileQueuedOrInProgressClearsWhenTerminal(t *testing.T) {
	f := newFixture(t, mockgraph.Timeline{})
	first := f.startUpdate(t, docsDevice)

	rec := f.send(t, request{method: http.MethodPost, path: updateSoftwarePath(docsDevice), body: softwareBody})
	body := decodeError(t, rec, http.StatusConflict, mockgraph.CodeConflict)
	assert.Contains(t, body.Error.Message, first, "the 409 names the running operation")
	assert.Contains(t, body.Error.Message, "queued")

	f.clock.Advance(2 * time.Second)
	rec = f.send(t, request{method: http.MethodPost, path: updateSoftwarePath(docsDevice), body: softwareBody})
	body = decodeError(t, rec, http.StatusConflict, mockgraph.CodeConflict)
	assert.Contains(t, body.Error.Message, "inProgress")

	// Another device is never blocked by this one.
	f.startUpdate(t, otherDevice)

	f.clock.Advance(3 * time.Second)
	second := f.startUpdate(t, docsDevice)
	assert.NotEqual(t, first, second)

	rec = f.send(t, request{method: http.MethodGet, path: operationPath(docsDevice, first)})
	require.Equal(t, http.StatusOK, rec.Code)
	assert.Equal(t, "succeeded", decodeObject(t, rec)["status"], "the first operation stays succeeded")
	rec = f.send(t, request{method: http.MethodGet, path: operationPath(docsDevice, second)})
	require.Equal(t, http.StatusOK, rec.Code)
	assert.Equal(t, "queued", decodeObject(t, rec)["status"])
}

func TestFailedOutcomeSetsTheOperationError(t *testing.T) {
	f := newFixture(t, mockgraph.Timeline{Queued: time.Second, Running: time.Second, Outcome: "failed"})
	opID := f.startUpdate(t, docsDevice)
	f.clock.Advance(2 * time.Second)

	rec := f.send(t, request{method: http.MethodGet, path: operationPath(docsDevice, opID)})
	require.Equal(t, http.StatusOK, rec.Code)
	assert.Empty(t, rec.Header().Get("Retry-After"))
	got := decodeObject(t, rec)
	assert.Equal(t, "failed", got["status"])
	want := map[string]any{
		"code":    "SoftwareUpdateFailed",
		"message": "The device could not install the teamsClient 1.0.96.22 update (the mock's timeline ends in failure).",
	}
	if diff := cmp.Diff(want, got["error"]); diff != "" {
		t.Errorf("error (-want +got):\n%s", diff)
	}
	// A failed operation is terminal: the device accepts a new update.
	f.startUpdate(t, docsDevice)
}

func TestZeroLengthTimelineSucceedsAtOnce(t *testing.T) {
	f := newFixture(t, mockgraph.Timeline{Outcome: "succeeded"})
	opID := f.startUpdate(t, docsDevice)
	rec := f.send(t, request{method: http.MethodGet, path: operationPath(docsDevice, opID)})
	require.Equal(t, http.StatusOK, rec.Code)
	assert.Equal(t, "succeeded", decodeObject(t, rec)["status"])
	f.startUpdate(t, docsDevice)
}

func TestOperationIsReadableBelowTheLocationCaseInsensitively(t *testing.T) {
	f := newFixture(t, mockgraph.Timeline{})
	opID := f.startUpdate(t, docsDevice)
	rec := f.send(t, request{method: http.MethodGet, path: operationPath(strings.ToUpper(docsDevice), strings.ToUpper(opID))})
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	assert.Equal(t, opID, decodeObject(t, rec)["id"])
}

func TestCreatedByNamesTheCallerOfTheToken(t *testing.T) {
	tests := []struct {
		name  string
		token string
		want  map[string]any
	}{
		{
			name:  "a delegated token names the user",
			token: jwt(t, map[string]any{"oid": adeleID, "name": "Adele Vance", "scp": "TeamworkDevice.ReadWrite.All"}),
			want:  map[string]any{"user": map[string]any{"id": adeleID, "displayName": "Adele Vance"}},
		},
		{
			name:  "an app-only token names the application",
			token: jwt(t, map[string]any{"oid": "11111111-2222-4333-8444-555555555555", "appid": "a6b63365-31a4-4f43-92ec-710b71557af9", "app_displayname": "Fleet updater", "roles": []string{"TeamworkDevice.ReadWrite.All"}}),
			want:  map[string]any{"application": map[string]any{"id": "a6b63365-31a4-4f43-92ec-710b71557af9", "displayName": "Fleet updater"}},
		},
		{
			name:  "a JWT with mistyped identity claims is an anonymous application",
			token: jwt(t, map[string]any{"oid": 42, "name": true, "scp": "TeamworkDevice.ReadWrite.All"}),
			want:  anonymousApplication(),
		},
		{
			name:  "an opaque token is an anonymous application",
			token: "opaque.token",
			want:  anonymousApplication(),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, mockgraph.Timeline{})
			rec := f.send(t, request{method: http.MethodPost, path: updateSoftwarePath(docsDevice), body: softwareBody,
				header: map[string]string{"Authorization": "Bearer " + tt.token}})
			require.Equal(t, http.StatusAccepted, rec.Code, rec.Body.String())
			opID := rec.Header().Get("Location")[len("/teamwork/devices/"+docsDevice+"/operations/"):]
			rec = f.send(t, request{method: http.MethodGet, path: operationPath(docsDevice, opID)})
			got := decodeObject(t, rec)
			if diff := cmp.Diff(tt.want, got["createdBy"]); diff != "" {
				t.Errorf("createdBy (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.want, got["lastActionBy"]); diff != "" {
				t.Errorf("lastActionBy (-want +got):\n%s", diff)
			}
		})
	}
}

// jwt builds an unsigned JWT with claims: the mock reads tokens, it does not verify them.
func jwt(t *testing.T, claims map[string]any) string {
	t.Helper()
	payload, err := json.Marshal(claims)
	require.NoError(t, err)
	enc := base64.RawURLEncoding.EncodeToString
	return enc([]byte(`{"alg":"none","typ":"JWT"}`)) + "." + enc(payload) + ".sig"
}

func TestConcurrentUpdatesOfOneIdleDeviceGetExactlyOne202(t *testing.T) {
	f := newFixture(t, mockgraph.Timeline{})
	const clients = 50
	statuses := make(chan int, clients)
	var ready, wg sync.WaitGroup
	gate := make(chan struct{})
	ready.Add(clients)
	wg.Add(clients)
	for range clients {
		go func() {
			defer wg.Done()
			ready.Done()
			<-gate
			rec := f.send(t, request{method: http.MethodPost, path: updateSoftwarePath(docsDevice), body: softwareBody})
			statuses <- rec.Code
		}()
	}
	ready.Wait()
	close(gate)
	wg.Wait()
	close(statuses)

	counts := map[int]int{}
	for status := range statuses {
		counts[status]++
	}
	if diff := cmp.Diff(map[int]int{http.StatusAccepted: 1, http.StatusConflict: clients - 1}, counts); diff != "" {
		t.Errorf("statuses (-want +got):\n%s", diff)
	}
}

func TestConcurrentUpdatesOfDifferentDevicesAllSucceed(t *testing.T) {
	f := newFixture(t, mockgraph.Timeline{})
	devices := mockgraph.DefaultSeed().TeamworkDevices
	var wg sync.WaitGroup
	statuses := make([]int, len(devices))
	for i, device := range devices {
		wg.Add(1)
		go func() {
			defer wg.Done()
			statuses[i] = f.send(t, request{method: http.MethodPost, path: updateSoftwarePath(device), body: softwareBody}).Code
		}()
	}
	wg.Wait()
	for i, status := range statuses {
		assert.Equal(t, http.StatusAccepted, status, devices[i])
	}
}
