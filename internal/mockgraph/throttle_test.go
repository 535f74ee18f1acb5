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

func TestStatusFaultsAnswerAsGraphThrottlesThenAreSpent(t *testing.T) {
	tests := []struct {
		name           string
		fault          mockgraph.Fault
		req            request
		wantStatuses   []int // of the same request sent again and again
		wantCode       string
		wantRetryAfter string
	}{
		{
			name:  "429 with Retry-After 2, once",
			fault: mockgraph.Fault{Operation: mockgraph.OpUpdateSoftware, Status: 429, RetryAfter: "2", Count: 1},
			req:   request{method: http.MethodPost, path: updateSoftwarePath(docsDevice), body: softwareBody},
			// the third is the 409 of the operation the second started
			wantStatuses: []int{429, 202, 409}, wantCode: mockgraph.CodeTooManyRequests, wantRetryAfter: "2",
		},
		{
			name:         "503 with a fractional Retry-After, twice",
			fault:        mockgraph.Fault{Operation: mockgraph.OpGetWindowsUpdateState, Status: 503, RetryAfter: "2.128", Count: 2},
			req:          request{method: http.MethodGet, path: statePath(configA, docsState)},
			wantStatuses: []int{503, 503, 200}, wantCode: mockgraph.CodeServiceUnavailable, wantRetryAfter: "2.128",
		},
		{
			name:         "504 without Retry-After",
			fault:        mockgraph.Fault{Operation: mockgraph.OpUpgradeInstallation, Status: 504},
			req:          request{method: http.MethodPost, path: upgradePath("v1.0", adeleID, adeleApp)},
			wantStatuses: []int{504, 204}, wantCode: mockgraph.CodeGatewayTimeout,
		},
		{
			name:         "* matches every operation",
			fault:        mockgraph.Fault{Operation: "*", Status: 429, RetryAfter: "1", Count: 1},
			req:          request{method: http.MethodGet, path: listPath(docsDevice, "")},
			wantStatuses: []int{429, 200}, wantCode: mockgraph.CodeTooManyRequests, wantRetryAfter: "1",
		},
		{
			name:         "a rule for another operation does not apply",
			fault:        mockgraph.Fault{Operation: mockgraph.OpUpdateSoftware, Status: 429, RetryAfter: "1", Count: 5},
			req:          request{method: http.MethodGet, path: statePath(configA, docsState)},
			wantStatuses: []int{200, 200},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixtureWith(t, func(o *mockgraph.Options) { o.Faults = []mockgraph.Fault{tt.fault} })
			for i, want := range tt.wantStatuses {
				req := tt.req
				req.fault5xx = true
				rec := f.send(t, req)
				require.Equal(t, want, rec.Code, "request %d: %s", i, rec.Body.String())
				if want >= 429 && want != 409 {
					body := decodeError(t, rec, want, tt.wantCode)
					assert.Contains(t, body.Error.Message, "f1")
					assert.Equal(t, tt.wantRetryAfter, rec.Header().Get("Retry-After"))
				}
				f.clock.Advance(3 * time.Second)
			}
			for _, v := range f.mock.Violations().Violations {
				// Sending the update again without polling its Location is the client's doing (clientrules).
				assert.Equal(t, []string{rules.ClientPollsLocation.String()}, v.RuleIDs(), "a fault is the mock's doing, not the client's")
			}
		})
	}
}

func TestTheFirstUnspentMatchingRuleApplies(t *testing.T) {
	f := newFixtureWith(t, func(o *mockgraph.Options) {
		o.Faults = []mockgraph.Fault{
			{Operation: mockgraph.OpGetWindowsUpdateState, Status: 503, Count: 1},
			{Operation: "*", Status: 504, Count: 1},
		}
	})
	var got []int
	for range 3 {
		got = append(got, f.send(t, request{method: http.MethodGet, path: statePath(configA, docsState), fault5xx: true}).Code)
	}
	assert.Equal(t, []int{503, 504, 200}, got)
	rules := f.mock.Faults()
	require.Len(t, rules, 2)
	assert.Zero(t, rules[0].Remaining, "spent rules stay listed")
	assert.Zero(t, rules[1].Remaining)
}

func TestFaultsApplyOnlyToRequestsThatPassAuthentication(t *testing.T) {
	f := newFixtureWith(t, func(o *mockgraph.Options) {
		o.Faults = []mockgraph.Fault{{Operation: "*", Status: 429, RetryAfter: "1", Count: 1}}
	})
	rec := f.send(t, request{method: http.MethodGet, path: statePath(configA, docsState), noAuth: true})
	assert.Equal(t, http.StatusUnauthorized, rec.Code)
	rec = f.send(t, request{method: http.MethodGet, path: statePath(configA, docsState), token: delegated("User.Read")})
	assert.Equal(t, http.StatusForbidden, rec.Code)
	assert.Equal(t, 1, f.mock.Faults()[0].Remaining, "the rule is still unspent")
	rec = f.send(t, request{method: http.MethodGet, path: statePath(configA, docsState)})
	assert.Equal(t, http.StatusTooManyRequests, rec.Code)
}

