package loadbench

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	_ "embed"
	"errors"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// wrkScript drives wrk: one worker per thread, each polling its updates as a conforming client does
// and timing its own iterations.
//
//go:embed wrk.lua
var wrkScript []byte

// wrkGrace is how long past its duration (and warm-up) a wrk run may take to start, connect and
// write its results before it is killed.
const wrkGrace = 10 * time.Second

// Wrk is wrk, the HTTP benchmarking tool (github.com/wg/wrk), as a load generator: a C program
// whose load costs the load CPU less than a Go generator's, as when a server is measured with wrk on
// the other core.
type Wrk struct {
	// Path is the wrk executable.
	Path string
	// Version is the first line `wrk -v` printed, e.g. "wrk 4.1.0 [epoll] Copyright (C) 2012 Will Glozer".
	Version string
}

// FindWrk finds wrk on PATH and reads its version.
func FindWrk() (Wrk, error) {
	path, err := exec.LookPath("wrk")
	if err != nil {
		return Wrk{}, fmt.Errorf("wrk is not on PATH (Debian and Ubuntu: apt-get install wrk): %w", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	// wrk -v prints its version and usage and exits 1.
	out, _ := exec.CommandContext(ctx, path, "-v").CombinedOutput()
	first, _, _ := strings.Cut(string(out), "\n")
	if !strings.HasPrefix(first, "wrk ") {
		return Wrk{}, fmt.Errorf("%s -v printed %q, not a wrk version", path, first)
	}
	return Wrk{Path: path, Version: strings.TrimSpace(first)}, nil
}

// Describe names the generator for a report.
func (w Wrk) Describe() string {
	version, _, _ := strings.Cut(strings.TrimPrefix(w.Version, "wrk "), " Copyright")
	return "wrk " + version + ", one thread and one keep-alive connection per worker, driven by graphconform's Lua script (each worker polls a 202's Location once before it updates again, and times each iteration with the monotonic clock)"
}

// Run loads the server whose version root is root with op, as the Go generator's Run does: one wrk
// run whose workers load for load.Warmup unmeasured, then for load.Duration or until they sent
// load.MaxRequests, each worker ending after a whole iteration. wrk's own duration, in whole seconds,
// is a second longer, and the run lasts it whole even when every worker reached its cap sooner (the
// figures end at the last iteration); it is bounded past it by wrkGrace and by ctx. As under the Go
// generator, an iteration whose whole answer took longer than load.RequestTimeout, or whose
// connection broke, is failed; so is one still unanswered when wrk's run ends (wrk has no timer for
// a request in flight), which the Go generator would wait for up to the request timeout.
func (w Wrk) Run(ctx context.Context, root string, op Operation, load Load) (Result, error) {
	if err := load.Check(); err != nil {
		return Result{}, err
	}
	t, err := newTarget(root, load.Token, cmp.Or(load.RequestTimeout, DefaultRequestTimeout))
	if err != nil {
		return Result{}, err
	}
	base := t.root
	// A worker sends at least one request, so there are no more workers than requests.
	workers := min(load.Concurrency, load.MaxRequests)
	dir, err := os.MkdirTemp("", "graphconform-wrk-")
	if err != nil {
		return Result{}, fmt.Errorf("make a scratch folder for wrk: %w", err)
	}
	defer func() { _ = os.RemoveAll(dir) }()
	script, out := filepath.Join(dir, "bench.lua"), filepath.Join(dir, "result")
	if err := os.WriteFile(script, wrkScript, 0o600); err != nil {
		return Result{}, fmt.Errorf("write wrk's script: %w", err)
	}
	seconds := int(math.Ceil((load.Warmup + load.Duration).Seconds())) + 1
	bounded, cancel := context.WithTimeout(ctx, time.Duration(seconds)*time.Second+wrkGrace)
	defer cancel()
	cmd := exec.CommandContext(bounded, w.Path,
		"-t", strconv.Itoa(workers), "-c", strconv.Itoa(workers),
		"-d", strconv.Itoa(seconds)+"s", "--timeout", strconv.Itoa(int(math.Ceil(t.timeout.Seconds())))+"s",
		"-s", script, base.String())
	// Ctrl-C reaches the bench, which ends wrk through ctx; a bench killed outright takes wrk with it.
	inOwnGroup(cmd)
	cmd.Env = append(os.Environ(),
		"GRAPHCONFORM_WRK_OUT="+out,
		"GRAPHCONFORM_WRK_METHOD="+op.Method,
		"GRAPHCONFORM_WRK_BODY="+string(op.Body),
		"GRAPHCONFORM_WRK_ROOT="+base.EscapedPath(),
		"GRAPHCONFORM_WRK_HOST="+base.Host,
		"GRAPHCONFORM_WRK_TOKEN="+t.token,
		"GRAPHCONFORM_WRK_TIMEOUT_US="+strconv.FormatInt(t.timeout.Microseconds(), 10),
		"GRAPHCONFORM_WRK_WARMUP_US="+strconv.FormatInt(load.Warmup.Microseconds(), 10),
		"GRAPHCONFORM_WRK_DURATION_US="+strconv.FormatInt(load.Duration.Microseconds(), 10),
	)
	for worker := range workers {
		// The request cap shared out: the first MaxRequests%workers workers send one more.
		limit := load.MaxRequests / workers
		if worker < load.MaxRequests%workers {
			limit++
		}
		cmd.Env = append(cmd.Env,
			fmt.Sprintf("GRAPHCONFORM_WRK_PATH_%d=%s%s", worker+1, base.EscapedPath(), op.PathFor(worker)),
			fmt.Sprintf("GRAPHCONFORM_WRK_CAP_%d=%d", worker+1, limit))
	}
	cmd.WaitDelay = processWaitDelay
	var printed bytes.Buffer
	cmd.Stdout, cmd.Stderr = &printed, &printed
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return Result{}, fmt.Errorf("the load run was stopped: %w", context.Cause(ctx))
		}
		if bounded.Err() != nil {
			return Result{}, fmt.Errorf("wrk did not end within %s past its %d s: %w", wrkGrace, seconds, bounded.Err())
		}
		return Result{}, fmt.Errorf("wrk failed: %w: %s", err, strings.TrimSpace(printed.String()))
	}
	result, err := readWrkResult(out)
	if err != nil {
		return Result{}, fmt.Errorf("%w (wrk printed: %s)", err, strings.TrimSpace(printed.String()))
	}
	return result, nil
}

