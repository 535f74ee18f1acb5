package cli_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// writeShard writes a report directory holding run.json of the scenarios given (each a JSON object)
// and, when cucumber is not empty, cucumber.json.
func writeShard(t *testing.T, dir, scenarios, cucumber string) string {
	t.Helper()
	require.NoError(t, os.MkdirAll(dir, 0o755))
	record := `{"schemaVersion":1,"tool":{"version":"v1.2.0"},"target":"https://graph.example","specSha256":"abc",` +
		`"features":[{"URI":"a.feature","Name":"A","Scenarios":["one","two"],"Lines":[3,7]}],` +
		`"run":{"target":"https://graph.example","started":"2026-01-02T03:04:05Z","elapsed":1000000,"scenarios":[` + scenarios + `]}}`
	require.NoError(t, os.WriteFile(filepath.Join(dir, "run.json"), []byte(record), 0o644))
	if cucumber != "" {
		require.NoError(t, os.WriteFile(filepath.Join(dir, "cucumber.json"), []byte(cucumber), 0o644))
	}
	return dir
}

func TestReportMergeOfARunCutShortIsInconclusive(t *testing.T) {
	dir := t.TempDir()
	shard1 := writeShard(t, filepath.Join(dir, "shard-1"), `{"name":"one","uri":"a.feature","passed":true,"exchanges":[]}`, "")
	shard2 := writeShard(t, filepath.Join(dir, "shard-2"), `{"name":"two","uri":"a.feature","passed":false,"skipped":true,"cutShort":true,"error":"cut short: interrupted","exchanges":[]}`, "")
	code, stdout, stderr := run(t, "report", "merge", "--out", filepath.Join(dir, "merged"), shard1, shard2)
	assert.Contains(t, stdout, "INCONCLUSIVE")
	require.Equal(t, 2, code, "an inconclusive run exits 2, as run does; 1 says the target broke a promise\nstdout:\n%s\nstderr:\n%s", stdout, stderr)
}

func TestReportMergeRefusesAShardWithoutTheCucumberReportTheOthersHave(t *testing.T) {
	dir := t.TempDir()
	shard1 := writeShard(t, filepath.Join(dir, "shard-1"), `{"name":"one","uri":"a.feature","passed":true,"exchanges":[]}`,
		`[{"uri":"a.feature","elements":[{"line":3,"name":"one"}]}]`)
	shard2 := writeShard(t, filepath.Join(dir, "shard-2"), `{"name":"two","uri":"a.feature","passed":true,"exchanges":[]}`, "")
	code, stdout, stderr := run(t, "report", "merge", "--out", filepath.Join(dir, "merged"), shard1, shard2)
	require.Equal(t, 2, code, "a cucumber.json of shard 1 alone would lose shard 2's scenarios\nstdout:\n%s\nstderr:\n%s", stdout, stderr)
	assert.Contains(t, stderr, "shard-2 has no cucumber.json")
}
