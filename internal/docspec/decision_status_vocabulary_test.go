package docspec

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestStatusVocabularyNamesEveryVocabularyInTheDescription(t *testing.T) {
	m := literalModel(t, docsFS())
	status := m.typeSchemas["teamworkDeviceOperation"].propertyOf("status")
	require.NotNil(t, status)
	assert.NotContains(t, status.schema.description, "queued, succeeded, failed", "read literally, the resource page's description")
	at := findAndApply(t, m, statusVocabulary)
	assert.Equal(t, []Location{{Page: "teamworkdevice-updatesoftware.md", Line: 58}}, at)
	assert.Contains(t, status.schema.description, "teamworkdevice-updatesoftware.md names queued, succeeded, failed; examples use successful (decision status-vocabulary).")
	assert.Empty(t, status.schema.enum, "the status stays a free string")
}

func TestStatusVocabularyFindsNothingWhenTheProseUsesTheResourcePagesWords(t *testing.T) {
	fsys := withPage(t, "teamworkdevice-updatesoftware.md", "`queued`, `succeeded`, or `failed`", "`Queued`, `Scheduled`, `InProgress`, `Successful`, `Cancelled`, or `Failed`")
	assert.Empty(t, findAndApply(t, literalModel(t, fsys), statusVocabulary))
}
