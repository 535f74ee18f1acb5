package cli

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/graphconform/graphconform/internal/contract"
	"github.com/graphconform/graphconform/internal/gate"
	"github.com/graphconform/graphconform/internal/harness"
	"github.com/graphconform/graphconform/internal/httpserver"
	"github.com/graphconform/graphconform/internal/mockgraph"
	"github.com/graphconform/graphconform/internal/rules"
	"github.com/graphconform/graphconform/steps"
)

// shutdownGrace is how long serve waits for requests in flight when it is told to stop.
const shutdownGrace = 5 * time.Second

// maxViolationLines bounds the violations serve prints when it stops.
const maxViolationLines = 50

type serveFlags struct {
	addr         string
	seed         string
	queued       time.Duration
	running      time.Duration
	queuedPolls  int
	runningPolls int
	outcome      string
	fakeClock    bool
	auth         string
	tls          bool
	cert         string
	key          string
	certOut      string
	strict       bool
	faults       []string
	faultsFile   string
	rate         string
	junit        string

	limits           httpserver.Limits
	historyPerDevice int
	historyTotal     int
	devices          int
	accessLog        string
	logLevel         string
	controlToken     string
	controlHosts     []string
}

func newServeCommand(stdout, stderr io.Writer) *cobra.Command {
	f := serveFlags{limits: httpserver.DefaultLimits()}
	cmd := &cobra.Command{
		Use:   "serve [flags] [-- COMMAND ARGS...]",
		Short: "Serve the stateful Graph mock over HTTP(S), for clients' tests and for 'run --target'",
		Long: `serve runs graphconform's stateful mock of the Graph device-update operations below /beta and
/v1.0 until it gets SIGINT or SIGTERM, logging each request to stderr (the Authorization header is never
logged). Control endpoints below /_graphconform/ reset it, dump its state, advance a fake clock, manage
fault rules and list the requests that broke the contract (see the README). With --strict, serve exits 1 when it stops if any request broke the contract.

With a command after '--', serve runs it with $GRAPHCONFORM_BASE_URL set to the mock's URL (and, with
--tls, $GRAPHCONFORM_CA_CERT and $NODE_EXTRA_CA_CERTS set to its certificate), stops when it exits, and
exits with the command's status when it is not 0, else 1 when --strict and a request broke the
contract, else 0: a one-line gate for a client's tests in CI.`,
		Example: `  graphconform serve                                # http://127.0.0.1:8080/beta/…
  graphconform serve --addr 127.0.0.1:0 --queued 200ms --running 300ms
  graphconform serve --tls --strict                 # https, certificate PEM path printed
  graphconform serve --fake-clock --fault 'teamworkDevice.updateSoftware:429:count=1:retryAfter=2'
  graphconform serve --faults fixtures/mock/faults.example.yaml --rate 10/s
  graphconform serve --tls --strict --violations-junit violations.xml -- npm test`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			command, err := gatedCommand(cmd, args)
			if err != nil {
				return err
			}
			return serve(cmd.Context(), f, command, stdout, stderr)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.addr, "addr", "127.0.0.1:8080", "address to listen on (port 0 picks a free one)")
	fl.StringVar(&f.seed, "seed", "", "YAML seed of devices, users and update states (default: fixtures/mock/default.yaml, embedded)")
	fl.DurationVar(&f.queued, "queued", mockgraph.DefaultQueued, "how long an update operation stays queued")
	fl.DurationVar(&f.running, "running", mockgraph.DefaultRunning, "how long an update operation stays inProgress")
	fl.IntVar(&f.queuedPolls, "queued-polls", 0, "count polls instead of time: the first N GETs of an update operation answer queued (with --running-polls; a client's tests then see the same statuses on any machine)")
	fl.IntVar(&f.runningPolls, "running-polls", 0, "count polls instead of time: the next N GETs of an update operation answer inProgress")
	fl.StringVar(&f.outcome, "outcome", "succeeded", "how update operations end: succeeded or failed")
	fl.BoolVar(&f.fakeClock, "fake-clock", false, "use a clock that moves only by POST /_graphconform/clock/advance (operations, the rate budget and Retry-After checks follow it)")
	fl.StringVar(&f.auth, "auth", string(mockgraph.AuthOn), "on: require a bearer token and check a JWT's scp/roles against x-ms-permissions; off: accept requests without a token")
	fl.BoolVar(&f.tls, "tls", false, "serve HTTPS with a self-signed ECDSA certificate for localhost, 127.0.0.1 and ::1 (its PEM path is printed)")
	fl.StringVar(&f.cert, "cert", "", "serve HTTPS with this PEM certificate (with --key) instead of a generated one")
	fl.StringVar(&f.key, "key", "", "the PEM private key of --cert")
	fl.StringVar(&f.certOut, "cert-out", "", "where --tls writes the generated certificate as PEM (default: a new graphconform-mock-*.pem in the temporary directory, removed when serve stops)")
	fl.BoolVar(&f.strict, "strict", false, "exit 1 when stopped if any request broke the contract (GET /_graphconform/violations lists them)")
	fl.StringArrayVar(&f.faults, "fault", nil, "a fault rule OPERATION[:STATUS|:failOperation][:count=N][:retryAfter=S][:latencyMs=N], e.g. 'teamworkDevice.updateSoftware:429:count=1:retryAfter=2' (repeatable)")
	fl.StringVar(&f.faultsFile, "faults", "", "a YAML file of fault rules (see fixtures/mock/faults.example.yaml); applied before --fault rules")
	fl.StringVar(&f.rate, "rate", "", "a rate budget such as 10/s: requests beyond it get 429 with Retry-After (default: none)")
	fl.StringVar(&f.junit, "violations-junit", "", "write the requests that broke the contract to this file as JUnit XML when serve stops, for CI")
	fl.IntVar(&f.historyPerDevice, "history-per-device", mockgraph.DefaultHistoryPerDevice, "how many update operations of one device the mock remembers; older ended ones are forgotten")
	fl.IntVar(&f.historyTotal, "history", mockgraph.DefaultHistoryTotal, "how many update operations the mock remembers across every device; the oldest ended ones are forgotten first")
	fl.IntVar(&f.devices, "devices", 0, fmt.Sprintf("add N synthetic Teams devices to the seed, for load at scale: ids %s up to 00000000-0000-4000-8000- and N in 12 hex digits (at most %d)",
		mockgraph.SyntheticDevice(1), mockgraph.MaxSyntheticDevices))
	fl.StringVar(&f.accessLog, "access-log", "-", "where each request is logged: - (stderr), a FILE (appended to), or off")
	fl.StringVar(&f.logLevel, "log-level", "info", "the least level logged: debug, info (every request), warn (5xx answers and server errors) or error")
	fl.StringVar(&f.controlToken, "control-token", "", "require this token in the "+mockgraph.HeaderControlToken+" header of every /_graphconform/ request (default: none; set one when listening beyond loopback)")
	fl.StringArrayVar(&f.controlHosts, "control-host", nil, "a host name, besides IP addresses and localhost, the control endpoints may be called by (repeatable)")
	f.limits.AddFlags(fl)
	return cmd
}

