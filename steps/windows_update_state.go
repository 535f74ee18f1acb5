package steps

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"

	"github.com/cucumber/godog"

	"github.com/graphconform/graphconform/internal/client"
	"github.com/graphconform/graphconform/internal/conformance"
	"github.com/graphconform/graphconform/internal/guid"
	"github.com/graphconform/graphconform/internal/mockgraph"
	"github.com/graphconform/graphconform/internal/rules"
	"github.com/graphconform/graphconform/internal/target"
)

// WindowsUpdateStateAPI is the GET and PATCH of a windowsUpdateState of a Windows Update for
// Business configuration.
func WindowsUpdateStateAPI() API {
	return API{
		Name:      "windowsUpdateState",
		Resources: []target.ResourceKind{windowsUpdateStates},
		Mock:      mockgraph.WindowsUpdateStateAPI,
		Steps:     registerWindowsUpdateState,
		Requests: []NamedRequest{{Name: "windowsUpdateState PATCH", Operation: "windowsUpdateState.update", Build: func(w *Scenario) (client.Request, error) {
			st := updateStates.Of(w).updateState
			return client.Request{Method: http.MethodPatch, Path: updateStatePath(st.DeviceConfiguration, st.State), Header: jsonHeader(), Body: []byte(`{"status":"upToDate"}`)}, nil
		}}},
		Acquire: aWindowsUpdateState,
	}
}

// WindowsUpdateState is a windowsUpdateState of a Windows Update for Business device configuration.
type WindowsUpdateState struct {
	// DeviceConfiguration is the windowsUpdateForBusinessConfiguration's id.
	DeviceConfiguration string `yaml:"deviceConfiguration"`
	// State is the windowsUpdateState's id.
	State string `yaml:"state"`
}

// windowsUpdateStates are the windowsUpdateStates the suite may patch.
var windowsUpdateStates = &target.Resource[WindowsUpdateState]{
	Key:  "windowsUpdateStates",
	Need: "list at least one {deviceConfiguration, state} the suite may patch",
	Check: func(s WindowsUpdateState) error {
		if s.DeviceConfiguration == "" || s.State == "" {
			return errors.New("both deviceConfiguration and state are required")
		}
		return nil
	},
	Seeded: func(seed mockgraph.Seed) []WindowsUpdateState {
		var list []WindowsUpdateState
		for _, c := range seed.DeviceConfigurations {
			for _, s := range c.WindowsUpdateStates {
				if id, ok := s["id"].(string); ok {
					list = append(list, WindowsUpdateState{DeviceConfiguration: c.ID, State: id})
				}
			}
		}
		return list
	},
}

// updateStateState is what a scenario's windowsUpdateState steps keep.
type updateStateState struct {
	updateState     WindowsUpdateState
	rememberedState map[string]any // the windowsUpdateState before the scenario changed it
}

var updateStates = &State[updateStateState]{Name: "windowsUpdateState"}

// errNoUpdateState means a step needs the scenario's windowsUpdateState and it took none.
var errNoUpdateState = errors.New("no windowsUpdateState: start the scenario with \"Given a windowsUpdateState the suite may update\"")

// theUpdateState returns the scenario's windowsUpdateState, or errNoUpdateState.
func (w *Scenario) theUpdateState() (WindowsUpdateState, error) {
	if st := updateStates.Of(w).updateState; st != (WindowsUpdateState{}) {
		return st, nil
	}
	return WindowsUpdateState{}, errNoUpdateState
}

func registerWindowsUpdateState(sc Registrar) {
	sc.Step(`^a windowsUpdateState the suite may update$`, Step(aWindowsUpdateState))
	sc.Step(`^I update the windowsUpdateState with:$`, updateTheWindowsUpdateState)
	sc.Step(`^I update the windowsUpdateState, with (a state|a configuration) that does not exist, with:$`, updateAnUnknownWindowsUpdateState)
	sc.Step(`^I get the windowsUpdateState$`, Step(getTheWindowsUpdateState))
	sc.Step(`^the response echoes every property sent$`, Step(theResponseEchoesEveryPropertySent))
	sc.Step(`^the response has the windowsUpdateState's "id"$`, Step(theResponseHasTheStateID))
	sc.Step(`^the windowsUpdateState shows the update and is otherwise unchanged$`, Step(theStateShowsTheUpdate))
}

// aWindowsUpdateState gives the scenario its windowsUpdateState; a scenario that holds one already
// keeps it.
func aWindowsUpdateState(ctx context.Context, w *Scenario) error {
	if updateStates.Of(w).updateState != (WindowsUpdateState{}) {
		return nil
	}
	state, err := Take(ctx, w, windowsUpdateStates)
	if err != nil {
		return err
	}
	updateStates.Of(w).updateState = state
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
	st, err := w.theUpdateState()
	if err != nil {
		return ctx, err
	}
	return w.patchState(ctx, st.DeviceConfiguration, st.State, body.Content)
}

