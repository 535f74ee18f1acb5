package loadbench

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// DefaultRequestTimeout bounds one request of a load run whose RequestTimeout is zero, so a stuck
// server cannot hold a worker.
const DefaultRequestTimeout = 5 * time.Second

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
	// RequestTimeout bounds each request, its poll included, from sending it to reading the whole
	// answer; zero means DefaultRequestTimeout.
	RequestTimeout time.Duration
}

// Check says what is wrong with a Load, if anything.
func (l Load) Check() error {
	if l.Concurrency < 1 || l.MaxRequests < 1 || l.Duration <= 0 {
		return fmt.Errorf("concurrency (%d), request cap (%d) and duration (%s) must all be positive", l.Concurrency, l.MaxRequests, l.Duration)
	}
	if l.Warmup < 0 || l.RequestTimeout < 0 {
		return fmt.Errorf("the warm-up (%s) and the request timeout (%s) cannot be negative", l.Warmup, l.RequestTimeout)
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
// load.Duration passed, load.MaxRequests were sent or ctx ended, after load.Warmup unmeasured. Each
// worker owns one keep-alive connection and sends pre-built HTTP/1.1 requests on it, so the generator
// spends little CPU of its own beside the server under load.
func Run(ctx context.Context, root string, op Operation, load Load) (Result, error) {
	if err := load.Check(); err != nil {
		return Result{}, err
	}
	timeout := load.RequestTimeout
	if timeout == 0 {
		timeout = DefaultRequestTimeout
	}
	t, err := newTarget(root, load.Token, timeout)
	if err != nil {
		return Result{}, err
	}
	conns := make([]*conn, load.Concurrency)
	for worker := range conns {
		conns[worker] = newConn(ctx, t)
		defer conns[worker].Close()
	}
	if load.Warmup > 0 {
		measure(ctx, conns, t, op, load, load.Warmup)
	}
	return measure(ctx, conns, t, op, load, load.Duration), nil
}

// measure loads t with op from one worker per connection, for duration.
func measure(ctx context.Context, conns []*conn, t *target, op Operation, load Load, duration time.Duration) Result {
	// The run's end stops workers from starting requests; a request under way completes (bounded by
	// the request timeout), its poll too, so that no update is left unpolled for the next run.
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
	for worker, c := range conns {
		req := t.request(op.Method, t.root.EscapedPath()+op.PathFor(worker), op.Body)
		wg.Go(func() {
			own := make([]time.Duration, 0, min(perWorker, 1<<16))
			var ok, answered, failed int
			var problem string
			for running.Err() == nil && sent.Add(1) <= int64(load.MaxRequests) {
				begin := time.Now()
				status, err := c.send(req)
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

// percentile is the q-quantile (0..1) of sorted latencies, by the nearest-rank method; 0 for none.
func percentile(sorted []time.Duration, q float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	rank := int(q*float64(len(sorted))+0.999999) - 1
	return sorted[max(0, min(rank, len(sorted)-1))]
}