// serveOptions are the checked flags of serve, ready to start the mock.
type serveOptions struct {
	seed      mockgraph.Seed
	faults    []mockgraph.Fault
	rate      int
	auth      mockgraph.AuthMode
	tlsWanted bool
	logLevel  slog.Level
}

// checkServeFlags turns the flags into options, or a usage error that says what to fix.
func checkServeFlags(f serveFlags) (serveOptions, error) {
	var o serveOptions
	if f.outcome != mockgraph.StatusSucceeded && f.outcome != mockgraph.StatusFailed {
		return o, usageError("--outcome %q: use succeeded or failed", f.outcome)
	}
	if f.queued < 0 || f.running < 0 {
		return o, usageError("--queued and --running cannot be negative")
	}
	if f.queuedPolls < 0 || f.runningPolls < 0 || f.queuedPolls > mockgraph.MaxPolls || f.runningPolls > mockgraph.MaxPolls {
		return o, usageError("--queued-polls and --running-polls must be between 0 and %d", mockgraph.MaxPolls)
	}
	switch mockgraph.AuthMode(f.auth) {
	case mockgraph.AuthOn, mockgraph.AuthOff:
		o.auth = mockgraph.AuthMode(f.auth)
	default:
		return o, usageError("--auth %q: use on or off", f.auth)
	}
	if (f.cert == "") != (f.key == "") {
		return o, usageError("--cert and --key go together: give both, or neither and --tls for a generated certificate")
	}
	if f.cert != "" && f.certOut != "" {
		return o, usageError("--cert-out names where a generated certificate goes; with --cert there is none: drop one of them")
	}
	if f.certOut != "" && !f.tls {
		return o, usageError("--cert-out needs --tls")
	}
	o.tlsWanted = f.tls || f.cert != ""
	if err := f.limits.Check(); err != nil {
		return o, usageError("%w", err)
	}
	if f.historyPerDevice < 1 || f.historyTotal < 1 {
		return o, usageError("--history-per-device and --history must be at least 1 (they are %d and %d)", f.historyPerDevice, f.historyTotal)
	}
	if err := o.logLevel.UnmarshalText([]byte(f.logLevel)); err != nil {
		return o, usageError("--log-level %q: use debug, info, warn or error", f.logLevel)
	}
	rate, err := mockgraph.ParseRate(f.rate)
	if err != nil {
		return o, usageError("--rate: %w", err)
	}
	o.rate = rate
	o.seed = mockgraph.DefaultSeed()
	if f.seed != "" {
		data, err := os.ReadFile(f.seed)
		if err != nil {
			return o, usageError("read the seed: %w", err)
		}
		if o.seed, err = mockgraph.ParseSeed(data); err != nil {
			return o, usageError("seed %s: %w", f.seed, err)
		}
	}
	if f.devices < 0 || f.devices > mockgraph.MaxSyntheticDevices {
		return o, usageError("--devices %d: give 0 to %d synthetic devices", f.devices, mockgraph.MaxSyntheticDevices)
	}
	if o.seed, err = o.seed.WithSyntheticDevices(f.devices); err != nil {
		return o, usageError("--devices: %w (the seed already names such a device; drop it from the seed)", err)
	}
	if f.faultsFile != "" {
		data, err := os.ReadFile(f.faultsFile)
		if err != nil {
			return o, usageError("read the faults file: %w", err)
		}
		fromFile, err := mockgraph.ParseFaults(data)
		if err != nil {
			return o, usageError("--faults %s: %w", f.faultsFile, err)
		}
		o.faults = append(o.faults, fromFile...)
	}
	for _, s := range f.faults {
		fault, err := mockgraph.ParseFault(s)
		if err != nil {
			return o, usageError("--fault: %w", err)
		}
		o.faults = append(o.faults, fault)
	}
	return o, nil
}

