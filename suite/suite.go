// Package suite puts graphconform's conformance suite into another module's go test: a team runs
// its own .feature files with graphconform's step definitions, wired to a target (graphconform's
// embedded mock, a fresh one per scenario, or an endpoint a profile names) and the checker of the
// embedded spec, and adds steps of its own.
//
//	s, err := suite.New(ctx, suite.Options{})
//	err = s.Run(t, suite.RunOptions{Paths: []string{"features"}, Steps: func(sc *godog.ScenarioContext) {
//		sc.Step(`^the response carries a request-id$`, theResponseCarriesARequestID)
//	}})
//
// Run is strict and fails when no scenario ran; a team that builds its own godog.TestSuite calls
// InitializeScenario in its ScenarioInitializer and sets Strict itself.
//
// 'graphconform steps' lists the step vocabulary; examples/own-steps is a module that does this.
package suite

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/cucumber/godog"

	"github.com/graphconform/graphconform/internal/client"
	"github.com/graphconform/graphconform/internal/contract"
	"github.com/graphconform/graphconform/internal/harness"
	"github.com/graphconform/graphconform/internal/mockgraph"
	"github.com/graphconform/graphconform/internal/target"
	"github.com/graphconform/graphconform/steps"
)

// TokenEnv is the environment variable the bearer token of a profile's target is read from when
// Options.Token is empty.
const TokenEnv = "GRAPHCONFORM_TOKEN"

// ControlTokenEnv is the environment variable the control token of a served mock started with
// --control-token is read from, for a profile that sets mockControls.
const ControlTokenEnv = "GRAPHCONFORM_CONTROL_TOKEN"

// Options say where the scenarios run.
type Options struct {
	// Profile is a target profile (see fixtures/targets/example.yaml): the endpoint and the resources
	// the suite may use there. Empty runs every scenario against a fresh embedded mock of its own.
	Profile string
	// Target is the endpoint's base URL without the version; empty means the profile's target.
	Target string
	// Token is the bearer token for the profile's endpoint; empty reads $GRAPHCONFORM_TOKEN.
	Token string
	// PollBudget bounds the polling of an operation; 0 means 10 minutes (in the mock's time on the
	// embedded mock, which never sleeps).
	PollBudget time.Duration
}

// Suite is graphconform's step definitions wired to a target and the checker of the embedded spec.
type Suite struct {
	steps *steps.Suite
}

// New loads the embedded spec and opens the target the options name.
func New(ctx context.Context, opts Options) (*Suite, error) {
	validator, err := contract.Load(ctx)
	if err != nil {
		return nil, fmt.Errorf("load graphconform's spec: %w", err)
	}
	apis := steps.BuiltinAPIs()
	tgt, err := openTarget(ctx, opts, validator, apis)
	if err != nil {
		return nil, err
	}
	return &Suite{steps: &steps.Suite{
		Target:     tgt,
		Checker:    &harness.Checker{Validator: validator},
		PollBudget: opts.PollBudget,
		APIs:       apis,
	}}, nil
}

// openTarget is the embedded mock without a profile, or the endpoint the profile names.
func openTarget(ctx context.Context, opts Options, validator *contract.Validator, apis []steps.API) (target.Target, error) {
	if opts.Profile == "" {
		if opts.Target != "" || opts.Token != "" {
			return nil, errors.New("suite: Target and Token need a Profile naming the resources the suite may use there")
		}
		return &target.Embedded{Seed: mockgraph.DefaultSeed(), Validator: validator, APIs: steps.MockAPIs(apis)}, nil
	}
	profile, err := target.LoadProfile(opts.Profile, steps.Resources(apis))
	if err != nil {
		return nil, fmt.Errorf("suite: %w", err)
	}
	base := opts.Target
	if base == "" {
		base = profile.Target
	}
	if base == "" {
		return nil, fmt.Errorf("suite: no target: set Options.Target or target: in %s", opts.Profile)
	}
	if !profile.AllowMutations {
		return nil, fmt.Errorf("suite: %s does not set allowMutations: true; the scenarios change resources on %s, so say so explicitly", opts.Profile, base)
	}
	token := opts.Token
	if token == "" {
		token = os.Getenv(TokenEnv)
	}
	if token == "" {
		return nil, fmt.Errorf("suite: no bearer token for %s: set $%s or Options.Token", base, TokenEnv)
	}
	remote := target.NewRemote(base, token, profile)
	if profile.MockControls {
		remote.MockControls = true
		remote.ControlToken = os.Getenv(ControlTokenEnv)
		session, err := remote.Open(ctx)
		if err != nil {
			return nil, fmt.Errorf("suite: %w", err)
		}
		if err := target.ProbeControls(ctx, &target.ServedControls{Client: session.Client, Token: remote.ControlToken}); err != nil {
			return nil, fmt.Errorf("suite: %s sets mockControls: true, but %w", opts.Profile, err)
		}
	}
	return remote, nil
}

// Target names where the scenarios run: "embedded mock" or the endpoint's base URL.
func (s *Suite) Target() string { return s.steps.Target.Describe() }

// InitializeScenario registers graphconform's steps and the hooks that give each scenario its own
// state (and, on the embedded mock, its own mock); register steps of your own after it.
func (s *Suite) InitializeScenario(sc *godog.ScenarioContext) { s.steps.InitializeScenario(sc) }

// Scenario is the scenario a step runs in: Send sends a request below the target (checked against
// the spec like every other), LastResponse is the latest answer, Skip skips the scenario.
type Scenario = steps.Scenario

// Request is what a step sends: Method, a Path starting with /beta or /v1.0, Header and Body.
type Request = client.Request

// Response is a response as the scenario recorded it: Status, Header and Body.
type Response = client.RecordedResponse

// ScenarioFrom returns the scenario a step of your own runs in.
func ScenarioFrom(ctx context.Context) (*Scenario, error) { return steps.ScenarioFrom(ctx) }
