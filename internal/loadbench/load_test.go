package loadbench_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/loadbench"
)

func TestRunStopsAtTheRequestCap(t *testing.T) {
	var served atomic.Int64
	var token atomic.Value
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		served.Add(1)
		token.Store(r.Header.Get("Authorization"))
		w.WriteHeader(http.StatusAccepted)
	}))
	defer server.Close()
	load := loadbench.Load{Concurrency: 4, Duration: time.Minute, MaxRequests: 25, Token: "t0k"}
	result, err := loadbench.Run(context.Background(), server.URL, loadbench.UpdateSoftware, load)
	require.NoError(t, err)
	assert.Equal(t, 25, result.Requests)
	assert.Equal(t, 25, result.OK)
	assert.EqualValues(t, 25, served.Load(), "the cap bounds what is sent, not only what is counted")
	assert.True(t, result.AllOK())
	assert.Equal(t, "Bearer t0k", token.Load())
	assert.Less(t, result.Elapsed, time.Minute, "the cap ended the run, not the duration")
	assert.Positive(t, result.P50)
	assert.GreaterOrEqual(t, result.P99, result.P50)
}

func TestRunStopsAtItsDuration(t *testing.T) {
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusOK) }))
	defer server.Close()
	load := loadbench.Load{Concurrency: 2, Duration: 100 * time.Millisecond, MaxRequests: 1 << 30}
	result, err := loadbench.Run(context.Background(), server.URL, loadbench.PatchWindowsUpdateState, load)
	require.NoError(t, err)
	assert.Positive(t, result.Requests)
	assert.Less(t, result.Elapsed, 10*time.Second)
}

func TestRunCountsAnswersThatAreNot2xx(t *testing.T) {
	var n atomic.Int64
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		if n.Add(1)%2 == 0 {
			w.WriteHeader(http.StatusConflict)
			return
		}
		w.WriteHeader(http.StatusAccepted)
	}))
	defer server.Close()
	load := loadbench.Load{Concurrency: 1, Duration: time.Minute, MaxRequests: 10}
	result, err := loadbench.Run(context.Background(), server.URL, loadbench.UpdateSoftware, load)
	require.NoError(t, err)
	assert.Equal(t, 10, result.Requests)
	assert.Equal(t, 5, result.OK)
	assert.False(t, result.AllOK())
	assert.Contains(t, result.FirstProblem, "answered 409")
}

func TestRunCountsRequestsNobodyAnswered(t *testing.T) {
	server := httptest.NewServer(http.NotFoundHandler())
	url := server.URL
	server.Close()
	load := loadbench.Load{Concurrency: 2, Duration: time.Minute, MaxRequests: 6}
	result, err := loadbench.Run(context.Background(), url, loadbench.UpdateSoftware, load)
	require.NoError(t, err)
	assert.Equal(t, 6, result.Failed)
	assert.Zero(t, result.Requests)
	assert.False(t, result.AllOK())
	assert.NotEmpty(t, result.FirstProblem)
}

func TestRunRejectsAnUnboundedLoad(t *testing.T) {
	for _, load := range []loadbench.Load{
		{Concurrency: 0, Duration: time.Second, MaxRequests: 1},
		{Concurrency: 1, Duration: 0, MaxRequests: 1},
		{Concurrency: 1, Duration: time.Second, MaxRequests: 0},
		{Concurrency: 1, Duration: time.Second, MaxRequests: 1, Warmup: -time.Second},
	} {
		_, err := loadbench.Run(context.Background(), "http://127.0.0.1:1", loadbench.UpdateSoftware, load)
		assert.Error(t, err, "%+v", load)
	}
}

func TestRunPollsEachLocationBelowTheVersionRoot(t *testing.T) {
	for _, root := range []string{"/beta", ""} {
		var polled atomic.Value
		server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method == http.MethodGet {
				polled.Store(r.URL.Path)
				w.WriteHeader(http.StatusOK)
				return
			}
			w.Header().Set("Location", "/teamwork/devices/d/operations/o")
			w.WriteHeader(http.StatusAccepted)
		}))
		load := loadbench.Load{Concurrency: 1, Duration: time.Minute, MaxRequests: 1}
		result, err := loadbench.Run(context.Background(), server.URL+root, loadbench.UpdateSoftware, load)
		server.Close()
		require.NoError(t, err)
		assert.True(t, result.AllOK(), result.FirstProblem)
		assert.Equal(t, root+"/teamwork/devices/d/operations/o", polled.Load(), "root %q", root)
	}
}

func TestRunRefusesALocationOnAnotherServer(t *testing.T) {
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Location", "https://graph.microsoft.com/beta/teamwork/devices/d/operations/o")
		w.WriteHeader(http.StatusAccepted)
	}))
	defer server.Close()
	load := loadbench.Load{Concurrency: 1, Duration: time.Minute, MaxRequests: 1}
	result, err := loadbench.Run(context.Background(), server.URL+"/beta", loadbench.UpdateSoftware, load)
	require.NoError(t, err)
	assert.Equal(t, 1, result.Failed)
	assert.Contains(t, result.FirstProblem, "leaves the server under load")
}

func TestRunWarmsTheServerUpUnmeasured(t *testing.T) {
	var served atomic.Int64
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		served.Add(1)
		w.WriteHeader(http.StatusOK)
	}))
	defer server.Close()
	load := loadbench.Load{Concurrency: 1, Duration: time.Minute, Warmup: 50 * time.Millisecond, MaxRequests: 5}
	result, err := loadbench.Run(context.Background(), server.URL, loadbench.PatchWindowsUpdateState, load)
	require.NoError(t, err)
	assert.Equal(t, 5, result.Requests, "the warm-up is not counted")
	assert.Greater(t, served.Load(), int64(5), "the server was loaded before the measure")
}

func TestRunLetsTheRequestUnderWayAtItsEndFinishWithItsPoll(t *testing.T) {
	var polls atomic.Int64
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet {
			polls.Add(1)
			w.WriteHeader(http.StatusOK)
			return
		}
		time.Sleep(200 * time.Millisecond) // a slow server: the run ends while it answers
		w.Header().Set("Location", "/teamwork/devices/d/operations/o")
		w.WriteHeader(http.StatusAccepted)
	}))
	defer server.Close()
	load := loadbench.Load{Concurrency: 1, Duration: 50 * time.Millisecond, MaxRequests: 100}
	result, err := loadbench.Run(context.Background(), server.URL, loadbench.UpdateSoftware, load)
	require.NoError(t, err)
	assert.Equal(t, 1, result.Requests, "the update under way was answered and counted")
	assert.True(t, result.AllOK(), result.FirstProblem)
	assert.EqualValues(t, 1, polls.Load(), "and its Location polled: the next run does not start with an unpolled update")
}
