package loadbench_test

import (
	"context"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/loadbench"
)

// eachGenerator runs test once per load generator: the Go one, and wrk where it is installed.
func eachGenerator(t *testing.T, test func(t *testing.T, gen loadbench.Generator)) {
	t.Run("go", func(t *testing.T) { test(t, loadbench.GoGenerator{}) })
	t.Run("wrk", func(t *testing.T) { test(t, findWrk(t)) })
}

// shortLoad is a short load whose cap, not its duration, ends it.
func shortLoad(concurrency, maxRequests int) loadbench.Load {
	return loadbench.Load{Concurrency: concurrency, Duration: 900 * time.Millisecond, MaxRequests: maxRequests}
}

func TestGeneratorStopsAtTheRequestCapAndSendsTheToken(t *testing.T) {
	eachGenerator(t, func(t *testing.T, gen loadbench.Generator) {
		var served atomic.Int64
		var token atomic.Value
		server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			served.Add(1)
			token.Store(r.Header.Get("Authorization"))
			w.WriteHeader(http.StatusAccepted)
		}))
		defer server.Close()
		load := shortLoad(4, 25)
		load.Token = "t0k"
		result, err := gen.Run(context.Background(), server.URL, loadbench.UpdateSoftware, load)
		require.NoError(t, err)
		assert.Equal(t, 25, result.Requests)
		assert.Equal(t, 25, result.OK)
		assert.EqualValues(t, 25, served.Load(), "the cap bounds what is sent, not only what is counted")
		assert.True(t, result.AllOK(), result.FirstProblem)
		assert.Equal(t, "Bearer t0k", token.Load())
		assert.Less(t, result.Elapsed, 900*time.Millisecond, "measured to the last iteration, not to wrk's whole seconds")
		assert.Positive(t, result.P50)
		assert.GreaterOrEqual(t, result.P99, result.P50)
	})
}

func TestGeneratorSendsTheOperationsBodyToEachWorkersDevice(t *testing.T) {
	eachGenerator(t, func(t *testing.T, gen loadbench.Generator) {
		var mu sync.Mutex
		paths, bodies := map[string]int{}, map[string]int{}
		// Each request is held until both workers have sent one, so that neither can take the whole
		// cap before the other starts (the Go generator shares it as the workers come).
		bothSent := make(chan struct{})
		server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			body, _ := io.ReadAll(r.Body)
			mu.Lock()
			paths[r.Method+" "+r.URL.Path]++
			bodies[r.Header.Get("Content-Type")+" "+string(body)]++
			if len(paths) == 2 && paths[r.Method+" "+r.URL.Path] == 1 {
				close(bothSent)
			}
			mu.Unlock()
			select {
			case <-bothSent:
			case <-time.After(5 * time.Second): // the assertions below say which worker never sent
			}
			w.WriteHeader(http.StatusAccepted)
		}))
		defer server.Close()
		result, err := gen.Run(context.Background(), server.URL+"/beta", loadbench.UpdateSoftware, shortLoad(2, 4))
		require.NoError(t, err)
		assert.True(t, result.AllOK(), result.FirstProblem)
		// How the rest of the cap is shared is the generator's; each worker's own device is not.
		assert.ElementsMatch(t, []string{
			"POST /beta" + loadbench.UpdateSoftware.PathFor(0),
			"POST /beta" + loadbench.UpdateSoftware.PathFor(1),
		}, slices.Collect(maps.Keys(paths)))
		assert.Equal(t, 4, paths["POST /beta"+loadbench.UpdateSoftware.PathFor(0)]+paths["POST /beta"+loadbench.UpdateSoftware.PathFor(1)])
		assert.Equal(t, map[string]int{"application/json " + string(loadbench.UpdateSoftware.Body): 4}, bodies)
	})
}

func TestGeneratorCountsAnswersThatAreNot2xx(t *testing.T) {
	eachGenerator(t, func(t *testing.T, gen loadbench.Generator) {
		var n atomic.Int64
		server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			if n.Add(1)%2 == 0 {
				w.WriteHeader(http.StatusConflict)
				return
			}
			w.WriteHeader(http.StatusAccepted)
		}))
		defer server.Close()
		result, err := gen.Run(context.Background(), server.URL, loadbench.UpdateSoftware, shortLoad(1, 10))
		require.NoError(t, err)
		assert.Equal(t, 10, result.Requests)
		assert.Equal(t, 5, result.OK)
		assert.False(t, result.AllOK())
		assert.Contains(t, result.FirstProblem, "answered 409")
	})
}

func TestGeneratorPollsEachLocationBelowTheVersionRoot(t *testing.T) {
	eachGenerator(t, func(t *testing.T, gen loadbench.Generator) {
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
				load := shortLoad(1, 3)
				load.Token = "t0k"
				result, err := gen.Run(context.Background(), server.URL+root, loadbench.UpdateSoftware, load)
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
	})
}

func TestGeneratorPollsAnAbsoluteLocationOnTheSameServer(t *testing.T) {
	eachGenerator(t, func(t *testing.T, gen loadbench.Generator) {
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
		result, err := gen.Run(context.Background(), server.URL+"/beta", loadbench.UpdateSoftware, shortLoad(1, 1))
		require.NoError(t, err)
		assert.True(t, result.AllOK(), result.FirstProblem)
		assert.Equal(t, "/beta/teamwork/devices/d/operations/o", polled.Load())
	})
}