func updateAnUnknownWindowsUpdateState(ctx context.Context, what string, body *godog.DocString) (context.Context, error) {
	w := worldFrom(ctx)
	if w == nil {
		return ctx, errNoWorld
	}
	st, err := w.theUpdateState()
	if err != nil {
		return ctx, err
	}
	configuration, state := st.DeviceConfiguration, st.State
	if what == "a state" {
		state = guid.New()
	} else {
		configuration = guid.New()
	}
	return w.patchState(ctx, configuration, state, body.Content)
}

func (w *Scenario) patchState(ctx context.Context, configuration, state, body string) (context.Context, error) {
	return w.Send(ctx, client.Request{
		Method: http.MethodPatch,
		Path:   updateStatePath(configuration, state),
		Header: jsonHeader(),
		Body:   []byte(body),
	})
}

// getTheWindowsUpdateState gets the state; the first GET of a scenario is remembered as the state
// before the scenario changed it.
func getTheWindowsUpdateState(ctx context.Context, w *Scenario) error {
	st, err := w.theUpdateState()
	if err != nil {
		return err
	}
	if _, err := w.Send(ctx, client.Request{Method: http.MethodGet, Path: updateStatePath(st.DeviceConfiguration, st.State)}); err != nil {
		return err
	}
	if updateStates.Of(w).rememberedState == nil && w.last.Exchange.Response.Status == http.StatusOK {
		_ = json.Unmarshal(w.last.Exchange.Response.Body, &updateStates.Of(w).rememberedState)
	}
	return nil
}

// theResponseEchoesEveryPropertySent checks the latest response, that of an update, holds every
// property the update sent, with the value sent.
func theResponseEchoesEveryPropertySent(_ context.Context, w *Scenario) error {
	if w.last == nil {
		return fmt.Errorf("no request was sent yet in this scenario")
	}
	if _, ok := w.last.Exchange.RequestObject(); !ok || w.last.Exchange.Request.Method != http.MethodPatch {
		return fmt.Errorf("the latest request is a %s without a JSON object to echo: update first, e.g. \"When I update the windowsUpdateState with:\" and a JSON object", w.last.Exchange.Request.Method)
	}
	if status := w.last.Exchange.Response.Status; status != http.StatusOK {
		return w.Fail(rules.PatchEchoesRequest, "the update answered %d, which echoes nothing; the docs promise 200 with the updated windowsUpdateState", status)
	}
	if violations := conformance.PatchEchoesRequest(w.last.Exchange); len(violations) > 0 {
		return w.Fail(rules.PatchEchoesRequest, "the response does not echo the update: %s (at %s)", violations[0].Message, violations[0].JSONPointer)
	}
	return nil
}

func theResponseHasTheStateID(_ context.Context, w *Scenario) error {
	if _, err := w.theUpdateState(); err != nil {
		return err
	}
	resp, err := w.LastResponse()
	if err != nil {
		return err
	}
	var state struct {
		ID string `json:"id"`
	}
	_ = json.Unmarshal(resp.Body, &state)
	if state.ID != updateStates.Of(w).updateState.State {
		return w.Fail(rules.PatchEchoesRequest, "the response's id is %q; the state patched is %q", state.ID, updateStates.Of(w).updateState.State)
	}
	return nil
}

// theStateShowsTheUpdate compares the latest GET with the state remembered before the PATCH: what the
// PATCH sent has the value sent, everything else is as it was.
func theStateShowsTheUpdate(_ context.Context, w *Scenario) error {
	if updateStates.Of(w).rememberedState == nil {
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
	resp, err := w.LastResponse()
	if err != nil {
		return err
	}
	var sent, now map[string]any
	if err := json.Unmarshal(patch.Request.Body, &sent); err != nil {
		return fmt.Errorf("the PATCH body is not a JSON object: %w", err)
	}
	if err := json.Unmarshal(resp.Body, &now); err != nil {
		return w.Fail(rules.DocumentedStatus, "the GET did not return a windowsUpdateState: %v", err)
	}
	var problems []string
	for name, before := range updateStates.Of(w).rememberedState {
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
		if _, known := updateStates.Of(w).rememberedState[name]; !known && !strings.HasPrefix(name, "@odata.") && !conformance.SameJSONValue(value, now[name]) {
			problems = append(problems, fmt.Sprintf("%s is %v, want %v", name, now[name], value))
		}
	}
	if len(problems) > 0 {
		sort.Strings(problems)
		return w.Fail(rules.PatchPersists, "the GET after the PATCH does not show the update alone: %s", strings.Join(problems, "; "))
	}
	return nil
}
