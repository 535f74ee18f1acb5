package client_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/client"
)

func echoServer(t *testing.T) *httptest.Server {
	t.Helper()
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		w.Header().Set("X-Auth", r.Header.Get("Authorization"))
		w.Header().Set("X-Path", r.URL.RequestURI())
		w.Header().Set("X-Content-Type", r.Header.Get("Content-Type"))
		w.WriteHeader(http.StatusAccepted)
		_, _ = w.Write(body)
	}))
	t.Cleanup(server.Close)
	return server
}

func TestDoSendsTheTokenAndRecordsItRedacted(t *testing.T) {
	server := echoServer(t)
	c := &client.Client{BaseURL: server.URL, Token: "secret-token"}
	ex, err := c.Do(context.Background(), client.Request{Method: "POST", Path: "/beta/teamwork/devices/d/updateSoftware", Body: []byte(`{"a":1}`)})
	require.NoError(t, err)
	assert.Equal(t, "Bearer "+client.Redacted, ex.Response.Header.Get("X-Auth"), "the target gets the token, and its echo is scrubbed")
	assert.Equal(t, []string{client.Redacted}, ex.Request.Header["Authorization"], "the record does not")
	assert.Equal(t, "application/json", ex.Response.Header.Get("X-Content-Type"), "a body is sent as JSON unless told otherwise")
	assert.Equal(t, http.StatusAccepted, ex.Response.Status)
	assert.Equal(t, `{"a":1}`, string(ex.Response.Body))
	assert.Equal(t, "/beta/teamwork/devices/d/updateSoftware", ex.Request.Path)
	assert.Equal(t, server.URL+"/beta/teamwork/devices/d/updateSoftware", ex.Request.URL)
	assert.Positive(t, ex.Elapsed)
}

func TestDoWithoutAuthSendsNoToken(t *testing.T) {
	server := echoServer(t)
	c := &client.Client{BaseURL: server.URL, Token: "secret-token"}
	ex, err := c.Do(context.Background(), client.Request{Method: "GET", Path: "/beta/x", NoAuth: true})
	require.NoError(t, err)
	assert.Empty(t, ex.Response.Header.Get("X-Auth"))
}

func TestDoFollowsAnAbsoluteURLBelowTheBase(t *testing.T) {
	server := echoServer(t)
	c := &client.Client{BaseURL: server.URL + "/graph/"}
	ex, err := c.Do(context.Background(), client.Request{Method: "GET", Path: server.URL + "/graph/beta/teamwork/devices/d/operations/o?x=1"})
	require.NoError(t, err)
	assert.Equal(t, "/beta/teamwork/devices/d/operations/o?x=1", ex.Request.Path, "the path is relative to the base")
	assert.Equal(t, "/graph/beta/teamwork/devices/d/operations/o?x=1", ex.Response.Header.Get("X-Path"))
}

func TestDoRefusesAURLOutsideTheTarget(t *testing.T) {
	c := &client.Client{BaseURL: "https://graph.microsoft.com"}
	_, err := c.Do(context.Background(), client.Request{Method: "GET", Path: "https://evil.example/beta/x"})
	require.ErrorContains(t, err, "outside the target")
	_, err = c.Do(context.Background(), client.Request{Method: "GET", Path: "http://graph.microsoft.com/beta/x"})
	var off *client.OffOriginError
	require.ErrorAs(t, err, &off, "an https target's token never goes over http")
	_, err = c.Do(context.Background(), client.Request{Method: "GET", Path: "beta/x"})
	require.ErrorContains(t, err, "neither a path")
}

func TestDoJudgesANetworkPathReferenceAsTheURLItNames(t *testing.T) {
	server := echoServer(t)
	c := &client.Client{BaseURL: server.URL, Token: "secret-token"}
	_, err := c.Do(context.Background(), client.Request{Method: "GET", Path: "//evil.example/beta/teamwork/devices/d/operations/o"})
	var off *client.OffOriginError
	require.ErrorAs(t, err, &off, "//host/… names another host, not a path on the target")
	ex, err := c.Do(context.Background(), client.Request{Method: "GET", Path: strings.TrimPrefix(server.URL, "http:") + "/beta/x"})
	require.NoError(t, err, "one naming the target's own host is on its origin")
	assert.Equal(t, "/beta/x", ex.Request.Path)
	assert.Equal(t, server.URL+"/beta/x", ex.Request.URL)
}

func TestDoSaysWhenTheTargetIsUnreachable(t *testing.T) {
	server := echoServer(t)
	server.Close()
	c := &client.Client{BaseURL: server.URL}
	_, err := c.Do(context.Background(), client.Request{Method: "GET", Path: "/beta/x"})
	require.ErrorContains(t, err, "is the target running and reachable")
	var unreachable *client.UnreachableError
	require.ErrorAs(t, err, &unreachable)
}

func TestDoBoundsTheResponseBody(t *testing.T) {
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = io.Copy(w, strings.NewReader(strings.Repeat("x", client.MaxResponseBytes+100)))
	}))
	defer server.Close()
	ex, err := (&client.Client{BaseURL: server.URL}).Do(context.Background(), client.Request{Method: "GET", Path: "/beta/x"})
	require.NoError(t, err)
	assert.Len(t, ex.Response.Body, client.MaxResponseBytes)
}

func TestIsSecretHeaderIgnoresCase(t *testing.T) {
	for _, name := range []string{"Authorization", "authorization", "PROXY-AUTHORIZATION", "cookie", "set-cookie"} {
		assert.True(t, client.IsSecretHeader(name), name)
	}
	for _, name := range []string{"Content-Type", "request-id", "Location"} {
		assert.False(t, client.IsSecretHeader(name), name)
	}
}
