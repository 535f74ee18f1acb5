package steps

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/client"
	"github.com/graphconform/graphconform/internal/finding"
	"github.com/graphconform/graphconform/internal/mockgraph"
	"github.com/graphconform/graphconform/internal/record"
	"github.com/graphconform/graphconform/internal/rules"
	"github.com/graphconform/graphconform/internal/target"
)

// reportedControls are controls whose mock reports the given violations.
type reportedControls struct{ violations []mockgraph.Violation }

func (c *reportedControls) AddFault(context.Context, mockgraph.Fault) error { return nil }

func (c *reportedControls) Violations(context.Context) (mockgraph.ViolationReport, error) {
	return mockgraph.ViolationReport{Count: len(c.violations), Violations: c.violations}, nil
}

func TestAnEarlyRetryOfTheScenarioFailsItAndOneOfAnotherClientDoesNot(t *testing.T) {
	early := func(requestID string) mockgraph.Violation {
		return mockgraph.Violation{RequestID: requestID, Findings: []finding.Finding{{RuleID: rules.ClientHonoursRetryAfter, Level: finding.Error}}}
	}
	scenario := func(controls target.Controls) *Scenario {
		w := &Scenario{suite: &Suite{}, session: &target.Session{Controls: controls}}
		w.record = record.Scenario{Exchanges: []record.CheckedExchange{{Exchange: &client.Exchange{
			Response: client.RecordedResponse{Status: http.StatusTooManyRequests, Header: http.Header{"Request-Id": {"mine"}, "Retry-After": {"2"}}},
		}}}}
		return w
	}
	err := theMockSawNoEarlyRetry(context.Background(), scenario(&reportedControls{violations: []mockgraph.Violation{early("mine")}}))
	require.ErrorContains(t, err, "came back before the Retry-After")
	assert.NoError(t, theMockSawNoEarlyRetry(context.Background(), scenario(&reportedControls{violations: []mockgraph.Violation{early("someone else's")}})))
}
