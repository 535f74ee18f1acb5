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
)

// TestLatencyFaultLongerThanTheReadTimeoutStillReadsAnExpectContinueBody pins that a latency fault
// delays the answer, not the reading of the body: a client that waits for 100 Continue before
// sending its body gets the usual 202, not a 400 for a body read after the server's read deadline.
func TestLatencyFaultLongerThanTheReadTimeoutStillReadsAnExpectContinueBody(t *testing.T) {
	limits := httpserver.DefaultLimits()
	limits.ReadTimeout = 300 * time.Millisecond
	f := newFixtureWith(t, func(o *mockgraph.Options) {
		o.MaxHeaderBytes = limits.HeaderLimit()
		o.Faults = []mockgraph.Fault{{Operation: mockgraph.OpUpdateSoftware, LatencyMs: 600}}
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	server := limits.Server(f.mock, nil)
	go func() { _ = server.Serve(limits.Listener(ln)) }()
	t.Cleanup(func() { _ = server.Close() })

	req, err := http.NewRequest(http.MethodPost, "http://"+ln.Addr().String()+updateSoftwarePath(docsDevice), strings.NewReader(softwareBody))
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+testToken)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Expect", "100-continue")
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{ExpectContinueTimeout: 5 * time.Second}}
	t.Cleanup(client.CloseIdleConnections)
	began := time.Now()
	resp, err := client.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	assert.Equal(t, http.StatusAccepted, resp.StatusCode, "body: %s", body)
	assert.GreaterOrEqual(t, time.Since(began), 600*time.Millisecond, "the answer is delayed")
}
