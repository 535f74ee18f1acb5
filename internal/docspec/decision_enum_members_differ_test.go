package docspec

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestEnumMembersDifferTakesTheUnion(t *testing.T) {
	m := literalModel(t, docsFS())
	e := m.enums["teamworkSoftwareType"]
	assert.Equal(t, []string{"adminAgent", "operatingSystem", "teamsClient", "firmware", "partnerAgent", "companyPortal", "unknownFutureValue"}, e.members, "the definition's members")
	at := findAndApply(t, m, enumMembersDiffer)
	assert.Equal(t, []Location{{Page: "teamworkdevice-updatesoftware.md", Line: 51}}, at, "the page omits unknownFutureValue")
	assert.Equal(t, []string{"adminAgent", "operatingSystem", "teamsClient", "firmware", "partnerAgent", "companyPortal", "unknownFutureValue"}, e.members, "nothing the definition lacks")
}

func TestEnumMembersDifferAddsWhatOnlyThePageLists(t *testing.T) {
	fsys := withPage(t, "teamworkdevice-updatesoftware.md", "`companyPortal`.", "`companyPortal`, `unknownFutureValue`, `signage`.")
	m := literalModel(t, fsys)
	at := findAndApply(t, m, enumMembersDiffer)
	assert.Equal(t, []Location{{Page: "teamworkdevice-updatesoftware.md", Line: 51}}, at)
	assert.Equal(t, []string{"adminAgent", "operatingSystem", "teamsClient", "firmware", "partnerAgent", "companyPortal", "unknownFutureValue", "signage"}, m.enums["teamworkSoftwareType"].members)
}

func TestEnumMembersDifferFindsNothingWhenTheListsAgree(t *testing.T) {
	fsys := withPage(t, "teamworkdevice-updatesoftware.md", "`companyPortal`.", "`companyPortal`, `unknownFutureValue`.")
	assert.Empty(t, findAndApply(t, literalModel(t, fsys), enumMembersDiffer))
}