func TestGeneratorRefusesALocationOnAnotherServer(t *testing.T) {
	eachGenerator(t, func(t *testing.T, gen loadbench.Generator) {
		// Another host, and this host over another scheme, are both another server.
		for _, origin := range []func(r *http.Request) string{
			func(*http.Request) string { return "https://graph.microsoft.com" },
			func(r *http.Request) string { return "https://" + r.Host },
		} {
			var polls atomic.Int64
			server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.Method == http.MethodGet {
					polls.Add(1)
				}
				w.Header().Set("Location", origin(r)+"/beta/teamwork/devices/d/operations/o")
				w.WriteHeader(http.StatusAccepted)
			}))
			result, err := gen.Run(context.Background(), server.URL+"/beta", loadbench.UpdateSoftware, shortLoad(1, 2))
			server.Close()
			require.NoError(t, err)
			assert.Equal(t, 2, result.Failed)
			assert.Zero(t, result.Requests)
			assert.False(t, result.AllOK())
			assert.Contains(t, result.FirstProblem, "leaves the server under load")
			assert.Zero(t, polls.Load(), "nothing is sent to the other server, nor polled here")
		}
	})
}

func TestGeneratorWarmsTheServerUpUnmeasured(t *testing.T) {
	eachGenerator(t, func(t *testing.T, gen loadbench.Generator) {
		var served atomic.Int64
		server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			served.Add(1)
			w.WriteHeader(http.StatusOK)
		}))
		defer server.Close()
		load := shortLoad(1, 5)
		load.Warmup = 100 * time.Millisecond
		result, err := gen.Run(context.Background(), server.URL, loadbench.PatchWindowsUpdateState, load)
		require.NoError(t, err)
		assert.Equal(t, 5, result.Requests, "the warm-up is not counted")
		assert.Greater(t, served.Load(), int64(5), "the server was loaded before the measure")
	})
}

func TestGeneratorLetsTheIterationUnderWayAtItsEndFinishWithItsPoll(t *testing.T) {
	eachGenerator(t, func(t *testing.T, gen loadbench.Generator) {
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
		result, err := gen.Run(context.Background(), server.URL, loadbench.UpdateSoftware, load)
		require.NoError(t, err)
		assert.Equal(t, 1, result.Requests, "the update under way was answered and counted")
		assert.True(t, result.AllOK(), result.FirstProblem)
		assert.EqualValues(t, 1, polls.Load(), "and its Location polled: no update is left unpolled")
	})
}

func TestGeneratorSendsNoMoreRequestsThanItsCapWithMoreWorkers(t *testing.T) {
	eachGenerator(t, func(t *testing.T, gen loadbench.Generator) {
		var served atomic.Int64
		server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			served.Add(1)
			w.WriteHeader(http.StatusOK)
		}))
		defer server.Close()
		result, err := gen.Run(context.Background(), server.URL, loadbench.PatchWindowsUpdateState, shortLoad(4, 2))
		require.NoError(t, err)
		assert.Equal(t, 2, result.Requests)
		assert.EqualValues(t, 2, served.Load())
	})
}

func TestGeneratorCountsARequestLeftUnansweredAsFailed(t *testing.T) {
	eachGenerator(t, func(t *testing.T, gen loadbench.Generator) {
		var n atomic.Int64
		release := make(chan struct{})
		server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if n.Add(1) == 3 { // the third request hangs until its client goes away
				select {
				case <-r.Context().Done():
				case <-release:
				}
				return
			}
			w.WriteHeader(http.StatusOK)
		}))
		defer server.Close()
		defer close(release)
		load := shortLoad(1, 10)
		load.RequestTimeout = 500 * time.Millisecond
		result, err := gen.Run(context.Background(), server.URL, loadbench.PatchWindowsUpdateState, load)
		require.NoError(t, err)
		assert.GreaterOrEqual(t, result.Failed, 1, "the unanswered request is a failure")
		assert.False(t, result.AllOK(), "a server that stopped answering is not all OK")
		assert.NotEmpty(t, result.FirstProblem)
	})
}

func TestGeneratorCountsAnAnswerPastTheRequestTimeoutAsFailed(t *testing.T) {
	eachGenerator(t, func(t *testing.T, gen loadbench.Generator) {
		server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			time.Sleep(400 * time.Millisecond) // past the request timeout below
			w.WriteHeader(http.StatusOK)
		}))
		defer server.Close()
		load := shortLoad(1, 1)
		load.RequestTimeout = 200 * time.Millisecond
		result, err := gen.Run(context.Background(), server.URL, loadbench.PatchWindowsUpdateState, load)
		require.NoError(t, err)
		assert.Equal(t, 1, result.Failed)
		assert.Zero(t, result.Requests, "a late answer is not also counted as answered")
		assert.Contains(t, result.FirstProblem, "within")
	})
}

func TestGeneratorCountsAnIterationItsBrokenConnectionLostAsFailed(t *testing.T) {
	eachGenerator(t, func(t *testing.T, gen loadbench.Generator) {
		var polls atomic.Int64
		server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method == http.MethodGet {
				if polls.Add(1) == 2 {
					panic(http.ErrAbortHandler) // the second poll's connection is dropped unanswered
				}
				w.WriteHeader(http.StatusOK)
				return
			}
			w.Header().Set("Location", "/teamwork/devices/d/operations/o")
			w.WriteHeader(http.StatusAccepted)
		}))
		defer server.Close()
		result, err := gen.Run(context.Background(), server.URL, loadbench.UpdateSoftware, shortLoad(1, 5))
		require.NoError(t, err)
		assert.Equal(t, 1, result.Failed)
		assert.Equal(t, 4, result.Requests, "the lost iteration counts toward the cap")
		assert.NotEmpty(t, result.FirstProblem)
	})
}
