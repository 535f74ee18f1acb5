package loadbench_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/loadbench"
)

// round is a case of server and operation whose every request of n in a second was answered 2xx.
func round(server string, op loadbench.Operation, n int) loadbench.Case {
	return loadbench.Case{Server: server, Operation: op, Result: loadbench.Result{Requests: n, OK: n, Elapsed: time.Second, P50: time.Duration(n)}}
}

func TestEachCaseReportsItsMedianRoundWhole(t *testing.T) {
	var r loadbench.Rounds
	patch, post := loadbench.PatchWindowsUpdateState, loadbench.UpdateSoftware
	for _, n := range []int{300, 100, 200} {
		r.Add(round("bare", patch, n))
		r.Add(round("bare", post, n*2))
		r.Add(round("serve", patch, n+1))
	}
	cases := r.Medians()
	require.Len(t, cases, 3)
	assert.Equal(t, []string{"bare", "bare", "serve"}, []string{cases[0].Server, cases[1].Server, cases[2].Server}, "in the order first added")
	assert.Equal(t, patch.Name, cases[0].Operation.Name)
	assert.Equal(t, 200, cases[0].Result.Requests)
	assert.Equal(t, time.Duration(200), cases[0].Result.P50, "the latencies are the median round's own")
	assert.Equal(t, 400, cases[1].Result.Requests)
	assert.Equal(t, 201, cases[2].Result.Requests)
}

func TestAnEvenNumberOfRoundsReportsTheLowerMiddleOne(t *testing.T) {
	var r loadbench.Rounds
	for _, n := range []int{400, 100, 300, 200} {
		r.Add(round("bare", loadbench.PatchWindowsUpdateState, n))
	}
	assert.Equal(t, 200, r.Medians()[0].Result.Requests)
}

func TestAFailedRoundIsReportedInsteadOfTheMedian(t *testing.T) {
	var r loadbench.Rounds
	failed := round("proxy", loadbench.PatchWindowsUpdateState, 500)
	failed.Result.OK, failed.Result.FirstProblem = 499, "502 Bad Gateway"
	r.Add(round("proxy", loadbench.PatchWindowsUpdateState, 100))
	r.Add(failed)
	r.Add(round("proxy", loadbench.PatchWindowsUpdateState, 300))
	got := r.Medians()[0]
	assert.False(t, got.Result.AllOK())
	assert.Equal(t, "502 Bad Gateway", got.Result.FirstProblem)
}
