package harness_test

import (
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/harness"
	"github.com/graphconform/graphconform/internal/mockgraph"
	"github.com/graphconform/graphconform/internal/target"
)

// TestAFailedScenarioStatesItsPromiseEvenWhenAnEarlierFindingStoppedIt runs the upgrade scenarios
// against a server that answers 200 with a JSON body: the When step's exchange fails its checks, so
// the Then steps never run, and the failure still says what the scenario was about.
func TestAFailedScenarioStatesItsPromiseEvenWhenAnEarlierFindingStoppedIt(t *testing.T) {
	validator := newValidator(t)
	dir := t.TempDir()
	result, err := harness.Run(context.Background(), harness.Options{
		Target: &target.Embedded{Seed: mockgraph.DefaultSeed(), Validator: validator, Wrap: func(http.Handler) http.Handler {
			return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				_, _ = w.Write([]byte(`{"id":"x"}`))
			})
		}},
		Validator: validator,
		Tags:      "@upgrade && ~@negative",
		Output:    io.Discard,
		ReportDir: dir,
	})
	require.NoError(t, err)
	require.Equal(t, harness.ExitNonConformant, result.Status)
	var stopped int
	for _, sc := range result.Run.Scenarios {
		require.False(t, sc.Passed, sc.Name)
		if !strings.HasPrefix(sc.Name, "Upgrading an installed app answers 204 with no body") {
			continue
		}
		stopped++
		assert.Equal(t, []string{"the response status is 204", "the response has no body"}, sc.Promise, sc.Name)
	}
	require.Equal(t, 2, stopped)
	data, err := os.ReadFile(filepath.Join(dir, "junit.xml"))
	require.NoError(t, err)
	assert.Contains(t, string(data), "the scenario's promise: Then the response status is 204; and the response has no body")
	data, err = os.ReadFile(filepath.Join(dir, "report.html"))
	require.NoError(t, err)
	assert.Contains(t, string(data), "the scenario&#39;s promise: Then the response status is 204; and the response has no body")
}
