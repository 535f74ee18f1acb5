package loadbench_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/loadbench"
)

// findWrk is wrk, which make deps installs where it can; the test is skipped without it.
func findWrk(t *testing.T) loadbench.Wrk {
	t.Helper()
	wrk, err := loadbench.FindWrk()
	if err != nil {
		t.Skipf("%v (make deps installs it with apt-get)", err)
	}
	t.Parallel() // each wrk run lasts whole seconds
	return wrk
}

// wrkLoad is a short load whose cap, not its duration, ends it.
func wrkLoad(concurrency, maxRequests int) loadbench.Load {
	return loadbench.Load{Concurrency: concurrency, Duration: 900 * time.Millisecond, MaxRequests: maxRequests}
}

func TestWrkStopsAtTheRequestCapAndSendsTheToken(t *testing.T) {
	wrk := findWrk(t)
	var served atomic.Int64
	var token atomic.Value
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		served.Add(1)
		token.Store(r.Header.Get("Authorization"))
		w.WriteHeader(http.StatusAccepted)
	}))
	defer server.Close()
	load := wrkLoad(4, 25)
	load.Token = "t0k"
	result, err := wrk.Run(context.Background(), server.URL, loadbench.UpdateSoftware, load)
	require.NoError(t, err)
	assert.Equal(t, 25, result.Requests)
	assert.Equal(t, 25, result.OK)
	assert.EqualValues(t, 25, served.Load(), "the cap bounds what is sent, not only what is counted")
	assert.True(t, result.AllOK(), result.FirstProblem)
	assert.Equal(t, "Bearer t0k", token.Load())
	assert.Less(t, result.Elapsed, 900*time.Millisecond, "measured to the last iteration, not to wrk's whole seconds")
	assert.Positive(t, result.P50)
	assert.GreaterOrEqual(t, result.P99, result.P50)
}

func TestWrkSendsTheOperationsBodyToEachWorkersDevice(t *testing.T) {
	wrk := findWrk(t)
	var mu sync.Mutex
	paths, bodies := map[string]int{}, map[string]int{}
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body := make([]byte, 256)
		n, _ := r.Body.Read(body)
		mu.Lock()
		paths[r.Method+" "+r.URL.Path]++
		bodies[r.Header.Get("Content-Type")+" "+string(body[:n])]++
		mu.Unlock()
		w.WriteHeader(http.StatusAccepted)
	}))
	defer server.Close()
	result, err := wrk.Run(context.Background(), server.URL+"/beta", loadbench.UpdateSoftware, wrkLoad(2, 4))
	require.NoError(t, err)
	assert.True(t, result.AllOK(), result.FirstProblem)
	assert.Equal(t, map[string]int{
		"POST " + "/beta" + loadbench.UpdateSoftware.PathFor(0): 2,
		"POST " + "/beta" + loadbench.UpdateSoftware.PathFor(1): 2,
	}, paths)
	assert.Equal(t, map[string]int{"application/json " + string(loadbench.UpdateSoftware.Body): 4}, bodies)
}

func TestWrkCountsAnswersThatAreNot2xx(t *testing.T) {
	wrk := findWrk(t)
	var n atomic.Int64
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		if n.Add(1)%2 == 0 {
			w.WriteHeader(http.StatusConflict)
			return
		}
		w.WriteHeader(http.StatusAccepted)
	}))
	defer server.Close()
	result, err := wrk.Run(context.Background(), server.URL, loadbench.UpdateSoftware, wrkLoad(1, 10))
	require.NoError(t, err)
	assert.Equal(t, 10, result.Requests)
	assert.Equal(t, 5, result.OK)
	assert.False(t, result.AllOK())
	assert.Contains(t, result.FirstProblem, "answered 409")
}

func TestWrkReportsAServerItCannotReach(t *testing.T) {
	wrk := findWrk(t)
	server := httptest.NewServer(http.NotFoundHandler())
	url := server.URL
	server.Close()
	_, err := wrk.Run(context.Background(), url, loadbench.UpdateSoftware, wrkLoad(2, 6))
	assert.ErrorContains(t, err, "wrk failed")
}

