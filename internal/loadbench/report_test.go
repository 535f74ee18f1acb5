package loadbench_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/loadbench"
)

// answered is a result of n requests in one second, ok of them 2xx.
func answered(n, ok int) loadbench.Result {
	return loadbench.Result{Requests: n, OK: ok, Elapsed: time.Second, P50: time.Millisecond, P99: 3 * time.Millisecond}
}

func TestReportVerdictsAgainstTheBareServer(t *testing.T) {
	op := loadbench.UpdateSoftware
	report := loadbench.Report{BareServer: "bare", Cases: []loadbench.Case{
		{Server: "bare", Operation: op, Result: answered(1000, 1000)},
		{Server: "fast", Operation: op, Target: 0.6, Result: answered(600, 600)},
		{Server: "slow", Operation: op, Target: 0.6, Result: answered(599, 599)},
		{Server: "broken", Operation: op, Target: 0.5, Result: answered(900, 899)},
	}}
	want := []string{"baseline", "pass", "short", "failed"}
	for i, c := range report.Cases {
		assert.Equal(t, want[i], report.Verdict(c), c.Server)
	}
	assert.InDelta(t, 0.599, report.Ratio(report.Cases[2]), 1e-9)
	assert.False(t, report.AllOK())
	report.Cases = report.Cases[:3]
	assert.True(t, report.AllOK())
}

func TestReportMarkdownHasTheMachineAndEveryFigure(t *testing.T) {
	op := loadbench.PatchWindowsUpdateState
	report := loadbench.Report{
		Machine:    loadbench.Machine{CPUs: 2, CPUModel: "Test CPU", GoVersion: "go1.26", OS: "linux", Arch: "amd64", Date: time.Date(2026, 12, 2, 0, 40, 0, 0, time.UTC)},
		Load:       loadbench.Load{Concurrency: 8, Duration: 3 * time.Second, MaxRequests: 100},
		LoadBefore: "1.00 2.00 3.00", LoadAfter: "4.00 5.00 6.00", BareServer: "bare",
		Cases: []loadbench.Case{
			{Server: "bare", Operation: op, Result: answered(2000, 2000)},
			{Server: "proxy", Operation: op, Target: 0.5, Result: answered(500, 499)},
		},
		Notes: []string{"a note"},
	}
	var b strings.Builder
	require.NoError(t, report.WriteMarkdown(&b))
	got := b.String()
	for _, want := range []string{
		"- Date: 2026-12-02T00:40:00Z",
		"- Machine: 2 CPUs (`nproc`), Test CPU, linux/amd64",
		"- Go: go1.26",
		"1.00 2.00 3.00 before the run, 4.00 5.00 6.00 after",
		"8 concurrent workers on loopback, 3s per case, at most 100 requests per case",
		"| bare | PATCH windowsUpdateState | 2000 | 2000 | 2000 | 1.00 | — | baseline | 1.000 ms | 3.000 ms |",
		"| proxy | PATCH windowsUpdateState | 500 | 499 | 500 | 0.25 | ≥ 0.50 | failed | 1.000 ms | 3.000 ms |",
		"- a note",
		"proxy, PATCH windowsUpdateState: 499 of 500 answered 2xx",
	} {
		assert.Contains(t, got, want)
	}
}
