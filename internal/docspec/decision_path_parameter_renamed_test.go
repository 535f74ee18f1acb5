package docspec

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestPathParameterRenamedNamesTheKeyAfterTheBoundType(t *testing.T) {
	m := literalModel(t, docsFS())
	op := operationNamed(t, m, "userScopeTeamsAppInstallation.upgrade")
	assert.Equal(t, "/users/{user-id}/teamwork/installedApps/{app-installation-id}/upgrade", op.path, "read literally")
	at := findAndApply(t, m, pathParameterRenamed)
	assert.Equal(t, []Location{{Page: "userscopeteamsappinstallation-upgrade.md", Line: 34}}, at)
	assert.Equal(t, upgradePath, op.path)
	last := op.pathParams[len(op.pathParams)-1]
	assert.Equal(t, "userScopeTeamsAppInstallation-id", last.name)
	assert.Contains(t, last.description, "{app-installation-id}")
	assert.Equal(t, updateSoftwarePath, operationNamed(t, m, "teamworkDevice.updateSoftware").path, "{teamworkDeviceId} is named after its type")
}

func TestPathParameterRenamedFindsNothingWhenTheKeyIsNamedAfterTheType(t *testing.T) {
	fsys := withPage(t, "userscopeteamsappinstallation-upgrade.md", "{app-installation-id}/upgrade", "{userScopeTeamsAppInstallation-id}/upgrade")
	assert.Empty(t, findAndApply(t, literalModel(t, fsys), pathParameterRenamed))
}
