package report_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/report"
)

// RequireXMLLintEnv, set to 1, turns a missing xmllint from a skip into a failure (CI sets it).
const RequireXMLLintEnv = "GRAPHCONFORM_REQUIRE_XMLLINT"

// junitSchemas are the published schemas junit.xml must satisfy (see testdata/junit-schemas/README.md).
var junitSchemas = []string{"junit-10.xsd", "ant-junit.xsd"}

// xmllint returns the path of xmllint, or skips the test (fails it under RequireXMLLintEnv).
func xmllint(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("xmllint")
	if err != nil {
		if os.Getenv(RequireXMLLintEnv) == "1" {
			t.Fatalf("xmllint is not installed and %s=1: install libxml2-utils (make deps does, as root)", RequireXMLLintEnv)
		}
		t.Skip("xmllint is not installed (Debian: libxml2-utils; make deps installs it as root): junit.xml is not checked against the schemas")
	}
	return path
}

// validate runs xmllint --schema on doc and returns its error and output.
func validate(t *testing.T, xmllintPath, schema string, doc []byte) (string, error) {
	t.Helper()
	file := filepath.Join(t.TempDir(), "junit.xml")
	require.NoError(t, os.WriteFile(file, doc, 0o644))
	cmd := exec.Command(xmllintPath, "--noout", "--schema", filepath.Join("testdata", "junit-schemas", schema), file)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func TestJUnitValidatesAgainstJenkinsAndAntSchemas(t *testing.T) {
	lint := xmllint(t)
	var buf bytes.Buffer
	require.NoError(t, report.JUnit{}.Format(&buf, fixedReport(t)))
	for _, schema := range junitSchemas {
		t.Run(schema, func(t *testing.T) {
			out, err := validate(t, lint, schema, buf.Bytes())
			require.NoError(t, err, "xmllint --schema %s refuses junit.xml:\n%s\n%s", schema, out, buf.String())
		})
	}
}

// TestTheSchemaCheckRefusesWhatTheToolsRefuse shows that the check above can fail: each document is
// what an earlier junit.xml wrote, and a schema refuses it.
func TestTheSchemaCheckRefusesWhatTheToolsRefuse(t *testing.T) {
	lint := xmllint(t)
	for _, tc := range []struct{ name, schema, doc string }{
		{"skipped on testsuites", "junit-10.xsd", `<testsuites name="graphconform" tests="1" failures="0" errors="0" skipped="1" time="0.000">
  <testsuite name="auth.feature" tests="1" failures="0" errors="0" skipped="1" time="0.000"><testcase name="x" classname="auth.feature" time="0.000"><skipped message="why"></skipped></testcase></testsuite></testsuites>`},
		{"system-out in a testcase", "ant-junit.xsd", `<testsuites><testsuite name="a" package="a" id="0" tests="1" failures="0" errors="0" time="0.000" timestamp="2026-01-02T03:04:05" hostname="h"><properties></properties>
  <testcase name="x" classname="a" time="0.000"><system-out>GET /</system-out></testcase><system-out></system-out><system-err></system-err></testsuite></testsuites>`},
		{"attributes on testsuites", "ant-junit.xsd", `<testsuites tests="1"><testsuite name="a" package="a" id="0" tests="1" failures="0" errors="0" time="0.000" timestamp="2026-01-02T03:04:05" hostname="h"><properties></properties>
  <testcase name="x" classname="a" time="0.000"></testcase><system-out></system-out><system-err></system-err></testsuite></testsuites>`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, err := validate(t, lint, tc.schema, []byte(tc.doc))
			require.Error(t, err, "xmllint --schema %s accepted a document it must refuse:\n%s", tc.schema, out)
		})
	}
}
