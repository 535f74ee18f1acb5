package steps

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"

	"github.com/cucumber/godog"

	"github.com/graphconform/graphconform/internal/client"
	"github.com/graphconform/graphconform/internal/conformance"
)

func registerWindowsUpdateState(sc *godog.ScenarioContext) {
	sc.Step(`^a windowsUpdateState the suite may update$`, step(aWindowsUpdateState))
	sc.Step(`^I update the windowsUpdateState with:$`, updateTheWindowsUpdateState)
	sc.Step(`^the response echoes every property sent$`, step(theResponseEchoesEveryPropertySent))
	sc.Step(`^the response has the windowsUpdateState's "id"$`, step(theResponseHasTheStateID))
}

func aWindowsUpdateState(ctx context.Context, w *world) error {
	state, release, err := w.session.UpdateStates.Acquire(ctx)
	if err != nil {
		return err
	}
	w.hold(release)
	w.updateState = state
	return nil
}

func (w *world) updateStatePath() string {
	return "/beta/deviceManagement/deviceConfigurations/" + url.PathEscape(w.updateState.DeviceConfiguration) +
		"/microsoft.graph.windowsUpdateForBusinessConfiguration/deviceUpdateStates/" + url.PathEscape(w.updateState.State)
}

func updateTheWindowsUpdateState(ctx context.Context, body *godog.DocString) (context.Context, error) {
	w := worldFrom(ctx)
	if w == nil {
		return ctx, errNoWorld
	}
	return w.send(ctx, client.Request{
		Method: http.MethodPatch,
		Path:   w.updateStatePath(),
		Header: jsonHeader(),
		Body:   []byte(body.Content),
	})
}

func theResponseEchoesEveryPropertySent(_ context.Context, w *world) error {
	if w.last == nil {
		return fmt.Errorf("no request was sent yet in this scenario")
	}
	if violations := conformance.EchoViolations(w.last.Exchange); len(violations) > 0 {
		return w.fail(conformance.RulePatchEchoesRequest, "the response does not echo the update: %s (at %s)", violations[0].Message, violations[0].JSONPointer)
	}
	return nil
}

func theResponseHasTheStateID(_ context.Context, w *world) error {
	resp, err := w.lastResponse()
	if err != nil {
		return err
	}
	var state struct {
		ID string `json:"id"`
	}
	_ = json.Unmarshal(resp.Body, &state)
	if state.ID != w.updateState.State {
		return w.fail(conformance.RulePatchEchoesRequest, "the response's id is %q; the state patched is %q", state.ID, w.updateState.State)
	}
	return nil
}
