package steps

import (
	"context"
	"fmt"

	"github.com/cucumber/godog"
)

// registerGenerated registers the steps of the requests generated from the spec
// (features/generated.feature): they name an operation by its operationId and send the API's valid
// request of it with another body.
func registerGenerated(sc Registrar) {
	sc.Step(`^the resources of the (\S+) request$`, stepWith(theResourcesOfTheRequest))
	sc.Step(`^I send the (\S+) request with the body:$`, sendTheRequestWithTheBody)
}

// stepWith adapts a step taking the scenario and one argument to godog's signature.
func stepWith[A any](f func(ctx context.Context, w *Scenario, a A) error) func(ctx context.Context, a A) error {
	return func(ctx context.Context, a A) error {
		w := worldFrom(ctx)
		if w == nil {
			return errNoWorld
		}
		return f(ctx, w, a)
	}
}

// requestOf returns the API and the valid request of the operation with the operationId.
func requestOf(apis []API, operation string) (API, NamedRequest, error) {
	for _, api := range apis {
		for _, r := range api.Requests {
			if r.Operation == operation {
				return api, r, nil
			}
		}
	}
	return API{}, NamedRequest{}, fmt.Errorf("no API of the suite has a request of the operation %s: give its API a NamedRequest with Operation %q", operation, operation)
}

// theResourcesOfTheRequest takes what the API of the operation's request needs, and only that.
func theResourcesOfTheRequest(ctx context.Context, w *Scenario, operation string) error {
	api, _, err := requestOf(w.suite.apis(), operation)
	if err != nil {
		return err
	}
	if api.Acquire == nil {
		return nil
	}
	return api.Acquire(ctx, w)
}

// sendTheRequestWithTheBody sends the operation's valid request with the body given, as JSON.
func sendTheRequestWithTheBody(ctx context.Context, operation string, body *godog.DocString) (context.Context, error) {
	w := worldFrom(ctx)
	if w == nil {
		return ctx, errNoWorld
	}
	api, named, err := requestOf(w.suite.apis(), operation)
	if err != nil {
		return ctx, err
	}
	if api.Acquire != nil {
		// As "I send the … request" does; a scenario that took them already keeps them.
		if err := api.Acquire(ctx, w); err != nil {
			return ctx, err
		}
	}
	req, err := named.Build(w)
	if err != nil {
		return ctx, err
	}
	req.Header = jsonHeader()
	req.Body = []byte(body.Content)
	if named.Send != nil {
		return named.Send(ctx, w, req)
	}
	return w.Send(ctx, req)
}
