package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/graphconform/graphconform/internal/loadbench"
	"github.com/graphconform/graphconform/internal/version"
)

// Bounds of starting and stopping a server under test.
const (
	benchStartTimeout = 30 * time.Second
	benchStopTimeout  = 15 * time.Second
)

// benchToken is the bearer token the load sends to serve, whose default --auth on wants one.
const benchToken = "graphconform-bench"

// Names of graphconform's servers in the report.
const (
	serveStrictServer = "serve --strict"
	forwarderServer   = "bare reverse proxy"
	proxyServer       = "proxy"
)

// Targets of the servers' throughput against the bare server's, on the same operation.
const (
	serveStrictTarget = 0.60
	proxyTarget       = 0.50
)

type benchFlags struct {
	duration    time.Duration
	warmup      time.Duration
	concurrency int
	maxRequests int
	out         string
	prism       string
	prismDir    string
	pin         string
	load        string
	rounds      int
}

// Values of bench --prism and --pin.
const (
	modeAuto = "auto"
	modeOn   = "on"
	modeOff  = "off"
)

// Values of bench --load besides auto.
const (
	loadGo  = "go"
	loadWrk = "wrk"
)

func newBenchCommand(stdout, stderr io.Writer) *cobra.Command {
	f := benchFlags{}
	cmd := &cobra.Command{
		Use:   "bench [flags]",
		Short: "Load a bare net/http server, 'serve --strict' and 'proxy' on loopback and compare their throughput",
		Long: `bench starts, on loopback, a bare net/http server doing the same JSON decode and encode as the
mock (no validation, no state), 'serve --strict' (the real mock and server), a plain
httputil.ReverseProxy in front of a bare upstream (what forwarding alone costs), and 'proxy' in front
of the bare upstream. It loads each in turn with PATCH windowsUpdateState and POST updateSoftware
from --concurrency workers for --warmup unmeasured, then for --duration (at most --max-requests
requests per case), every server in turn, --rounds times over; it then prints each case's median
round: req/s, p50/p99 latency and each server's ratio against the bare one
with pass or short against its target (serve --strict ≥ 0.60×, proxy ≥ 0.50×), and writes the same as
Markdown to --out.

With --pin auto (the default, on Linux with two CPUs or more) or on, each server under load runs as a
program of its own (this one again, with GOMAXPROCS=1; Prism as its Node process) bound to the first
CPU this process may use, while the load generator and the proxies' upstream run in this process
bound to another (a CPU of another core where sysfs tells), with GOMAXPROCS=1: no other part of the
bench runs on the server's CPU, as when a server is measured with wrk on the other core (other
programs on the machine still may). With --pin off, or where pinning cannot be done under auto,
graphconform's servers run in this process and share every CPU with the load generator. The report
says which way it ran.

With --prism auto (the default, when npm is on PATH) or on, npm installs Stoplight's Prism CLI
(@stoplight/prism-cli, major 5) into a temporary folder, and bench loads 'prism mock --errors' with the
embedded OpenAPI description and 'prism proxy --errors' in front of the bare upstream the same way
(pinned as graphconform's servers are), then holds serve --strict to ≥ 20× prism mock and proxy to
≥ 20× prism proxy. Prism runs in a process group of its own, killed when its cases end; the folder is
removed. --prism-dir DIR uses the Prism CLI already installed in DIR instead (npm ci --prefix DIR;
make deps installs the repository's pinned tools/prism), for a machine without the npm registry.
With auto, a Prism that cannot be installed or started is noted in the report; with on, it is an
error.

With --load auto (the default), the load comes from wrk where it is on PATH (Debian and Ubuntu:
apt-get install wrk), as a program of its own on the load CPU, and from graphconform's own Go
generator otherwise; --load wrk or --load go chooses. wrk costs the load CPU less, which matters in
the proxy cases, where that CPU also runs the upstream. Either way each worker has one keep-alive
connection, polls each 202's Location once before it updates again, and times whole iterations; with
wrk a case lasts its duration rounded up to whole seconds, plus one.

The ratios, measured side by side in one run, are what counts, not the absolute figures. It exits 1
when a request was not answered 2xx or a server reported a contract violation (graphconform's servers
must exit 0 when stopped); a ratio short of its target is reported, not an error.`,
		Example: `  graphconform bench                          # 5 s per case, writes BENCHMARKS.md
  graphconform bench --duration 3s --out -    # Markdown on stdout only
  graphconform bench --prism off              # without Node: graphconform's servers only
  graphconform bench --pin off                # every server in this process, sharing every CPU
  graphconform bench --load go                # graphconform's own load generator, even where wrk is installed`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runBench(cmd.Context(), f, stdout, stderr)
		},
	}
	cmd.AddCommand(newBenchServerCommands(stdout)...)
	fl := cmd.Flags()
	fl.DurationVar(&f.duration, "duration", 5*time.Second, "how long each case is loaded")
	fl.DurationVar(&f.warmup, "warmup", time.Second, "how long each case is loaded before it is measured")
	fl.IntVar(&f.concurrency, "concurrency", 8, "how many workers send requests, each one at a time")
	fl.IntVar(&f.rounds, "rounds", 3, "how many times every case is loaded, in turn; each reports its median round")
	fl.IntVar(&f.maxRequests, "max-requests", 1_000_000, "the most requests one case sends, whatever --duration")
	fl.StringVar(&f.out, "out", "BENCHMARKS.md", "where the Markdown report is written; - for stdout only")
	fl.StringVar(&f.pin, "pin", modeAuto, "bind each server under load to a CPU of its own and the load generator to another (Linux, 2 CPUs or more): auto (where possible), on (fail otherwise) or off (all share every CPU)")
	fl.StringVar(&f.load, "load", modeAuto, "the load generator: auto (wrk where it is on PATH, else go), wrk, or go (graphconform's own)")
	fl.StringVar(&f.prism, "prism", modeAuto, "compare Prism (npm installs it into a scratch folder): auto (when npm is on PATH), on (fail without it) or off")
	fl.StringVar(&f.prismDir, "prism-dir", "", "compare the Prism CLI already installed in this folder (npm ci --prefix DIR, e.g. tools/prism) instead of installing one")
	return cmd
}

