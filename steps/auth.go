package steps

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/cucumber/godog"

	"github.com/graphconform/graphconform/internal/client"
	"github.com/graphconform/graphconform/internal/conformance"
)

func registerAuth(sc *godog.ScenarioContext) {
	sc.Step(`^the resources the suite may use$`, step(theResourcesTheSuiteMayUse))
	sc.Step(`^I send the (updateSoftware|upgrade|windowsUpdateState PATCH) request without a token$`, sendWithoutAToken)
	sc.Step(`^I send the (updateSoftware|upgrade|windowsUpdateState PATCH) request$`, sendTheRequest)
	sc.Step(`^the request was retried after waiting (\d+(?:\.\d+)?) seconds?, as Retry-After asked$`, theRequestWasRetried)
}

// theResourcesTheSuiteMayUse takes nothing yet: the request step takes the one resource its operation
// addresses, so the scenario needs only that operation's pool.
func theResourcesTheSuiteMayUse(context.Context, *world) error { return nil }

// sendWithoutAToken sends a valid request of the operation with no Authorization header.
func sendWithoutAToken(ctx context.Context, operation string) (context.Context, error) {
	return sendValidRequest(ctx, operation, true)
}

// sendTheRequest sends a valid request of the operation.
func sendTheRequest(ctx context.Context, operation string) (context.Context, error) {
	return sendValidRequest(ctx, operation, false)
}

func sendValidRequest(ctx context.Context, operation string, noAuth bool) (context.Context, error) {
	w := worldFrom(ctx)
	if w == nil {
		return ctx, errNoWorld
	}
	var req client.Request
	switch operation {
	case "updateSoftware":
		if w.device == "" {
			if err := aTeamsDevice(ctx, w); err != nil {
				return ctx, err
			}
		}
		req = client.Request{Method: http.MethodPost, Path: updateSoftwarePath(w.device), Header: jsonHeader(), Body: updateBody("teamsClient", "1.0.96.22")}
	case "upgrade":
		if w.installation.Installation == "" {
			if err := aUsersAppInstallation(ctx, "id"); err != nil {
				return ctx, err
			}
		}
		req = client.Request{Method: http.MethodPost, Path: upgradePath(w.installation.User, w.installation.Installation)}
	case "windowsUpdateState PATCH":
		if w.updateState.State == "" {
			if err := aWindowsUpdateState(ctx, w); err != nil {
				return ctx, err
			}
		}
		req = client.Request{Method: http.MethodPatch, Path: updateStatePath(w.updateState.DeviceConfiguration, w.updateState.State), Header: jsonHeader(), Body: []byte(`{"status":"upToDate"}`)}
	default:
		return ctx, fmt.Errorf("no request is defined for operation %q", operation)
	}
	req.NoAuth = noAuth
	return w.send(ctx, req)
}

// theRequestWasRetried asserts the scenario's exchanges hold a throttled answer followed by a retry,
// after the wait it asked for.
func theRequestWasRetried(ctx context.Context, seconds float64) error {
	w := worldFrom(ctx)
	if w == nil {
		return errNoWorld
	}
	want := time.Duration(seconds * float64(time.Second))
	for i, ex := range w.record.Exchanges {
		if ex.RetriedAfter == 0 {
			continue
		}
		if ex.RetriedAfter != want {
			return fmt.Errorf("the harness waited %s after the %d, not the %s its Retry-After asked", ex.RetriedAfter, ex.Exchange.Response.Status, want)
		}
		if i == len(w.record.Exchanges)-1 {
			return fmt.Errorf("the %d was not followed by a retry", ex.Exchange.Response.Status)
		}
		return nil
	}
	return w.fail(conformance.RuleDocumentedStatus, "no response asked the harness to wait: the throttling the scenario set up did not happen")
}
