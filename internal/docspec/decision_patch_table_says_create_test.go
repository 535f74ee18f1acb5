package docspec

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestPatchTableSaysCreateRequiresNoneOfTheTablesProperties(t *testing.T) {
	m := literalModel(t, docsFS())
	body := operationNamed(t, m, "windowsUpdateState.update").body
	assert.True(t, body.schema.propertyOf("deviceId").required, "read literally, the table's properties are required")
	at := findAndApply(t, m, patchTableSaysCreate)
	assert.Equal(t, []Location{{Page: "intune-deviceconfig-windowsupdatestate-update.md", Line: 56}}, at)
	for _, p := range body.schema.properties {
		assert.False(t, p.required, p.name)
	}
	assert.True(t, body.required(), "the body itself stays required: a PATCH sends at least one property")
	assert.Equal(t, 1, body.schema.minProperties)
}

func TestPatchTableSaysCreateFindsNothingWhenTheIntroDoesNotSayCreate(t *testing.T) {
	fsys := withPage(t, "intune-deviceconfig-windowsupdatestate-update.md", "required when you create", "you can change on")
	m := literalModel(t, fsys)
	assert.Empty(t, findAndApply(t, m, patchTableSaysCreate))
	assert.False(t, operationNamed(t, m, "windowsUpdateState.update").body.schema.propertyOf("deviceId").required)
}
