package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/client"
)

// hostile starts a server with handler h and returns a client of it with a short per-request timeout.
func hostile(t *testing.T, h http.HandlerFunc) (*httptest.Server, *client.Client) {
	t.Helper()
	server := httptest.NewServer(h)
	t.Cleanup(server.Close)
	return server, &client.Client{BaseURL: server.URL, Token: "hostile-test-token", Timeout: 300 * time.Millisecond}
}

// within fails the test when f takes longer than bound.
func within(t *testing.T, bound time.Duration, f func()) {
	t.Helper()
	started := time.Now()
	f()
	if took := time.Since(started); took > bound {
		t.Fatalf("took %s; the bound is %s", took, bound)
	}
}

func TestAStalledTargetTimesOutAsUnreachable(t *testing.T) {
	release := make(chan struct{})
	_, c := hostile(t, func(http.ResponseWriter, *http.Request) { <-release })
	defer close(release)
	within(t, 5*time.Second, func() {
		_, err := c.Do(context.Background(), client.Request{Method: "GET", Path: "/beta/x"})
		var unreachable *client.UnreachableError
		require.ErrorAs(t, err, &unreachable)
		assert.Equal(t, 300*time.Millisecond, unreachable.Timeout)
		assert.ErrorContains(t, err, "no response within the per-request timeout of 300ms")
	})
}

func TestABodyArrivingOneByteASecondIsBrokenOffAtTheTimeout(t *testing.T) {
	_, c := hostile(t, func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusOK)
		for i := 0; i < 60; i++ {
			if _, err := w.Write([]byte("x")); err != nil {
				return
			}
			w.(http.Flusher).Flush()
			select {
			case <-time.After(time.Second):
			case <-r.Context().Done():
				return
			}
		}
	})
	c.Timeout = 1500 * time.Millisecond
	within(t, 6*time.Second, func() {
		_, err := c.Do(context.Background(), client.Request{Method: "GET", Path: "/beta/x"})
		var broken *client.BrokenResponseError
		require.ErrorAs(t, err, &broken)
		assert.Equal(t, 1500*time.Millisecond, broken.Timeout)
		assert.ErrorContains(t, err, "still arriving after the per-request timeout")
	})
}

func TestAConnectionDroppedMidResponseIsABrokenResponse(t *testing.T) {
	_, c := hostile(t, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Length", "1000")
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write([]byte(`{"id":"`))
		w.(http.Flusher).Flush()
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			_ = conn.Close()
		}
	})
	within(t, 5*time.Second, func() {
		_, err := c.Do(context.Background(), client.Request{Method: "GET", Path: "/beta/x"})
		var broken *client.BrokenResponseError
		require.ErrorAs(t, err, &broken)
		assert.Zero(t, broken.Timeout)
		assert.ErrorContains(t, err, "broke off after")
	})
}

func TestAnEndlessBodyIsReadUpToTheLimitOnly(t *testing.T) {
	_, c := hostile(t, func(w http.ResponseWriter, r *http.Request) {
		chunk := []byte(strings.Repeat("x", 32<<10))
		for r.Context().Err() == nil {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	})
	c.MaxBodyBytes = 1 << 20
	within(t, 5*time.Second, func() {
		ex, err := c.Do(context.Background(), client.Request{Method: "GET", Path: "/beta/x"})
		require.NoError(t, err)
		assert.True(t, ex.Response.OverLimit)
		assert.Len(t, ex.Response.Body, 1<<20)
	})
}

func TestARedirectIsNeverFollowed(t *testing.T) {
	hits := 0
	_, c := hostile(t, func(w http.ResponseWriter, r *http.Request) {
		hits++
		http.Redirect(w, r, r.URL.Path, http.StatusTemporaryRedirect) // a loop onto itself
	})
	ex, err := c.Do(context.Background(), client.Request{Method: "GET", Path: "/beta/x"})
	require.NoError(t, err)
	assert.Equal(t, http.StatusTemporaryRedirect, ex.Response.Status, "the redirect is the response")
	assert.Equal(t, 1, hits)
}

func TestARedirectToAnotherPortGetsNoToken(t *testing.T) {
	var leaked []string
	other := httptest.NewServer(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
		leaked = append(leaked, r.Header.Get("Authorization"))
	}))
	defer other.Close()
	_, c := hostile(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+"/beta/x", http.StatusFound)
	})
	ex, err := c.Do(context.Background(), client.Request{Method: "GET", Path: "/beta/x"})
	require.NoError(t, err)
	assert.Equal(t, http.StatusFound, ex.Response.Status)
	assert.Empty(t, leaked, "the same host on another port is another origin")
	_, err = c.Do(context.Background(), client.Request{Method: "GET", Path: ex.Response.Header.Get("Location")})
	var off *client.OffOriginError
	require.ErrorAs(t, err, &off, "nor is its Location sent to")
	assert.Empty(t, leaked)
}

