package variants_test

import (
	"context"
	"flag"
	"os"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/contract"
	"github.com/graphconform/graphconform/internal/harness"
	"github.com/graphconform/graphconform/internal/variants"
)

var update = flag.Bool("update", false, "rewrite the kill matrix between its markers in README.md")

// readme is the README that publishes the kill matrix, from this package's directory.
const readme = "../../README.md"

// TestKillMatrix runs the whole suite against every variant of the catalogue, in parallel: each broken
// variant fails with the scenarios and rules it names (or, when they are all warning rules, passes
// with those warnings), each faithful one passes without a warning. From the same runs it
// checks that every scenario is load-bearing (alone catches a broken variant) or its redundancy is
// stated, and that README.md publishes this very matrix.
func TestKillMatrix(t *testing.T) {
	validator, err := contract.Load(context.Background())
	require.NoError(t, err)
	catalogue := variants.Catalogue()
	outcomes := make([]variants.Outcome, len(catalogue))
	var mu sync.Mutex
	ran := 0
	t.Run("variant", func(t *testing.T) {
		for i, v := range catalogue {
			t.Run(v.Name, func(t *testing.T) {
				t.Parallel()
				outcome, err := variants.Run(t.Context(), v, validator)
				require.NoError(t, err)
				mu.Lock()
				outcomes[i] = outcome
				ran++
				mu.Unlock()
				checkOutcome(t, v, outcome)
			})
		}
	})
	if ran != len(catalogue) || t.Failed() {
		t.Skip("the matrix needs every variant to run as expected")
	}
	matrix := variants.NewMatrix(catalogue, outcomes)
	for _, problem := range matrix.LoadBearingProblems(variants.Redundant) {
		t.Error(problem)
	}
	checkREADME(t, matrix.Markdown(variants.Redundant))
}

// checkOutcome asserts a broken variant fails with each of its catches and a faithful one passes.
func checkOutcome(t *testing.T, v variants.Variant, o variants.Outcome) {
	t.Helper()
	if v.Faithful {
		if o.Status != harness.ExitConformant || len(o.Failed) > 0 || len(o.Skipped) > 0 || len(o.Warned) > 0 {
			t.Errorf("the faithful server %q does not pass cleanly: failed %v, warned %v, skipped %v", v.Name, o.Failed, o.Warned, o.Skipped)
			logErrors(t, o)
		}
		return
	}
	require.NotEmpty(t, v.Caught, "a broken variant names the scenarios and rules that catch it")
	want := harness.ExitNonConformant
	if v.WarnedOnly() {
		want = harness.ExitConformant // the suite passes it, with the warnings it names
	}
	if missing := o.Missing(v); len(missing) > 0 || o.Status != want {
		t.Errorf("the broken server %q is not caught as expected (exit %d, want %d): missing %v; the run failed %v and warned %v", v.Name, o.Status, want, missing, o.Failed, o.Warned)
		logErrors(t, o)
	}
}

func logErrors(t *testing.T, o variants.Outcome) {
	t.Helper()
	for name, err := range o.Errors {
		t.Logf("%s: %s", name, err)
	}
}

// checkREADME compares the README's matrix with the one the runs give, or rewrites it with -update.
func checkREADME(t *testing.T, matrix string) {
	t.Helper()
	data, err := os.ReadFile(readme)
	require.NoError(t, err)
	got, err := variants.ReplaceBetweenMarkers(string(data), matrix)
	require.NoError(t, err)
	if *update {
		require.NoError(t, os.WriteFile(readme, []byte(got), 0o644))
		return
	}
	if got != string(data) {
		t.Errorf("README.md's kill matrix is stale: run `make killmatrix` and commit README.md")
	}
}

// TestTheSuiteReportsLiveGraphsMissingDeviceUpdateStatesPlainly pins what a run against live Graph
// shows, where the deviceUpdateStates navigation was removed from the beta model: every scenario that
// fails quotes Graph's own message.
func TestTheSuiteReportsLiveGraphsMissingDeviceUpdateStatesPlainly(t *testing.T) {
	validator, err := contract.Load(context.Background())
	require.NoError(t, err)
	v := variantNamed(t, "live Graph: the deviceUpdateStates segment is unknown")
	outcome, err := variants.Run(t.Context(), v, validator)
	require.NoError(t, err)
	require.NotEmpty(t, outcome.Failed)
	for name, message := range outcome.Errors {
		require.Contains(t, message, variants.LiveGraphSegmentMessage, "%s: the failure quotes what Graph said", name)
	}
}

func variantNamed(t *testing.T, name string) variants.Variant {
	t.Helper()
	for _, v := range variants.Catalogue() {
		if v.Name == name {
			return v
		}
	}
	t.Fatalf("no variant is named %q", name)
	return variants.Variant{}
}
