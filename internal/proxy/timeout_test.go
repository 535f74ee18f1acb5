package proxy_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/proxy"
)

func TestAnUpstreamThatStopsSendingIsCutOffAtTheExchangeTimeout(t *testing.T) {
	released := make(chan struct{})
	cutOff := make(chan struct{})
	stalling := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", "1000")
		w.WriteHeader(http.StatusOK)
		_, _ = io.WriteString(w, `{"status":`)
		w.(http.Flusher).Flush()
		select {
		case <-r.Context().Done(): // the proxy closed its connection
			close(cutOff)
		case <-released:
		}
	})
	f := front(t, stalling, func(o *proxy.Options) { o.ExchangeTimeout = 200 * time.Millisecond })
	t.Cleanup(func() { close(released) })

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, f.url+"/beta/deviceManagement/deviceConfigurations/6b1c8d2e-4f3a-4b5c-9d6e-7f8a9b0c1d2e", nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	body, err := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	require.NoError(t, err)
	assert.Equal(t, http.StatusBadGateway, resp.StatusCode, "the proxy reads a checked body whole, so the client gets a Graph error, not half an answer: %s", body)
	assert.Contains(t, string(body), `"code":"BadGateway"`)
	assert.NoError(t, ctx.Err(), "the proxy ended the exchange, not the client's own deadline")
	select {
	case <-cutOff:
	case <-ctx.Done():
		t.Fatal("the proxy kept its connection to the stalled upstream open")
	}
}

func TestABadGatewayAtTheExchangeTimeoutSaysSo(t *testing.T) {
	released := make(chan struct{})
	silent := http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-released:
		}
	})
	f := front(t, silent, func(o *proxy.Options) { o.ExchangeTimeout = 200 * time.Millisecond })
	t.Cleanup(func() { close(released) })

	resp, body := send(t, http.MethodGet, f.url+"/beta/deviceManagement/deviceConfigurations/6b1c8d2e-4f3a-4b5c-9d6e-7f8a9b0c1d2e", "")
	require.Equal(t, http.StatusBadGateway, resp.StatusCode)
	assert.Contains(t, body, "did not answer within the exchange timeout (200ms)", "the client is told which wait ran out, not only that a context ended")
	assert.NotContains(t, body, "that it is reachable", "it was reachable: it answered too late")
}

func TestAClientThatGoesAwayIsNotLoggedAsAnUpstreamFailure(t *testing.T) {
	arrived := make(chan struct{})
	released := make(chan struct{})
	silent := http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
		close(arrived)
		select {
		case <-r.Context().Done():
		case <-released:
		}
	})
	f := front(t, silent)
	t.Cleanup(func() { close(released) })

	ctx, cancel := context.WithCancel(context.Background())
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, f.url+"/beta/deviceManagement/deviceConfigurations/6b1c8d2e-4f3a-4b5c-9d6e-7f8a9b0c1d2e", nil)
	require.NoError(t, err)
	go func() {
		<-arrived
		cancel()
	}()
	_, err = http.DefaultClient.Do(req)
	require.Error(t, err)
	require.Eventually(t, func() bool { return strings.Contains(f.logs.String(), "went away") }, 5*time.Second, 10*time.Millisecond,
		"the log says the client left")
	assert.NotContains(t, f.logs.String(), "the upstream did not answer", "the upstream was answering; the client did not wait")
}
