package cli

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/graphconform/graphconform/internal/client"
	"github.com/graphconform/graphconform/internal/contract"
	"github.com/graphconform/graphconform/internal/coverage"
	"github.com/graphconform/graphconform/internal/harness"
	"github.com/graphconform/graphconform/internal/mockgraph"
	"github.com/graphconform/graphconform/internal/report"
	"github.com/graphconform/graphconform/internal/target"
	"github.com/graphconform/graphconform/steps"
)

// TokenEnv is the environment variable the bearer token is read from when --token is not given.
const TokenEnv = "GRAPHCONFORM_TOKEN"

// ControlTokenEnv is the environment variable the control token of a served mock started with
// --control-token is read from, for a profile that sets mockControls.
const ControlTokenEnv = "GRAPHCONFORM_CONTROL_TOKEN"

type runFlags struct {
	target      string
	token       string
	profile     string
	tags        string
	concurrency int
	reports     string
	format      string
	noColor     bool
	pollBudget  time.Duration
	randomize   int64
	failFast    bool
	shard       string
	events      string
	caCert      string
	tokenFile   string
	// timeout bounds the whole run; requestTimeout each request.
	timeout, requestTimeout time.Duration
	// allowMutations lets the run change things on a remote target whatever the profile says.
	allowMutations bool
	// requireCoverage fails the run unless it exercised every documented status and header.
	requireCoverage bool
	// features are feature files or folders of a team's own; noBuiltinFeatures runs them alone.
	features          []string
	noBuiltinFeatures bool
}

func newRunCommand(stdout, stderr io.Writer) *cobra.Command {
	var f runFlags
	cmd := &cobra.Command{
		Use:   "run",
		Short: "Run the conformance suite (against the embedded mock unless --target or --profile says otherwise)",
		Example: `  graphconform run
  graphconform run --profile fixtures/targets/example.yaml          # token from $GRAPHCONFORM_TOKEN
  graphconform run --target https://graph.microsoft.us --profile lab.yaml --tags '@updateSoftware'
  graphconform run --features our-features/ --no-builtin-features    # a team's own scenarios (graphconform steps lists the vocabulary)`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runSuite(cmd, f, stdout, stderr)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.target, "target", "", "base URL of a Graph-compatible endpoint, without version (e.g. https://graph.microsoft.com); needs --profile")
	fl.StringVar(&f.token, "token", "", "bearer token for the target (default $"+TokenEnv+")")
	fl.StringVar(&f.profile, "profile", "", "YAML profile naming the resources the suite may use on the target (see fixtures/targets/example.yaml)")
	fl.StringVar(&f.tags, "tags", "", "godog tag expression selecting scenarios, e.g. '@upgrade' or '@updateSoftware && ~@lro' (default $"+harness.TagsEnv+")")
	fl.IntVar(&f.concurrency, "concurrency", harness.DefaultConcurrency, "scenarios run at once")
	fl.StringVar(&f.reports, "reports", "reports", "directory for junit.xml, conformance.json, report.html and cucumber.json (empty: none)")
	fl.StringVar(&f.format, "format", "scenarios", "console output: scenarios (a line each), pretty (every step) or progress (a dot per step)")
	fl.BoolVar(&f.noColor, "no-color", false, "no colours on the console")
	fl.DurationVar(&f.pollBudget, "poll-budget", harness.DefaultPollBudget, "how long an operation may take to reach a terminal status")
	fl.Int64Var(&f.randomize, "randomize", 0, "shuffle scenarios with this seed (-1: a random seed); the seed is printed, so the order can be repeated")
	fl.StringVar(&f.shard, "shard", "", "run shard I of N (e.g. 1/2): the scenarios dealt in turn, so that the shards together run each once; join their reports with 'graphconform report merge'")
	fl.StringVar(&f.events, "events", "", "write the run as it goes to FILE as NDJSON: run start, each scenario's start and end, each exchange, run end")
	fl.BoolVar(&f.failFast, "fail-fast", false, "stop at the first failed scenario; scenarios not started yet do not run")
	fl.StringVar(&f.caCert, "ca-cert", "", "PEM certificate(s) to trust besides the system's, e.g. the one 'serve --tls' prints or a vendor's private CA")
	fl.StringVar(&f.tokenFile, "token-file", "", "file holding the bearer token for the target (instead of $"+TokenEnv+")")
	fl.DurationVar(&f.timeout, "timeout", DefaultRunTimeout, "bound on the whole run: when it passes, the run stops, writes its reports with the unfinished scenarios marked cut short, and exits 2")
	fl.DurationVar(&f.requestTimeout, "request-timeout", client.DefaultTimeout, "bound on each request, from sending it to reading the whole response")
	fl.BoolVar(&f.allowMutations, "allow-mutations", false, "let the scenarios update software, upgrade apps and patch states on the target, as the profile's allowMutations: true does")
	fl.StringArrayVar(&f.features, "features", nil, "a .feature file, or a folder of them, to run besides the built-in ones with the built-in steps (repeatable; 'graphconform steps' lists them)")
	fl.BoolVar(&f.noBuiltinFeatures, "no-builtin-features", false, "run only the --features files, not graphconform's own")
	fl.BoolVar(&f.requireCoverage, "require-coverage", false, "exit 1 unless the run exercised every documented response status and header of every operation")
	return cmd
}

