package steps

import (
	"context"
	"fmt"
	"net/http"
	"net/url"

	"github.com/cucumber/godog"

	"github.com/graphconform/graphconform/internal/client"
	"github.com/graphconform/graphconform/internal/guid"
)

func registerAppUpgrade(sc *godog.ScenarioContext) {
	sc.Step(`^a user's app installation the suite may upgrade, the user named by (id|user principal name)$`, aUsersAppInstallation)
	sc.Step(`^I upgrade the installation$`, upgradeTheInstallation)
	sc.Step(`^I upgrade the installation with the body:$`, upgradeTheInstallationWithBody)
	sc.Step(`^I upgrade the installation, with (an installation|a user) that does not exist$`, upgradeSomethingUnknown)
}

func aUsersAppInstallation(ctx context.Context, addressing string) error {
	w := worldFrom(ctx)
	if w == nil {
		return errNoWorld
	}
	installation, release, err := w.session.AppInstallations.Acquire(ctx)
	if err != nil {
		return w.acquireFailed(err)
	}
	w.hold(release)
	if addressing == "user principal name" {
		if installation.UserPrincipalName == "" {
			return w.skip(fmt.Sprintf("the profile gives no userPrincipalName for user %s", installation.User))
		}
		installation.User = installation.UserPrincipalName
	}
	w.installation = installation
	return nil
}

func upgradePath(user, installation string) string {
	return "/v1.0/users/" + url.PathEscape(user) + "/teamwork/installedApps/" + url.PathEscape(installation) + "/upgrade"
}

func upgradeTheInstallation(ctx context.Context) (context.Context, error) {
	w := worldFrom(ctx)
	if w == nil {
		return ctx, errNoWorld
	}
	return w.send(ctx, client.Request{Method: http.MethodPost, Path: upgradePath(w.installation.User, w.installation.Installation)})
}

func upgradeTheInstallationWithBody(ctx context.Context, body *godog.DocString) (context.Context, error) {
	w := worldFrom(ctx)
	if w == nil {
		return ctx, errNoWorld
	}
	return w.send(ctx, client.Request{
		Method: http.MethodPost,
		Path:   upgradePath(w.installation.User, w.installation.Installation),
		Header: jsonHeader(),
		Body:   []byte(body.Content),
	})
}

func upgradeSomethingUnknown(ctx context.Context, what string) (context.Context, error) {
	w := worldFrom(ctx)
	if w == nil {
		return ctx, errNoWorld
	}
	user, installation := w.installation.User, w.installation.Installation
	if what == "a user" {
		user = guid.New()
	} else {
		installation = guid.New()
	}
	return w.send(ctx, client.Request{Method: http.MethodPost, Path: upgradePath(user, installation)})
}