func runBench(ctx context.Context, f benchFlags, stdout, stderr io.Writer) error {
	// Ctrl-C or SIGTERM stops the run between cases, and every server it started is stopped.
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	load := loadbench.Load{Concurrency: f.concurrency, Duration: f.duration, Warmup: f.warmup, MaxRequests: f.maxRequests, Token: benchToken}
	if err := load.Check(); err != nil {
		return usageError("%w (set --concurrency, --max-requests and --duration above zero, --warmup to zero or more)", err)
	}
	for _, mode := range []struct{ flag, value string }{{"--prism", f.prism}, {"--pin", f.pin}} {
		if mode.value != modeAuto && mode.value != modeOn && mode.value != modeOff {
			return usageError("%s %q: give auto, on or off", mode.flag, mode.value)
		}
	}
	if f.rounds < 1 {
		return usageError("--rounds %d: give 1 or more", f.rounds)
	}
	if f.prismDir != "" && f.prism == modeOff {
		return usageError("--prism-dir %s and --prism off: drop one (--prism-dir names the Prism to compare)", f.prismDir)
	}
	generator, err := chooseGenerator(f.load)
	if err != nil {
		return err
	}
	rig, rigNote, err := newBenchRig(f.pin)
	if err != nil {
		return err
	}
	report := loadbench.Report{
		Machine: loadbench.ThisMachine(time.Now()), Tool: version.Current().String(), Load: load, Generator: generator.Describe(), Rounds: f.rounds, LoadBefore: loadbench.LoadAverage(), BareServer: "bare net/http",
		CPUs: rig.describe(), Notes: benchNotes(rig),
	}
	if rigNote != "" {
		report.Notes = append(report.Notes, rigNote)
	}
	// Prism is installed before this process is bound to one CPU, which npm would inherit.
	var prism *prismPeer
	if f.prism == modeOff {
		report.Notes = append(report.Notes, "Prism is not compared (--prism off).")
	} else if prism, err = installPrism(ctx, rig, f.prism == modeOn, f.prismDir, &report, stderr); err != nil {
		return err
	}
	if prism != nil {
		defer prism.remove()
	}
	unbind, err := rig.bindLoad()
	if err != nil {
		return err
	}
	defer func() { _ = unbind() }()
	// The proxies' upstream runs in this process: on the load CPU when pinned.
	upstream, err := loadbench.StartBare("127.0.0.1:0")
	if err != nil {
		return err
	}
	defer func() { _ = upstream.Stop(benchStopTimeout) }()
	var problems []string
	rounds := loadbench.Rounds{}
	add := func(c loadbench.Case, root string) error {
		for _, op := range loadbench.Operations {
			before := loadbench.ReadCPUTime()
			result, err := generator.Run(ctx, root, op, load)
			if err != nil {
				return err
			}
			c.Operation, c.Result = op, result
			c.Steal, c.StealKnown = loadbench.StealShare(before, loadbench.ReadCPUTime())
			rounds.Add(c)
			fmt.Fprintf(stderr, "graphconform bench: %s, %s: %d requests, %.0f req/s\n", c.Server, op.Name, result.Requests, result.PerSecond())
		}
		return nil
	}
	servers := []struct {
		args []string
		c    loadbench.Case
	}{
		{[]string{"bench", benchBareCommand}, loadbench.Case{Server: report.BareServer}},
		// A device per worker (serve --devices), each updated, polled and updated again.
		{[]string{"serve", "--strict", "--queued", "0", "--running", "0", "--devices", strconv.Itoa(f.concurrency)},
			loadbench.Case{Server: serveStrictServer, Target: serveStrictTarget}},
		{[]string{"bench", benchForwardCommand, "--upstream", upstream.URL}, loadbench.Case{Server: forwarderServer}},
		{[]string{"proxy", "--upstream", upstream.URL}, loadbench.Case{Server: proxyServer, Target: proxyTarget}},
	}
	// Every server is loaded once per round, in turn, so that what else the machine does drifts across
	// all of them alike; each case reports its median round.
	for round := 1; round <= f.rounds; round++ {
		fmt.Fprintf(stderr, "graphconform bench: round %d of %d\n", round, f.rounds)
		for _, s := range servers {
			if ctx.Err() != nil {
				return &exitError{code: 1, err: fmt.Errorf("the load benchmark was stopped before its end: %w", context.Cause(ctx))}
			}
			if err := rig.loadServer(ctx, s.args, func(url string) error { return add(s.c, url+loadbench.VersionRoot) }); err != nil {
				problems = append(problems, fmt.Sprintf("%s (round %d): %v", s.c.Server, round, err))
			}
		}
		if prism != nil && ctx.Err() == nil {
			peerProblems, err := prism.loadRound(ctx, rig, add, upstream.URL+loadbench.VersionRoot)
			if err != nil {
				return err
			}
			for _, p := range peerProblems {
				problems = append(problems, fmt.Sprintf("%s (round %d)", p, round))
			}
		}
	}
	report.Cases = rounds.Medians()
	report.LoadAfter = loadbench.LoadAverage()
	for _, p := range problems {
		report.Notes = append(report.Notes, "Problem: "+p)
	}
	if err := writeBenchReport(report, f.out, stdout); err != nil {
		return err
	}
	if len(problems) > 0 || !report.AllOK() {
		return &exitError{code: 1, err: errors.New("the load benchmark failed: a request was not answered 2xx or a server reported a problem (see the report)")}
	}
	return nil
}

