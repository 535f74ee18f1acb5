package mockgraph_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/mockgraph"
)

func TestWithSyntheticDevicesAddsNDevicesAfterTheSeeds(t *testing.T) {
	seed := mockgraph.Seed{TeamworkDevices: []string{"d"}}
	got, err := seed.WithSyntheticDevices(2)
	require.NoError(t, err)
	assert.Equal(t, []string{"d", "00000000-0000-4000-8000-000000000001", "00000000-0000-4000-8000-000000000002"}, got.TeamworkDevices)
	assert.Equal(t, []string{"d"}, seed.TeamworkDevices, "the seed stays as it was")

	for _, n := range []int{-1, mockgraph.MaxSyntheticDevices + 1} {
		_, err := seed.WithSyntheticDevices(n)
		assert.ErrorContains(t, err, "give 0 to 1000000", "n=%d", n)
	}
	_, err = mockgraph.Seed{TeamworkDevices: []string{mockgraph.SyntheticDevice(1)}}.WithSyntheticDevices(1)
	assert.ErrorContains(t, err, "listed twice")
}
