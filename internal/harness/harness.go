// Package harness is graphconform's composition root: it loads the spec, picks the target, runs the
// Gherkin features with godog and hands the results to the reports.
package harness

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/cucumber/godog"
	messages "github.com/cucumber/messages/go/v21"

	"github.com/graphconform/graphconform/features"
	"github.com/graphconform/graphconform/internal/contract"
	"github.com/graphconform/graphconform/internal/record"
	"github.com/graphconform/graphconform/internal/report"
	"github.com/graphconform/graphconform/internal/target"
	"github.com/graphconform/graphconform/spec"
	"github.com/graphconform/graphconform/steps"
)

// Options configure a run.
type Options struct {
	// Target is where the scenarios run.
	Target target.Target
	// Validator checks every exchange against the OpenAPI description.
	Validator *contract.Validator
	// Tags is a godog tag expression selecting scenarios, e.g. "@updateSoftware && ~@lro".
	Tags string
	// Concurrency is how many scenarios run at once; 0 means DefaultConcurrency.
	Concurrency int
	// Randomize, when not 0, shuffles scenarios with that seed (-1 picks one); the run prints the seed
	// to Output, so that the order can be repeated.
	Randomize int64
	// Shard, when set, runs only that shard of the scenarios (see Shard).
	Shard *Shard
	// Events, when set, receives the run as it goes as NDJSON (see report.Events).
	Events io.Writer
	// FailFast stops the run at the first failed scenario: scenarios not started yet do not run.
	FailFast bool
	// Console is what Output shows while running: "scenarios" (a line per scenario as it ends, the
	// default) or godog's own "pretty" (every step) or "progress" (a dot per step).
	Console string
	// Output receives the console output; nil means os.Stdout.
	Output io.Writer
	// NoColors turns colours off.
	NoColors bool
	// ReportDir, when set, receives junit.xml, conformance.json and report.html (see report.Formatters)
	// and godog's cucumber.json.
	ReportDir string
	// SpecSHA256 is the hex sha256 of the OpenAPI description the Validator was built from, for the
	// reports; empty means the embedded spec/openapi.yaml, which is what spec.Load parses.
	SpecSHA256 string
	// PollBudget bounds the polling of an operation; 0 means DefaultPollBudget.
	PollBudget time.Duration
	// TestingT, when set, runs each scenario as a subtest of it.
	TestingT *testing.T
	// Features are the feature files to run (every *.feature below the root); nil means graphconform's
	// own, features.FS. FeatureFiles joins them with a team's own.
	Features fs.FS
	// APIs are the APIs whose steps the scenarios use; nil means steps.BuiltinAPIs(). An embedded
	// mock target without APIs of its own serves theirs (steps.MockAPIs).
	APIs []steps.API
}

// DefaultConcurrency is how many scenarios run at once unless told otherwise.
const DefaultConcurrency = 4

// DefaultPollBudget bounds the polling of an operation: real time on a remote target, the mock's time
// on the embedded mock.
const DefaultPollBudget = steps.DefaultPollBudget

// Exit statuses of a run, shared by the CLI.
const (
	ExitConformant    = 0
	ExitNonConformant = 1
	ExitUsage         = 2
	ExitSpecInvalid   = 3
)

// Result is the outcome of a run.
type Result struct {
	// Status is ExitConformant when scenarios passed and none failed, ExitUsage when the run is
	// inconclusive (it was cut short, or every failure is a target that did not answer),
	// ExitNonConformant otherwise.
	Status int
	// Run is what the run saw, scenario by scenario.
	Run record.Run
	// Report is the run with its coverage of the description, its verdict and what names its
	// features: what the report files and the console summary render.
	Report report.Report
	// ReportFiles are the paths of the report files written, cucumber.json last; none without
	// Options.ReportDir.
	ReportFiles []string
}

// recorder collects scenario records from scenarios running concurrently.
type recorder struct {
	mu       sync.Mutex
	records  []record.Scenario
	progress *report.Progress
	events   *report.Events
	features []report.Feature
	// promises are the Then steps of each scenario that started, by URI and name.
	promises map[string][]string
}

func (r *recorder) Record(rec record.Scenario) {
	r.mu.Lock()
	if !rec.Passed && !rec.Skipped && rec.Promise == nil {
		rec.Promise = r.promises[rec.URI+"\n"+rec.Name]
	}
	r.records = append(r.records, rec)
	r.mu.Unlock()
	if r.progress != nil {
		r.progress.Scenario(rec)
	}
	if r.events != nil {
		r.events.ScenarioEnd(rec, report.LocationIn(r.features, rec.URI, rec.Name).String())
	}
}

