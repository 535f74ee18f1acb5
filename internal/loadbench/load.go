package loadbench

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// requestTimeout bounds one request of a load run, so a stuck server cannot hold a worker.
const requestTimeout = 5 * time.Second

// Load says how hard and how long a run loads a server.
type Load struct {
	// Concurrency is the number of workers, each with one request in flight at a time.
	Concurrency int
	// Duration bounds the run.
	Duration time.Duration
	// Warmup, when positive, is how long the server is loaded before the run, unmeasured, on the same
	// connections: they are open and a JIT-compiled peer is warm when the measure starts.
	Warmup time.Duration
	// MaxRequests bounds the requests of the run, whatever the duration.
	MaxRequests int
	// Token, when set, is sent as the bearer token.
	Token string
}

// Check says what is wrong with a Load, if anything.
func (l Load) Check() error {
	if l.Concurrency < 1 || l.MaxRequests < 1 || l.Duration <= 0 {
		return fmt.Errorf("concurrency (%d), request cap (%d) and duration (%s) must all be positive", l.Concurrency, l.MaxRequests, l.Duration)
	}
	if l.Warmup < 0 {
		return fmt.Errorf("the warm-up (%s) cannot be negative", l.Warmup)
	}
	return nil
}

// Result is what one load run measured.
type Result struct {
	// Requests counts the requests that got an answer; OK those answered 2xx.
	Requests, OK int
	// Failed counts the requests that got no answer (a transport error or the request timeout).
	Failed int
	// FirstProblem describes the first non-2xx answer or failure, "" when there was none.
	FirstProblem string
	Elapsed      time.Duration
	P50, P99     time.Duration
}

// PerSecond is the answered requests per second.
func (r Result) PerSecond() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.Requests) / r.Elapsed.Seconds()
}

// AllOK tells whether every request was answered 2xx.
func (r Result) AllOK() bool { return r.Requests > 0 && r.OK == r.Requests && r.Failed == 0 }

// Run loads the server whose version root is root (e.g. http://127.0.0.1:8080/beta) with op until
// load.Duration passed, load.MaxRequests were sent or ctx ended, after load.Warmup unmeasured.
func Run(ctx context.Context, root string, op Operation, load Load) (Result, error) {
	if err := load.Check(); err != nil {
		return Result{}, err
	}
	transport := &http.Transport{
		MaxIdleConns:        load.Concurrency,
		MaxIdleConnsPerHost: load.Concurrency,
		IdleConnTimeout:     30 * time.Second,
	}
	defer transport.CloseIdleConnections()
	client := &http.Client{Transport: transport, Timeout: requestTimeout}
	if load.Warmup > 0 {
		measure(ctx, client, root, op, load, load.Warmup)
	}
	return measure(ctx, client, root, op, load, load.Duration), nil
}

// measure loads root with op from load.Concurrency workers sharing client, for duration.
func measure(ctx context.Context, client *http.Client, root string, op Operation, load Load, duration time.Duration) Result {
	// The run's end stops workers from starting requests; a request under way completes (bounded by
	// requestTimeout), its poll too, so that no update is left unpolled for the next run.
	running, cancel := context.WithTimeout(ctx, duration)
	defer cancel()

	var (
		sent       atomic.Int64
		mu         sync.Mutex
		result     Result
		latencies  = make([]time.Duration, 0, min(load.MaxRequests, 1<<20))
		wg         sync.WaitGroup
		perWorker  = load.MaxRequests/load.Concurrency + 1
		started    = time.Now()
		problemSet bool
	)
	for worker := range load.Concurrency {
		url := root + op.PathFor(worker)
		wg.Go(func() {
			own := make([]time.Duration, 0, min(perWorker, 1<<16))
			var ok, answered, failed int
			var problem string
			for running.Err() == nil && sent.Add(1) <= int64(load.MaxRequests) {
				begin := time.Now()
				status, err := send(ctx, client, root, url, op, load.Token)
				if ctx.Err() != nil {
					break // the caller ended the run and cut this request: it is not the server's failure
				}
				if err != nil {
					failed++
					if problem == "" {
						problem = err.Error()
					}
					continue
				}
				own = append(own, time.Since(begin))
				answered++
				if status >= 200 && status < 300 {
					ok++
				} else if problem == "" {
					problem = fmt.Sprintf("%s %s answered %d", op.Method, op.Path, status)
				}
			}
			mu.Lock()
			defer mu.Unlock()
			result.Requests += answered
			result.OK += ok
			result.Failed += failed
			if problem != "" && !problemSet {
				result.FirstProblem, problemSet = problem, true
			}
			latencies = append(latencies, own...)
		})
	}
	wg.Wait()
	result.Elapsed = time.Since(started)
	slices.Sort(latencies)
	result.P50 = percentile(latencies, 0.50)
	result.P99 = percentile(latencies, 0.99)
	return result
}

// send sends one request to url and reads its whole answer; a 202's Location is polled below root.
func send(ctx context.Context, client *http.Client, root, url string, op Operation, token string) (int, error) {
	req, err := http.NewRequestWithContext(ctx, op.Method, url, bytes.NewReader(op.Body))
	if err != nil {
		return 0, fmt.Errorf("build the request: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	_, err = io.Copy(io.Discard, resp.Body)
	closeErr := resp.Body.Close()
	if err := errors.Join(err, closeErr); err != nil {
		return 0, fmt.Errorf("read the answer: %w", err)
	}
	if location := resp.Header.Get("Location"); resp.StatusCode == http.StatusAccepted && location != "" {
		return poll(ctx, client, root, location, token)
	}
	return resp.StatusCode, nil
}

// poll GETs the Location of a 202 once, as a conforming client does before it sends the update again
// (the mock and the proxy flag a client that re-posts without polling); the poll's status is the
// exchange's status. A Location path outside root's path is relative to the version root, as Graph's
// are.
func poll(ctx context.Context, client *http.Client, root, location, token string) (int, error) {
	base, err := url.Parse(root)
	if err != nil {
		return 0, fmt.Errorf("parse the version root %q: %w", root, err)
	}
	ref, err := url.Parse(location)
	if err != nil {
		return 0, fmt.Errorf("parse the Location %q: %w", location, err)
	}
	if !ref.IsAbs() && !strings.HasPrefix(ref.Path, base.Path+"/") {
		ref.Path = base.Path + ref.Path
	}
	pollURL := base.ResolveReference(ref)
	if pollURL.Host != base.Host || pollURL.Scheme != base.Scheme {
		return 0, fmt.Errorf("the Location %q leaves the server under load", location)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, pollURL.String(), nil)
	if err != nil {
		return 0, fmt.Errorf("build the poll: %w", err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	_, err = io.Copy(io.Discard, resp.Body)
	if err := errors.Join(err, resp.Body.Close()); err != nil {
		return 0, fmt.Errorf("read the poll's answer: %w", err)
	}
	return resp.StatusCode, nil
}

// percentile is the q-quantile (0..1) of sorted latencies, by the nearest-rank method; 0 for none.
func percentile(sorted []time.Duration, q float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	rank := int(q*float64(len(sorted))+0.999999) - 1
	return sorted[max(0, min(rank, len(sorted)-1))]
}
