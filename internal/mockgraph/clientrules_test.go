package mockgraph_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/mockgraph"
	"github.com/graphconform/graphconform/internal/rules"
)

func TestTheMockRecordsTheClientRules(t *testing.T) {
	f := newFixture(t, mockgraph.Timeline{})
	f.startUpdate(t, docsDevice)
	require.Equal(t, http.StatusConflict, f.send(t, request{method: http.MethodPost, path: updateSoftwarePath(docsDevice), body: softwareBody}).Code)
	f.send(t, request{method: http.MethodGet, path: statePath(configA, docsState), body: `{}`})
	report := f.mock.Violations()
	require.Len(t, report.Violations, 2, "%v", report.Violations)
	assert.Equal(t, []string{rules.ClientPollsLocation.String()}, report.Violations[0].RuleIDs(), "the update sent again instead of polling")
	assert.Equal(t, http.StatusConflict, report.Violations[0].Status)
	assert.Equal(t, []string{rules.ClientBodyWhereAllowed.String()}, report.Violations[1].RuleIDs(), "a GET with a body")
}
