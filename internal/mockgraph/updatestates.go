package mockgraph

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
)

// getWindowsUpdateState answers a windowsUpdateState as it stands.
func (m *Mock) getWindowsUpdateState(w http.ResponseWriter, c *call) *apiError {
	m.mu.Lock()
	cfg, st, apiErr := m.lookupState(c)
	var body object
	if apiErr == nil {
		body = windowsUpdateStateJSON(m.stateContext(c, cfg), st)
	}
	m.mu.Unlock()
	if apiErr != nil {
		return apiErr
	}
	writeJSON(w, http.StatusOK, body)
	return nil
}

// updateWindowsUpdateState merges the sent properties into a windowsUpdateState and answers the whole
// updated object. An id in the body must be the id of the URL.
func (m *Mock) updateWindowsUpdateState(w http.ResponseWriter, c *call) *apiError {
	patch, ok := c.body.(map[string]any)
	if !ok {
		return newError(http.StatusBadRequest, CodeBadRequest, "The request body is not a JSON object. Send the properties to change as an object.")
	}

	m.mu.Lock()
	cfg, st, apiErr := m.lookupState(c)
	if apiErr != nil {
		m.mu.Unlock()
		return apiErr
	}
	stateID, _ := st["id"].(string)
	if sent, present := patch["id"]; present {
		sentID, isString := sent.(string)
		if !isString || !strings.EqualFold(sentID, stateID) {
			m.mu.Unlock()
			return newError(http.StatusBadRequest, CodeBadRequest, fmt.Sprintf(
				"The id in the body (%v) is not the id of the URL ('%s'). Leave id out of the body or send the id of the URL.", sent, stateID))
		}
	}
	properties := windowsUpdateStateProperties()
	for name, value := range patch {
		if name == "id" || !slices.Contains(properties, name) {
			continue // the id cannot change; @odata.type and other annotations are not stored
		}
		st[name] = value
	}
	body := windowsUpdateStateJSON(m.stateContext(c, cfg), st)
	m.mu.Unlock()

	writeJSON(w, http.StatusOK, body)
	return nil
}

// lookupState finds the configuration and state of the URL. The caller holds m.mu.
func (m *Mock) lookupState(c *call) (*configuration, map[string]any, *apiError) {
	configID := c.params["deviceConfigurationId"]
	stateID := c.params["windowsUpdateStateId"]
	cfg, ok := m.state.configurations[key(configID)]
	if !ok {
		return nil, nil, newError(http.StatusNotFound, CodeNotFound, fmt.Sprintf(
			"The device configuration '%s' was not found. Use the id of a configuration the mock is seeded with (fixtures/mock/default.yaml lists them).", configID))
	}
	st, ok := cfg.states[key(stateID)]
	if !ok {
		return nil, nil, newError(http.StatusNotFound, CodeNotFound, fmt.Sprintf(
			"The windowsUpdateState '%s' was not found in the deviceUpdateStates of configuration '%s'. Use the id of one of its states.", stateID, cfg.id))
	}
	return cfg, st, nil
}

// stateContext is the @odata.context of a windowsUpdateState of cfg.
func (m *Mock) stateContext(c *call, cfg *configuration) string {
	return serviceRoot(c.r, c.version) + "/$metadata#deviceManagement/deviceConfigurations(" + odataKey(cfg.id) +
		")/microsoft.graph.windowsUpdateForBusinessConfiguration/deviceUpdateStates/$entity"
}

// windowsUpdateStateJSON renders a stored state: annotations (@odata.context unless context is
// empty), then its properties in the type's order. The caller holds m.mu.
func windowsUpdateStateJSON(context string, st map[string]any) object {
	var body object
	if context != "" {
		body = append(body, field{"@odata.context", context})
	}
	body = append(body, field{"@odata.type", odataTypeWindowsUpdateState})
	for _, name := range windowsUpdateStateProperties() {
		if value, ok := st[name]; ok {
			body = append(body, field{name, value})
		}
	}
	return body
}
