package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/graphconform/graphconform/internal/contract"
	"github.com/graphconform/graphconform/internal/harness"
	"github.com/graphconform/graphconform/internal/mockgraph"
	"github.com/graphconform/graphconform/spec"
)

type serveFlags struct {
	addr    string
	seed    string
	queued  time.Duration
	running time.Duration
	outcome string
}

func newServeCommand(stdout, stderr io.Writer) *cobra.Command {
	var f serveFlags
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the stateful Graph mock over HTTP, for clients' tests and for 'run --target'",
		Example: `  graphconform serve                                # http://127.0.0.1:8080/beta/…
  graphconform serve --addr 127.0.0.1:0 --queued 200ms --running 300ms`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return serve(cmd.Context(), f, stdout, stderr)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.addr, "addr", "127.0.0.1:8080", "address to listen on (port 0 picks a free one)")
	fl.StringVar(&f.seed, "seed", "", "YAML seed of devices, users and update states (default: fixtures/mock/default.yaml, embedded)")
	fl.DurationVar(&f.queued, "queued", 2*time.Second, "how long an update operation stays queued")
	fl.DurationVar(&f.running, "running", 3*time.Second, "how long an update operation stays inProgress")
	fl.StringVar(&f.outcome, "outcome", "succeeded", "how update operations end: succeeded or failed")
	return cmd
}

func serve(ctx context.Context, f serveFlags, stdout, stderr io.Writer) error {
	if f.outcome != "succeeded" && f.outcome != "failed" {
		return usageError("--outcome %q: use succeeded or failed", f.outcome)
	}
	if f.queued < 0 || f.running < 0 {
		return usageError("--queued and --running cannot be negative")
	}
	seed := mockgraph.DefaultSeed()
	if f.seed != "" {
		data, err := os.ReadFile(f.seed)
		if err != nil {
			return usageError("read the seed: %w", err)
		}
		if seed, err = mockgraph.ParseSeed(data); err != nil {
			return usageError("seed %s: %w", f.seed, err)
		}
	}
	doc, err := spec.Load(ctx)
	if err != nil {
		return &exitError{code: harness.ExitSpecInvalid, err: err}
	}
	validator, err := contract.New(doc)
	if err != nil {
		return &exitError{code: harness.ExitSpecInvalid, err: err}
	}
	mock, err := mockgraph.New(mockgraph.Options{
		Seed:      seed,
		Clock:     mockgraph.SystemClock{},
		Timeline:  mockgraph.Timeline{Queued: f.queued, Running: f.running, Outcome: f.outcome},
		Validator: validator,
	})
	if err != nil {
		return usageError("%w", err)
	}
	listener, err := net.Listen("tcp", f.addr)
	if err != nil {
		return usageError("listen on %s: %w", f.addr, err)
	}
	server := &http.Server{Handler: mock, ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintf(stdout, "graphconform mock serving http://%s (operations below /beta and /v1.0); Ctrl-C stops it\n", listener.Addr())

	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	served := make(chan error, 1)
	go func() { served <- server.Serve(listener) }()
	select {
	case err := <-served:
		return fmt.Errorf("the mock stopped serving: %w", err)
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := server.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shut the mock down: %w", err)
	}
	if err := <-served; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("the mock stopped serving: %w", err)
	}
	fmt.Fprintln(stderr, "graphconform mock stopped")
	return nil
}