func TestWrkPollsEachLocationBelowTheVersionRoot(t *testing.T) {
	wrk := findWrk(t)
	for _, location := range []string{"/teamwork/devices/d/operations/o", "/beta/teamwork/devices/d/operations/o"} {
		for _, root := range []string{"/beta", ""} {
			var polled atomic.Value
			var updates, polls atomic.Int64
			server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.Method == http.MethodGet {
					polls.Add(1)
					polled.Store(r.URL.Path + " " + r.Header.Get("Authorization"))
					w.WriteHeader(http.StatusOK)
					return
				}
				updates.Add(1)
				w.Header().Set("Location", location)
				w.WriteHeader(http.StatusAccepted)
			}))
			load := wrkLoad(1, 3)
			load.Token = "t0k"
			result, err := wrk.Run(context.Background(), server.URL+root, loadbench.UpdateSoftware, load)
			server.Close()
			require.NoError(t, err)
			assert.True(t, result.AllOK(), result.FirstProblem)
			assert.Equal(t, 3, result.Requests, "an update and its poll are one iteration")
			assert.EqualValues(t, 3, updates.Load())
			assert.EqualValues(t, 3, polls.Load(), "each update polled once before the next")
			want := root + "/teamwork/devices/d/operations/o Bearer t0k"
			if location[:5] == "/beta" && root == "" {
				want = location + " Bearer t0k"
			}
			assert.Equal(t, want, polled.Load(), "root %q, Location %q", root, location)
		}
	}
}

func TestWrkPollsAnAbsoluteLocationOnTheSameServer(t *testing.T) {
	wrk := findWrk(t)
	var polled atomic.Value
	var server *httptest.Server
	server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet {
			polled.Store(r.URL.Path)
			w.WriteHeader(http.StatusOK)
			return
		}
		w.Header().Set("Location", server.URL+"/beta/teamwork/devices/d/operations/o")
		w.WriteHeader(http.StatusAccepted)
	}))
	defer server.Close()
	result, err := wrk.Run(context.Background(), server.URL+"/beta", loadbench.UpdateSoftware, wrkLoad(1, 1))
	require.NoError(t, err)
	assert.True(t, result.AllOK(), result.FirstProblem)
	assert.Equal(t, "/beta/teamwork/devices/d/operations/o", polled.Load())
}

func TestWrkRefusesALocationOnAnotherServer(t *testing.T) {
	wrk := findWrk(t)
	var polls atomic.Int64
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet {
			polls.Add(1)
		}
		w.Header().Set("Location", "https://graph.microsoft.com/beta/teamwork/devices/d/operations/o")
		w.WriteHeader(http.StatusAccepted)
	}))
	defer server.Close()
	result, err := wrk.Run(context.Background(), server.URL+"/beta", loadbench.UpdateSoftware, wrkLoad(1, 2))
	require.NoError(t, err)
	assert.Equal(t, 2, result.Failed)
	assert.Zero(t, result.Requests)
	assert.False(t, result.AllOK())
	assert.Contains(t, result.FirstProblem, "leaves the server under load")
	assert.Zero(t, polls.Load(), "nothing is sent to the other server, nor polled here")
}

func TestWrkWarmsTheServerUpUnmeasured(t *testing.T) {
	wrk := findWrk(t)
	var served atomic.Int64
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		served.Add(1)
		w.WriteHeader(http.StatusOK)
	}))
	defer server.Close()
	load := wrkLoad(1, 5)
	load.Warmup = 100 * time.Millisecond
	result, err := wrk.Run(context.Background(), server.URL, loadbench.PatchWindowsUpdateState, load)
	require.NoError(t, err)
	assert.Equal(t, 5, result.Requests, "the warm-up is not counted")
	assert.Greater(t, served.Load(), int64(5), "the server was loaded before the measure")
}

func TestWrkLetsTheIterationUnderWayAtItsEndFinishWithItsPoll(t *testing.T) {
	wrk := findWrk(t)
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
	result, err := wrk.Run(context.Background(), server.URL, loadbench.UpdateSoftware, load)
	require.NoError(t, err)
	assert.Equal(t, 1, result.Requests, "the update under way was answered and counted")
	assert.True(t, result.AllOK(), result.FirstProblem)
	assert.EqualValues(t, 1, polls.Load(), "and its Location polled: no update is left unpolled")
}

func TestWrkEndsWhenItsContextEnds(t *testing.T) {
	wrk := findWrk(t)
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusOK) }))
	defer server.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	load := loadbench.Load{Concurrency: 1, Duration: time.Minute, MaxRequests: 1 << 30}
	began := time.Now()
	_, err := wrk.Run(ctx, server.URL, loadbench.PatchWindowsUpdateState, load)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Less(t, time.Since(began), 30*time.Second, "the run was cut, not waited out")
}
