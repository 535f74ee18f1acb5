package mockgraph

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// ControlPrefix starts the paths of the mock's control endpoints. They need no Graph token (but the
// control token, when the mock has one, and never answer a web page of another origin: see
// guardControl), are never throttled nor faulted, and are never recorded as violations:
//
//	POST   /_graphconform/reset          back to the start: the seed's world, the starting fault
//	                                     rules, no rate window, no pending Retry-After (the clock
//	                                     and the violations are kept); 204
//	GET    /_graphconform/state          the whole state as JSON: clock, timeline, devices and their
//	                                     operations, users, update states, fault rules, violations
//	POST   /_graphconform/clock/advance  {"seconds": n} moves a fake clock n (≥ 0, fractions allowed)
//	                                     seconds on and answers {"now": …}; 409 when the clock is
//	                                     the system clock (serve --fake-clock makes it fake)
//	GET    /_graphconform/faults         {"faults": [rules with id and remaining]}
//	POST   /_graphconform/faults         adds a rule, a list of rules or {"faults": [...]}; 201
//	                                     with the rules as added; 400 naming what to fix
//	DELETE /_graphconform/faults         removes every rule; 204
//	GET    /_graphconform/violations     {"count", "dropped", "violations": [{time, method, path,
//	                                     operation, status, requestId, clientRequestId,
//	                                     findings: [{ruleId, level, operation, message}]}]}
//
// A fault rule is {"operation": operationId or "*", "status": 429|503|504, "retryAfter": "2",
// "count": n, "latencyMs": n} (a 429 needs its retryAfter) or {"operation":
// "teamworkDevice.updateSoftware", "failOperation": true}; see Fault. Errors are Graph error bodies; other methods are 405 with Allow.
const ControlPrefix = "/_graphconform/"

// maxControlBody bounds the body of a control request.
const maxControlBody = 1 << 20

// maxClockAdvance bounds one advance of the clock: a year.
const maxClockAdvance = 366 * 24 * time.Hour

// isControlPath reports whether a request path is a control endpoint's.
func isControlPath(path string) bool {
	return path == strings.TrimSuffix(ControlPrefix, "/") || strings.HasPrefix(path, ControlPrefix)
}

// controlEndpoint is one control endpoint: its methods and what answers them.
type controlEndpoint struct {
	path    string
	methods map[string]func(w http.ResponseWriter, r *http.Request) *apiError
}

// controlEndpoints lists the control endpoints.
func (m *Mock) controlEndpoints() []controlEndpoint {
	return []controlEndpoint{
		{ControlPrefix + "reset", map[string]func(http.ResponseWriter, *http.Request) *apiError{http.MethodPost: m.controlReset}},
		{ControlPrefix + "state", map[string]func(http.ResponseWriter, *http.Request) *apiError{http.MethodGet: m.controlState}},
		{ControlPrefix + "clock/advance", map[string]func(http.ResponseWriter, *http.Request) *apiError{http.MethodPost: m.controlAdvanceClock}},
		{ControlPrefix + "faults", map[string]func(http.ResponseWriter, *http.Request) *apiError{
			http.MethodGet: m.controlListFaults, http.MethodPost: m.controlAddFaults, http.MethodDelete: m.controlClearFaults,
		}},
		{ControlPrefix + "violations", map[string]func(http.ResponseWriter, *http.Request) *apiError{http.MethodGet: m.controlViolations}},
	}
}

// serveControl answers a control endpoint (see ControlPrefix).
func (m *Mock) serveControl(w http.ResponseWriter, r *http.Request) {
	ids := identify(w, r)
	fail := func(e *apiError) { writeError(w, ids, m.clock.Now(), e) }
	if e := m.guardControl(r); e != nil {
		fail(e)
		return
	}
	path := strings.TrimSuffix(r.URL.Path, "/")
	endpoints := m.controlEndpoints()
	for _, ep := range endpoints {
		if ep.path != path {
			continue
		}
		handle, ok := ep.methods[r.Method]
		if !ok {
			allowed := make([]string, 0, len(ep.methods))
			for _, method := range []string{http.MethodGet, http.MethodPost, http.MethodDelete} {
				if _, has := ep.methods[method]; has {
					allowed = append(allowed, method)
				}
			}
			fail(newError(http.StatusMethodNotAllowed, CodeMethodNotAllowed,
				fmt.Sprintf("The control endpoint %s takes %s, not %s.", ep.path, strings.Join(allowed, " or "), r.Method)).
				withHeader("Allow", strings.Join(allowed, ", ")))
			return
		}
		if e := handle(w, r); e != nil {
			fail(e)
		}
		return
	}
	names := make([]string, 0, len(endpoints))
	for _, ep := range endpoints {
		names = append(names, ep.path)
	}
	fail(newError(http.StatusNotFound, CodeNotFound, fmt.Sprintf(
		"There is no control endpoint %s. The control endpoints are %s.", r.URL.Path, strings.Join(names, ", "))))
}

