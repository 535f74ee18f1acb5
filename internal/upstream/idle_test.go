package upstream_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/upstream"
)

// TestAConnectionIdlePastTheIdleTimeoutIsClosedWithoutAnotherRequest pins that an idle connection
// does not wait for the next request to be closed: the upstream sees it closed after HTTPS.IdleConnTimeout.
func TestAConnectionIdlePastTheIdleTimeoutIsClosedWithoutAnotherRequest(t *testing.T) {
	srv, counter := countingServer(t, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = io.WriteString(w, "ok")
	}))
	tr := &upstream.Transport{HTTPS: &http.Transport{IdleConnTimeout: 20 * time.Millisecond}}
	t.Cleanup(tr.CloseIdleConnections)
	send(t, tr, http.MethodGet, srv.URL+"/", "")
	counter.waitClosed(t, 1)
}

// TestABodyCutByTheContextSaysSo pins that a body read cut by the request context's end reports the
// context's error, as http.Transport does, and not a broken upstream.
func TestABodyCutByTheContextSaysSo(t *testing.T) {
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	srv, _ := countingServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "100")
		_, _ = io.WriteString(w, strings.Repeat("x", 10))
		w.(http.Flusher).Flush()
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	ctx, cancel := context.WithCancel(testContext(t))
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/", nil)
	require.NoError(t, err)
	resp, err := newTransport(t).RoundTrip(req)
	require.NoError(t, err)
	buf := make([]byte, 10)
	_, err = io.ReadFull(resp.Body, buf)
	require.NoError(t, err)
	cancel()
	var readErr error
	within(t, "a body read after the context's end", func() { _, readErr = io.ReadAll(resp.Body) })
	assert.True(t, errors.Is(readErr, context.Canceled), "got %v", readErr)
	_ = resp.Body.Close()
}