// chooseGenerator is the load generator --load names: with auto, wrk where it is on PATH.
func chooseGenerator(mode string) (loadbench.Generator, error) {
	switch mode {
	case loadGo:
		return loadbench.GoGenerator{}, nil
	case loadWrk, modeAuto:
		wrk, err := loadbench.FindWrk()
		if err == nil {
			return wrk, nil
		}
		if mode == loadWrk {
			return nil, usageError("--load wrk: %w", err)
		}
		return loadbench.GoGenerator{}, nil
	}
	return nil, usageError("--load %q: give auto, wrk or go", mode)
}

// benchNotes say how each server ran and how to read the figures.
func benchNotes(rig benchRig) []string {
	where := "The load generator runs in the same process as the servers, on the same CPUs; ratios are side by side in one run."
	if rig.pinned {
		where = fmt.Sprintf("Each server under load runs as a program of its own (graphconform's with GOMAXPROCS=1) bound to CPU %d alone; the load generator and the proxies' upstream run in the bench's process, bound to CPU %d with GOMAXPROCS=1.", rig.cpus.Server, rig.cpus.Load)
	}
	return []string{
		"bare net/http: decodes the body, merges it into a windowsUpdateState and encodes it (PATCH), or answers 202 with a Location (POST); no routing through the description, no validation, no state.",
		"serve --strict: `graphconform serve --strict --queued 0 --running 0 --devices <workers>` (operations end at once, so repeated updateSoftware gets 202, not 409; each worker updates a synthetic device of its own and polls each 202's Location once before updating it again, as a conforming client does), bearer token sent, access log on (to stderr, read by the bench into a 4 KiB tail).",
		"bare reverse proxy: a plain `httputil.ReverseProxy` in front of the bare upstream, over the proxy's transport and copy buffers: what forwarding alone costs (a second hop), without checks, records or access log. It bounds what proxy can reach.",
		"proxy: `graphconform proxy --upstream <bare upstream>`, validating request and response of every exchange, access log on (to stderr, read by the bench into a 4 KiB tail).",
		where,
		"steal: the share of the machine's CPU time that the hypervisor gave to other guests while the case was loaded (`/proc/stat`; — where unknown). A case with more than a few per cent has noisy figures, however quiet the load average looks.",
		"The load average above is the whole machine's: when it is far above the CPU count, other work shared the CPUs during the run and every figure is noisy; compare ratios, and re-run on a quiet machine before drawing conclusions.",
	}
}

