package steps

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/cucumber/godog"

	"github.com/graphconform/graphconform/internal/client"
	"github.com/graphconform/graphconform/internal/guid"
	"github.com/graphconform/graphconform/internal/mockgraph"
	"github.com/graphconform/graphconform/internal/rules"
)

// Steps that use graphconform's mock: its control endpoints and its test tokens. Scenarios using them
// are tagged @mock-only and skipped on other targets.
func registerMockControls(sc *godog.ScenarioContext) {
	sc.Step(`^an? (delegated|application) token with only the permission "([^"]*)"$`, aTokenWithOnlyThePermission)
	sc.Step(`^the mock answers the next "([^"]*)" request (\d{3}) with Retry-After "([^"]*)"$`, theMockAnswersTheNextRequestWith)
	sc.Step(`^the mock saw no client come back before its Retry-After$`, step(theMockSawNoEarlyRetry))
}

// aTokenWithOnlyThePermission makes the scenario's requests carry a minted token whose scp (delegated)
// or roles (application) hold just that permission.
func aTokenWithOnlyThePermission(ctx context.Context, kind, permission string) error {
	w := worldFrom(ctx)
	if w == nil {
		return errNoWorld
	}
	claims := mockgraph.TokenClaims{Scopes: []string{permission}, UserID: guid.New(), Name: "graphconform"}
	if kind == "application" {
		claims = mockgraph.TokenClaims{Roles: []string{permission}, AppID: guid.New(), AppDisplayName: "graphconform"}
	}
	w.token = mockgraph.MintToken(claims)
	return nil
}

func theMockAnswersTheNextRequestWith(ctx context.Context, operation string, status int, retryAfter string) error {
	w := worldFrom(ctx)
	if w == nil {
		return errNoWorld
	}
	rule, err := json.Marshal(mockgraph.Fault{Operation: operation, Status: status, RetryAfter: mockgraph.Seconds(retryAfter), Count: 1})
	if err != nil {
		return err
	}
	resp, err := w.control(ctx, http.MethodPost, "faults", rule)
	if err != nil {
		return err
	}
	if resp.Status != http.StatusCreated {
		return fmt.Errorf("the mock refused the fault rule: %d %s", resp.Status, abbreviate(resp.Body))
	}
	return nil
}

func theMockSawNoEarlyRetry(ctx context.Context, w *world) error {
	resp, err := w.control(ctx, http.MethodGet, "violations", nil)
	if err != nil {
		return err
	}
	var report mockgraph.ViolationReport
	if err := json.Unmarshal(resp.Body, &report); err != nil {
		return fmt.Errorf("the mock's violations are not JSON: %w", err)
	}
	for _, v := range report.Violations {
		for _, id := range v.RuleIDs() {
			if id == rules.ClientHonoursRetryAfter.String() {
				return fmt.Errorf("the harness came back before the Retry-After it was given: %s", v)
			}
		}
	}
	return nil
}

// control calls one of the mock's control endpoints; the exchange is not a Graph exchange, so it is
// neither checked nor recorded.
func (w *world) control(ctx context.Context, method, endpoint string, body []byte) (*client.RecordedResponse, error) {
	req := client.Request{Method: method, Path: mockgraph.ControlPrefix + strings.TrimPrefix(endpoint, "/"), Body: body}
	ex, err := w.session.Client.Do(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("call the mock's %s endpoint: %w", endpoint, err)
	}
	return &ex.Response, nil
}
