package loadbench

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestStealShareIsTheHypervisorsPartOfTheTimeBetween(t *testing.T) {
	before := parseCPUTime("cpu  100 0 50 800 10 0 5 35 0 0\ncpu0 1 2 3 4 5 6 7 8 0 0\n")
	after := parseCPUTime("cpu  200 0 100 1500 10 0 5 185 0 0\n")
	assert.Equal(t, CPUTime{Total: 1000, Steal: 35, Known: true}, before)
	share, known := StealShare(before, after)
	assert.True(t, known)
	assert.InDelta(t, 0.15, share, 1e-9, "150 of 1000 ticks")
}

func TestStealShareIsUnknownWithoutAReading(t *testing.T) {
	for name, stat := range map[string]string{
		"no stat":        "",
		"no steal field": "cpu  100 0 50 800 10 0 5\n",
		"not a number":   "cpu  100 0 50 800 10 0 5 x 0 0\n",
		"per-CPU first":  "cpu0 100 0 50 800 10 0 5 35 0 0\n",
	} {
		assert.False(t, parseCPUTime(stat).Known, name)
	}
	known := parseCPUTime("cpu  100 0 50 800 10 0 5 35 0 0\n")
	_, ok := StealShare(CPUTime{}, known)
	assert.False(t, ok)
	_, ok = StealShare(known, known)
	assert.False(t, ok, "no time passed")
}
