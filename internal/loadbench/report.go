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
	// Target is the least ratio against the bare server the server must reach; 0 for the bare server
	// and for a peer.
	Target float64
	// Peer marks another project's server (Prism), loaded to be compared with, not held to a target.
	Peer   bool
	Result Result
	// Steal is the share of the machine's CPU time the hypervisor took for other guests while the
	// case was loaded (StealShare), when StealKnown: above a few per cent, its figures are noisy.
	Steal      float64
	StealKnown bool
}

// Comparison holds one of graphconform's servers to a multiple of a peer's throughput, operation by
// operation.
type Comparison struct {
	// Server and Peer name cases of the report, e.g. "serve --strict" and "prism mock --errors".
	Server, Peer string
	// Plain, when set, names the case of a server like Server without its checks (the bare
	// net/http server, the bare reverse proxy): its multiple of the peer shows how far plain net/http
	// itself gets, a ceiling for Server.
	Plain string
	// Target is the least ratio of Server's req/s to Peer's.
	Target float64
}

// Report is a whole load run: where, how, and every case.
type Report struct {
	Machine Machine
	// Tool names the graphconform build measured, as `graphconform --version` prints it.
	Tool string
	Load Load
	// Generator describes the load generator (Generator.Describe).
	Generator string
	// Rounds is how many times every case was loaded; each case is its median round.
	Rounds int
	// LoadBefore and LoadAfter are the machine's load averages before and after the run.
	LoadBefore, LoadAfter string
	// CPUs says where the servers and the load generator ran: pinned to CPUs of their own, or shared.
	CPUs string
	// BareServer names the case every ratio is against.
	BareServer string
	Cases      []Case
	// Peers name the peers' versions, e.g. "Prism 5.14.2 (Node v20.20.2)".
	Peers []string
	// Comparisons are the targets against peers, printed as a table of their own.
	Comparisons []Comparison
	// Notes are lines printed under the tables: how the servers ran, what was left out.
	Notes []string
}

// find is the case of server on operation, if the report has one (a report has one case of each).
func (r Report) find(server, operation string) (Case, bool) {
	for _, c := range r.Cases {
		if server != "" && c.Server == server && c.Operation.Name == operation {
			return c, true
		}
	}
	return Case{}, false
}

// Ratio is c's throughput against the bare server's on the same operation, 0 when there is none.
func (r Report) Ratio(c Case) float64 {
	if bare, ok := r.find(r.BareServer, c.Operation.Name); ok && bare.Result.PerSecond() > 0 {
		return c.Result.PerSecond() / bare.Result.PerSecond()
	}
	return 0
}

// Verdict is "pass" or "short" against c's target, "failed" when not every request was answered
// 2xx, "peer" for a peer and "baseline" for the bare server.
func (r Report) Verdict(c Case) string {
	switch {
	case !c.Result.AllOK():
		return "failed"
	case c.Peer:
		return "peer"
	case c.Target == 0:
		return "baseline"
	case r.Ratio(c) >= c.Target:
		return "pass"
	default:
		return "short"
	}
}

// PeerRow is one operation of a comparison: both cases, the ratio of their req/s and the verdict.
type PeerRow struct {
	Comparison
	Operation    Operation
	Server, Peer Case
	// Ratio is Server's req/s over Peer's, 0 when Peer answered nothing.
	Ratio float64
	// PlainRatio is the Plain case's req/s over Peer's on the same operation, 0 without either.
	PlainRatio float64
	// Verdict is "pass" or "short" against the target, "failed" when either case was not all 2xx.
	Verdict string
}

// PeerRows are the rows of every comparison, for each operation both cases were loaded with.
func (r Report) PeerRows() []PeerRow {
	var rows []PeerRow
	for _, cmp := range r.Comparisons {
		for _, ours := range r.Cases {
			if ours.Server != cmp.Server {
				continue
			}
			peer, ok := r.find(cmp.Peer, ours.Operation.Name)
			if !ok {
				continue
			}
			row := PeerRow{Comparison: cmp, Operation: ours.Operation, Server: ours, Peer: peer}
			if perSecond := peer.Result.PerSecond(); perSecond > 0 {
				row.Ratio = ours.Result.PerSecond() / perSecond
				if plain, ok := r.find(cmp.Plain, ours.Operation.Name); ok {
					row.PlainRatio = plain.Result.PerSecond() / perSecond
				}
			}
			switch {
			case !ours.Result.AllOK() || !peer.Result.AllOK():
				row.Verdict = "failed"
			case row.Ratio >= cmp.Target:
				row.Verdict = "pass"
			default:
				row.Verdict = "short"
			}
			rows = append(rows, row)
		}
	}
	return rows
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
	if r.Tool != "" {
		fmt.Fprintf(&b, "- graphconform: %s\n", r.Tool)
	}
	fmt.Fprintf(&b, "- Go: %s\n", m.GoVersion)
	for _, peer := range r.Peers {
		fmt.Fprintf(&b, "- Peer: %s\n", peer)
	}
	if r.CPUs != "" {
		fmt.Fprintf(&b, "- CPUs: %s\n", r.CPUs)
	}
	fmt.Fprintf(&b, "- Load average (1, 5, 15 min): %s before the run, %s after\n", r.LoadBefore, r.LoadAfter)
	fmt.Fprintf(&b, "- Load: %d concurrent workers on loopback, %s per case after %s unmeasured, at most %d requests per case",
		r.Load.Concurrency, r.Load.Duration, r.Load.Warmup, r.Load.MaxRequests)
	if r.Rounds > 1 {
		fmt.Fprintf(&b, "; every case loaded in %d rounds, each server in turn, and each figure is its median round", r.Rounds)
	}
	b.WriteString("\n")
	if r.Generator != "" {
		fmt.Fprintf(&b, "- Load generator: %s\n", r.Generator)
	}
	b.WriteString("\n")
	b.WriteString("| server | operation | requests | 2xx | req/s | × bare | target | verdict | p50 | p99 | steal |\n")
	b.WriteString("|---|---|---:|---:|---:|---:|---:|---|---:|---:|---:|\n")
	for _, c := range r.Cases {
		target := "—"
		if c.Target > 0 {
			target = fmt.Sprintf("≥ %.2f", c.Target)
		}
		steal := "—"
		if c.StealKnown {
			steal = fmt.Sprintf("%.0f%%", 100*c.Steal)
		}
		fmt.Fprintf(&b, "| %s | %s | %d | %d | %.0f | %.2f | %s | %s | %s | %s | %s |\n",
			c.Server, c.Operation.Name, c.Result.Requests, c.Result.OK, c.Result.PerSecond(), r.Ratio(c), target, r.Verdict(c),
			latency(c.Result.P50), latency(c.Result.P99), steal)
	}
	if rows := r.PeerRows(); len(rows) > 0 {
		b.WriteString("\n| server | peer | operation | req/s | peer req/s | × peer | target | verdict | plain | plain × peer |\n")
		b.WriteString("|---|---|---|---:|---:|---:|---:|---|---|---:|\n")
		for _, row := range rows {
			plain, plainRatio := "—", "—"
			if row.PlainRatio > 0 {
				plain, plainRatio = row.Plain, fmt.Sprintf("%.1f", row.PlainRatio)
			}
			fmt.Fprintf(&b, "| %s | %s | %s | %.0f | %.0f | %.1f | ≥ %.0f | %s | %s | %s |\n",
				row.Server.Server, row.Peer.Server, row.Operation.Name, row.Server.Result.PerSecond(), row.Peer.Result.PerSecond(),
				row.Ratio, row.Target, row.Verdict, plain, plainRatio)
		}
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
