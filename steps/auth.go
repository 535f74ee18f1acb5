package steps

import (
	"context"
	"fmt"
	"net/http"

	"github.com/cucumber/godog"

	"github.com/graphconform/graphconform/internal/client"
)

func registerAuth(sc *godog.ScenarioContext) {
	sc.Step(`^the resources the suite may use$`, step(theResourcesTheSuiteMayUse))
	sc.Step(`^I send the (updateSoftware|upgrade|windowsUpdateState PATCH) request without a token$`, sendWithoutAToken)
}

func theResourcesTheSuiteMayUse(ctx context.Context, w *world) error {
	if err := aTeamsDevice(ctx, w); err != nil {
		return err
	}
	if err := aUsersAppInstallation(withWorld(ctx, w), "id"); err != nil {
		return err
	}
	return aWindowsUpdateState(ctx, w)
}

// sendWithoutAToken sends a valid request of the operation with no Authorization header.
func sendWithoutAToken(ctx context.Context, operation string) (context.Context, error) {
	w := worldFrom(ctx)
	if w == nil {
		return ctx, errNoWorld
	}
	var req client.Request
	switch operation {
	case "updateSoftware":
		req = client.Request{Method: http.MethodPost, Path: updateSoftwarePath(w.device), Header: jsonHeader(), Body: updateBody("teamsClient", "1.0.96.22")}
	case "upgrade":
		req = client.Request{Method: http.MethodPost, Path: upgradePath(w.installation.User, w.installation.Installation)}
	case "windowsUpdateState PATCH":
		req = client.Request{Method: http.MethodPatch, Path: updateStatePath(w.updateState.DeviceConfiguration, w.updateState.State), Header: jsonHeader(), Body: []byte(`{"status":"upToDate"}`)}
	default:
		return ctx, fmt.Errorf("no request is defined for operation %q", operation)
	}
	req.NoAuth = true
	return w.send(ctx, req)
}
