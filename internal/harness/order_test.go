package harness_test

import (
	"context"
	"io"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/harness"
	"github.com/graphconform/graphconform/internal/mockgraph"
	"github.com/graphconform/graphconform/internal/record"
	"github.com/graphconform/graphconform/internal/target"
)

// verdicts maps each scenario to whether it passed.
func verdicts(run record.Run) map[string]bool {
	out := map[string]bool{}
	for _, sc := range run.Scenarios {
		out[sc.Name] = sc.Passed
	}
	return out
}

// TestTheVerdictDoesNotDependOnConcurrencyOrOrder pins that scenarios own their resources: one at a
// time, many at once, or shuffled, every scenario gets the same verdict.
func TestTheVerdictDoesNotDependOnConcurrencyOrOrder(t *testing.T) {
	ctx := context.Background()
	validator := newValidator(t)
	runWith := func(concurrency int, seed int64) map[string]bool {
		result, err := harness.Run(ctx, harness.Options{
			Target:      &target.Embedded{Seed: mockgraph.DefaultSeed(), Validator: validator},
			Validator:   validator,
			Concurrency: concurrency,
			Randomize:   seed,
			Output:      io.Discard,
		})
		require.NoError(t, err)
		return verdicts(result.Run)
	}
	sequential := runWith(1, 0)
	for name, passed := range sequential {
		require.True(t, passed, "%s fails when run alone", name)
	}
	for _, run := range []struct {
		concurrency int
		seed        int64
	}{{8, 0}, {1, 42}, {8, 7}, {16, -1}} {
		if diff := cmp.Diff(sequential, runWith(run.concurrency, run.seed)); diff != "" {
			t.Errorf("concurrency %d, seed %d: verdicts differ from a sequential run (-want +got):\n%s", run.concurrency, run.seed, diff)
		}
	}
}
