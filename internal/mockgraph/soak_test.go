package mockgraph_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/httpserver"
	"github.com/graphconform/graphconform/internal/mockgraph"
)

// soakDuration is how long TestSoak runs: GRAPHCONFORM_SOAK (e.g. 60s, as 'make soak' sets it), or
// two seconds — a short soak that runs with every go test.
func soakDuration(t *testing.T) (time.Duration, bool) {
	t.Helper()
	value := os.Getenv("GRAPHCONFORM_SOAK")
	if value == "" {
		return 2 * time.Second, false
	}
	d, err := time.ParseDuration(value)
	require.NoError(t, err, "GRAPHCONFORM_SOAK=%q is not a duration such as 60s", value)
	return d, true
}

// soakSeed is a world of many devices, users and update states.
func soakSeed(devices, states, users int) mockgraph.Seed {
	var seed mockgraph.Seed
	for i := range devices {
		seed.TeamworkDevices = append(seed.TeamworkDevices, fmt.Sprintf("%08x-0000-4000-8000-%012x", i, i))
	}
	for i := range users {
		seed.Users = append(seed.Users, mockgraph.User{ID: fmt.Sprintf("%08x-1111-4000-8000-%012x", i, i), InstalledApps: []string{fmt.Sprintf("app-%d", i)}})
	}
	cfg := mockgraph.DeviceConfiguration{ID: "6b1c8d2e-4f3a-4b5c-9d6e-7f8a9b0c1d2e"}
	for i := range states {
		cfg.WindowsUpdateStates = append(cfg.WindowsUpdateStates, map[string]any{"id": fmt.Sprintf("%08x-2222-4000-8000-%012x", i, i), "status": "upToDate"})
	}
	seed.DeviceConfigurations = []mockgraph.DeviceConfiguration{cfg}
	return seed
}

// soakClient sends requests to the mock and counts what it answered.
type soakClient struct {
	base   string
	http   *http.Client
	fivexx atomic.Int64
	total  atomic.Int64
	errors atomic.Int64
}