func serve(ctx context.Context, f serveFlags, command []string, stdout, stderr io.Writer) error {
	o, err := checkServeFlags(f)
	if err != nil {
		return err
	}
	validator, err := contract.Load(ctx)
	if err != nil {
		return &exitError{code: harness.ExitSpecInvalid, err: err}
	}
	var clock mockgraph.Clock = mockgraph.SystemClock{}
	if f.fakeClock {
		clock = mockgraph.NewFakeClock(time.Now().UTC().Truncate(time.Second))
	}
	mock, err := mockgraph.New(mockgraph.Options{
		Seed:      o.seed,
		Clock:     clock,
		Timeline:  mockgraph.Timeline{Queued: f.queued, Running: f.running, QueuedPolls: f.queuedPolls, RunningPolls: f.runningPolls, Outcome: f.outcome},
		Validator: validator,
		Auth:      o.auth,
		RateLimit: o.rate,
		Faults:    o.faults,
		APIs:      steps.MockAPIs(steps.BuiltinAPIs()),
		History:   mockgraph.History{PerDevice: f.historyPerDevice, Total: f.historyTotal},

		ControlToken:   f.controlToken,
		ControlHosts:   controlHosts(f),
		MaxHeaderBytes: f.limits.HeaderLimit(),
	})
	if err != nil {
		return usageError("%w", err)
	}
	o.seed = mockgraph.Seed{} // the mock keeps what it needs; --devices ids need not stay alive twice

	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	accessLog, err := httpserver.OpenLog(f.accessLog, stderr)
	if err != nil {
		return usageError("--access-log: %w", err)
	}
	defer func() { _ = accessLog.Close() }() // closed once the server stopped, below; this is for early returns
	listener, err := net.Listen("tcp", f.addr)
	if err != nil {
		return usageError("listen on %s: %w (choose another --addr, or port 0 for a free one)", f.addr, err)
	}
	defer httpserver.KeepGCHeadroom()()
	if warning := beyondLoopbackWarning("graphconform mock", f.addr, listener.Addr(), f.controlToken != ""); warning != "" {
		fmt.Fprintln(stderr, warning)
	}
	logger := slog.New(slog.NewTextHandler(accessLog, &slog.HandlerOptions{Level: o.logLevel}))
	server := f.limits.Server(mockgraph.LogRequests(mock, logger), slog.NewLogLogger(logger.Handler(), slog.LevelWarn))
	listener = f.limits.Listener(listener)
	scheme := "http"
	certPath := ""
	if o.tlsWanted {
		scheme = "https"
		generated, removeCert, err := configureTLS(server, f, listener.Addr())
		if err != nil {
			_ = listener.Close()
			return err
		}
		defer removeCert()
		certPath = generated
		if certPath != "" {
			fmt.Fprintf(stdout, "graphconform mock certificate (PEM): %s — trust it with NODE_EXTRA_CA_CERTS=%s or curl --cacert %s\n", certPath, certPath, certPath)
		}
	}
	fmt.Fprintf(stdout, "graphconform mock serving %s://%s (operations below /beta and /v1.0, control below %s)%s; Ctrl-C stops it\n",
		scheme, listenAddr(f.addr, listener.Addr()), mockgraph.ControlPrefix, reachableAt(scheme, listener.Addr()))

	served := make(chan error, 1)
	go func() {
		if o.tlsWanted {
			served <- server.ServeTLS(listener, "", "")
			return
		}
		served <- server.Serve(listener)
	}()
	started := time.Now()
	outcome, err := waitUntilStopped(ctx, served, gate.Command{
		Argv: command, BaseURL: scheme + "://" + printableAddr(listener.Addr()), CACert: certPath,
		Stdin: os.Stdin, Stdout: stdout, Stderr: stderr,
	})
	if err != nil {
		return usageError("the mock stopped serving: %w", err)
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := server.Shutdown(shutdownCtx); err != nil {
		// Requests still in flight after the grace period are cut; the verdict below still stands.
		fmt.Fprintf(stderr, "graphconform mock: requests still in flight after %s were cut: %v\n", shutdownGrace, err)
		_ = server.Close()
	}
	if err := <-served; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return usageError("the mock stopped serving: %w", err)
	}
	if err := accessLog.Close(); err != nil {
		fmt.Fprintf(stderr, "graphconform mock: the access log could not be written out: %v\n", err)
	}
	report := mock.Violations()
	printViolations(stderr, report, f.strict)
	fmt.Fprintln(stderr, "graphconform mock stopped")
	violations := mockViolations(report)
	if err := writeViolationsJUnit(f.junit, "graphconform serve", started, violations); err != nil {
		return usageError("%w", err)
	}
	if report.Dropped > 0 {
		fmt.Fprintf(stderr, "graphconform mock: %d more request(s) that broke the contract were counted but not kept (past %d violations or %d MiB); %d of all %d broke a rule of level error\n",
			report.Dropped, mockgraph.MaxViolations, mockgraph.MaxViolationBytes>>20, report.Errors, report.Count)
	}
	if code := gateStatus(stderr, "graphconform mock", outcome, f.strict, report.Errors); code != 0 {
		return silentExit(code)
	}
	return nil
}

