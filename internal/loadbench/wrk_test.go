package loadbench_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

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

func TestWrkReportsAServerItCannotReach(t *testing.T) {
	wrk := findWrk(t)
	server := httptest.NewServer(http.NotFoundHandler())
	url := server.URL
	server.Close()
	_, err := wrk.Run(context.Background(), url, loadbench.UpdateSoftware, shortLoad(2, 6))
	assert.ErrorContains(t, err, "wrk failed")
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