// Exchange tells the event stream of an exchange as soon as it is checked.
func (r *recorder) Exchange(scenario string, checked record.CheckedExchange) {
	if r.events != nil {
		r.events.Exchange(scenario, report.ExchangeOf(checked))
	}
}

// keepPromises adds the hook that notes each scenario's Then steps as it starts, for Record.
func (r *recorder) keepPromises(sc *godog.ScenarioContext) {
	sc.Before(func(ctx context.Context, s *godog.Scenario) (context.Context, error) {
		var promise []string
		for _, st := range s.Steps {
			if st.Type == messages.PickleStepType_OUTCOME {
				promise = append(promise, st.Text)
			}
		}
		r.mu.Lock()
		if r.promises == nil {
			r.promises = map[string][]string{}
		}
		r.promises[s.Uri+"\n"+s.Name] = promise
		r.mu.Unlock()
		return ctx, nil
	})
}

// streamEvents adds the hook that tells the event stream each scenario's start.
func (r *recorder) streamEvents(sc *godog.ScenarioContext) {
	sc.Before(func(ctx context.Context, s *godog.Scenario) (context.Context, error) {
		r.events.ScenarioStart(s.Name, s.Uri, report.LocationIn(r.features, s.Uri, s.Name).String())
		return ctx, nil
	})
}

// Run runs the features against the target. An error means the run could not start (bad options, a
// report file that cannot be written), not that the target failed. When ctx ends (a timeout, an
// interrupt), the scenarios still running stop, those not started are not run, all are recorded as
// cut short with context.Cause(ctx), and the reports are written.
func Run(ctx context.Context, opts Options) (*Result, error) {
	if opts.Target == nil || opts.Validator == nil {
		return nil, errors.New("harness: Options need a Target and a Validator")
	}
	if err := CheckTags(opts.Tags); err != nil {
		return nil, err
	}
	if opts.Concurrency <= 0 {
		opts.Concurrency = DefaultConcurrency
	}
	if opts.PollBudget <= 0 {
		opts.PollBudget = DefaultPollBudget
	}
	if opts.Output == nil {
		opts.Output = os.Stdout
	}
	if opts.Randomize == -1 {
		opts.Randomize = time.Now().UnixNano()
	}
	if opts.Randomize != 0 {
		fmt.Fprintf(opts.Output, "graphconform: scenarios in random order, seed %d (--randomize %d repeats the order)\n", opts.Randomize, opts.Randomize)
	}
	rec := &recorder{}
	if opts.Events != nil {
		rec.events = report.NewEvents(opts.Events)
	}
	godogOutput := opts.Output
	format := opts.Console
	switch opts.Console {
	case "", "scenarios":
		rec.progress = report.NewProgress(opts.Output, !opts.NoColors && report.IsTerminal(opts.Output))
		format, godogOutput = "progress", io.Discard
	case "pretty", "progress":
	default:
		return nil, fmt.Errorf("console %q: use scenarios, pretty or progress", opts.Console)
	}
	if opts.ReportDir != "" {
		if err := os.MkdirAll(opts.ReportDir, 0o755); err != nil {
			return nil, fmt.Errorf("create the report directory: %w", err)
		}
		// godog's cucumber formatter carries the exchanges as step attachments; the other report files
		// are ours, written from the record once the run ends.
		format += ",cucumber:" + filepath.Join(opts.ReportDir, CucumberFile)
	}

	apis := opts.APIs
	if apis == nil {
		apis = steps.BuiltinAPIs()
	}
	if e, ok := opts.Target.(*target.Embedded); ok && e.APIs == nil {
		// The embedded mock serves the run's APIs.
		served := *e
		served.APIs = steps.MockAPIs(apis)
		opts.Target = &served
	}
	suite := &steps.Suite{
		Target:     opts.Target,
		Checker:    &Checker{Validator: opts.Validator},
		Recorder:   rec,
		PollBudget: opts.PollBudget,
		APIs:       apis,
	}
	if opts.Features == nil {
		opts.Features = features.FS
	}
	runFeatures := opts.Features
	featureList, err := featuresOf(opts.Features)
	if err != nil {
		return nil, err
	}
	rec.features = featureList
	if opts.Shard != nil {
		filtered, err := opts.Shard.Filter(opts.Features)
		if err != nil {
			return nil, err
		}
		runFeatures = filtered
	}
	started := time.Now()
	if rec.events != nil {
		shard := ""
		if opts.Shard != nil {
			shard = opts.Shard.String()
		}
		rec.events.RunStart(opts.Target.Describe(), shard, opts.Randomize)
	}
	status := godog.TestSuite{
		Name: "graphconform",
		ScenarioInitializer: func(sc *godog.ScenarioContext) {
			rec.keepPromises(sc)
			suite.InitializeScenario(sc)
			if rec.events != nil {
				rec.streamEvents(sc)
			}
		},
		Options: &godog.Options{
			Format:         format,
			FS:             runFeatures,
			Paths:          []string{"."},
			Tags:           opts.Tags,
			Concurrency:    opts.Concurrency,
			Randomize:      opts.Randomize,
			StopOnFailure:  opts.FailFast,
			Strict:         true,
			NoColors:       opts.NoColors,
			Output:         godogOutput,
			DefaultContext: ctx,
			TestingT:       opts.TestingT,
		},
	}.Run()
	result := &Result{Run: record.Run{Target: opts.Target.Describe(), Started: started, Elapsed: time.Since(started), Scenarios: rec.records}}
	if rec.events != nil {
		rec.events.RunEnd(result.Run)
		if err := rec.events.Err(); err != nil {
			return nil, err
		}
	}
	switch status {
	case 0:
		result.Status = ExitConformant
	case 1:
		result.Status = ExitNonConformant
	default:
		return nil, fmt.Errorf("godog refused the options (status %d); see the message above", status)
	}
	if len(result.Run.Scenarios) == 0 {
		return nil, noScenario(opts)
	}
	switch {
	case result.Run.Inconclusive():
		result.Status = ExitUsage
	case !result.Run.Conformant():
		result.Status = ExitNonConformant
	}
	if err := writeReports(opts, result, featureList); err != nil {
		return nil, err
	}
	return result, nil
}

