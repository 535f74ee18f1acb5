package loadbench_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/loadbench"
)

// peers records the distinct client addresses a server saw: one per connection.
type peers struct {
	mu   sync.Mutex
	seen map[string]bool
}

func (p *peers) add(r *http.Request) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.seen == nil {
		p.seen = map[string]bool{}
	}
	p.seen[r.RemoteAddr] = true
}

func (p *peers) count() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.seen)
}

func TestRunKeepsOneConnectionPerWorkerForContentLengthAnswers(t *testing.T) {
	var conns peers
	var got struct {
		sync.Mutex
		contentType, length, path string
	}
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		conns.add(r)
		got.Lock()
		got.contentType, got.path = r.Header.Get("Content-Type"), r.URL.Path
		got.length = r.Header.Get("Content-Length")
		got.Unlock()
		w.Header().Set("Content-Length", "2")
		_, _ = w.Write([]byte("{}"))
	}))
	defer server.Close()
	load := loadbench.Load{Concurrency: 1, Duration: time.Minute, MaxRequests: 5}
	result, err := loadbench.Run(context.Background(), server.URL+"/beta", loadbench.PatchWindowsUpdateState, load)
	require.NoError(t, err)
	assert.Equal(t, 5, result.OK, result.FirstProblem)
	assert.Equal(t, 1, conns.count(), "the worker's connection is kept alive")
	assert.Equal(t, "application/json", got.contentType)
	assert.Equal(t, strconv.Itoa(len(loadbench.PatchWindowsUpdateState.Body)), got.length)
	assert.Equal(t, "/beta"+loadbench.PatchWindowsUpdateState.Path, got.path)
}

func TestRunReadsChunkedAnswersWhole(t *testing.T) {
	var conns peers
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		conns.add(r)
		_, _ = w.Write([]byte(`{"status":`))
		w.(http.Flusher).Flush() // no Content-Length: the answer is chunked
		_, _ = w.Write([]byte(`"pendingReboot"}`))
	}))
	defer server.Close()
	load := loadbench.Load{Concurrency: 1, Duration: time.Minute, MaxRequests: 5}
	result, err := loadbench.Run(context.Background(), server.URL, loadbench.PatchWindowsUpdateState, load)
	require.NoError(t, err)
	assert.Equal(t, 5, result.OK, result.FirstProblem)
	assert.Zero(t, result.Failed)
	assert.Equal(t, 1, conns.count(), "each chunked answer was read to its end, so the connection stayed usable")
}

func TestRunReconnectsAfterConnectionClose(t *testing.T) {
	var conns peers
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		conns.add(r)
		w.Header().Set("Connection", "close")
		w.WriteHeader(http.StatusOK)
	}))
	defer server.Close()
	load := loadbench.Load{Concurrency: 1, Duration: time.Minute, MaxRequests: 4}
	result, err := loadbench.Run(context.Background(), server.URL, loadbench.PatchWindowsUpdateState, load)
	require.NoError(t, err)
	assert.Equal(t, 4, result.OK, result.FirstProblem)
	assert.Zero(t, result.Failed)
	assert.Equal(t, 4, conns.count(), "a connection the server closed is dialled again")
}

func TestRunCountsASlowServerAsFailedAtTheRequestTimeout(t *testing.T) {
	release := make(chan struct{})
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer server.Close()
	defer close(release)
	load := loadbench.Load{Concurrency: 1, Duration: time.Minute, MaxRequests: 2, RequestTimeout: 20 * time.Millisecond}
	result, err := loadbench.Run(context.Background(), server.URL, loadbench.PatchWindowsUpdateState, load)
	require.NoError(t, err)
	assert.Equal(t, 2, result.Failed)
	assert.Zero(t, result.Requests)
	assert.Contains(t, result.FirstProblem, "no answer within 20ms")
}

func TestRunRefusesARootThatIsNotPlainHTTP(t *testing.T) {
	load := loadbench.Load{Concurrency: 1, Duration: time.Second, MaxRequests: 1}
	_, err := loadbench.Run(context.Background(), "https://127.0.0.1:1/beta", loadbench.UpdateSoftware, load)
	assert.ErrorContains(t, err, "plain HTTP/1.1")
}
