package cli_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// ownFeature is a team's own scenario, written with the built-in steps.
const ownFeature = `@ours
Feature: Our upgrade checks
  Scenario: Our installation upgrades with 204 and no body
    Given a user's app installation the suite may upgrade, the user named by id
    When I upgrade the installation
    Then the response status is 204
    And the response has no body
`

func writeFeature(t *testing.T, dir, name, text string) string {
	t.Helper()
	require.NoError(t, os.MkdirAll(dir, 0o755))
	path := filepath.Join(dir, name)
	require.NoError(t, os.WriteFile(path, []byte(text), 0o600))
	return path
}

func TestRunRunsATeamsOwnFeatureWithTheBuiltinSteps(t *testing.T) {
	file := writeFeature(t, t.TempDir(), "ours.feature", ownFeature)
	code, stdout, stderr := run(t, "run", "--reports", "", "--features", file, "--no-builtin-features")
	require.Equal(t, 0, code, "stdout:\n%s\nstderr:\n%s", stdout, stderr)
	assert.Contains(t, stdout, "PASS  Our installation upgrades with 204 and no body  (ours.feature, 1 exchanges)")
	assert.Regexp(t, `1 scenarios: 1 passed, 0 failed in `, stdout)
}

func TestRunRunsOwnFeatureFoldersBesideTheBuiltinOnes(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ours")
	writeFeature(t, dir, "a.feature", ownFeature)
	writeFeature(t, filepath.Join(dir, "more"), "b.feature", `Feature: More of ours
  Scenario: An update of a device that does not exist is ours too
    When I request a "firmware" software update of a device that does not exist
    Then the response status is 404
`)
	code, stdout, stderr := run(t, "run", "--reports", "", "--features", dir, "--tags", "@ours,@updateSoftware")
	require.Equal(t, 0, code, "stdout:\n%s\nstderr:\n%s", stdout, stderr)
	assert.Contains(t, stdout, "PASS  Our installation upgrades with 204 and no body  (ours/a.feature")
	assert.Contains(t, stdout, "(update_software.feature", "the built-in features run too")

	code, stdout, _ = run(t, "run", "--reports", "", "--features", dir, "--no-builtin-features")
	require.Equal(t, 0, code)
	assert.Contains(t, stdout, "PASS  An update of a device that does not exist is ours too  (ours/more/b.feature")
	assert.Regexp(t, `2 scenarios: 2 passed`, stdout)
}

func TestRunFailsAnOwnScenarioWhoseStepIsNotInTheVocabulary(t *testing.T) {
	file := writeFeature(t, t.TempDir(), "typo.feature", `Feature: A typo
  Scenario: A step graphconform does not know
    Given a Teams device the suite may updat
`)
	code, stdout, _ := run(t, "run", "--reports", "", "--features", file, "--no-builtin-features")
	assert.Equal(t, 1, code, stdout)
}

func TestRunRefusesFeaturesThatAreNotThere(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--features", filepath.Join(dir, "missing.feature")}, "no such file"},
		{[]string{"--features", dir}, "no .feature file there"},
		{[]string{"--features", writeFeature(t, dir, "notes.txt", "x")}, "is not a .feature file"},
		{[]string{"--no-builtin-features"}, "give --features PATH too"},
	} {
		code, _, stderr := run(t, append([]string{"run", "--reports", ""}, tc.args...)...)
		assert.Equal(t, 2, code, tc.args)
		assert.Contains(t, stderr, tc.want, tc.args)
	}
}
