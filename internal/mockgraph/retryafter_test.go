package mockgraph_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/mockgraph"
	"github.com/graphconform/graphconform/internal/rules"
)

func TestClientThatComesBackBeforeRetryAfterIsAViolation(t *testing.T) {
	first := request{method: http.MethodPost, path: updateSoftwarePath(docsDevice), body: softwareBody,
		header: map[string]string{"client-request-id": "retry-1"}, remoteAddr: "127.0.0.1:5000"}
	tests := []struct {
		name          string
		wait          time.Duration
		again         request
		wantViolation bool
	}{
		{"the same client-request-id after 1.9s of 2", 1900 * time.Millisecond, first, true},
		{"the same client-request-id at once, from another port", 0, withRemote(first, "127.0.0.1:6000"), true},
		{"the same client-request-id after exactly 2s", 2 * time.Second, first, false},
		{"another client-request-id of the same application at once", 0, withHeader(first, "client-request-id", "retry-2"), true},
		{"the same client for another operation at once", 0, request{method: http.MethodGet, path: statePath(configA, docsState),
			header: map[string]string{"client-request-id": "retry-1"}, remoteAddr: "127.0.0.1:5000"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixtureWith(t, func(o *mockgraph.Options) {
				o.Faults = []mockgraph.Fault{{Operation: mockgraph.OpUpdateSoftware, Status: 429, RetryAfter: "2"}}
			})
			require.Equal(t, http.StatusTooManyRequests, f.send(t, first).Code)
			f.clock.Advance(tt.wait)
			rec := f.send(t, tt.again)
			assert.Less(t, rec.Code, 300, "the retry itself is served: %s", rec.Body.String())
			report := f.mock.Violations()
			if !tt.wantViolation {
				assert.Empty(t, report.Violations)
				return
			}
			require.Len(t, report.Violations, 1)
			v := report.Violations[0]
			assert.Equal(t, []string{rules.ClientHonoursRetryAfter.String()}, v.RuleIDs())
			assert.Equal(t, mockgraph.OpUpdateSoftware, v.Operation)
			assert.Equal(t, rec.Code, v.Status)
			assert.Equal(t, tt.again.header["client-request-id"], v.ClientRequestID)
			assert.Contains(t, v.Findings[0].Message, "Retry-After: 2")
		})
	}
}

func TestWithoutClientRequestIDTheClientIsItsAddressAndAuthorization(t *testing.T) {
	tests := []struct {
		name          string
		again         request
		wantViolation bool
	}{
		{"the same address and token", request{remoteAddr: "10.1.1.1:1111"}, true},
		{"the same address from another port", request{remoteAddr: "10.1.1.1:2222"}, true},
		{"the same address with another token", request{remoteAddr: "10.1.1.1:1111", token: "another-token"}, false},
		{"another address with the same token", request{remoteAddr: "10.1.1.2:1111"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixtureWith(t, func(o *mockgraph.Options) {
				o.Faults = []mockgraph.Fault{{Operation: mockgraph.OpGetWindowsUpdateState, Status: 503, RetryAfter: "0.5"}}
			})
			get := request{method: http.MethodGet, path: statePath(configA, docsState), remoteAddr: "10.1.1.1:1111", fault5xx: true}
			require.Equal(t, http.StatusServiceUnavailable, f.send(t, get).Code)
			again := get
			again.remoteAddr, again.token = tt.again.remoteAddr, tt.again.token
			f.clock.Advance(499 * time.Millisecond)
			require.Equal(t, http.StatusOK, f.send(t, again).Code)
			assert.Equal(t, tt.wantViolation, len(f.mock.Violations().Violations) == 1)
		})
	}
}

func TestRateBudgetRetryAfterIsCheckedToo(t *testing.T) {
	f := newFixtureWith(t, func(o *mockgraph.Options) { o.RateLimit = 1 })
	get := request{method: http.MethodGet, path: statePath(configA, docsState)}
	require.Equal(t, http.StatusOK, f.send(t, get).Code)
	require.Equal(t, http.StatusTooManyRequests, f.send(t, get).Code)
	require.Equal(t, http.StatusTooManyRequests, f.send(t, get).Code, "still within the window, and too early")
	f.clock.Advance(time.Second)
	require.Equal(t, http.StatusOK, f.send(t, get).Code)
	assert.Equal(t, [][]string{{rules.ClientHonoursRetryAfter.String()}}, f.ruleIDs())
}

func TestResetForgetsPendingRetryAfters(t *testing.T) {
	f := newFixtureWith(t, func(o *mockgraph.Options) {
		o.Faults = []mockgraph.Fault{{Operation: mockgraph.OpGetWindowsUpdateState, Status: 429, RetryAfter: "5"}}
	})
	get := request{method: http.MethodGet, path: statePath(configA, docsState)}
	require.Equal(t, http.StatusTooManyRequests, f.send(t, get).Code)
	f.mock.Reset()
	f.mock.ClearFaults()
	require.Equal(t, http.StatusOK, f.send(t, get).Code)
	assert.Empty(t, f.mock.Violations().Violations)
}

func withRemote(r request, addr string) request {
	r.remoteAddr = addr
	return r
}

func withHeader(r request, name, value string) request {
	header := map[string]string{}
	for k, v := range r.header {
		header[k] = v
	}
	header[name] = value
	r.header = header
	return r
}