func TestSameOriginComparesSchemeHostAndPort(t *testing.T) {
	cases := []struct {
		a, b string
		same bool
	}{
		{"https://graph.microsoft.com", "https://graph.microsoft.com/beta/x", true},
		{"https://graph.microsoft.com", "https://GRAPH.microsoft.com:443/beta", true},
		{"http://127.0.0.1:8080", "http://127.0.0.1:8080/v1.0", true},
		{"https://graph.microsoft.com", "http://graph.microsoft.com/beta", false},
		{"http://127.0.0.1:8080", "http://127.0.0.1:8081/beta", false},
		{"https://graph.microsoft.com", "https://graph.microsoft.com.evil.example/beta", false},
		{"https://graph.microsoft.com", "/beta", false},
	}
	for _, tc := range cases {
		assert.Equal(t, tc.same, client.SameOrigin(tc.a, tc.b), "%s vs %s", tc.a, tc.b)
	}
}

func TestATokenEchoedBackIsScrubbedFromTheRecord(t *testing.T) {
	_, c := hostile(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Echo", r.Header.Get("Authorization"))
		w.Header().Set("Location", "/beta/x?t="+strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer "))
		_, _ = w.Write([]byte(`{"you sent":"` + r.Header.Get("Authorization") + `"}`))
	})
	ex, err := c.Do(context.Background(), client.Request{Method: "GET", Path: "/beta/x"})
	require.NoError(t, err)
	for name, values := range ex.Response.Header {
		for _, v := range values {
			assert.NotContains(t, v, "hostile-test-token", name)
		}
	}
	assert.NotContains(t, string(ex.Response.Body), "hostile-test-token")
	assert.Contains(t, string(ex.Response.Body), client.Redacted)
	assert.Equal(t, "Bearer "+client.Redacted, ex.Response.Header.Get("X-Echo"))
}

func TestAReadOnlyClientSendsNoMutation(t *testing.T) {
	var methods []string
	_, c := hostile(t, func(_ http.ResponseWriter, r *http.Request) { methods = append(methods, r.Method) })
	c.ReadOnly = true
	for _, m := range []string{"POST", "PATCH", "PUT", "DELETE"} {
		_, err := c.Do(context.Background(), client.Request{Method: m, Path: "/beta/x", Body: []byte("{}")})
		var refused *client.MutationRefusedError
		require.ErrorAs(t, err, &refused, m)
	}
	_, err := c.Do(context.Background(), client.Request{Method: "GET", Path: "/beta/x"})
	require.NoError(t, err)
	assert.Equal(t, []string{"GET"}, methods)
}

func TestForReportCutsTheBodyAndSaysSo(t *testing.T) {
	ex := &client.Exchange{Response: client.RecordedResponse{Body: []byte("0123456789")}}
	cut := ex.ForReport(4)
	assert.Equal(t, "0123", string(cut.Response.Body))
	assert.True(t, cut.Response.Truncated)
	assert.Equal(t, "0123456789", string(ex.Response.Body), "the original is unchanged")
	assert.Same(t, ex, ex.ForReport(10), "a body within the limit is kept whole")
}
