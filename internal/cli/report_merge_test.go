package cli_test

import (
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// junitCases lists the test cases of a junit.xml as "classname: name".
func junitCases(t *testing.T, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	var doc struct {
		Suites []struct {
			Cases []struct {
				Name      string `xml:"name,attr"`
				Classname string `xml:"classname,attr"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	require.NoError(t, xml.Unmarshal(data, &doc))
	var out []string
	for _, s := range doc.Suites {
		for _, c := range s.Cases {
			out = append(out, c.Classname+": "+c.Name)
		}
	}
	return out
}

func TestShardsRunEveryScenarioOnceAndMergeIntoTheWholeSuite(t *testing.T) {
	dir := t.TempDir()
	shard1, shard2, merged := filepath.Join(dir, "shard-1"), filepath.Join(dir, "shard-2"), filepath.Join(dir, "merged")
	code, stdout, stderr := run(t, "run", "--shard", "1/2", "--reports", shard1)
	require.Equal(t, 0, code, "stdout:\n%s\nstderr:\n%s", stdout, stderr)
	total1, _, _ := scenarioCounts(t, stdout)
	code, stdout, stderr = run(t, "run", "--shard", "2/2", "--reports", shard2)
	require.Equal(t, 0, code, "stdout:\n%s\nstderr:\n%s", stdout, stderr)
	total2, _, _ := scenarioCounts(t, stdout)
	assert.Equal(t, 148, total1+total2, "the shards together run the suite: 49 written scenarios and 99 generated")
	assert.InDelta(t, total1, total2, 1, "the shards are even")

	cases := map[string]int{}
	for _, c := range append(junitCases(t, filepath.Join(shard1, "junit.xml")), junitCases(t, filepath.Join(shard2, "junit.xml"))...) {
		cases[c]++
	}
	require.Len(t, cases, 148)
	for c, n := range cases {
		require.Equal(t, 1, n, "%s ran in both shards", c)
	}

	code, stdout, stderr = run(t, "report", "merge", "--out", merged, shard1, shard2)
	require.Equal(t, 0, code, "stdout:\n%s\nstderr:\n%s", stdout, stderr)
	assert.Contains(t, stdout, "merged 2 shards: 148 scenarios: 148 passed, 0 failed, 0 skipped — CONFORMANT")
	assert.ElementsMatch(t, keys(cases), junitCases(t, filepath.Join(merged, "junit.xml")))

	var conformance struct {
		Scenarios struct{ Total, Passed int } `json:"scenarios"`
		Coverage  struct{ Complete bool }     `json:"coverage"`
	}
	data, err := os.ReadFile(filepath.Join(merged, "conformance.json"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, &conformance))
	assert.Equal(t, 148, conformance.Scenarios.Total)
	assert.True(t, conformance.Coverage.Complete, "the whole suite's coverage, not a shard's")

	var cucumber []struct {
		Elements []json.RawMessage `json:"elements"`
	}
	data, err = os.ReadFile(filepath.Join(merged, "cucumber.json"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, &cucumber))
	elements := 0
	for _, f := range cucumber {
		elements += len(f.Elements)
	}
	assert.Equal(t, 148, elements, "cucumber.json holds every scenario once")
	_, err = os.Stat(filepath.Join(merged, "report.html"))
	require.NoError(t, err)

	code, _, stderr = run(t, "report", "merge", "--out", filepath.Join(dir, "twice"), shard1, shard1)
	require.Equal(t, 2, code, "the same shard twice is refused")
	assert.Contains(t, stderr, "ran in shard 1 and shard 2")
}

func TestRunRefusesABadShard(t *testing.T) {
	code, _, stderr := run(t, "run", "--reports", "", "--shard", "3/2")
	require.Equal(t, 2, code)
	assert.Contains(t, stderr, `--shard "3/2": give I/N with 1 ≤ I ≤ N`)
}

func keys(m map[string]int) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}
