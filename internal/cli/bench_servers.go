package cli

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/graphconform/graphconform/internal/loadbench"
	"github.com/graphconform/graphconform/internal/proxy"
)

// Names of bench's own servers, as commands: what a pinned bench starts as programs of their own.
const (
	benchBareCommand    = "bare"
	benchForwardCommand = "forward"
)

// newBenchServerCommands are 'bench bare' and 'bench forward', hidden: the bare net/http server and the
// plain reverse proxy in front of an upstream that bench loads beside graphconform's servers. They
// print "serving URL" and serve until SIGINT or SIGTERM, then exit 0.
func newBenchServerCommands(stdout io.Writer) []*cobra.Command {
	var addr, upstream string
	bare := &cobra.Command{
		Use: benchBareCommand + " [--addr HOST:PORT]", Hidden: true, Args: cobra.NoArgs,
		Short: "Serve the bare net/http server bench compares graphconform's servers with",
		RunE: func(cmd *cobra.Command, _ []string) error {
			server, err := loadbench.StartBare(addr)
			if err != nil {
				return usageError("%w", err)
			}
			return serveUntilSignalled(cmd.Context(), server, stdout)
		},
	}
	bare.Flags().StringVar(&addr, "addr", "127.0.0.1:0", "where to listen (port 0 for a free one)")
	forward := &cobra.Command{
		Use: benchForwardCommand + " --upstream URL [--addr HOST:PORT]", Hidden: true, Args: cobra.NoArgs,
		Short: "Serve a plain reverse proxy to --upstream: what forwarding alone costs",
		RunE: func(cmd *cobra.Command, _ []string) error {
			target, err := url.Parse(upstream)
			if err != nil || target.Host == "" || (target.Scheme != "http" && target.Scheme != "https") {
				return usageError("--upstream %q: give an http(s) URL, e.g. http://127.0.0.1:8080", upstream)
			}
			server, err := loadbench.StartForwarder(addr, target, proxy.NewTransport(), proxy.NewBufferPool())
			if err != nil {
				return usageError("%w", err)
			}
			return serveUntilSignalled(cmd.Context(), server, stdout)
		},
	}
	forward.Flags().StringVar(&addr, "addr", "127.0.0.1:0", "where to listen (port 0 for a free one)")
	forward.Flags().StringVar(&upstream, "upstream", "", "the server to forward to")
	return []*cobra.Command{bare, forward}
}

// serveUntilSignalled prints server's URL and keeps it serving until ctx ends or SIGINT or SIGTERM,
// then stops it.
func serveUntilSignalled(ctx context.Context, server *loadbench.BareServer, stdout io.Writer) error {
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	fmt.Fprintf(stdout, "graphconform bench server serving %s (Ctrl-C stops it)\n", server.URL)
	<-ctx.Done()
	if err := server.Stop(benchStopTimeout); err != nil {
		return fmt.Errorf("stop the server: %w", err)
	}
	return nil
}
