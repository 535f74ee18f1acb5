package mockgraph_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/mockgraph"
)

// quickTimeline ends each operation one second after it starts.
var quickTimeline = mockgraph.Timeline{Queued: 500 * time.Millisecond, Running: 500 * time.Millisecond}

// listedIDs lists the ids of the first page of a device's operations, newest first.
func listedIDs(t *testing.T, f *fixture, device string) []string {
	t.Helper()
	rec := f.send(t, request{method: http.MethodGet, path: listPath(device, "")})
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	var ids []string
	for _, v := range decodeObject(t, rec)["value"].([]any) {
		ids = append(ids, v.(map[string]any)["id"].(string))
	}
	return ids
}

func TestHistoryForgetsTheOldestEndedOperationsOfADevice(t *testing.T) {
	f := newFixtureWith(t, func(o *mockgraph.Options) {
		o.Timeline = quickTimeline
		o.History = mockgraph.History{PerDevice: 3}
	})
	var started []string
	for range 5 {
		started = append(started, f.startUpdate(t, docsDevice))
		f.clock.Advance(2 * time.Second)
	}
	assert.Equal(t, []string{started[4], started[3], started[2]}, listedIDs(t, f, docsDevice))
	rec := f.send(t, request{method: http.MethodGet, path: operationPath(docsDevice, started[0])})
	decodeError(t, rec, http.StatusNotFound, mockgraph.CodeNotFound)
	rec = f.send(t, request{method: http.MethodGet, path: operationPath(docsDevice, started[2])})
	assert.Equal(t, http.StatusOK, rec.Code)
}

func TestHistoryTotalForgetsTheOldestAcrossDevices(t *testing.T) {
	f := newFixtureWith(t, func(o *mockgraph.Options) {
		o.Timeline = quickTimeline
		o.History = mockgraph.History{Total: 2}
	})
	first := f.startUpdate(t, docsDevice)
	f.clock.Advance(2 * time.Second)
	second := f.startUpdate(t, otherDevice)
	f.clock.Advance(2 * time.Second)
	third := f.startUpdate(t, docsDevice)

	assert.Equal(t, []string{third}, listedIDs(t, f, docsDevice), "the oldest ended operation, %s, is forgotten", first)
	assert.Equal(t, []string{second}, listedIDs(t, f, otherDevice))
}

func TestHistoryNeverForgetsARunningOperation(t *testing.T) {
	f := newFixtureWith(t, func(o *mockgraph.Options) {
		o.Timeline = quickTimeline
		o.History = mockgraph.History{Total: 1}
	})
	running := f.startUpdate(t, docsDevice) // still queued: the total is exceeded by the next one
	other := f.startUpdate(t, otherDevice)

	assert.Equal(t, []string{running}, listedIDs(t, f, docsDevice), "a queued operation is kept past the total")
	assert.Equal(t, []string{other}, listedIDs(t, f, otherDevice))
	rec := f.send(t, request{method: http.MethodPost, path: updateSoftwarePath(docsDevice), body: softwareBody})
	decodeError(t, rec, http.StatusConflict, mockgraph.CodeConflict)

	f.clock.Advance(2 * time.Second)
	third := f.startUpdate(t, docsDevice)
	assert.Equal(t, []string{third}, listedIDs(t, f, docsDevice))
	assert.Empty(t, listedIDs(t, f, otherDevice), "once ended, the oldest operations are forgotten first")
}

func TestHistoryRejectsNegativeLimits(t *testing.T) {
	_, err := mockgraph.New(mockgraph.Options{Validator: newValidator(t), History: mockgraph.History{PerDevice: -1}})
	require.ErrorContains(t, err, "must not be negative")
}

func TestStateShowsTheNewestOperationsOfEachDevice(t *testing.T) {
	f := newFixture(t, quickTimeline)
	var last string
	for range mockgraph.MaxStateOperations + 10 {
		last = f.startUpdate(t, docsDevice)
		f.clock.Advance(2 * time.Second)
	}
	rec := f.control(t, http.MethodGet, "/_graphconform/state", "")
	require.Equal(t, http.StatusOK, rec.Code)
	for _, d := range decodeObject(t, rec)["teamworkDevices"].([]any) {
		dev := d.(map[string]any)
		if dev["id"] != docsDevice {
			continue
		}
		ops := dev["operations"].([]any)
		assert.Len(t, ops, mockgraph.MaxStateOperations)
		assert.EqualValues(t, mockgraph.MaxStateOperations+10, dev["operationCount"])
		assert.Equal(t, last, ops[len(ops)-1].(map[string]any)["id"])
		return
	}
	t.Fatalf("no device %s in the state", docsDevice)
}
