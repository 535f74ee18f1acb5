package cli

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"
)

// DefaultRunTimeout bounds a whole run unless --timeout says otherwise: long enough for the suite
// against a slow real endpoint (each operation may poll for the 10-minute poll budget, scenarios run
// four at a time), short enough for a CI job.
const DefaultRunTimeout = 45 * time.Minute

// runContext returns the context of one run: it ends when timeout passes or on SIGINT or SIGTERM, its
// cause saying which. stop releases the signals.
func runContext(parent context.Context, timeout time.Duration) (ctx context.Context, stop func()) {
	interruptible, cancel := context.WithCancelCause(parent)
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	go func() {
		select {
		case s := <-signals:
			cancel(fmt.Errorf("interrupted by %s", s))
		case <-interruptible.Done():
		}
	}()
	ctx, cancelTimeout := context.WithTimeoutCause(interruptible, timeout, fmt.Errorf("the run's --timeout of %s passed", timeout))
	return ctx, func() {
		signal.Stop(signals)
		cancelTimeout()
		cancel(nil)
	}
}
