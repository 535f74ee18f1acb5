package upstream_test

import (
	"io"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/upstream"
)

// TestMaxIdlePerHostBoundsTheIdleConnections pins the pool's bound: two requests at once open two
// connections, and with HTTPS.MaxIdleConnsPerHost 1 the one given back second is closed, the other reused.
func TestMaxIdlePerHostBoundsTheIdleConnections(t *testing.T) {
	arrived := make(chan struct{}, 2)
	release := make(chan struct{})
	srv, counter := countingServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/both" {
			arrived <- struct{}{}
			select {
			case <-release:
			case <-time.After(waitLimit):
				t.Error("the two requests did not reach the server together")
			}
		}
		_, _ = io.WriteString(w, "ok")
	}))
	tr := &upstream.Transport{HTTPS: &http.Transport{MaxIdleConnsPerHost: 1}}
	t.Cleanup(tr.CloseIdleConnections)

	ctx := testContext(t)
	var wg sync.WaitGroup
	errs := make(chan error, 2)
	for range 2 {
		wg.Go(func() {
			req, err := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/both", nil)
			if err != nil {
				errs <- err
				return
			}
			resp, err := tr.RoundTrip(req)
			if err != nil {
				errs <- err
				return
			}
			_, err = io.ReadAll(resp.Body)
			errs <- err
			_ = resp.Body.Close()
		})
	}
	awaitBoth(t, arrived)
	close(release)
	wg.Wait()
	for range 2 {
		require.NoError(t, <-errs)
	}

	counter.waitClosed(t, 1)
	send(t, tr, http.MethodGet, srv.URL+"/", "")
	send(t, tr, http.MethodGet, srv.URL+"/", "")
	opened, closed := counter.counts()
	assert.Equal(t, 2, opened, "connections opened")
	assert.Equal(t, 1, closed, "connections closed")
}

// TestIdleTimeoutExpiredConnectionIsNotReused pins HTTPS.IdleConnTimeout: a connection idle longer is closed
// instead of reused, and the request goes on a new one.
func TestIdleTimeoutExpiredConnectionIsNotReused(t *testing.T) {
	srv, counter := countingServer(t, bodyHandler)
	tr := &upstream.Transport{HTTPS: &http.Transport{IdleConnTimeout: time.Nanosecond}}
	t.Cleanup(tr.CloseIdleConnections)
	send(t, tr, http.MethodGet, srv.URL+"/", "")
	send(t, tr, http.MethodGet, srv.URL+"/", "")
	counter.waitClosed(t, 1)
	opened, _ := counter.counts()
	assert.Equal(t, 2, opened, "connections opened")
}

// TestCloseIdleConnectionsClosesThem pins CloseIdleConnections: the idle connection is closed and
// the next request dials a new one.
func TestCloseIdleConnectionsClosesThem(t *testing.T) {
	srv, counter := countingServer(t, bodyHandler)
	tr := newTransport(t)
	send(t, tr, http.MethodGet, srv.URL+"/", "")
	tr.CloseIdleConnections()
	counter.waitClosed(t, 1)
	send(t, tr, http.MethodGet, srv.URL+"/", "")
	opened, _ := counter.counts()
	assert.Equal(t, 2, opened, "connections opened")
}

// TestCloseIdleConnectionsBeforeAnyRequest pins that a zero Transport can close its (no) idle
// connections.
func TestCloseIdleConnectionsBeforeAnyRequest(t *testing.T) {
	var tr upstream.Transport
	tr.CloseIdleConnections()
	assert.NotNil(t, tr.HTTPS, "the zero Transport's HTTPS after first use")
}
