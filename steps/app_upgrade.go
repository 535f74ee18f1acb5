package steps

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"

	"github.com/cucumber/godog"

	"github.com/graphconform/graphconform/internal/client"
	"github.com/graphconform/graphconform/internal/guid"
	"github.com/graphconform/graphconform/internal/mockgraph"
	"github.com/graphconform/graphconform/internal/target"
)

// AppInstallationAPI is the upgrade of a Teams app installed in a user's personal scope.
func AppInstallationAPI() API {
	return API{
		Name:      "userScopeTeamsAppInstallation",
		Resources: []target.ResourceKind{appInstallations},
		Mock:      mockgraph.AppInstallationAPI,
		Steps:     registerAppUpgrade,
		Requests: []NamedRequest{{Name: "upgrade", Operation: "userScopeTeamsAppInstallation.upgrade", Build: func(w *Scenario) (client.Request, error) {
			i := installations.Of(w).installation
			return client.Request{Method: http.MethodPost, Path: upgradePath(i.User, i.Installation)}, nil
		}}},
		Acquire: func(ctx context.Context, w *Scenario) error {
			if installations.Of(w).taken != (AppInstallation{}) {
				return nil // addressed as the scenario's Given chose
			}
			return aUsersAppInstallation(withScenario(ctx, w), "id")
		},
	}
}

// AppInstallation is a Teams app installed in a user's personal scope.
type AppInstallation struct {
	// User is the user's id or user principal name.
	User string `yaml:"user"`
	// UserPrincipalName, when given, addresses the same user by name: scenarios that address the user
	// by user principal name need it, and are skipped without it.
	UserPrincipalName string `yaml:"userPrincipalName,omitempty"`
	// Installation is the userScopeTeamsAppInstallation id.
	Installation string `yaml:"installation"`
}

// appInstallations are the user-scope Teams app installations the suite may upgrade.
var appInstallations = &target.Resource[AppInstallation]{
	Key:  "appInstallations",
	Need: "list at least one {user, installation} the suite may upgrade",
	Check: func(a AppInstallation) error {
		if a.User == "" || a.Installation == "" {
			return errors.New("both user and installation are required")
		}
		return nil
	},
	Seeded: func(seed mockgraph.Seed) []AppInstallation {
		var list []AppInstallation
		for _, u := range seed.Users {
			for _, app := range u.InstalledApps {
				list = append(list, AppInstallation{User: u.ID, UserPrincipalName: u.UserPrincipalName, Installation: app})
			}
		}
		return list
	},
}

// installationState is what a scenario's upgrade steps keep.
type installationState struct {
	// taken is the entry the scenario took from the pool; installation is it as the scenario addresses it.
	taken        AppInstallation
	installation AppInstallation
}

var installations = &State[installationState]{Name: "userScopeTeamsAppInstallation"}

// theInstallation returns the scenario's installation as it addresses it, or an error saying which
// step takes one.
func (w *Scenario) theInstallation() (AppInstallation, error) {
	if i := installations.Of(w).installation; i != (AppInstallation{}) {
		return i, nil
	}
	return AppInstallation{}, errors.New("no installation: start the scenario with \"Given a user's app installation the suite may upgrade, the user named by id\"")
}

func registerAppUpgrade(sc Registrar) {
	sc.Step(`^a user's app installation the suite may upgrade, the user named by (id|user principal name)$`, aUsersAppInstallation)
	sc.Step(`^I upgrade the installation$`, upgradeTheInstallation)
	sc.Step(`^I upgrade the installation with the body:$`, upgradeTheInstallationWithBody)
	sc.Step(`^I upgrade the installation, with (an installation|a user) that does not exist$`, upgradeSomethingUnknown)
}

// aUsersAppInstallation gives the scenario its installation, the user named as addressing says; a
// scenario that holds one already keeps it and names its user so.
func aUsersAppInstallation(ctx context.Context, addressing string) error {
	w := worldFrom(ctx)
	if w == nil {
		return errNoWorld
	}
	state := installations.Of(w)
	if state.taken == (AppInstallation{}) {
		taken, err := Take(ctx, w, appInstallations)
		if err != nil {
			return err
		}
		state.taken = taken
	}
	installation := state.taken
	if addressing == "user principal name" {
		if installation.UserPrincipalName == "" {
			return w.Skip(fmt.Sprintf("the profile gives no userPrincipalName for user %s", installation.User))
		}
		installation.User = installation.UserPrincipalName
	}
	state.installation = installation
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
	i, err := w.theInstallation()
	if err != nil {
		return ctx, err
	}
	return w.Send(ctx, client.Request{Method: http.MethodPost, Path: upgradePath(i.User, i.Installation)})
}

func upgradeTheInstallationWithBody(ctx context.Context, body *godog.DocString) (context.Context, error) {
	w := worldFrom(ctx)
	if w == nil {
		return ctx, errNoWorld
	}
	i, err := w.theInstallation()
	if err != nil {
		return ctx, err
	}
	return w.Send(ctx, client.Request{
		Method: http.MethodPost,
		Path:   upgradePath(i.User, i.Installation),
		Header: jsonHeader(),
		Body:   []byte(body.Content),
	})
}

func upgradeSomethingUnknown(ctx context.Context, what string) (context.Context, error) {
	w := worldFrom(ctx)
	if w == nil {
		return ctx, errNoWorld
	}
	i, err := w.theInstallation()
	if err != nil {
		return ctx, err
	}
	user, installation := i.User, i.Installation
	if what == "a user" {
		user = guid.New()
	} else {
		installation = guid.New()
	}
	return w.Send(ctx, client.Request{Method: http.MethodPost, Path: upgradePath(user, installation)})
}
