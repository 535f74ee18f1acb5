package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/docspec"
)

// The CLI runs from internal/cli in tests; the repository root is two levels up.
var (
	docsDir       = filepath.Join("..", "..", "spec", "docs")
	committedSpec = filepath.Join("..", "..", "spec", "openapi.yaml")
)

func TestSpecBuildCheckAcceptsTheCommittedDescription(t *testing.T) {
	code, stdout, stderr := run(t, "spec", "build", "--check", "--docs", docsDir, "--out", committedSpec)
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, "is what")
}

func TestSpecBuildWritesWhatTheDocsBuild(t *testing.T) {
	out := filepath.Join(t.TempDir(), "openapi.yaml")
	code, _, stderr := run(t, "spec", "build", "--docs", docsDir, "--out", out)
	require.Equal(t, 0, code, stderr)
	built, err := os.ReadFile(out)
	require.NoError(t, err)
	committed, err := os.ReadFile(committedSpec)
	require.NoError(t, err)
	assert.Equal(t, string(committed), string(built))
}

func TestSpecBuildCheckFailsOnDriftAndNamesThePage(t *testing.T) {
	committed, err := os.ReadFile(committedSpec)
	require.NoError(t, err)
	stale := filepath.Join(t.TempDir(), "openapi.yaml")
	require.NoError(t, os.WriteFile(stale, append(committed, []byte("x-stale: true\n")...), 0o600))
	code, stdout, _ := run(t, "spec", "build", "--check", "--docs", docsDir, "--out", stale)
	assert.Equal(t, 1, code)
	assert.Contains(t, stdout, filepath.ToSlash(stale)+" is not what "+filepath.ToSlash(docsDir)+" builds")
	assert.Contains(t, stdout, "run `graphconform spec build --docs "+filepath.ToSlash(docsDir)+" --out "+filepath.ToSlash(stale)+"`")
}

func TestSpecLintListsTheDocsDisagreements(t *testing.T) {
	code, stdout, stderr := run(t, "spec", "lint", "--docs", docsDir)
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, "userscopeteamsappinstallation-upgrade.md:")
	assert.Contains(t, stdout, "enum-example-case")
	assert.Contains(t, stdout, "status-vocabulary")
}

// spec lint --decisions lists the builder's decision table, one line each.
func TestSpecLintListsTheDecisionTable(t *testing.T) {
	code, stdout, stderr := run(t, "spec", "lint", "--decisions")
	require.Equal(t, 0, code, stderr)
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	require.Len(t, lines, len(docspec.Decisions()))
	for i, d := range docspec.Decisions() {
		assert.True(t, strings.HasPrefix(lines[i], d.ID+" ("), lines[i])
		assert.Contains(t, lines[i], d.Does)
	}
}

// spec cases writes what the committed features/generated.feature holds.
func TestSpecCasesWritesTheGeneratedFeature(t *testing.T) {
	out := filepath.Join(t.TempDir(), "generated.feature")
	code, stdout, stderr := run(t, "spec", "cases", "--spec", committedSpec, "--out", out)
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, "wrote "+out)
	want, err := os.ReadFile(filepath.Join("..", "..", "features", "generated.feature"))
	require.NoError(t, err)
	got, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Equal(t, string(want), string(got))
	code, _, stderr = run(t, "spec", "cases", "--spec", filepath.Join(t.TempDir(), "missing.yaml"))
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "--spec")
}

func TestSpecDiffAgainstMicrosoftsDescriptionReportsTheMissingPromises(t *testing.T) {
	theirs := filepath.Join("..", "docspec", "testdata", "msgraph-beta-openapi.yaml")
	code, stdout, stderr := run(t, "spec", "diff", theirs)
	require.Equal(t, 1, code, stderr)
	assert.Contains(t, stdout, "teamworkDevice.updateSoftware")
	assert.Contains(t, stdout, "202")
	assert.Contains(t, stdout, "409")
}

func TestSpecDiffAgainstItselfFindsNothing(t *testing.T) {
	code, stdout, stderr := run(t, "spec", "diff", committedSpec)
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, "0 differences")
}

func TestSpecDiffRefusesWhatIsNotADescription(t *testing.T) {
	notSpec := filepath.Join(t.TempDir(), "x.yaml")
	require.NoError(t, os.WriteFile(notSpec, []byte("[1, 2"), 0o600))
	code, _, stderr := run(t, "spec", "diff", notSpec)
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "is not an OpenAPI description")
	code, _, _ = run(t, "spec", "diff", filepath.Join(t.TempDir(), "absent.yaml"))
	assert.Equal(t, 2, code)
}

func TestSpecDiffRefusesADocumentWithoutAnOpenAPIField(t *testing.T) {
	for name, data := range map[string]string{
		"an empty file":     "",
		"an empty object":   "{}",
		"a Swagger 2.0 one": `{"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": {}}`,
	} {
		t.Run(name, func(t *testing.T) {
			other := filepath.Join(t.TempDir(), "other.json")
			require.NoError(t, os.WriteFile(other, []byte(data), 0o600))
			code, stdout, stderr := run(t, "spec", "diff", other)
			assert.Equal(t, 2, code)
			assert.Contains(t, stderr, "no openapi field")
			assert.NotContains(t, stdout, "differences")
		})
	}
}

func TestSpecDiffWithAnInvalidOwnDescriptionExitsThree(t *testing.T) {
	invalid := filepath.Join(t.TempDir(), "ours.yaml")
	require.NoError(t, os.WriteFile(invalid, []byte("openapi: 3.0.3\ninfo: {}\npaths: {}\n"), 0o600))
	code, _, _ := run(t, "spec", "diff", "--ours", invalid, committedSpec)
	assert.Equal(t, 3, code)
}