func runSuite(cmd *cobra.Command, f runFlags, stdout, stderr io.Writer) error {
	if f.format != "scenarios" && f.format != "pretty" && f.format != "progress" {
		return usageError("--format %q: use scenarios, pretty or progress", f.format)
	}
	if f.concurrency < 1 {
		return usageError("--concurrency %d: run at least one scenario at a time", f.concurrency)
	}
	for _, d := range []struct {
		flag, example string
		value         time.Duration
	}{{"--timeout", "45m", f.timeout}, {"--request-timeout", "30s", f.requestTimeout}, {"--poll-budget", "10m", f.pollBudget}} {
		if d.value <= 0 {
			return usageError("%s %s: give a positive duration, e.g. %s %s", d.flag, d.value, d.flag, d.example)
		}
	}
	ctx, stop := runContext(cmd.Context(), f.timeout)
	defer stop()
	if !cmd.Flags().Changed("tags") {
		f.tags = os.Getenv(harness.TagsEnv)
	}
	if err := harness.CheckTags(f.tags); err != nil {
		return usageError("--tags: %w", err)
	}
	var shard *harness.Shard
	if f.shard != "" {
		s, err := harness.ParseShard(f.shard)
		if err != nil {
			return usageError("%w", err)
		}
		shard = &s
	}
	validator, err := contract.Load(ctx)
	if err != nil {
		return &exitError{code: harness.ExitSpecInvalid, err: err}
	}
	tgt, err := chooseTarget(ctx, f, validator)
	if err != nil {
		return err
	}
	var events io.Writer
	if f.events != "" {
		file, err := os.Create(f.events)
		if err != nil {
			return usageError("--events: %w; choose a writable file", err)
		}
		defer file.Close()
		events = file
	}
	fmt.Fprintf(stdout, "graphconform: running against %s\n", tgt.Describe())
	if remote, ok := tgt.(*target.Remote); ok && remote.ReadOnly {
		fmt.Fprintf(stdout, "graphconform: read-only: no POST, PATCH, PUT or DELETE is sent; scenarios that need one are skipped (allowMutations: true or --allow-mutations runs them)\n")
	}
	if f.noBuiltinFeatures && len(f.features) == 0 {
		return usageError("--no-builtin-features leaves nothing to run: give --features PATH too")
	}
	featureFiles, err := harness.FeatureFiles(!f.noBuiltinFeatures, f.features)
	if err != nil {
		return usageError("%w", err)
	}
	result, err := harness.Run(ctx, harness.Options{
		Features:    featureFiles,
		Target:      tgt,
		Validator:   validator,
		Tags:        f.tags,
		Concurrency: f.concurrency,
		Randomize:   f.randomize,
		FailFast:    f.failFast,
		Shard:       shard,
		Events:      events,
		Console:     f.format,
		Output:      stdout,
		NoColors:    f.noColor,
		ReportDir:   f.reports,
		PollBudget:  f.pollBudget,
	})
	if err != nil {
		return usageError("%w", err)
	}
	if err := report.Summary(stdout, result.Report, !f.noColor && report.IsTerminal(stdout)); err != nil {
		return usageError("print the summary: %w", err)
	}
	if len(result.ReportFiles) > 0 {
		fmt.Fprintf(stdout, "reports: %s\n", strings.Join(result.ReportFiles, ", "))
	}
	if f.requireCoverage && !result.Report.Coverage.Complete() {
		return &exitError{code: harness.ExitNonConformant, err: coverageShortfall(result.Report.Coverage)}
	}
	if result.Status == harness.ExitUsage {
		if ctx.Err() != nil {
			return usageError("the run was cut short (%v): %d scenario(s) did not end; the reports mark them, and the verdict is INCONCLUSIVE", context.Cause(ctx), result.Run.CutShort())
		}
		if result.Run.AllSkipped() {
			return usageError("every scenario was skipped, each saying why above: nothing was checked, the verdict is INCONCLUSIVE; list the resources they need in the profile, or allow mutations")
		}
		return usageError("%s did not answer: no scenario could check it, the verdict is INCONCLUSIVE; check --target, the network and --ca-cert", tgt.Describe())
	}
	if result.Status != harness.ExitConformant {
		return silentExit(result.Status)
	}
	return nil
}