// do sends one request and returns its status and body; 0 when the request failed.
func (c *soakClient) do(method, path, body string) (int, []byte) {
	req, err := http.NewRequest(method, c.base+path, bytes.NewReader([]byte(body)))
	if err != nil {
		c.errors.Add(1)
		return 0, nil
	}
	req.Header.Set("Authorization", "Bearer soak")
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.http.Do(req)
	if err != nil {
		c.errors.Add(1)
		return 0, nil
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	c.total.Add(1)
	if resp.StatusCode >= 500 {
		c.fivexx.Add(1)
	}
	return resp.StatusCode, data
}

// TestSoak runs many clients against the mock over loopback — racing updates on idle devices,
// polling and listing operations, patching update states, upgrading apps — in rounds, each on a
// fresh minute of the fake clock. It asserts no 5xx and no failed request, exactly one 202 per idle
// device per race, that each windowsUpdateState ends as its last acknowledged PATCH left it, that the
// history stays within its limits and, in a long soak, that the heap is as large after the run as
// halfway through.
func TestSoak(t *testing.T) {
	if testing.Short() {
		t.Skip("a soak; -short skips it")
	}
	duration, long := soakDuration(t)
	const devices, states, users, racers, writers = 40, 16, 8, 6, 4
	seed := soakSeed(devices, states, users)
	clock := mockgraph.NewFakeClock(start)
	history := mockgraph.History{PerDevice: 5, Total: 100}
	m, err := mockgraph.New(mockgraph.Options{
		Seed: seed, Clock: clock, Validator: newValidator(t), History: history,
		Timeline: mockgraph.Timeline{Queued: time.Second, Running: time.Second},
	})
	require.NoError(t, err)
	limits := httpserver.DefaultLimits()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	server := limits.Server(m, nil)
	go func() { _ = server.Serve(limits.Listener(ln)) }()
	t.Cleanup(func() { _ = server.Close() })
	transport := &http.Transport{MaxIdleConnsPerHost: 64}
	t.Cleanup(transport.CloseIdleConnections)
	c := &soakClient{base: "http://" + ln.Addr().String(), http: &http.Client{Transport: transport, Timeout: 10 * time.Second}}

	statuses := []string{"upToDate", "pendingInstallation", "pendingReboot", "failed"}
	lastAcked := make([]string, states) // by state; each state has one writer, so "last" is well defined
	var midHeap uint64
	deadline := time.Now().Add(duration)
	halfway := time.Now().Add(duration / 2)
	rounds := 0
	for time.Now().Before(deadline) {
		rounds++
		accepted := make([]atomic.Int64, devices)
		var wg sync.WaitGroup
		// Racing updates: every device is idle at the start of a round; racers POST at once.
		for d := range devices {
			for range racers {
				wg.Go(func() {
					status, _ := c.do(http.MethodPost, "/beta/teamwork/devices/"+seed.TeamworkDevices[d]+"/updateSoftware", softwareBody)
					if status == http.StatusAccepted {
						accepted[d].Add(1)
					} else if status != http.StatusConflict {
						t.Errorf("updateSoftware answered %d, want 202 or 409", status)
					}
				})
			}
		}
		// Polling and listing.
		for d := range devices {
			wg.Go(func() {
				if status, _ := c.do(http.MethodGet, "/beta/teamwork/devices/"+seed.TeamworkDevices[d]+"/operations?$top=5", ""); status != http.StatusOK {
					t.Errorf("listOperations answered %d", status)
				}
			})
		}
		// Patching: writer w owns the states w, w+writers, …, and patches them in turn.
		for w := range writers {
			wg.Go(func() {
				for s := w; s < states; s += writers {
					value := statuses[(rounds+s)%len(statuses)]
					id := seed.DeviceConfigurations[0].WindowsUpdateStates[s]["id"].(string)
					status, body := c.do(http.MethodPatch, statePath(seed.DeviceConfigurations[0].ID, id), `{"status":"`+value+`"}`)
					if status == http.StatusOK {
						var echoed map[string]any
						if json.Unmarshal(body, &echoed) == nil && echoed["status"] == value {
							lastAcked[s] = value
							continue
						}
					}
					t.Errorf("PATCH answered %d: %s", status, body)
				}
			})
		}
		// Upgrading.
		for u := range users {
			wg.Go(func() {
				user := seed.Users[u]
				if status, _ := c.do(http.MethodPost, upgradePath("v1.0", user.ID, user.InstalledApps[0]), ""); status != http.StatusNoContent {
					t.Errorf("upgrade answered %d", status)
				}
			})
		}
		wg.Wait()
		for d := range devices {
			if n := accepted[d].Load(); n != 1 {
				t.Fatalf("round %d: device %d got %d 202s from %d racing updates, want exactly 1", rounds, d, n, racers)
			}
		}
		clock.Advance(3 * time.Second) // every operation ends: the devices are idle for the next race
		if midHeap == 0 && time.Now().After(halfway) {
			midHeap = heapAfterGC()
		}
	}
	endHeap := heapAfterGC()

	for s := range states {
		id := seed.DeviceConfigurations[0].WindowsUpdateStates[s]["id"].(string)
		status, body := c.do(http.MethodGet, statePath(seed.DeviceConfigurations[0].ID, id), "")
		require.Equal(t, http.StatusOK, status)
		var got map[string]any
		require.NoError(t, json.Unmarshal(body, &got))
		assert.Equal(t, lastAcked[s], got["status"], "state %d lost its last acknowledged write", s)
	}
	status, body := c.do(http.MethodGet, "/_graphconform/state", "")
	require.Equal(t, http.StatusOK, status)
	var dump struct {
		History struct{ Retained int } `json:"history"`
	}
	require.NoError(t, json.Unmarshal(body, &dump))
	assert.LessOrEqual(t, dump.History.Retained, history.Total)

	assert.Zero(t, c.fivexx.Load(), "5xx answers")
	assert.Zero(t, c.errors.Load(), "requests that failed")
	t.Logf("soak: %d rounds, %d requests in %s; heap %d KiB halfway, %d KiB at the end; %d operations retained",
		rounds, c.total.Load(), duration, midHeap>>10, endHeap>>10, dump.History.Retained)
	if long && midHeap > 0 {
		assert.LessOrEqual(t, endHeap, midHeap*3/2+8<<20, "the heap grew in the second half of the soak although the history is bounded")
	}
}

// heapAfterGC returns the live heap after a collection.
func heapAfterGC() uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}
