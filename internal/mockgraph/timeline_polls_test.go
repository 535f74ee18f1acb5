package mockgraph_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/mockgraph"
)

func TestATimelineOfPollsMovesAnOperationByItsGETsNotByTheClock(t *testing.T) {
	f := newFixture(t, mockgraph.Timeline{QueuedPolls: 2, RunningPolls: 1})
	opID := f.startUpdate(t, docsDevice)

	steps := []struct {
		name           string
		advance        time.Duration
		wantStatus     string
		wantRetryAfter string
		wantStarted    any
		wantCompleted  any
	}{
		{"the first GET, an hour later: still queued", time.Hour, "queued", "1", nil, nil},
		{"the second GET: queued", 0, "queued", "1", nil, nil},
		{"the third GET: inProgress, started now", time.Second, "inProgress", "1", at(time.Hour + time.Second), nil},
		{"the fourth GET: succeeded, ended now", time.Second, "succeeded", "", at(time.Hour + time.Second), at(time.Hour + 2*time.Second)},
		{"later GETs: succeeded for good, the same times", time.Minute, "succeeded", "", at(time.Hour + time.Second), at(time.Hour + 2*time.Second)},
	}
	for _, step := range steps {
		f.clock.Advance(step.advance)
		if step.wantStatus != "succeeded" {
			conflict := f.send(t, request{method: http.MethodPost, path: updateSoftwarePath(docsDevice), body: softwareBody})
			assert.Equal(t, http.StatusConflict, conflict.Code, "%s: a second update is a 409 until the operation ends", step.name)
		}
		rec := f.send(t, request{method: http.MethodGet, path: operationPath(docsDevice, opID)})
		require.Equal(t, http.StatusOK, rec.Code, "%s: %s", step.name, rec.Body.String())
		got := decodeObject(t, rec)
		assert.Equal(t, step.wantStatus, got["status"], step.name)
		assert.Equal(t, step.wantRetryAfter, rec.Header().Get("Retry-After"), "%s: Retry-After", step.name)
		assert.Equal(t, step.wantStarted, got["startedDateTime"], "%s: startedDateTime", step.name)
		assert.Equal(t, step.wantCompleted, got["completedDateTime"], "%s: completedDateTime", step.name)
	}
	assert.Equal(t, http.StatusAccepted, f.send(t, request{method: http.MethodPost, path: updateSoftwarePath(docsDevice), body: softwareBody}).Code,
		"once the operation has ended, the device takes a new update")
}

func TestATimelineOfPollsListsAnUnpolledOperationAsQueued(t *testing.T) {
	f := newFixture(t, mockgraph.Timeline{RunningPolls: 1})
	opID := f.startUpdate(t, docsDevice)
	f.clock.Advance(time.Hour)
	list := decodeObject(t, f.send(t, request{method: http.MethodGet, path: listPath(docsDevice, "")}))
	ops, _ := list["value"].([]any)
	require.Len(t, ops, 1)
	assert.Equal(t, "queued", ops[0].(map[string]any)["status"], "listing is not polling")

	got := decodeObject(t, f.send(t, request{method: http.MethodGet, path: operationPath(docsDevice, opID)}))
	assert.Equal(t, "inProgress", got["status"], "with no queued polls, the first GET finds it running")
}

func TestATimelineOfPollsOutOfRangeIsRefused(t *testing.T) {
	for _, tl := range []mockgraph.Timeline{{QueuedPolls: -1}, {RunningPolls: -1}, {QueuedPolls: mockgraph.MaxPolls + 1}} {
		_, err := mockgraph.New(mockgraph.Options{Seed: mockgraph.DefaultSeed(), Validator: newValidator(t), Timeline: tl})
		require.Error(t, err, "%+v", tl)
		assert.Contains(t, err.Error(), "timeline polls must be between 0 and 1000")
	}
}
