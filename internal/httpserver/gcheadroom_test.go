package httpserver

import (
	"runtime/debug"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestTheGCPercentKeepsTheHeadroomWithinItsBounds(t *testing.T) {
	for _, tc := range []struct {
		live uint64
		want int
	}{
		{0, 800},
		{1 << 20, 800},        // 64 MiB over 1 MiB would be 6400%: capped
		{8 << 20, 800},        // exactly 8× headroom
		{16 << 20, 400},       // 64 MiB over 16 MiB
		{64 << 20, 100},       // as much headroom as Go's default gives
		{1 << 30, 100},        // a large heap keeps Go's default
		{(64 << 20) / 3, 300}, // rounded down
		{(64 << 20) * 2, 100}, // never below the default
	} {
		assert.Equal(t, tc.want, gcPercentFor(tc.live), "live heap %d bytes", tc.live)
	}
}

// gcPercent reads the GC percent without changing it.
func gcPercent() int {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p
}

func TestKeepGCHeadroomRaisesTheGCPercentOfASmallHeap(t *testing.T) {
	t.Setenv("GOGC", "") // unset for this test: the tuner acts
	before := debug.SetGCPercent(100)
	defer debug.SetGCPercent(before)
	restore := KeepGCHeadroom()
	assert.Greater(t, gcPercent(), 100, "a test binary's live heap is far below 64 MiB")
	restore()
	assert.Equal(t, 100, gcPercent(), "the percent it found is set back")
}

func TestKeepGCHeadroomLeavesAUsersGOGCAlone(t *testing.T) {
	t.Setenv("GOGC", "50")
	before := debug.SetGCPercent(50)
	defer debug.SetGCPercent(before)
	restore := KeepGCHeadroom()
	assert.Equal(t, 50, gcPercent())
	restore()
	assert.Equal(t, 50, gcPercent())
}
