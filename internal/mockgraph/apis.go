package mockgraph

import (
	"errors"
	"fmt"
	"net/http"
)

// API is one Graph API the mock serves: the handlers of its operations, by operationId. The mock
// routes, authenticates, authorizes, throttles and validates a request against the OpenAPI
// description before the handler of its operation sees it; an operation of the description that no
// API handles is answered 501.
type API struct {
	// Name names the API, e.g. "teamworkDevice".
	Name string
	// Handlers returns the API's handlers for one mock, by operationId. It is called when the mock is
	// built and again on every Reset, so state the handlers close over starts afresh with the mock.
	Handlers func(m *Mock) map[string]Handler
}

// Handler answers one request of an operation. It returns nil once it has written the answer, or an
// error from GraphError for the mock to write as a Graph error body; any other error is answered 500.
type Handler func(w http.ResponseWriter, c *Call) error

// Call is a request the mock has routed to an operation and checked.
type Call struct {
	// Request is the HTTP request.
	Request *http.Request
	// Version is "beta" or "v1.0".
	Version string
	// Params are the path parameters of the operation, unescaped, by name.
	Params map[string]string
	// Body is the decoded JSON body; nil when there is none.
	Body any

	call *call
}

// GraphError is an answer of a Handler that is a Graph error: {"error": {"code", "message",
// "innerError"}} with the status, and the request's ids.
func GraphError(status int, code, message string) error {
	return newError(status, code, message)
}

// Error returns the message of the error answer.
func (e *apiError) Error() string { return fmt.Sprintf("%d %s: %s", e.status, e.code, e.message) }

// BuiltinAPIs are the APIs the mock serves unless Options.APIs says otherwise: teamwork devices'
// software updates and their operations, user-scope app installations' upgrade, and Windows Update
// for Business configurations' deviceUpdateStates.
func BuiltinAPIs() []API {
	return []API{TeamworkDeviceAPI, AppInstallationAPI, WindowsUpdateStateAPI}
}

// TeamworkDeviceAPI serves updateSoftware, the operation it starts and a device's list of operations.
var TeamworkDeviceAPI = API{Name: "teamworkDevice", Handlers: func(m *Mock) map[string]Handler {
	return map[string]Handler{
		OpUpdateSoftware: builtin(m.updateSoftware),
		OpGetOperation:   builtin(m.getOperation),
		OpListOperations: builtin(m.listOperations),
	}
}}

// AppInstallationAPI serves the upgrade of an app installed in a user's personal scope.
var AppInstallationAPI = API{Name: "userScopeTeamsAppInstallation", Handlers: func(m *Mock) map[string]Handler {
	return map[string]Handler{OpUpgradeInstallation: builtin(m.upgradeInstallation)}
}}

// WindowsUpdateStateAPI serves the GET and PATCH of a windowsUpdateState.
var WindowsUpdateStateAPI = API{Name: "windowsUpdateState", Handlers: func(m *Mock) map[string]Handler {
	return map[string]Handler{
		OpUpdateWindowsUpdateState: builtin(m.updateWindowsUpdateState),
		OpGetWindowsUpdateState:    builtin(m.getWindowsUpdateState),
	}
}}

// builtin adapts a handler of the mock's own APIs, which work on the call as the mock sees it.
func builtin(h func(http.ResponseWriter, *call) *apiError) Handler {
	return func(w http.ResponseWriter, c *Call) error {
		if e := h(w, c.call); e != nil {
			return e
		}
		return nil
	}
}

// bindHandlers builds the handler of every operation of apis for m; two APIs handling one operation
// is an error.
func bindHandlers(m *Mock, apis []API) (map[string]Handler, error) {
	handlers := map[string]Handler{}
	owner := map[string]string{}
	for _, api := range apis {
		if api.Handlers == nil {
			return nil, fmt.Errorf("API %q has no Handlers", api.Name)
		}
		for operation, h := range api.Handlers(m) {
			if other, taken := owner[operation]; taken {
				return nil, fmt.Errorf("APIs %q and %q both handle operation %q; give each operation one API", other, api.Name, operation)
			}
			owner[operation] = api.Name
			handlers[operation] = h
		}
	}
	return handlers, nil
}

// handle runs the handler of the call's operation; nil when it answered.
func (m *Mock) handle(w http.ResponseWriter, operation string, c *call) *apiError {
	m.mu.Lock()
	h, ok := m.handlers[operation]
	m.mu.Unlock()
	if !ok {
		return newError(http.StatusNotImplemented, "NotImplemented",
			fmt.Sprintf("The mock does not implement the operation %q of the description; run the harness against a real target for it.", operation))
	}
	err := h(w, &Call{Request: c.r, Version: c.version, Params: c.params, Body: c.body, call: c})
	if err == nil {
		return nil
	}
	var answer *apiError
	if errors.As(err, &answer) {
		return answer
	}
	return newError(http.StatusInternalServerError, "InternalServerError",
		fmt.Sprintf("The mock's handler of %s failed: %v.", operation, err))
}
