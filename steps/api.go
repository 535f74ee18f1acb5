package steps

import (
	"context"
	"fmt"

	"github.com/graphconform/graphconform/internal/client"
	"github.com/graphconform/graphconform/internal/mockgraph"
	"github.com/graphconform/graphconform/internal/target"
)

// API is one Graph API the suite knows, in one place: the resources its scenarios take from the
// target's pools, its steps and the state they keep per scenario, and the mock's handlers of its
// operations. Suite.APIs lists the APIs of a run; BuiltinAPIs are graphconform's own. Adding an API
// is writing one of these (and its page and scenarios); nothing else in the suite names an API.
type API struct {
	// Name names the API, e.g. "teamworkDevice".
	Name string
	// Resources are the kinds of resource its scenarios take: a profile lists each under its key, the
	// embedded mock's pools hold what its seed names.
	Resources []target.ResourceKind
	// Mock serves the API's operations in the embedded mock.
	Mock mockgraph.API
	// Steps registers the API's steps.
	Steps func(sc Registrar)
	// Requests are valid requests of its operations, by the name "I send the <name> request" gives
	// them (with or without a token, with a minted token, …).
	Requests []NamedRequest
	// Acquire takes what "the resources the suite may use" gives a scenario of this API; nil takes
	// nothing.
	Acquire func(ctx context.Context, w *Scenario) error
	// Settle, after a scenario on a server other scenarios share, waits within the poll budget for
	// what the scenario started to end; nil when nothing needs to. It never fails the scenario.
	Settle func(ctx context.Context, w *Scenario)
}

// NamedRequest is a valid request of an operation, built from the resources the scenario holds.
type NamedRequest struct {
	// Name is how scenarios name it, e.g. "updateSoftware".
	Name string
	// Operation is the operationId of its operation in the spec, e.g. "teamworkDevice.updateSoftware":
	// the requests generated from the spec (@generated) are this request with another body.
	Operation string
	// Build returns the request.
	Build func(w *Scenario) (client.Request, error)
	// Send, if set, sends the request, or one like it with another body, and keeps what the API's
	// steps keep of the answer (the operation a 202 started, which the scenario then waits for);
	// nil sends it with Scenario.Send.
	Send func(ctx context.Context, w *Scenario, req client.Request) (context.Context, error)
}

// BuiltinAPIs are the APIs graphconform checks: teamwork devices' updateSoftware, user-scope app
// installations' upgrade, and windowsUpdateState's PATCH.
func BuiltinAPIs() []API {
	return []API{TeamworkDeviceAPI(), AppInstallationAPI(), WindowsUpdateStateAPI()}
}

// MockAPIs are what the embedded mock serves of apis.
func MockAPIs(apis []API) []mockgraph.API {
	out := make([]mockgraph.API, 0, len(apis))
	for _, api := range apis {
		if api.Mock.Handlers != nil {
			out = append(out, api.Mock)
		}
	}
	return out
}

// Resources are the kinds of resource the scenarios of apis take, each once.
func Resources(apis []API) []target.ResourceKind {
	var out []target.ResourceKind
	seen := map[string]bool{}
	for _, api := range apis {
		for _, r := range api.Resources {
			if !seen[r.ResourceKey()] {
				seen[r.ResourceKey()] = true
				out = append(out, r)
			}
		}
	}
	return out
}

// State is a kind of state an API's steps keep per scenario, e.g. the device a scenario updates.
// Declare one per API as a package variable; Of gives each scenario its own value.
type State[T any] struct {
	// Name names the state in errors.
	Name string
}

// Of returns the scenario's *T, zero when the scenario starts.
func (k *State[T]) Of(w *Scenario) *T {
	if v, ok := w.states[k]; ok {
		return v.(*T)
	}
	if w.states == nil {
		w.states = map[any]any{}
	}
	v := new(T)
	w.states[k] = v
	return v
}

// Take acquires an entry of the resource for the rest of the scenario: it goes back to the pool when
// the scenario ends. A pool too small for the scenario (an empty one) skips it, with the reason.
func Take[T any](ctx context.Context, w *Scenario, r *target.Resource[T]) (T, error) {
	entry, release, err := r.Acquire(ctx, w.session)
	if err != nil {
		var zero T
		return zero, w.acquireFailed(err)
	}
	w.Hold(release)
	return entry, nil
}

// requestNames lists the names of the valid requests of apis, in order, for a step's pattern.
func requestNames(apis []API) []string {
	var names []string
	for _, api := range apis {
		for _, r := range api.Requests {
			names = append(names, r.Name)
		}
	}
	return names
}

// findRequest returns the named request of apis and the API it belongs to.
func findRequest(apis []API, name string) (API, NamedRequest, error) {
	for _, api := range apis {
		for _, r := range api.Requests {
			if r.Name == name {
				return api, r, nil
			}
		}
	}
	return API{}, NamedRequest{}, fmt.Errorf("no request is defined for operation %q", name)
}
