package cli

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/graphconform/graphconform/internal/contract"
	"github.com/graphconform/graphconform/internal/gate"
	"github.com/graphconform/graphconform/internal/har"
	"github.com/graphconform/graphconform/internal/harness"
	"github.com/graphconform/graphconform/internal/httpserver"
	"github.com/graphconform/graphconform/internal/mockgraph"
	"github.com/graphconform/graphconform/internal/proxy"
	"github.com/graphconform/graphconform/internal/rules"
	"github.com/graphconform/graphconform/internal/upstream"
	"github.com/graphconform/graphconform/internal/version"
)

// upstreamHeaderTimeout bounds how long the proxy waits for the upstream's response headers.
const upstreamHeaderTimeout = 2 * time.Minute

type proxyFlags struct {
	upstream         string
	addr             string
	tls              bool
	cert             string
	key              string
	certOut          string
	strict           bool
	har              string
	junit            string
	insecureUpstream bool
	upstreamCA       string
	bodyLimit        int64
	accessLog        string
	limits           httpserver.Limits
}

func newProxyCommand(stdout, stderr io.Writer) *cobra.Command {
	f := proxyFlags{limits: httpserver.DefaultLimits()}
	cmd := &cobra.Command{
		Use:   "proxy --upstream URL [flags] [-- COMMAND ARGS...]",
		Short: "A validating reverse proxy: check a client and a Graph-compatible upstream against the spec",
		Long: `proxy forwards every request to --upstream (real Graph, a vendor's endpoint, 'graphconform serve') as it
came, the Authorization header untouched, and checks the request against the spec and the client rules
(the client's side) and the response against the spec and Graph's rules (the server's side). Each
exchange is logged to the access log (stderr unless --access-log says otherwise, written out at least
every 200 ms and in full on stop), each violation too, with its side, rule IDs and operation; GET
/_graphconform/violations lists them as JSON with the exchange. Absolute Location and @odata.nextLink
values that point at the upstream are rewritten to point at the proxy. The first line of stdout names
the proxy's URL.

On SIGINT or SIGTERM the proxy prints a summary and exits 1 if any exchange broke the contract
(--strict=false: 0). With a command after '--', it runs the command with $GRAPHCONFORM_BASE_URL set to
the proxy's URL (and, with --tls, $GRAPHCONFORM_CA_CERT and $NODE_EXTRA_CA_CERTS), stops when it exits,
and exits with the command's status when it is not 0, else as above.`,
		Example: `  graphconform proxy --upstream https://graph.microsoft.com --har traffic.har
  graphconform proxy --upstream https://127.0.0.1:8080 --upstream-ca mock.pem --tls -- npm test
  graphconform proxy --upstream https://vendor.example --violations-junit violations.xml -- go test ./...`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			command, err := gatedCommand(cmd, args)
			if err != nil {
				return err
			}
			return runProxy(cmd.Context(), f, command, stdout, stderr)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.upstream, "upstream", "", "the base URL to forward to, without the version, e.g. https://graph.microsoft.com (required)")
	fl.StringVar(&f.addr, "addr", "127.0.0.1:8081", "address to listen on (port 0 picks a free one)")
	fl.BoolVar(&f.tls, "tls", false, "serve HTTPS with a self-signed certificate for localhost, 127.0.0.1 and ::1 (its PEM path is printed)")
	fl.StringVar(&f.cert, "cert", "", "serve HTTPS with this PEM certificate (with --key) instead of a generated one")
	fl.StringVar(&f.key, "key", "", "the PEM private key of --cert")
	fl.StringVar(&f.certOut, "cert-out", "", "where --tls writes the generated certificate as PEM (default: a temporary file, removed when the proxy stops)")
	fl.BoolVar(&f.strict, "strict", true, "exit 1 when stopped if any exchange broke the contract")
	fl.StringVar(&f.har, "har", "", "record every exchange to this file as HAR 1.2 (Authorization, cookies and the token redacted)")
	fl.StringVar(&f.junit, "violations-junit", "", "write the violations to this file as JUnit XML when the proxy stops, for CI")
	fl.BoolVar(&f.insecureUpstream, "insecure-upstream", false, "do not verify the upstream's TLS certificate (a lab endpoint only: the token goes to whoever answers)")
	fl.StringVar(&f.upstreamCA, "upstream-ca", "", "trust this PEM certificate (a private CA, or the one 'serve --tls' prints) for the upstream, besides the system's")
	fl.StringVar(&f.accessLog, "access-log", "-", "where each exchange, each violation and each upstream failure is logged: - (stderr), a FILE (appended to), or off")
	fl.Int64Var(&f.bodyLimit, "body-limit", proxy.DefaultBodyLimit, "the largest body, in bytes, the proxy checks; larger ones pass through unchecked")
	f.limits.AddFlags(fl)
	return cmd
}

