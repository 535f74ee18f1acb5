package mockgraph

import (
	"fmt"
	"net/http"
)

// upgradeInstallation upgrades an app installed in a user's personal scope: 204, or 404 when the
// user (named by id or user principal name) or the installation is unknown.
func (m *Mock) upgradeInstallation(w http.ResponseWriter, c *call) *apiError {
	userID := c.params["user-id"]
	installationID := c.params["userScopeTeamsAppInstallation-id"]

	m.mu.Lock()
	u, ok := m.state.users[key(userID)]
	installed := ok && u.installations[installationID]
	m.mu.Unlock()

	if !ok {
		return newError(http.StatusNotFound, CodeNotFound, fmt.Sprintf(
			"The user '%s' was not found. Name a user the mock is seeded with by id or user principal name (fixtures/mock/default.yaml lists them).", userID))
	}
	if !installed {
		return newError(http.StatusNotFound, CodeNotFound, fmt.Sprintf(
			"The app installation '%s' was not found in the personal scope of user '%s'. Use the id of one of the user's installedApps.", installationID, u.id))
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
