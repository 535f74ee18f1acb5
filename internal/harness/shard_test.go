package harness_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/features"
	"github.com/graphconform/graphconform/internal/harness"
	"github.com/graphconform/graphconform/internal/report"
)

// scenarioSet is each scenario of a set of features by file:line and name.
func scenarioSet(t *testing.T, list []report.Feature) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	for _, f := range list {
		require.Len(t, f.Lines, len(f.Scenarios))
		for i, name := range f.Scenarios {
			out[fmt.Sprintf("%s:%d %s", f.URI, f.Lines[i], name)] = true
		}
	}
	return out
}

func TestShardsTogetherHoldEveryScenarioExactlyOnceAtItsLine(t *testing.T) {
	all, err := report.FeaturesFromFS(features.FS)
	require.NoError(t, err)
	suite := scenarioSet(t, all)
	require.Greater(t, len(suite), 10)
	for count := 1; count <= 4; count++ {
		seen := map[string]int{}
		for index := 1; index <= count; index++ {
			shard := harness.Shard{Index: index, Count: count}
			fsys, err := shard.Filter(features.FS)
			require.NoError(t, err)
			list, err := report.FeaturesFromFS(fsys)
			require.NoError(t, err, "shard %s is still Gherkin", shard)
			part := scenarioSet(t, list)
			// Dealt in turn: no shard has more than one scenario more than another.
			assert.InDelta(t, float64(len(suite))/float64(count), float64(len(part)), 1, "shard %s holds %d of %d", shard, len(part), len(suite))
			for sc := range part {
				require.True(t, suite[sc], "shard %s has %q, which the suite has not at that line", shard, sc)
				seen[sc]++
			}
		}
		for sc := range suite {
			assert.Equal(t, 1, seen[sc], "with %d shards, %q runs %d times", count, sc, seen[sc])
		}
	}
}

func TestShardFilterIsDeterministic(t *testing.T) {
	a, err := harness.Shard{Index: 2, Count: 3}.Filter(features.FS)
	require.NoError(t, err)
	b, err := harness.Shard{Index: 2, Count: 3}.Filter(features.FS)
	require.NoError(t, err)
	la, err := report.FeaturesFromFS(a)
	require.NoError(t, err)
	lb, err := report.FeaturesFromFS(b)
	require.NoError(t, err)
	require.Equal(t, la, lb)
}

func TestParseShard(t *testing.T) {
	s, err := harness.ParseShard("2/3")
	require.NoError(t, err)
	require.Equal(t, harness.Shard{Index: 2, Count: 3}, s)
	for _, bad := range []string{"", "3", "0/2", "3/2", "1/0", "a/b", "1/2/3", "-1/2"} {
		_, err := harness.ParseShard(bad)
		require.Error(t, err, bad)
		require.ErrorContains(t, err, "give I/N with 1 ≤ I ≤ N", bad)
	}
}