// upstreamTransport is how the proxy reaches the upstream: the proxy's transport (reusing its
// connections under load) with the system's roots plus --upstream-ca, or no verification with
// --insecure-upstream.
func upstreamTransport(f proxyFlags) (*upstream.Transport, error) {
	transport := proxy.NewTransport()
	transport.HTTPS.ResponseHeaderTimeout = upstreamHeaderTimeout
	config := &tls.Config{MinVersion: tls.VersionTLS12}
	switch {
	case f.insecureUpstream && f.upstreamCA != "":
		return nil, usageError("--insecure-upstream and --upstream-ca contradict each other: give one")
	case f.insecureUpstream:
		config.InsecureSkipVerify = true //nolint:gosec // asked for by --insecure-upstream, for a lab endpoint
	case f.upstreamCA != "":
		pemBytes, err := os.ReadFile(f.upstreamCA)
		if err != nil {
			return nil, usageError("read --upstream-ca: %w", err)
		}
		roots, err := x509.SystemCertPool()
		if err != nil {
			roots = x509.NewCertPool()
		}
		if !roots.AppendCertsFromPEM(pemBytes) {
			return nil, usageError("--upstream-ca %s holds no PEM certificate", f.upstreamCA)
		}
		config.RootCAs = roots
	}
	transport.HTTPS.TLSClientConfig = config
	return transport, nil
}

func checkUpstream(raw string) (*url.URL, error) {
	if raw == "" {
		return nil, usageError("--upstream is required: the base URL to forward to, e.g. https://graph.microsoft.com")
	}
	u, err := url.Parse(raw)
	if err != nil || !u.IsAbs() || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return nil, usageError("--upstream %q: give an absolute http:// or https:// URL without the version, e.g. https://graph.microsoft.com", raw)
	}
	if u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return nil, usageError("--upstream %q: give only a scheme, host and optional base path (no credentials, query or fragment)", u.Redacted())
	}
	return u, nil
}

