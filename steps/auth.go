package steps

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/graphconform/graphconform/internal/rules"
)

// registerAuth registers the steps every API shares: taking each API's resources, and sending each
// API's valid request with or without a token.
func registerAuth(sc Registrar, apis []API) {
	names := requestNames(apis)
	quoted := make([]string, len(names))
	for i, name := range names {
		quoted[i] = regexp.QuoteMeta(name)
	}
	operation := "(" + strings.Join(quoted, "|") + ")"
	sc.Step(`^the resources the suite may use$`, Step(theResourcesTheSuiteMayUse))
	if len(names) > 0 {
		sc.Step(`^I send the `+operation+` request without a token$`, sendWithoutAToken)
		sc.Step(`^I send the `+operation+` request$`, sendTheRequest)
	}
	sc.Step(`^the request was retried after waiting (\d+(?:\.\d+)?) seconds?, as Retry-After asked$`, theRequestWasRetried)
}

// theResourcesTheSuiteMayUse takes nothing yet: "I send the … request" takes what its API needs, so
// the scenario needs only that API's pool, and a profile without the others still runs it.
func theResourcesTheSuiteMayUse(context.Context, *Scenario) error { return nil }

// sendWithoutAToken sends a valid request of the operation with no Authorization header.
func sendWithoutAToken(ctx context.Context, operation string) (context.Context, error) {
	return sendValidRequest(ctx, operation, true)
}

// sendTheRequest sends a valid request of the operation.
func sendTheRequest(ctx context.Context, operation string) (context.Context, error) {
	return sendValidRequest(ctx, operation, false)
}

func sendValidRequest(ctx context.Context, operation string, noAuth bool) (context.Context, error) {
	w := worldFrom(ctx)
	if w == nil {
		return ctx, errNoWorld
	}
	api, named, err := findRequest(w.suite.apis(), operation)
	if err != nil {
		return ctx, err
	}
	if api.Acquire != nil && !w.acquired[api.Name] {
		if err := api.Acquire(ctx, w); err != nil {
			return ctx, err
		}
		if w.acquired == nil {
			w.acquired = map[string]bool{}
		}
		w.acquired[api.Name] = true
	}
	req, err := named.Build(w)
	if err != nil {
		return ctx, err
	}
	req.NoAuth = noAuth
	return w.Send(ctx, req)
}

// theRequestWasRetried asserts the scenario's exchanges hold a throttled answer followed by a retry,
// after the wait it asked for.
func theRequestWasRetried(ctx context.Context, seconds float64) error {
	w := worldFrom(ctx)
	if w == nil {
		return errNoWorld
	}
	want := time.Duration(seconds * float64(time.Second))
	for _, i := range w.retried {
		ex := w.record.Exchanges[i]
		if ex.RetriedAfter != want {
			return fmt.Errorf("the harness waited %s after the %d, not the %s its Retry-After asked", ex.RetriedAfter, ex.Exchange.Response.Status, want)
		}
		if i == len(w.record.Exchanges)-1 {
			return fmt.Errorf("the %d was not followed by a retry", ex.Exchange.Response.Status)
		}
		return nil
	}
	return w.Fail(rules.DocumentedStatus, "no response asked the harness to wait: the throttling the scenario set up did not happen")
}