// readWrkResult reads what the script's done wrote to path: a "failed N" line, a "duration US" line,
// and per worker a "worker N ITERATIONS OK FAILED FROM LAST" line (when it began to measure and its last iteration ended, in microseconds of the monotonic clock), a
// "problem TEXT" line if it saw one, then its iterations' latencies in microseconds, one a line.
func readWrkResult(path string) (Result, error) {
	file, err := os.Open(path)
	if err != nil {
		return Result{}, fmt.Errorf("wrk wrote no results: %w", err)
	}
	defer func() { _ = file.Close() }()
	var (
		result      Result
		latencies   []time.Duration
		start, last = math.Inf(1), math.Inf(-1)
		workers     int
	)
	lines := bufio.NewScanner(file)
	for lines.Scan() {
		line := lines.Text()
		word, rest, _ := strings.Cut(line, " ")
		var err error
		switch word {
		case "failed":
			result.Failed, err = strconv.Atoi(rest)
		case "duration":
			var us int64
			us, err = strconv.ParseInt(rest, 10, 64)
			result.Elapsed = time.Duration(us) * time.Microsecond
		case "worker":
			var fields [6]float64
			err = parseFields(rest, fields[:])
			workers++
			result.Requests += int(fields[1])
			result.OK += int(fields[2])
			result.Failed += int(fields[3])
			start, last = min(start, fields[4]), max(last, fields[5])
		case "problem":
			if result.FirstProblem == "" {
				result.FirstProblem = rest
			}
		default:
			var us int64
			us, err = strconv.ParseInt(line, 10, 64)
			latencies = append(latencies, time.Duration(us)*time.Microsecond)
		}
		if err != nil {
			return Result{}, fmt.Errorf("read wrk's results: line %q: %w", line, err)
		}
	}
	if err := lines.Err(); err != nil {
		return Result{}, fmt.Errorf("read wrk's results: %w", err)
	}
	if workers == 0 {
		return Result{}, errors.New("wrk's results name no worker: did its script run?")
	}
	if last > start {
		// From the first worker's measured start to the last iteration's end, as the Go generator
		// measures, not wrk's whole seconds.
		result.Elapsed = time.Duration((last - start) * float64(time.Microsecond))
	}
	slices.Sort(latencies)
	result.P50 = percentile(latencies, 0.50)
	result.P99 = percentile(latencies, 0.99)
	return result, nil
}

// parseFields parses the space-separated numbers of s into fields, which it must fill exactly.
func parseFields(s string, fields []float64) error {
	words := strings.Fields(s)
	if len(words) != len(fields) {
		return fmt.Errorf("want %d numbers, got %d", len(fields), len(words))
	}
	for i, w := range words {
		v, err := strconv.ParseFloat(w, 64)
		if err != nil {
			return err
		}
		fields[i] = v
	}
	return nil
}