func TestLatencyFaultDelaysTheUsualAnswer(t *testing.T) {
	f := newFixtureWith(t, func(o *mockgraph.Options) {
		o.Faults = []mockgraph.Fault{{Operation: mockgraph.OpGetWindowsUpdateState, LatencyMs: 80}}
	})
	began := time.Now()
	rec := f.send(t, request{method: http.MethodGet, path: statePath(configA, docsState)})
	assert.Equal(t, http.StatusOK, rec.Code)
	assert.GreaterOrEqual(t, time.Since(began), 80*time.Millisecond)

	began = time.Now()
	f.send(t, request{method: http.MethodGet, path: statePath(configA, docsState)})
	assert.Less(t, time.Since(began), 80*time.Millisecond, "the rule is spent")
}

func TestFailOperationFaultEndsTheNextOperationFailedWithAnError(t *testing.T) {
	f := newFixture(t, mockgraph.Timeline{})
	_, err := f.mock.AddFault(mockgraph.Fault{Operation: mockgraph.OpUpdateSoftware, FailOperation: true})
	require.NoError(t, err)

	failing := f.startUpdate(t, docsDevice)
	succeeding := f.startUpdate(t, otherDevice)
	f.clock.Advance(5 * time.Second)

	got := decodeObject(t, f.send(t, request{method: http.MethodGet, path: operationPath(docsDevice, failing)}))
	assert.Equal(t, "failed", got["status"])
	assert.Equal(t, map[string]any{
		"code":    "SoftwareUpdateFailed",
		"message": "The device could not install the teamsClient 1.0.96.22 update (the mock's fault rule f1 failed it).",
	}, got["error"])

	got = decodeObject(t, f.send(t, request{method: http.MethodGet, path: operationPath(otherDevice, succeeding)}))
	assert.Equal(t, "succeeded", got["status"], "the rule was spent on the first operation")
	assert.Nil(t, got["error"])
}

func TestFailOperationFaultIsNotSpentByARefusedUpdate(t *testing.T) {
	f := newFixture(t, mockgraph.Timeline{})
	f.startUpdate(t, docsDevice)
	_, err := f.mock.AddFault(mockgraph.Fault{Operation: mockgraph.OpUpdateSoftware, FailOperation: true})
	require.NoError(t, err)
	rec := f.send(t, request{method: http.MethodPost, path: updateSoftwarePath(docsDevice), body: softwareBody})
	require.Equal(t, http.StatusConflict, rec.Code)
	assert.Equal(t, 1, f.mock.Faults()[0].Remaining)
}

func TestRateBudgetThrottlesTheExcessWithRetryAfter(t *testing.T) {
	f := newFixtureWith(t, func(o *mockgraph.Options) { o.RateLimit = 2 })
	get := func() int {
		return f.send(t, request{method: http.MethodGet, path: statePath(configA, docsState)}).Code
	}
	assert.Equal(t, http.StatusOK, get())
	f.clock.Advance(400 * time.Millisecond)
	assert.Equal(t, http.StatusOK, get())

	rec := f.send(t, request{method: http.MethodGet, path: statePath(configA, docsState)})
	body := decodeError(t, rec, http.StatusTooManyRequests, mockgraph.CodeTooManyRequests)
	assert.Contains(t, body.Error.Message, "2 requests a second")
	assert.Equal(t, "1", rec.Header().Get("Retry-After"), "600ms until a slot frees, rounded up")

	f.clock.Advance(600 * time.Millisecond)
	assert.Equal(t, http.StatusOK, get(), "the first request left the window")
	assert.Equal(t, http.StatusTooManyRequests, get(), "the second is still in it")
	f.clock.Advance(400 * time.Millisecond)
	assert.Equal(t, http.StatusOK, get())
}

func TestRateBudgetCountsNeitherControlNorRefusedRequests(t *testing.T) {
	f := newFixtureWith(t, func(o *mockgraph.Options) { o.RateLimit = 1 })
	for range 3 {
		f.control(t, http.MethodGet, "/_graphconform/state", "")
		f.send(t, request{method: http.MethodGet, path: statePath(configA, docsState), noAuth: true})
	}
	assert.Equal(t, http.StatusOK, f.send(t, request{method: http.MethodGet, path: statePath(configA, docsState)}).Code)
}

func TestParseRate(t *testing.T) {
	tests := []struct {
		in      string
		want    int
		wantErr bool
	}{
		{"", 0, false}, {"0", 0, false}, {"10/s", 10, false}, {"10", 10, false}, {" 3/s ", 3, false},
		{"10/m", 0, true}, {"-1/s", 0, true}, {"fast", 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := mockgraph.ParseRate(tt.in)
			if tt.wantErr {
				require.Error(t, err)
				assert.Contains(t, err.Error(), "10/s")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestNewRejectsANegativeRateLimit(t *testing.T) {
	_, err := mockgraph.New(mockgraph.Options{Validator: newValidator(t), RateLimit: -1})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "rate limit")
}
