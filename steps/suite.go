// Package steps holds graphconform's godog step definitions. Steps are thin: they send requests through
// the scenario's session, have every exchange checked, and assert what the docs promise. Each
// scenario's state lives in its context.Context.
//
// Each Graph API is one API kit (TeamworkDeviceAPI, AppInstallationAPI, WindowsUpdateStateAPI): its
// resources, its steps and their per-scenario State, its valid requests and its mock handlers.
// BuiltinAPIs lists them; the shared steps (statuses, Graph errors, tokens, the mock's controls)
// work for every API a Suite is given.
package steps

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/cucumber/godog"

	"github.com/graphconform/graphconform/internal/client"
	"github.com/graphconform/graphconform/internal/finding"
	"github.com/graphconform/graphconform/internal/record"
	"github.com/graphconform/graphconform/internal/target"
)

// Checker checks one exchange against the spec and Graph's rules.
type Checker interface {
	// Check returns the operation the exchange belongs to and every finding about its response.
	Check(ctx context.Context, ex *client.Exchange) (operation string, findings []finding.Finding)
}

// Recorder receives every scenario's record when it ends. It must be safe for concurrent use.
type Recorder interface {
	Record(record.Scenario)
}

// ExchangeRecorder is a Recorder that also receives each exchange as soon as it is checked, before its
// scenario ends (the event stream). It must be safe for concurrent use.
type ExchangeRecorder interface {
	Recorder
	Exchange(scenario string, checked record.CheckedExchange)
}

// Suite wires the steps to a target, a checker and a recorder.
type Suite struct {
	// Target is where the scenarios run. Required.
	Target target.Target
	// Checker checks every exchange. Required.
	Checker Checker
	// Recorder, if set, receives each scenario's record.
	Recorder Recorder
	// PollBudget bounds how long polling an operation may take (in the mock's time on the embedded
	// mock); 0 means DefaultPollBudget.
	PollBudget time.Duration
	// APIs are the APIs whose steps scenarios use; nil means BuiltinAPIs().
	APIs []API
	// Steps, when set, registers more steps beside the APIs': a team's own.
	Steps func(sc *godog.ScenarioContext)
	// ScenarioBudget bounds the waits a scenario may be asked for (a Retry-After, the polls of an
	// operation); 0 means the poll budget plus DefaultScenarioSlack.
	ScenarioBudget time.Duration
}

// DefaultScenarioSlack is what a scenario's budget holds besides its poll budget, for its other
// requests and their retries.
const DefaultScenarioSlack = 2 * time.Minute

// scenarioBudget returns the scenario's time budget.
func (s *Suite) scenarioBudget() time.Duration {
	if s.ScenarioBudget > 0 {
		return s.ScenarioBudget
	}
	return s.pollBudget() + DefaultScenarioSlack
}

// TagMutates marks scenarios that change something on the target; they are skipped when the profile
// does not allow mutations.
const TagMutates = "@mutates"

// DefaultPollBudget bounds the polling of an operation unless Suite.PollBudget says otherwise: real
// time on a remote target, the mock's time on the embedded mock.
const DefaultPollBudget = 10 * time.Minute

// TagMockOnly marks scenarios that need the mock's controls; they are skipped on targets that offer
// none.
const TagMockOnly = "@mock-only"

// apis returns the suite's APIs.
func (s *Suite) apis() []API {
	if s.APIs == nil {
		return BuiltinAPIs()
	}
	return s.APIs
}

// pollBudget returns the suite's poll budget.
func (s *Suite) pollBudget() time.Duration {
	if s.PollBudget <= 0 {
		return DefaultPollBudget
	}
	return s.PollBudget
}

// check says what the suite lacks to run a scenario.
func (s *Suite) check() error {
	var missing []string
	if s.Target == nil {
		missing = append(missing, "a Target (where the scenarios run, e.g. the embedded mock)")
	}
	if s.Checker == nil {
		missing = append(missing, "a Checker (what checks every exchange against the spec)")
	}
	if len(missing) == 0 {
		return nil
	}
	return fmt.Errorf("steps.Suite needs %s: set them before InitializeScenario runs a scenario", strings.Join(missing, " and "))
}

// InitializeScenario registers the steps and the hooks that give each scenario its own state.
func (s *Suite) InitializeScenario(sc *godog.ScenarioContext) {
	sc.Before(func(ctx context.Context, scenario *godog.Scenario) (context.Context, error) {
		if err := s.check(); err != nil {
			return ctx, err
		}
		w := &Scenario{suite: s, record: record.Scenario{Name: scenario.Name, URI: scenario.Uri}, deadline: time.Now().Add(s.scenarioBudget())}
		for _, tag := range scenario.Tags {
			w.record.Tags = append(w.record.Tags, tag.Name)
		}
		ctx = withScenario(ctx, w)
		if ctx.Err() != nil {
			return ctx, w.cutShort(ctx)
		}
		session, err := s.Target.Open(ctx)
		if err != nil {
			return ctx, fmt.Errorf("open a session on %s: %w", s.Target.Describe(), err)
		}
		w.session = session
		if w.hasTag(TagMockOnly) && session.Controls == nil {
			return ctx, w.Skip(fmt.Sprintf("%s needs the mock's controls; %s is not the mock", TagMockOnly, s.Target.Describe()))
		}
		if w.hasTag(TagMutates) && session.Client.ReadOnly {
			return ctx, w.Skip(fmt.Sprintf("%s: the profile does not allow mutations (set allowMutations: true, or pass --allow-mutations)", TagMutates))
		}
		if shared, ok := session.Controls.(target.Sharing); ok {
			// On a mock other scenarios share, one that sets fault rules runs alone.
			release, err := shared.Hold(ctx, w.hasTag(TagMockOnly))
			if err != nil {
				return ctx, err
			}
			w.Hold(release)
		}
		return ctx, nil
	})
	sc.After(func(ctx context.Context, _ *godog.Scenario, err error) (context.Context, error) {
		w := worldFrom(ctx)
		if w == nil {
			return ctx, nil
		}
		if w.session != nil {
			w.settle(ctx)
			w.release()
			w.session.Close()
		}
		// godog hands this hook the last step's error, which is nil after a skip: the scenario knows.
		switch {
		case w.record.Skipped:
		case ctx.Err() != nil:
			_ = w.cutShort(ctx)
		case errors.Is(err, godog.ErrSkip):
			w.record.Skipped = true
			w.record.Error = err.Error()
		case err != nil:
			w.record.Error = err.Error()
		default:
			w.record.Passed = true
		}
		if s.Recorder != nil {
			s.Recorder.Record(w.record)
		}
		return ctx, nil
	})
	registerSteps(compiledSteps{sc}, s.apis())
	if s.Steps != nil {
		s.Steps(sc)
	}
}