func runProxy(ctx context.Context, f proxyFlags, command []string, stdout, stderr io.Writer) error {
	upstream, err := checkUpstream(f.upstream)
	if err != nil {
		return err
	}
	if (f.cert == "") != (f.key == "") {
		return usageError("--cert and --key go together: give both, or neither and --tls for a generated certificate")
	}
	if f.certOut != "" && !f.tls {
		return usageError("--cert-out needs --tls")
	}
	if f.bodyLimit <= 0 {
		return usageError("--body-limit must be a positive number of bytes")
	}
	if err := f.limits.Check(); err != nil {
		return usageError("%w", err)
	}
	transport, err := upstreamTransport(f)
	if err != nil {
		return err
	}
	validator, err := contract.Load(ctx)
	if err != nil {
		return &exitError{code: harness.ExitSpecInvalid, err: err}
	}
	accessLog, err := httpserver.OpenLog(f.accessLog, stderr)
	if err != nil {
		return usageError("--access-log: %w", err)
	}
	defer func() { _ = accessLog.Close() }() // closed once the proxy stopped, below; this is for early returns
	logger := slog.New(slog.NewTextHandler(accessLog, nil))
	var harLog *har.Stream
	if f.har != "" {
		file, err := os.Create(f.har)
		if err != nil {
			return usageError("create --har %s: %w (does its directory exist?)", f.har, err)
		}
		defer file.Close()
		if harLog, err = har.NewStream(file, har.Creator{Name: "graphconform proxy", Version: version.Current().Version}); err != nil {
			return err
		}
	}
	p, err := proxy.New(proxy.Options{
		Upstream: upstream, Validator: validator, Transport: transport, BodyLimit: f.bodyLimit, Logger: logger, HAR: harLog,
		ExchangeTimeout: f.limits.WriteTimeout,
	})
	if err != nil {
		return usageError("%w", err)
	}

	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	listener, err := net.Listen("tcp", f.addr)
	if err != nil {
		return usageError("listen on %s: %w (choose another --addr, or port 0 for a free one)", f.addr, err)
	}
	defer httpserver.KeepGCHeadroom()()
	server := f.limits.Server(mockgraph.LogRequests(p, logger), slog.NewLogLogger(logger.Handler(), slog.LevelWarn))
	listener = f.limits.Listener(listener)
	scheme, certPath := "http", ""
	tlsWanted := f.tls || f.cert != ""
	if tlsWanted {
		scheme = "https"
		generated, removeCert, err := configureTLS(server, serveFlags{addr: f.addr, tls: f.tls, cert: f.cert, key: f.key, certOut: f.certOut}, listener.Addr())
		if err != nil {
			_ = listener.Close()
			return err
		}
		defer removeCert()
		certPath = generated
	}
	base := scheme + "://" + printableAddr(listener.Addr())
	fmt.Fprintf(stdout, "graphconform proxy serving %s → %s (violations at %sviolations); Ctrl-C stops it\n", base, upstream.Redacted(), proxy.ControlPrefix)
	if certPath != "" {
		fmt.Fprintf(stdout, "graphconform proxy certificate (PEM): %s — trust it with NODE_EXTRA_CA_CERTS=%s or curl --cacert %s\n", certPath, certPath, certPath)
	}

	served := make(chan error, 1)
	go func() {
		if tlsWanted {
			served <- server.ServeTLS(listener, "", "")
			return
		}
		served <- server.Serve(listener)
	}()
	started := time.Now()
	outcome, err := waitUntilStopped(ctx, served, gate.Command{Argv: command, BaseURL: base, CACert: certPath, Stdin: os.Stdin, Stdout: stdout, Stderr: stderr})
	if err != nil {
		return usageError("the proxy stopped serving: %w", err)
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := server.Shutdown(shutdownCtx); err != nil {
		fmt.Fprintf(stderr, "graphconform proxy: requests still in flight after %s were cut: %v\n", shutdownGrace, err)
		_ = server.Close()
	}
	if err := <-served; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return usageError("the proxy stopped serving: %w", err)
	}
	if err := accessLog.Close(); err != nil {
		fmt.Fprintf(stderr, "graphconform proxy: the access log could not be written out: %v\n", err)
	}
	if harLog != nil {
		if err := harLog.Close(); err != nil {
			fmt.Fprintf(stderr, "graphconform proxy: %v\n", err)
		}
	}
	report := p.Violations()
	printProxyViolations(stderr, report)
	if err := writeViolationsJUnit(f.junit, "graphconform proxy", started, report.Violations); err != nil {
		return usageError("%w", err)
	}
	fmt.Fprintln(stderr, "graphconform proxy stopped")
	if code := gateStatus(stderr, "graphconform proxy", outcome, f.strict, report.Errors); code != 0 {
		return silentExit(code)
	}
	return nil
}

// printProxyViolations summarises on stderr what broke the contract, by side.
func printProxyViolations(stderr io.Writer, report proxy.ViolationReport) {
	if report.Count == 0 {
		fmt.Fprintln(stderr, "graphconform proxy: no exchange broke the contract")
		return
	}
	sides := map[rules.Side]int{}
	for _, v := range report.Violations {
		sides[v.Side]++
	}
	fmt.Fprintf(stderr, "graphconform proxy: %d violation(s), %d of them errors (client side %d, server side %d):\n",
		report.Count, report.Errors, sides[rules.Client], sides[rules.Server])
	for i, v := range report.Violations {
		if i == maxViolationLines {
			break
		}
		fmt.Fprintf(stderr, "  %s\n", v)
	}
	if more := report.Count - min(len(report.Violations), maxViolationLines); more > 0 {
		fmt.Fprintf(stderr, "  … and %d more (GET %sviolations lists them while the proxy runs)\n", more, proxy.ControlPrefix)
	}
}
