package mockgraph_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/mockgraph"
)

func TestNewRejects(t *testing.T) {
	v := newValidator(t)
	badStatus := mockgraph.Seed{DeviceConfigurations: []mockgraph.DeviceConfiguration{{ID: "c1", WindowsUpdateStates: []map[string]any{{"id": "s1", "status": "sideways"}}}}}
	tests := []struct {
		name string
		opts mockgraph.Options
		want string
	}{
		{"a missing validator", mockgraph.Options{Seed: mockgraph.DefaultSeed()}, "Validator is nil"},
		{"an outcome that is not terminal", mockgraph.Options{Validator: v, Timeline: mockgraph.Timeline{Queued: time.Second, Outcome: "queued"}}, `"queued"`},
		{"a negative duration", mockgraph.Options{Validator: v, Timeline: mockgraph.Timeline{Running: -time.Second}}, "negative"},
		{"a seed with a duplicate device", mockgraph.Options{Validator: v, Seed: mockgraph.Seed{TeamworkDevices: []string{"d", "d"}}}, "listed twice"},
		{"a seeded state the description rejects", mockgraph.Options{Validator: v, Seed: badStatus}, "windowsUpdateState schema"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := mockgraph.New(tt.opts)
			require.Error(t, err)
			assert.Nil(t, m)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

func TestNewDefaultsClockAndTimeline(t *testing.T) {
	v := newValidator(t)
	m, err := mockgraph.New(mockgraph.Options{Seed: mockgraph.DefaultSeed(), Validator: v})
	require.NoError(t, err)
	f := &fixture{mock: m, validator: v}
	opID := f.startUpdate(t, docsDevice)
	rec := f.send(t, request{method: http.MethodGet, path: operationPath(docsDevice, opID)})
	require.Equal(t, http.StatusOK, rec.Code)
	got := decodeObject(t, rec)
	assert.Equal(t, "queued", got["status"], "the default timeline queues for 2s")
	created, err := time.Parse(time.RFC3339Nano, got["createdDateTime"].(string))
	require.NoError(t, err)
	assert.WithinDuration(t, time.Now(), created, time.Minute, "the system clock is the default")
	assert.Equal(t, mockgraph.Timeline{Queued: 2 * time.Second, Running: 3 * time.Second, Outcome: "succeeded"}, mockgraph.DefaultTimeline())
}

func TestZeroSeedIsAnEmptyWorld(t *testing.T) {
	v := newValidator(t)
	m, err := mockgraph.New(mockgraph.Options{Validator: v, Clock: mockgraph.NewFakeClock(start)})
	require.NoError(t, err)
	f := &fixture{mock: m, validator: v}
	rec := f.send(t, request{method: http.MethodPost, path: updateSoftwarePath(docsDevice), body: softwareBody})
	decodeError(t, rec, http.StatusNotFound, mockgraph.CodeNotFound)
}

func TestMockDoesNotShareStateWithItsSeed(t *testing.T) {
	v := newValidator(t)
	seed := mockgraph.DefaultSeed()
	first, err := mockgraph.New(mockgraph.Options{Seed: seed, Validator: v, Clock: mockgraph.NewFakeClock(start)})
	require.NoError(t, err)
	second, err := mockgraph.New(mockgraph.Options{Seed: seed, Validator: v, Clock: mockgraph.NewFakeClock(start)})
	require.NoError(t, err)

	f1 := &fixture{mock: first, validator: v}
	f2 := &fixture{mock: second, validator: v}
	rec := f1.send(t, request{method: http.MethodPatch, path: statePath(configA, docsState), body: `{"status":"failed"}`})
	require.Equal(t, http.StatusOK, rec.Code)

	assert.Equal(t, "upToDate", seed.DeviceConfigurations[0].WindowsUpdateStates[0]["status"], "the seed is untouched")
	got := decodeObject(t, f2.send(t, request{method: http.MethodGet, path: statePath(configA, docsState)}))
	assert.Equal(t, "upToDate", got["status"], "another mock of the same seed is untouched")
}

func TestFakeClockAdvancesOnlyWhenTold(t *testing.T) {
	c := mockgraph.NewFakeClock(start)
	assert.Equal(t, start, c.Now())
	assert.Equal(t, start, c.Now())
	c.Advance(90 * time.Second)
	assert.Equal(t, start.Add(90*time.Second), c.Now())
	c.Advance(-30 * time.Second)
	assert.Equal(t, start.Add(60*time.Second), c.Now())
}

func TestFakeClockIsSafeForConcurrentUse(t *testing.T) {
	c := mockgraph.NewFakeClock(start)
	done := make(chan struct{})
	for range 10 {
		go func() {
			defer func() { done <- struct{}{} }()
			for range 100 {
				c.Advance(time.Millisecond)
				_ = c.Now()
			}
		}()
	}
	for range 10 {
		<-done
	}
	assert.Equal(t, start.Add(time.Second), c.Now())
}

func TestSystemClockTellsTheRealTime(t *testing.T) {
	assert.WithinDuration(t, time.Now(), mockgraph.SystemClock{}.Now(), time.Second)
}