// controlReset brings the mock back to how it started.
func (m *Mock) controlReset(w http.ResponseWriter, _ *http.Request) *apiError {
	m.Reset()
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// controlState answers the whole state.
func (m *Mock) controlState(w http.ResponseWriter, _ *http.Request) *apiError {
	writeControlJSON(w, http.StatusOK, m.stateDump())
	return nil
}

// advancer is a clock that can be moved on, as FakeClock is.
type advancer interface {
	Advance(time.Duration)
}

// controlAdvanceClock moves a fake clock on.
func (m *Mock) controlAdvanceClock(w http.ResponseWriter, r *http.Request) *apiError {
	clock, ok := m.clock.(advancer)
	if !ok {
		return newError(http.StatusConflict, CodeConflict,
			"The mock's clock is the system clock, which cannot be advanced. Start the mock with 'graphconform serve --fake-clock' (or Options.Clock = NewFakeClock(…)) to drive time from here.")
	}
	var body struct {
		Seconds *float64 `json:"seconds"`
	}
	raw, apiErr := readControlBody(w, r)
	if apiErr != nil {
		return apiErr
	}
	if err := decodeStrict(raw, &body); err != nil || body.Seconds == nil {
		return newError(http.StatusBadRequest, CodeBadRequest, `Send the time to advance as {"seconds": n}, e.g. {"seconds": 2.5}.`)
	}
	seconds := *body.Seconds
	if math.IsNaN(seconds) || seconds < 0 || seconds > maxClockAdvance.Seconds() {
		return newError(http.StatusBadRequest, CodeBadRequest, fmt.Sprintf(
			"Cannot advance the clock by %v seconds: give a number from 0 to %d (time does not go back).", seconds, int64(maxClockAdvance.Seconds())))
	}
	clock.Advance(time.Duration(seconds * float64(time.Second)))
	writeControlJSON(w, http.StatusOK, object{{"now", m.clock.Now().UTC().Format(time.RFC3339Nano)}})
	return nil
}

// controlListFaults answers the fault rules.
func (m *Mock) controlListFaults(w http.ResponseWriter, _ *http.Request) *apiError {
	writeControlJSON(w, http.StatusOK, object{{"faults", m.faults.list()}})
	return nil
}

// controlAddFaults adds fault rules.
func (m *Mock) controlAddFaults(w http.ResponseWriter, r *http.Request) *apiError {
	raw, apiErr := readControlBody(w, r)
	if apiErr != nil {
		return apiErr
	}
	faults, err := decodeFaultsJSON(raw)
	if err != nil {
		return newError(http.StatusBadRequest, CodeBadRequest, err.Error())
	}
	added, err := m.faults.add(faults...)
	if err != nil {
		return newError(http.StatusBadRequest, CodeBadRequest, err.Error())
	}
	writeControlJSON(w, http.StatusCreated, object{{"faults", added}})
	return nil
}

// controlClearFaults removes every fault rule.
func (m *Mock) controlClearFaults(w http.ResponseWriter, _ *http.Request) *apiError {
	m.faults.clear()
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// controlViolations answers the recorded violations.
func (m *Mock) controlViolations(w http.ResponseWriter, _ *http.Request) *apiError {
	writeControlJSON(w, http.StatusOK, m.violations.report())
	return nil
}

// readControlBody reads the body of a control request, at most maxControlBody of it.
func readControlBody(w http.ResponseWriter, r *http.Request) ([]byte, *apiError) {
	if r.Body == nil {
		return nil, nil
	}
	raw, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxControlBody))
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return nil, newError(http.StatusRequestEntityTooLarge, CodeRequestEntityTooLarge,
				fmt.Sprintf("The control request body is larger than %d bytes. Send a smaller body.", maxControlBody))
		}
		return nil, newError(http.StatusBadRequest, CodeBadRequest, fmt.Sprintf("The request body could not be read (%v). Send it again.", err))
	}
	return raw, nil
}

// writeControlJSON writes the answer of a control endpoint as indented JSON.
func writeControlJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		buf.Reset()
		buf.WriteString("{}\n")
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}
