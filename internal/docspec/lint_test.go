package docspec

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLintListsEveryDisagreementWithPageAndLine(t *testing.T) {
	ds, err := Lint(docsFS())
	require.NoError(t, err)
	type want struct {
		id, page string
		line     int
		contains string // text of that page line
	}
	wants := []want{
		{DecisionExampleValueWrapper, "intune-deviceconfig-windowsupdatestate-get.md", 93, "{"},
		{DecisionPatchTableSaysCreate, "intune-deviceconfig-windowsupdatestate-update.md", 56, "required when you create"},
		{DecisionEnumMembersDiffer, "teamworkdevice-updatesoftware.md", 51, "|softwareType|"},
		{DecisionEnumParameterRequired, "teamworkdevice-updatesoftware.md", 51, "|softwareType|"},
		{DecisionStatusVocabulary, "teamworkdevice-updatesoftware.md", 58, "`queued`, `succeeded`, or `failed`"},
		{DecisionPollRetryAfter, "teamworkdeviceoperation-get.md", 50, "`200 OK`"},
		{DecisionExampleValueWrapper, "teamworkdeviceoperation-get.md", 76, "{"},
		{DecisionPathParameterRenamed, "userscopeteamsappinstallation-upgrade.md", 34, "{app-installation-id}"},
		{DecisionV1AlsoBeta, "userscopeteamsappinstallation-upgrade.md", 73, "https://graph.microsoft.com/v1.0/"},
		{DecisionEnumExampleCase, "userscopeteamsappinstallation-upgrade.md", 111, `"permissionType": "Application"`},
	}
	require.Len(t, ds, len(wants), "%v", ds)
	for i, w := range wants {
		d := ds[i]
		assert.Equal(t, w.id, d.ID, "disagreement %d", i)
		assert.Equal(t, w.page, d.Page, "disagreement %d", i)
		assert.Equal(t, w.line, d.Line, "disagreement %d", i)
		assert.Contains(t, pageLine(t, w.page, w.line), w.contains, "%s:%d", w.page, w.line)
		assert.NotEmpty(t, d.Description)
		assert.True(t, strings.HasPrefix(d.String(), w.page+":"), d.String())
		for _, c := range d.Conflicts {
			assert.NotEmpty(t, strings.TrimSpace(pageLine(t, c.Page, c.Line)), "conflict %s of %s", c, d.ID)
		}
	}
	contradictions := 0
	for _, d := range ds {
		if d.Contradiction {
			contradictions++
		}
	}
	assert.Equal(t, 6, contradictions, "the rest are places where the pages are silent")
}

func pageLine(t *testing.T, page string, line int) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(docsDir, page))
	require.NoError(t, err)
	lines := strings.Split(string(data), "\n")
	require.LessOrEqual(t, line, len(lines))
	return lines[line-1]
}
