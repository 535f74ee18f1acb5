package docspec

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEnumParameterRequiredRequiresASilentEnumParameter(t *testing.T) {
	m := literalModel(t, docsFS())
	body := operationNamed(t, m, "teamworkDevice.updateSoftware").body
	softwareType := body.schema.propertyOf("softwareType")
	require.NotNil(t, softwareType)
	assert.False(t, softwareType.required, "read literally, a silent table requires nothing")
	assert.False(t, body.required())
	at := findAndApply(t, m, enumParameterRequired)
	assert.Equal(t, []Location{{Page: "teamworkdevice-updatesoftware.md", Line: 51}}, at)
	assert.True(t, softwareType.required)
	assert.True(t, body.required())
	assert.False(t, body.schema.propertyOf("softwareVersion").required, "a string parameter stays optional")
}

func TestEnumParameterRequiredLeavesAParameterTheTableCallsOptional(t *testing.T) {
	fsys := withPage(t, "teamworkdevice-updatesoftware.md", "|The software type to update. ", "|Optional. The software type to update. ")
	m := literalModel(t, fsys)
	assert.Empty(t, findAndApply(t, m, enumParameterRequired))
	assert.False(t, operationNamed(t, m, "teamworkDevice.updateSoftware").body.schema.propertyOf("softwareType").required)
}