// mockViolations are the mock's violations as a gate's: every one is the client's.
func mockViolations(report mockgraph.ViolationReport) []gate.Violation {
	out := make([]gate.Violation, 0, len(report.Violations))
	for _, v := range report.Violations {
		out = append(out, gate.Violation{
			Side: rules.Client, Time: v.Time, Method: v.Method, Path: v.Path, Operation: v.Operation, Status: v.Status,
			RequestID: v.RequestID, ClientRequestID: v.ClientRequestID, Findings: v.Findings,
		})
	}
	return out
}

// configureTLS gives server the certificate of --cert/--key, or a generated one written as PEM to
// --cert-out (or a new temporary file). It returns the path of a generated certificate ("" for
// --cert) and a function that removes a temporary one.
func configureTLS(server *http.Server, f serveFlags, addr net.Addr) (certPath string, remove func(), err error) {
	remove = func() {}
	if f.cert != "" {
		cert, err := tls.LoadX509KeyPair(f.cert, f.key)
		if err != nil {
			return "", remove, usageError("load --cert %s and --key %s: %w (give a PEM certificate and its PEM private key)", f.cert, f.key, err)
		}
		server.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
		return "", remove, nil
	}
	var extra []string
	if tcp, ok := addr.(*net.TCPAddr); ok && !tcp.IP.IsUnspecified() && !tcp.IP.IsLoopback() {
		extra = append(extra, tcp.IP.String())
	}
	if host, _, splitErr := net.SplitHostPort(f.addr); splitErr == nil && host != "" && net.ParseIP(host) == nil {
		extra = append(extra, host)
	}
	cert, certPEM, err := mockgraph.SelfSignedCertificate(time.Now(), extra...)
	if err != nil {
		return "", remove, fmt.Errorf("make the mock's certificate: %w", err)
	}
	certPath = f.certOut
	if certPath == "" {
		file, err := os.CreateTemp("", "graphconform-mock-*.pem")
		if err != nil {
			return "", remove, fmt.Errorf("create a file for the mock's certificate in %s (set TMPDIR or give --cert-out): %w", os.TempDir(), err)
		}
		certPath = file.Name()
		remove = func() { _ = os.Remove(certPath) }
		_, writeErr := file.Write(certPEM)
		closeErr := file.Close()
		if err := errors.Join(writeErr, closeErr); err != nil {
			remove()
			return "", func() {}, fmt.Errorf("write the mock's certificate to %s: %w", certPath, err)
		}
	} else if err := os.WriteFile(certPath, certPEM, 0o644); err != nil {
		return "", remove, usageError("write the certificate to --cert-out %s: %w", certPath, err)
	}
	server.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
	return certPath, remove, nil
}

