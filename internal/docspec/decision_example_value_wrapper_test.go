package docspec

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestExampleValueWrapperUnwrapsTheObject(t *testing.T) {
	m := literalModel(t, docsFS())
	ex := operationNamed(t, m, "teamworkDevice.getOperation").response("200").content.examples
	require.Len(t, ex, 1)
	assert.Equal(t, []string{"value"}, memberNames(ex[0].value), "read literally, the example is the wrapper")
	at := findAndApply(t, m, exampleValueWrapper)
	assert.Equal(t, []Location{
		{Page: "intune-deviceconfig-windowsupdatestate-get.md", Line: 93},
		{Page: "teamworkdeviceoperation-get.md", Line: 76},
	}, at)
	assert.Contains(t, memberNames(ex[0].value), "id")
	assert.NotContains(t, memberNames(ex[0].value), "value")
	assert.Equal(t, ex[0].value, ex[0].objects[0], "the unwrapped object is what the example check walks")
}

func TestExampleValueWrapperLeavesACollectionAlone(t *testing.T) {
	m := literalModel(t, docsFS())
	for _, loc := range findAndApply(t, m, exampleValueWrapper) {
		assert.NotEqual(t, "teamworkdevice-list-operations.md", loc.Page, "a list's value is its items")
	}
}
