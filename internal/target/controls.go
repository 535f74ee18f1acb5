package target

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/graphconform/graphconform/internal/client"
	"github.com/graphconform/graphconform/internal/mockgraph"
)

// Controls are what scenarios tagged @mock-only use of graphconform's mock: fault rules and the
// violations it recorded. A target offers them when it is the mock — embedded or served — or fronts
// one; steps reach the mock only through them.
type Controls interface {
	// AddFault adds a fault rule: the mock answers the next matching requests as the rule says.
	AddFault(ctx context.Context, rule mockgraph.Fault) error
	// Violations returns every request the mock saw break the contract.
	Violations(ctx context.Context) (mockgraph.ViolationReport, error)
}

// ServedControls are the controls of a mock served over HTTP: its endpoints below
// mockgraph.ControlPrefix, reached with the session's client. The exchanges are not Graph exchanges,
// so they are neither checked nor recorded.
type ServedControls struct {
	Client *client.Client
	// Token, when set, is sent in the Graphconform-Control-Token header, as 'serve --control-token'
	// requires.
	Token string
	// gate, when set, is shared by every session on the same mock (see Sharing).
	gate *gate
}

// Hold takes the mock for a scenario when other scenarios share it (see Sharing); on a mock of the
// scenario's own there is nothing to wait for.
func (c *ServedControls) Hold(ctx context.Context, exclusive bool) (func(), error) {
	if c.gate == nil {
		return func() {}, nil
	}
	return c.gate.Hold(ctx, exclusive)
}

// ProbeControls checks that the target serves graphconform's control endpoints: GET
// /_graphconform/state answers 200 with the mock's state.
func ProbeControls(ctx context.Context, controls *ServedControls) error {
	resp, err := controls.call(ctx, http.MethodGet, "state", nil)
	if err != nil {
		return err
	}
	var state struct {
		Clock *struct {
			Now string `json:"now"`
		} `json:"clock"`
	}
	if resp.Status != http.StatusOK || json.Unmarshal(resp.Body, &state) != nil || state.Clock == nil {
		return fmt.Errorf("GET %sstate answered %d %s, not the mock's state: the target is not graphconform's mock (graphconform serve)", mockgraph.ControlPrefix, resp.Status, abbreviate(resp.Body))
	}
	return nil
}

// AddFault posts the rule to /_graphconform/faults.
func (c *ServedControls) AddFault(ctx context.Context, rule mockgraph.Fault) error {
	body, err := json.Marshal(rule)
	if err != nil {
		return fmt.Errorf("encode the fault rule: %w", err)
	}
	resp, err := c.call(ctx, http.MethodPost, "faults", body)
	if err != nil {
		return err
	}
	if resp.Status != http.StatusCreated {
		return fmt.Errorf("the mock refused the fault rule: %d %s", resp.Status, abbreviate(resp.Body))
	}
	return nil
}

// Violations gets /_graphconform/violations.
func (c *ServedControls) Violations(ctx context.Context) (mockgraph.ViolationReport, error) {
	var report mockgraph.ViolationReport
	resp, err := c.call(ctx, http.MethodGet, "violations", nil)
	if err != nil {
		return report, err
	}
	if resp.Status != http.StatusOK {
		return report, fmt.Errorf("the mock's violations answered %d %s", resp.Status, abbreviate(resp.Body))
	}
	if err := json.Unmarshal(resp.Body, &report); err != nil {
		return report, fmt.Errorf("the mock's violations are not JSON: %w", err)
	}
	return report, nil
}

// call sends a request to one of the control endpoints.
func (c *ServedControls) call(ctx context.Context, method, endpoint string, body []byte) (*client.RecordedResponse, error) {
	req := client.Request{Method: method, Path: mockgraph.ControlPrefix + strings.TrimPrefix(endpoint, "/"), Body: body}
	if c.Token != "" {
		req.Header = http.Header{mockgraph.HeaderControlToken: {c.Token}}
	}
	ex, err := c.Client.Do(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("call the mock's %s endpoint: %w", endpoint, err)
	}
	return &ex.Response, nil
}

// abbreviate shows at most 200 bytes of a body in a message.
func abbreviate(body []byte) string {
	const limit = 200
	if len(body) == 0 {
		return "(empty body)"
	}
	if len(body) > limit {
		return fmt.Sprintf("%q…", body[:limit])
	}
	return fmt.Sprintf("%q", body)
}
