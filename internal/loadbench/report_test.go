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
		Tool:       "v1.2.0 (revision 0123456789ab, go1.26)",
		Load:       loadbench.Load{Concurrency: 8, Duration: 3 * time.Second, Warmup: time.Second, MaxRequests: 100},
		LoadBefore: "1.00 2.00 3.00", LoadAfter: "4.00 5.00 6.00", BareServer: "bare",
		Cases: []loadbench.Case{
			{Server: "bare", Operation: op, Result: answered(2000, 2000), Steal: 0.124, StealKnown: true},
			{Server: "proxy", Operation: op, Target: 0.5, Result: answered(500, 499)},
		},
		Generator: "a generator",
		Notes:     []string{"a note"},
	}
	var b strings.Builder
	require.NoError(t, report.WriteMarkdown(&b))
	got := b.String()
	for _, want := range []string{
		"- Date: 2026-12-02T00:40:00Z",
		"- Machine: 2 CPUs (`nproc`), Test CPU, linux/amd64",
		"- graphconform: v1.2.0 (revision 0123456789ab, go1.26)\n",
		"- Go: go1.26",
		"1.00 2.00 3.00 before the run, 4.00 5.00 6.00 after",
		"8 concurrent workers on loopback, 3s per case after 1s unmeasured, at most 100 requests per case",
		"- Load generator: a generator\n",
		"| bare | PATCH windowsUpdateState | 2000 | 2000 | 2000 | 1.00 | — | baseline | 1.000 ms | 3.000 ms | 12% |",
		"| proxy | PATCH windowsUpdateState | 500 | 499 | 500 | 0.25 | ≥ 0.50 | failed | 1.000 ms | 3.000 ms | — |",
		"- a note",
		"proxy, PATCH windowsUpdateState: 499 of 500 answered 2xx",
	} {
		assert.Contains(t, got, want)
	}
}

func TestReportHoldsServersToAMultipleOfTheirPeer(t *testing.T) {
	patch, post := loadbench.PatchWindowsUpdateState, loadbench.UpdateSoftware
	report := loadbench.Report{
		BareServer: "bare",
		Cases: []loadbench.Case{
			{Server: "bare", Operation: patch, Result: answered(30000, 30000)},
			{Server: "serve --strict", Operation: patch, Target: 0.6, Result: answered(20000, 20000)},
			{Server: "serve --strict", Operation: post, Target: 0.6, Result: answered(1900, 1900)},
			{Server: "prism mock --errors", Operation: patch, Peer: true, Result: answered(1000, 1000)},
			{Server: "prism mock --errors", Operation: post, Peer: true, Result: answered(100, 100)},
			{Server: "proxy", Operation: patch, Target: 0.5, Result: answered(15000, 15000)},
			{Server: "prism proxy --errors", Operation: patch, Peer: true, Result: answered(800, 799)},
		},
		Peers: []string{"Prism 5.14.2 (Node v20.20.2)"},
		Comparisons: []loadbench.Comparison{
			{Server: "serve --strict", Peer: "prism mock --errors", Plain: "bare", Target: 20},
			{Server: "proxy", Peer: "prism proxy --errors", Target: 20},
		},
	}
	rows := report.PeerRows()
	require.Len(t, rows, 3, "a row per operation both were loaded with")
	assert.Equal(t, []string{"pass", "short", "failed"}, []string{rows[0].Verdict, rows[1].Verdict, rows[2].Verdict})
	assert.InDelta(t, 20, rows[0].Ratio, 1e-9)
	assert.InDelta(t, 19, rows[1].Ratio, 1e-9)
	assert.InDelta(t, 30, rows[0].PlainRatio, 1e-9, "the bare server's 30000 req/s over the peer's 1000")
	assert.Zero(t, rows[1].PlainRatio, "no bare case for POST")
	assert.Zero(t, rows[2].PlainRatio, "no plain server named for the proxy")
	assert.Equal(t, "peer", report.Verdict(report.Cases[3]), "a peer is not held to a target")

	var b strings.Builder
	require.NoError(t, report.WriteMarkdown(&b))
	got := b.String()
	for _, want := range []string{
		"- Peer: Prism 5.14.2 (Node v20.20.2)",
		"| prism mock --errors | PATCH windowsUpdateState | 1000 | 1000 | 1000 | 0.03 | — | peer | 1.000 ms | 3.000 ms | — |",
		"| server | peer | operation | req/s | peer req/s | × peer | target | verdict | plain | plain × peer |",
		"| serve --strict | prism mock --errors | PATCH windowsUpdateState | 20000 | 1000 | 20.0 | ≥ 20 | pass | bare | 30.0 |",
		"| serve --strict | prism mock --errors | POST updateSoftware | 1900 | 100 | 19.0 | ≥ 20 | short | — | — |",
		"| proxy | prism proxy --errors | PATCH windowsUpdateState | 15000 | 800 | 18.8 | ≥ 20 | failed | — | — |",
	} {
		assert.Contains(t, got, want)
	}
}
