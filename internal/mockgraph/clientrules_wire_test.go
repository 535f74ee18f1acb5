package mockgraph_test

import (
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/httpserver"
	"github.com/graphconform/graphconform/internal/mockgraph"
	"github.com/graphconform/graphconform/internal/rules"
)

// TestGetWithABodyOfUnknownLengthOverHTTP2IsAViolation pins that a body sent over HTTP/2 without a
// Content-Length (net/http gives it ContentLength -1 and no Transfer-Encoding) counts as a body for
// the client rules, as a chunked HTTP/1.1 body does.
func TestGetWithABodyOfUnknownLengthOverHTTP2IsAViolation(t *testing.T) {
	// A body of unknown length: neither a *bytes.Reader nor a *strings.Reader, so no Content-Length.
	report := getOverH2C(t, io.MultiReader(strings.NewReader(`{}`)))
	require.Len(t, report.Violations, 1, "%v", report.Violations)
	assert.Equal(t, []string{rules.ClientBodyWhereAllowed.String()}, report.Violations[0].RuleIDs(), "a GET with a body")
}

// TestGetWithAnEmptyBodyStreamOverHTTP2IsNoViolation: a request stream that ends without a byte of
// body, as a client sends for an empty body of unknown length, has no body.
func TestGetWithAnEmptyBodyStreamOverHTTP2IsNoViolation(t *testing.T) {
	report := getOverH2C(t, io.MultiReader(strings.NewReader("")))
	assert.Empty(t, report.Violations)
}

// getOverH2C sends a GET of a windowsUpdateState with body to a mock served over unencrypted HTTP/2
// and returns the mock's violations.
func getOverH2C(t *testing.T, body io.Reader) mockgraph.ViolationReport {
	t.Helper()
	limits := httpserver.DefaultLimits()
	f := newFixtureWith(t, func(o *mockgraph.Options) { o.MaxHeaderBytes = limits.HeaderLimit() })
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	server := limits.Server(f.mock, nil)
	server.Protocols = new(http.Protocols)
	server.Protocols.SetUnencryptedHTTP2(true)
	go func() { _ = server.Serve(limits.Listener(ln)) }()
	t.Cleanup(func() { _ = server.Close() })

	transport := &http.Transport{Protocols: new(http.Protocols)}
	transport.Protocols.SetUnencryptedHTTP2(true)
	client := &http.Client{Timeout: 10 * time.Second, Transport: transport}
	t.Cleanup(client.CloseIdleConnections)
	req, err := http.NewRequest(http.MethodGet, "http://"+ln.Addr().String()+statePath(configA, docsState), body)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+testToken)
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	require.NoError(t, err)
	_, _ = io.Copy(io.Discard, resp.Body)
	_ = resp.Body.Close()
	require.Equal(t, 2, resp.ProtoMajor, "the request went over HTTP/2")
	require.Equal(t, http.StatusOK, resp.StatusCode)
	return f.mock.Violations()
}
