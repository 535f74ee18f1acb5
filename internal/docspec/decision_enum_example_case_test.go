package docspec

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestEnumExampleCaseAcceptsTheCapitalisedSpellings(t *testing.T) {
	m := literalModel(t, docsFS())
	e := m.enums["teamsAppResourceSpecificPermissionType"]
	assert.False(t, e.accepts("Application"), "read literally, the enumeration has no \"Application\"")
	at := findAndApply(t, m, enumExampleCase)
	assert.Equal(t, []Location{{Page: "userscopeteamsappinstallation-upgrade.md", Line: 111}}, at)
	assert.True(t, e.accepts("Application"))
	assert.True(t, e.accepts("Delegated"))
	assert.Equal(t, []string{"Delegated", "Application"}, e.capitalisedSpellings(), "every member but unknownFutureValue")
	assert.NoError(t, m.checkExamples())
}

func TestEnumExampleCaseDoesNotTakeAnotherWord(t *testing.T) {
	fsys := withPage(t, "userscopeteamsappinstallation-upgrade.md", `"permissionType": "Application"`, `"permissionType": "Applikation"`)
	m := literalModel(t, fsys)
	assert.Empty(t, findAndApply(t, m, enumExampleCase))
	assert.ErrorContains(t, m.checkExamples(), `the example gives permissionType the value "Applikation", which is not a member of teamsAppResourceSpecificPermissionType`)
}
