package steps

import (
	"context"
	"net/http"
	"net/url"

	"github.com/cucumber/godog"

	"github.com/graphconform/graphconform/internal/client"
)

func registerAppUpgrade(sc *godog.ScenarioContext) {
	sc.Step(`^a user's app installation the suite may upgrade$`, step(aUsersAppInstallation))
	sc.Step(`^I upgrade the installation$`, upgradeTheInstallation)
}

func aUsersAppInstallation(ctx context.Context, w *world) error {
	installation, release, err := w.session.AppInstallations.Acquire(ctx)
	if err != nil {
		return err
	}
	w.hold(release)
	w.installation = installation
	return nil
}

func upgradeTheInstallation(ctx context.Context) (context.Context, error) {
	w := worldFrom(ctx)
	if w == nil {
		return ctx, errNoWorld
	}
	return w.send(ctx, client.Request{
		Method: http.MethodPost,
		Path: "/v1.0/users/" + url.PathEscape(w.installation.User) +
			"/teamwork/installedApps/" + url.PathEscape(w.installation.Installation) + "/upgrade",
	})
}
