// Package steps holds graphconform's godog step definitions. Steps are thin: they send requests through
// the scenario's session, have every exchange checked, and assert what the docs promise. Each
// scenario's state lives in its context.Context.
package steps

import (
	"context"
	"errors"
	"fmt"
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

// Suite wires the steps to a target, a checker and a recorder.
type Suite struct {
	Target  target.Target
	Checker Checker
	// Recorder, if set, receives each scenario's record.
	Recorder Recorder
	// PollBudget bounds how long polling an operation may take (in the mock's time on the embedded mock).
	PollBudget time.Duration
	// ScenarioBudget bounds the waits a scenario may be asked for (a Retry-After, the polls of an
	// operation); 0 means PollBudget plus DefaultScenarioSlack.
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
	return s.PollBudget + DefaultScenarioSlack
}

// TagMutates marks scenarios that change something on the target; they are skipped when the profile
// does not allow mutations.
const TagMutates = "@mutates"

// TagMockOnly marks scenarios that need the mock's controls; they are skipped on other targets.
const TagMockOnly = "@mock-only"

// InitializeScenario registers the steps and the hooks that give each scenario its own world.
func (s *Suite) InitializeScenario(sc *godog.ScenarioContext) {
	sc.Before(func(ctx context.Context, scenario *godog.Scenario) (context.Context, error) {
		w := &world{suite: s, record: record.Scenario{Name: scenario.Name, URI: scenario.Uri}, deadline: time.Now().Add(s.scenarioBudget())}
		for _, tag := range scenario.Tags {
			w.record.Tags = append(w.record.Tags, tag.Name)
		}
		ctx = withWorld(ctx, w)
		if ctx.Err() != nil {
			return ctx, w.cutShort(ctx)
		}
		if w.hasTag(TagMockOnly) && !s.Target.IsMock() {
			return ctx, w.skip(fmt.Sprintf("%s needs the mock's controls; %s is not the mock", TagMockOnly, s.Target.Describe()))
		}
		session, err := s.Target.Open(ctx)
		if err != nil {
			return ctx, fmt.Errorf("open a session on %s: %w", s.Target.Describe(), err)
		}
		w.session = session
		if w.hasTag(TagMutates) && session.Client.ReadOnly {
			return ctx, w.skip(fmt.Sprintf("%s: the profile does not allow mutations (set allowMutations: true, or pass --allow-mutations)", TagMutates))
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
		// godog hands this hook the last step's error, which is nil after a skip: the world knows.
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
	registerCommon(sc)
	registerUpdateSoftware(sc)
	registerAppUpgrade(sc)
	registerWindowsUpdateState(sc)
	registerAuth(sc)
	registerMockControls(sc)
	registerListOperations(sc)
}
