package mockgraph

import (
	"hash/maphash"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestDeviceIndexFindsSeededDevicesWhateverTheirCase(t *testing.T) {
	x := newDeviceIndex([]string{"0f3ce432-E432-0f3c", "b", "Ünïcode"})
	assert.Equal(t, 3, x.len())
	for id, want := range map[string]uint32{"0f3ce432-e432-0f3c": 0, "0F3CE432-E432-0F3C": 0, "B": 1, "üNÏCODE": 2} {
		i, ok := x.find(id)
		assert.True(t, ok, id)
		assert.Equal(t, want, i, id)
	}
	assert.Equal(t, "0f3ce432-E432-0f3c", x.id(0), "the id as seeded")
	assert.Equal(t, "Ünïcode", x.id(2))
	for _, id := range []string{"", "c", "0f3ce432", "bb"} {
		_, ok := x.find(id)
		assert.False(t, ok, id)
	}
}

func TestDeviceIndexFindsADeviceWhoseHashCollided(t *testing.T) {
	x := newDeviceIndex([]string{"a", "b"})
	delete(x.byHash, maphash.String(x.seed, "b")) // as if "a" had taken b's hash
	x.collided = map[string]uint32{"b": 1}
	i, ok := x.find("B")
	assert.True(t, ok)
	assert.Equal(t, uint32(1), i)
}
