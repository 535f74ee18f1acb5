package cli_test

import (
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/version"
)

func TestVersionFlagPrintsTheBuildsVersion(t *testing.T) {
	code, stdout, stderr := run(t, "--version")
	require.Equal(t, 0, code, "stderr:\n%s", stderr)
	assert.Equal(t, "graphconform "+version.Current().String()+"\n", stdout)
}

func TestEveryReportNamesTheVersionThatRan(t *testing.T) {
	dir := t.TempDir()
	code, stdout, stderr := run(t, "run", "--reports", dir, "--tags", "@upgrade")
	require.Equal(t, 0, code, "stdout:\n%s\nstderr:\n%s", stdout, stderr)
	want := version.Current()

	data, err := os.ReadFile(filepath.Join(dir, "conformance.json"))
	require.NoError(t, err)
	var conformance struct {
		ToolVersion version.Info `json:"toolVersion"`
	}
	require.NoError(t, json.Unmarshal(data, &conformance))
	assert.Equal(t, want, conformance.ToolVersion, "conformance.json toolVersion")

	data, err = os.ReadFile(filepath.Join(dir, "junit.xml"))
	require.NoError(t, err)
	var junit struct {
		Suites []struct {
			Properties []struct {
				Name  string `xml:"name,attr"`
				Value string `xml:"value,attr"`
			} `xml:"properties>property"`
		} `xml:"testsuite"`
	}
	require.NoError(t, xml.Unmarshal(data, &junit))
	require.NotEmpty(t, junit.Suites)
	props := map[string]string{}
	for _, p := range junit.Suites[0].Properties {
		props[p.Name] = p.Value
	}
	assert.Equal(t, want.Version, props["graphconform.version"], "junit.xml property graphconform.version")

	data, err = os.ReadFile(filepath.Join(dir, "report.html"))
	require.NoError(t, err)
	assert.Contains(t, string(data), "graphconform <code>"+want.String()+"</code>", "report.html names the version")
}