// controlHosts are the host names the control endpoints answer besides IP addresses and localhost:
// --control-host, the name of --addr when it is one, and this machine's name when listening beyond
// loopback.
func controlHosts(f serveFlags) []string {
	hosts := append([]string(nil), f.controlHosts...)
	if host, _, err := net.SplitHostPort(f.addr); err == nil && host != "" && net.ParseIP(host) == nil {
		hosts = append(hosts, host)
	}
	if host, _, err := net.SplitHostPort(f.addr); err == nil {
		if ip := net.ParseIP(host); host == "" || (ip != nil && !ip.IsLoopback()) {
			if name, err := os.Hostname(); err == nil {
				hosts = append(hosts, name)
			}
		}
	}
	return hosts
}

// printableAddr is the listener's address as a client on this machine reaches it: an unspecified
// address (0.0.0.0, ::) is shown as 127.0.0.1.
func printableAddr(addr net.Addr) string {
	tcp, ok := addr.(*net.TCPAddr)
	if !ok {
		return addr.String()
	}
	host := tcp.IP.String()
	if tcp.IP.IsUnspecified() {
		host = "127.0.0.1"
	}
	return net.JoinHostPort(host, fmt.Sprint(tcp.Port))
}

// printViolations says on stderr how many requests broke the contract, and which.
func printViolations(stderr io.Writer, report mockgraph.ViolationReport, strict bool) {
	if report.Count == 0 {
		fmt.Fprintln(stderr, "graphconform mock: no request broke the contract")
		return
	}
	fmt.Fprintf(stderr, "graphconform mock: %d request(s) broke the contract:\n", report.Count)
	for i, v := range report.Violations {
		if i == maxViolationLines {
			break
		}
		fmt.Fprintf(stderr, "  %s\n", v)
	}
	if more := report.Count - min(len(report.Violations), maxViolationLines); more > 0 {
		fmt.Fprintf(stderr, "  … and %d more (GET %sviolations lists them while the mock runs)\n", more, mockgraph.ControlPrefix)
	}
	if !strict {
		fmt.Fprintln(stderr, "graphconform mock: --strict makes this exit status 1")
	}
}