// FeaturesDir is where the built-in feature files are in graphconform's repository: their paths in
// the reports, so that CI annotations point at them.
const FeaturesDir = "features"

// CucumberFile is the name of godog's cucumber report in Options.ReportDir.
const CucumberFile = "cucumber.json"

// featuresOf lists the features of fsys for the reports, the built-in ones (a file of features.FS,
// unchanged) at their paths in the repository.
func featuresOf(fsys fs.FS) ([]report.Feature, error) {
	featureList, err := report.FeaturesFromFS(fsys)
	if err != nil {
		return nil, err
	}
	for i, f := range featureList {
		builtin, err := fs.ReadFile(features.FS, f.URI)
		if err != nil {
			continue
		}
		if data, err := fs.ReadFile(fsys, f.URI); err == nil && bytes.Equal(data, builtin) {
			featureList[i].Path = path.Join(FeaturesDir, f.URI)
		}
	}
	return featureList, nil
}

// writeReports builds the run's report and, with a ReportDir, writes every report file there.
func writeReports(opts Options, result *Result, featureList []report.Feature) error {
	digest := opts.SpecSHA256
	if digest == "" {
		digest = report.SHA256(spec.OpenAPI)
	}
	result.Report = report.New(result.Run, opts.Validator.Doc(), digest)
	if remote, ok := opts.Target.(*target.Remote); ok {
		result.Report.Profile = profileForReport(remote)
	}
	result.Report.Features = featureList
	if opts.ReportDir == "" {
		return nil
	}
	paths, err := report.WriteFiles(opts.ReportDir, result.Report, report.Formatters()...)
	if err != nil {
		return err
	}
	result.ReportFiles = append(paths, filepath.Join(opts.ReportDir, CucumberFile))
	return nil
}

// noScenario says why a run found no scenario to run: its tags matched none, its shard was dealt
// none, or its feature files hold none.
func noScenario(opts Options) error {
	in := ""
	if opts.Shard != nil {
		in = " in shard " + opts.Shard.String()
	}
	switch {
	case opts.Tags != "":
		return fmt.Errorf("no scenario%s matched the tags %q; %s", in, opts.Tags, TagSyntax)
	case opts.Shard != nil:
		return fmt.Errorf("shard %s holds no scenario: there are fewer scenarios than shards; run fewer shards", opts.Shard)
	default:
		return errors.New("the feature files hold no scenario; add a Scenario to one, or name the files with scenarios")
	}
}