// writeBenchReport prints the report on stdout and, unless out is "-", writes it to out.
func writeBenchReport(report loadbench.Report, out string, stdout io.Writer) error {
	if err := report.WriteMarkdown(stdout); err != nil {
		return fmt.Errorf("print the report: %w", err)
	}
	if out == "-" {
		return nil
	}
	file, err := os.Create(out)
	if err != nil {
		return usageError("create --out %s: %w (does its directory exist?)", out, err)
	}
	writeErr := report.WriteMarkdown(file)
	if err := errors.Join(writeErr, file.Close()); err != nil {
		return fmt.Errorf("write %s: %w", out, err)
	}
	return nil
}

// servingURL finds the base URL a server prints on the first line of its stdout.
var servingURL = regexp.MustCompile(`serving (https?://[^\s]+)`)

// benchCommand runs one of graphconform's server commands in this process, calls load with its URL
// once it serves, then stops it and checks it exited 0 (for serve --strict and proxy: no request
// broke the contract).
func benchCommand(ctx context.Context, args []string, load func(url string) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	out := &firstLine{ready: make(chan string, 1)}
	errs := &loadbench.Tail{}
	exited := make(chan int, 1)
	go func() { exited <- Run(ctx, args, out, errs) }()
	name := commandName(args)
	var url string
	select {
	case line := <-out.ready:
		match := servingURL.FindStringSubmatch(line)
		if match == nil {
			cancel()
			<-exited
			return fmt.Errorf("%s printed no URL on its first line: %q", name, line)
		}
		url = match[1]
	case code := <-exited:
		return fmt.Errorf("%s exited %d before serving: %s", name, code, errs)
	case <-time.After(benchStartTimeout):
		cancel()
		return fmt.Errorf("%s did not serve within %s", name, benchStartTimeout)
	}
	loadErr := load(url)
	cancel()
	select {
	case code := <-exited:
		if code != 0 {
			return errors.Join(loadErr, fmt.Errorf("%s exited %d: %s", name, code, errs))
		}
	case <-time.After(benchStopTimeout):
		return errors.Join(loadErr, fmt.Errorf("%s did not stop within %s", name, benchStopTimeout))
	}
	return loadErr
}

// firstLine is a writer that hands the first line written to it to ready and drops everything.
type firstLine struct {
	mu    sync.Mutex
	buf   strings.Builder
	sent  bool
	ready chan string
}

func (w *firstLine) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.sent {
		w.buf.Write(p)
		if line, _, ok := strings.Cut(w.buf.String(), "\n"); ok {
			w.sent = true
			w.ready <- line
		}
	}
	return len(p), nil
}

// commandName is the words of args before the first flag, e.g. "serve" or "bench bare".
func commandName(args []string) string {
	words := args
	for i, a := range args {
		if strings.HasPrefix(a, "-") {
			words = args[:i]
			break
		}
	}
	return strings.Join(words, " ")
}
