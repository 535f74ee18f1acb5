package loadbench

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// Case is one server loaded with one operation.
type Case struct {
	// Server names the server, e.g. "serve --strict".
	Server    string
	Operation Operation
	// Target is the least ratio against the bare server the server must reach; 0 for the bare server.
	Target float64
	Result Result
}

// Report is a whole load run: where, how, and every case.
type Report struct {
	Machine Machine
	Load    Load
	// LoadBefore and LoadAfter are the machine's load averages before and after the run.
	LoadBefore, LoadAfter string
	// BareServer names the case every ratio is against.
	BareServer string
	Cases      []Case
	// Notes are lines printed under the table: how the servers ran, what was left out.
	Notes []string
}

// Ratio is c's throughput against the bare server's on the same operation, 0 when there is none.
func (r Report) Ratio(c Case) float64 {
	for _, b := range r.Cases {
		if b.Server == r.BareServer && b.Operation.Name == c.Operation.Name && b.Result.PerSecond() > 0 {
			return c.Result.PerSecond() / b.Result.PerSecond()
		}
	}
	return 0
}

// Verdict is "pass" or "short" against c's target, "failed" when not every request was answered
// 2xx, and "baseline" for the bare server.
func (r Report) Verdict(c Case) string {
	switch {
	case !c.Result.AllOK():
		return "failed"
	case c.Target == 0:
		return "baseline"
	case r.Ratio(c) >= c.Target:
		return "pass"
	default:
		return "short"
	}
}

// AllOK tells whether every case's requests were all answered 2xx.
func (r Report) AllOK() bool {
	for _, c := range r.Cases {
		if !c.Result.AllOK() {
			return false
		}
	}
	return len(r.Cases) > 0
}

// WriteMarkdown writes the report as Markdown: the machine, the load, a table of every figure, the
// notes, and what went wrong in any failed case.
func (r Report) WriteMarkdown(w io.Writer) error {
	var b strings.Builder
	m := r.Machine
	fmt.Fprintf(&b, "# Load benchmarks\n\n")
	fmt.Fprintf(&b, "Written by `graphconform bench` (`make bench-load`); every figure below is from one run.\n\n")
	fmt.Fprintf(&b, "- Date: %s\n", m.Date.Format(time.RFC3339))
	fmt.Fprintf(&b, "- Machine: %d CPUs (`nproc`), %s, %s/%s\n", m.CPUs, m.CPUModel, m.OS, m.Arch)
	fmt.Fprintf(&b, "- Go: %s\n", m.GoVersion)
	fmt.Fprintf(&b, "- Load average (1, 5, 15 min): %s before the run, %s after\n", r.LoadBefore, r.LoadAfter)
	fmt.Fprintf(&b, "- Load: %d concurrent workers on loopback, %s per case, at most %d requests per case\n\n",
		r.Load.Concurrency, r.Load.Duration, r.Load.MaxRequests)
	b.WriteString("| server | operation | requests | 2xx | req/s | × bare | target | verdict | p50 | p99 |\n")
	b.WriteString("|---|---|---:|---:|---:|---:|---:|---|---:|---:|\n")
	for _, c := range r.Cases {
		target := "—"
		if c.Target > 0 {
			target = fmt.Sprintf("≥ %.2f", c.Target)
		}
		fmt.Fprintf(&b, "| %s | %s | %d | %d | %.0f | %.2f | %s | %s | %s | %s |\n",
			c.Server, c.Operation.Name, c.Result.Requests, c.Result.OK, c.Result.PerSecond(), r.Ratio(c), target, r.Verdict(c),
			latency(c.Result.P50), latency(c.Result.P99))
	}
	if len(r.Notes) > 0 {
		b.WriteString("\n")
		for _, n := range r.Notes {
			fmt.Fprintf(&b, "- %s\n", n)
		}
	}
	for _, c := range r.Cases {
		if !c.Result.AllOK() {
			fmt.Fprintf(&b, "\n%s, %s: %d of %d answered 2xx, %d failed: %s\n",
				c.Server, c.Operation.Name, c.Result.OK, c.Result.Requests, c.Result.Failed, c.Result.FirstProblem)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// latency prints a latency in milliseconds with three decimals.
func latency(d time.Duration) string {
	return fmt.Sprintf("%.3f ms", float64(d)/float64(time.Millisecond))
}