// coverageShortfall says what a run left unexercised when --require-coverage asked for everything.
func coverageShortfall(c coverage.Coverage) error {
	var b strings.Builder
	fmt.Fprintf(&b, "--require-coverage: the run exercised %d of %d documented statuses and headers (%.1f%%); not exercised:",
		c.Exercised(), c.Documented(), c.Percent())
	for _, g := range c.Missing() {
		fmt.Fprintf(&b, "\n  - %s", g)
	}
	b.WriteString("\nadd scenarios that exercise them, or run without --require-coverage")
	return errors.New(b.String())
}

// chooseTarget picks the embedded mock, or the remote endpoint the flags and the profile name.
func chooseTarget(ctx context.Context, f runFlags, validator *contract.Validator) (target.Target, error) {
	if f.target == "" && f.profile == "" {
		if f.token != "" || f.tokenFile != "" || f.caCert != "" {
			return nil, usageError("--token, --token-file and --ca-cert are for a remote target: add --target and --profile, or drop them to run against the embedded mock")
		}
		return &target.Embedded{Seed: mockgraph.DefaultSeed(), Validator: validator}, nil
	}
	if f.profile == "" {
		return nil, usageError("--target needs --profile: a profile names the devices, app installations and update states the suite may use there (see fixtures/targets/example.yaml)")
	}
	profile, err := target.LoadProfile(f.profile, steps.Resources(steps.BuiltinAPIs()))
	if err != nil {
		return nil, usageError("%w", err)
	}
	base, source := f.target, "--target"
	if base == "" {
		base, source = profile.BaseURL(), "the target of "+f.profile
	}
	if base == "" {
		return nil, usageError("no target: give --target, or set target: or cloud: in %s", f.profile)
	}
	if err := checkBaseURL(base, source); err != nil {
		return nil, usageError("%w", err)
	}
	cloud, err := target.LookupCloud(profile.Cloud)
	if err != nil {
		return nil, usageError("%s: %w", f.profile, err)
	}
	httpClient := &http.Client{}
	if f.caCert != "" {
		pool, err := certPool(f.caCert)
		if err != nil {
			return nil, usageError("--ca-cert: %w", err)
		}
		httpClient.Transport = &http.Transport{Proxy: http.ProxyFromEnvironment, TLSClientConfig: &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}}
	}
	remote := target.NewRemote(base, "", profile)
	remote.HTTP = httpClient
	remote.RequestTimeout = f.requestTimeout
	remote.ReadOnly = !profile.AllowMutations && !f.allowMutations
	if profile.Auth.UsesClientCredentials() {
		if f.token != "" || f.tokenFile != "" {
			return nil, usageError("%s names client credentials; drop --token and --token-file, or the profile's auth section", f.profile)
		}
		tokens, err := target.NewTokenSource(profile.Auth, target.CredentialOptions{Cloud: cloud, HTTP: httpClient})
		if err != nil {
			return nil, usageError("%s: %w", f.profile, err)
		}
		// A first token now: wrong credentials end the run at once, with the authority's answer.
		if _, err := tokens.Token(ctx); err != nil {
			return nil, usageError("%w", err)
		}
		remote.Tokens = tokens
	} else {
		token, err := staticToken(f, profile)
		if err != nil {
			return nil, err
		}
		remote.Token = token
	}
	if profile.MockControls {
		// The profile says the target is graphconform's mock: the @mock-only scenarios use its
		// control endpoints, once it has shown it serves them.
		remote.MockControls = true
		remote.ControlToken = os.Getenv(ControlTokenEnv)
		session, err := remote.Open(ctx)
		if err != nil {
			return nil, usageError("%w", err)
		}
		if err := target.ProbeControls(ctx, &target.ServedControls{Client: session.Client, Token: remote.ControlToken}); err != nil {
			return nil, usageError("%s sets mockControls: true, but %w; drop mockControls for any other target", f.profile, err)
		}
	}
	return remote, nil
}

