package steps

import (
	"context"
	"errors"
	"fmt"

	"github.com/graphconform/graphconform/internal/guid"
	"github.com/graphconform/graphconform/internal/mockgraph"
	"github.com/graphconform/graphconform/internal/rules"
	"github.com/graphconform/graphconform/internal/target"
)

// Steps that use graphconform's mock: its control endpoints and its test tokens. Scenarios using them
// are tagged @mock-only and skipped on targets that offer no mock controls.
func registerMockControls(sc Registrar) {
	sc.Step(`^an? (delegated|application) token with only the permission "([^"]*)"$`, aTokenWithOnlyThePermission)
	sc.Step(`^the mock answers the next "([^"]*)" request (\d{3}) with Retry-After "([^"]*)"$`, theMockAnswersTheNextRequestWith)
	sc.Step(`^the mock saw no client come back before its Retry-After$`, Step(theMockSawNoEarlyRetry))
}

// aTokenWithOnlyThePermission makes the scenario's requests carry a minted token whose scp (delegated)
// or roles (application) hold just that permission. Only the mock knows such a token: on a target
// that offers no mock controls the step fails rather than send it there.
func aTokenWithOnlyThePermission(ctx context.Context, kind, permission string) error {
	w := worldFrom(ctx)
	if w == nil {
		return errNoWorld
	}
	if _, err := w.controls(); err != nil {
		return err
	}
	claims := mockgraph.TokenClaims{Scopes: []string{permission}, UserID: guid.New(), Name: "graphconform"}
	if kind == "application" {
		claims = mockgraph.TokenClaims{Roles: []string{permission}, AppID: guid.New(), AppDisplayName: "graphconform"}
	}
	w.token = mockgraph.MintToken(claims)
	return nil
}

func theMockAnswersTheNextRequestWith(ctx context.Context, operation string, status int, retryAfter string) error {
	w := worldFrom(ctx)
	if w == nil {
		return errNoWorld
	}
	controls, err := w.controls()
	if err != nil {
		return err
	}
	return controls.AddFault(ctx, mockgraph.Fault{Operation: operation, Status: status, RetryAfter: mockgraph.Seconds(retryAfter), Count: 1})
}

func theMockSawNoEarlyRetry(ctx context.Context, w *Scenario) error {
	controls, err := w.controls()
	if err != nil {
		return err
	}
	report, err := controls.Violations(ctx)
	if err != nil {
		return err
	}
	// The mock may be shared and have seen other clients: only this scenario's requests count.
	mine := map[string]bool{}
	askedToWait := false
	for _, ex := range w.record.Exchanges {
		if id := ex.Exchange.Response.Header.Get(mockgraph.HeaderRequestID); id != "" {
			mine[id] = true
		}
		askedToWait = askedToWait || ex.Exchange.Response.Header.Get("Retry-After") != ""
	}
	if !askedToWait {
		return errors.New("no response of the scenario carried a Retry-After, so there was nothing to come back early from: " +
			`throttle a request first, e.g. 'Given the mock answers the next "teamworkDevice.updateSoftware" request 429 with Retry-After "2"'`)
	}
	for _, v := range report.Violations {
		if !mine[v.RequestID] {
			continue
		}
		for _, id := range v.RuleIDs() {
			if id == rules.ClientHonoursRetryAfter.String() {
				return fmt.Errorf("the harness came back before the Retry-After it was given: %s", v)
			}
		}
	}
	return nil
}

// controls returns the mock's controls, which the target offers or not.
func (w *Scenario) controls() (target.Controls, error) {
	if w.session.Controls == nil {
		return nil, fmt.Errorf("%s offers no mock controls: tag the scenario %s so it is skipped there", w.suite.Target.Describe(), TagMockOnly)
	}
	return w.session.Controls, nil
}
