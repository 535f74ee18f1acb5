package steps

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"

	"github.com/cucumber/godog"

	"github.com/graphconform/graphconform/internal/client"
	"github.com/graphconform/graphconform/internal/conformance"
	"github.com/graphconform/graphconform/internal/guid"
)

func registerWindowsUpdateState(sc *godog.ScenarioContext) {
	sc.Step(`^a windowsUpdateState the suite may update$`, step(aWindowsUpdateState))
	sc.Step(`^I update the windowsUpdateState with:$`, updateTheWindowsUpdateState)
	sc.Step(`^I update the windowsUpdateState, with (a state|a configuration) that does not exist, with:$`, updateAnUnknownWindowsUpdateState)
	sc.Step(`^I get the windowsUpdateState$`, step(getTheWindowsUpdateState))
	sc.Step(`^the response echoes every property sent$`, step(theResponseEchoesEveryPropertySent))
	sc.Step(`^the response has the windowsUpdateState's "id"$`, step(theResponseHasTheStateID))
	sc.Step(`^the windowsUpdateState shows the update and is otherwise unchanged$`, step(theStateShowsTheUpdate))
}

func aWindowsUpdateState(ctx context.Context, w *world) error {
	state, release, err := w.session.UpdateStates.Acquire(ctx)
	if err != nil {
		return w.acquireFailed(err)
	}
	w.hold(release)
	w.updateState = state
	return nil
}

func updateStatePath(configuration, state string) string {
	return "/beta/deviceManagement/deviceConfigurations/" + url.PathEscape(configuration) +
		"/microsoft.graph.windowsUpdateForBusinessConfiguration/deviceUpdateStates/" + url.PathEscape(state)
}

func updateTheWindowsUpdateState(ctx context.Context, body *godog.DocString) (context.Context, error) {
	w := worldFrom(ctx)
	if w == nil {
		return ctx, errNoWorld
	}
	return w.patchState(ctx, w.updateState.DeviceConfiguration, w.updateState.State, body.Content)
}

func updateAnUnknownWindowsUpdateState(ctx context.Context, what string, body *godog.DocString) (context.Context, error) {
	w := worldFrom(ctx)
	if w == nil {
		return ctx, errNoWorld
	}
	configuration, state := w.updateState.DeviceConfiguration, w.updateState.State
	if what == "a state" {
		state = guid.New()
	} else {
		configuration = guid.New()
	}
	return w.patchState(ctx, configuration, state, body.Content)
}

func (w *world) patchState(ctx context.Context, configuration, state, body string) (context.Context, error) {
	return w.send(ctx, client.Request{
		Method: http.MethodPatch,
		Path:   updateStatePath(configuration, state),
		Header: jsonHeader(),
		Body:   []byte(body),
	})
}

// getTheWindowsUpdateState gets the state; the first GET of a scenario is remembered as the state
// before the scenario changed it.
func getTheWindowsUpdateState(ctx context.Context, w *world) error {
	if _, err := w.send(ctx, client.Request{Method: http.MethodGet, Path: updateStatePath(w.updateState.DeviceConfiguration, w.updateState.State)}); err != nil {
		return err
	}
	if w.rememberedState == nil && w.last.Exchange.Response.Status == http.StatusOK {
		_ = json.Unmarshal(w.last.Exchange.Response.Body, &w.rememberedState)
	}
	return nil
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

// theStateShowsTheUpdate compares the latest GET with the state remembered before the PATCH: what the
// PATCH sent has the value sent, everything else is as it was.
func theStateShowsTheUpdate(_ context.Context, w *world) error {
	if w.rememberedState == nil {
		return fmt.Errorf("no state was remembered: get the windowsUpdateState before updating it")
	}
	var patch *client.Exchange
	for i := len(w.record.Exchanges) - 1; i >= 0; i-- {
		if ex := w.record.Exchanges[i].Exchange; ex.Request.Method == http.MethodPatch {
			patch = ex
			break
		}
	}
	if patch == nil {
		return fmt.Errorf("the scenario sent no PATCH")
	}
	resp, err := w.lastResponse()
	if err != nil {
		return err
	}
	var sent, now map[string]any
	if err := json.Unmarshal(patch.Request.Body, &sent); err != nil {
		return fmt.Errorf("the PATCH body is not a JSON object: %w", err)
	}
	if err := json.Unmarshal(resp.Body, &now); err != nil {
		return w.fail(conformance.RuleDocumentedStatus, "the GET did not return a windowsUpdateState: %v", err)
	}
	var problems []string
	for name, before := range w.rememberedState {
		if strings.HasPrefix(name, "@odata.") {
			continue
		}
		want, changed := sent[name]
		if !changed {
			want = before
		}
		if !conformance.SameJSONValue(want, now[name]) {
			problems = append(problems, fmt.Sprintf("%s is %v, want %v", name, now[name], want))
		}
	}
	for name, value := range sent {
		if _, known := w.rememberedState[name]; !known && !strings.HasPrefix(name, "@odata.") && !conformance.SameJSONValue(value, now[name]) {
			problems = append(problems, fmt.Sprintf("%s is %v, want %v", name, now[name], value))
		}
	}
	if len(problems) > 0 {
		sort.Strings(problems)
		return w.fail(conformance.RulePatchPersists, "the GET after the PATCH does not show the update alone: %s", strings.Join(problems, "; "))
	}
	return nil
}
