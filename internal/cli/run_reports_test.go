package cli_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRunSummaryShowsCoverageAndListsEveryReportFile(t *testing.T) {
	dir := t.TempDir()
	code, stdout, stderr := run(t, "run", "--reports", dir)
	require.Equal(t, 0, code, "stdout:\n%s\nstderr:\n%s", stdout, stderr)
	assert.Regexp(t, `OPERATION +EXCHANGES +STATUSES SEEN +DOCUMENTED STATUSES +DOCUMENTED HEADERS +ERRORS +WARNINGS`, stdout)
	assert.Regexp(t, `teamworkDevice.updateSoftware +\d+ +[0-9 ]+ +2/2 +1/1 `, stdout)
	assert.Regexp(t, `coverage: (\d+)/(\d+) documented statuses and headers exercised \(100\.0%\)\n`, stdout)
	want := "reports: " + strings.Join([]string{
		filepath.Join(dir, "junit.xml"), filepath.Join(dir, "conformance.json"),
		filepath.Join(dir, "report.html"), filepath.Join(dir, "run.json"), filepath.Join(dir, "exchanges.har"), filepath.Join(dir, "cucumber.json"),
	}, ", ") + "\n"
	assert.Contains(t, stdout, want)
	assert.NotContains(t, stdout, "\x1b[", "no colours when stdout is not a terminal")
}

func TestRunRequireCoverageFailsListingWhatWasLeftUnexercised(t *testing.T) {
	code, stdout, stderr := run(t, "run", "--reports", "", "--tags", "@upgrade", "--require-coverage")
	require.Equal(t, 1, code, "stdout:\n%s\nstderr:\n%s", stdout, stderr)
	assert.Regexp(t, `— CONFORMANT\n`, stdout, "the scenarios themselves passed")
	for _, want := range []string{
		"graphconform: --require-coverage: the run exercised ",
		"  - teamworkDevice.updateSoftware: no 202 response\n",
		"  - teamworkDevice.updateSoftware: no 409 response\n",
		"  - windowsUpdateState.update: no 200 response\n",
		"add scenarios that exercise them, or run without --require-coverage",
	} {
		assert.Contains(t, stderr, want)
	}
	assert.NotContains(t, stderr, "userScopeTeamsAppInstallation.upgrade: no 204", "the upgrade scenarios exercise the 204")
}

func TestRunWithoutRequireCoverageLetsAPartialRunPass(t *testing.T) {
	code, stdout, stderr := run(t, "run", "--reports", "", "--tags", "@upgrade")
	require.Equal(t, 0, code, "stdout:\n%s\nstderr:\n%s", stdout, stderr)
	assert.Contains(t, stdout, "; not exercised:\n  - teamworkDevice.getOperation: no 200 response\n")
}

func TestRunRequireCoveragePassesWhenEverythingIsExercised(t *testing.T) {
	code, stdout, stderr := run(t, "run", "--reports", "", "--require-coverage")
	require.Equal(t, 0, code, "stdout:\n%s\nstderr:\n%s", stdout, stderr)
	assert.Empty(t, stderr)
}