// staticToken reads the bearer token from --token, --token-file, the profile's auth.tokenFile or the
// environment, in that order.
func staticToken(f runFlags, profile target.Profile) (string, error) {
	token := f.token
	if token == "" && f.tokenFile != "" {
		data, err := os.ReadFile(f.tokenFile)
		if err != nil {
			return "", usageError("--token-file: %w", err)
		}
		token = strings.TrimSpace(string(data))
	}
	if token == "" {
		t, err := profile.Auth.StaticToken(TokenEnv, os.Getenv)
		if err != nil {
			return "", usageError("%s: %w", f.profile, err)
		}
		token = t
	}
	if token == "" {
		return "", usageError("no bearer token: set $%s (or --token-file), or give the profile client credentials (auth.tenantId, auth.clientId)", TokenEnv)
	}
	return token, nil
}

// certPool returns the system's trusted certificates plus those of a PEM file.
func certPool(path string) (*x509.CertPool, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read the certificate: %w", err)
	}
	pool, err := x509.SystemCertPool()
	if err != nil {
		pool = x509.NewCertPool()
	}
	if !pool.AppendCertsFromPEM(data) {
		return nil, fmt.Errorf("%s holds no PEM certificate", path)
	}
	return pool, nil
}

// checkBaseURL accepts an absolute http(s) URL without the version path, credentials, query or
// fragment. Its errors start with source, where the URL came from, and never repeat a password the
// URL carries.
func checkBaseURL(base, source string) error {
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return fmt.Errorf("%s: give an absolute http(s) URL such as https://graph.microsoft.com", source)
	}
	if u.User != nil {
		return fmt.Errorf("%s %q: leave the user name and password out of the URL; the bearer token goes in --token, --token-file or $%s, or the profile's auth", source, u.Redacted(), TokenEnv)
	}
	if u.RawQuery != "" || u.ForceQuery || u.Fragment != "" || strings.Contains(base, "#") {
		return fmt.Errorf("%s %q: leave the query and fragment out (each operation adds its own path and query)", source, u.Redacted())
	}
	trimmed := strings.TrimRight(u.Path, "/")
	if strings.HasSuffix(trimmed, "/beta") || strings.HasSuffix(trimmed, "/v1.0") {
		return fmt.Errorf("%s %q: leave the version out (each operation adds /beta or /v1.0 itself)", source, u.Redacted())
	}
	return nil
}
