package loadbench_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/loadbench"
)

func TestRunStopsAtItsDuration(t *testing.T) {
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusOK) }))
	defer server.Close()
	load := loadbench.Load{Concurrency: 2, Duration: 100 * time.Millisecond, MaxRequests: 1 << 30}
	result, err := loadbench.Run(context.Background(), server.URL, loadbench.PatchWindowsUpdateState, load)
	require.NoError(t, err)
	assert.Positive(t, result.Requests)
	assert.Less(t, result.Elapsed, 10*time.Second)
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
