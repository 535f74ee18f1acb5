package gate_test

import (
	"bytes"
	"encoding/xml"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/finding"
	"github.com/graphconform/graphconform/internal/gate"
	"github.com/graphconform/graphconform/internal/rules"
)

func TestWriteJUnitFailsErrorsAndPassesWarnings(t *testing.T) {
	violations := []gate.Violation{
		{Side: rules.Client, Method: "POST", Path: "/beta/x", Operation: "op.a", Status: 400, RequestID: "r1",
			Findings: []finding.Finding{{RuleID: rules.RequestBodySchema, Level: finding.Error, Operation: "op.a", Message: "bad <softwareType>"}}},
		{Side: rules.Client, Method: "GET", Path: "/beta/y", Operation: "op.b", Status: 200,
			Findings: []finding.Finding{{RuleID: rules.RequestIDHeader, Level: finding.Warning, Operation: "op.b", Message: "use Read"}}},
		{Side: rules.Server, Method: "POST", Path: "/beta/x", Operation: "op.a", Status: 200,
			Findings: []finding.Finding{{RuleID: rules.ResponseStatusDeclared, Level: finding.Error, Operation: "op.a", Message: "200"}}},
	}
	var buf bytes.Buffer
	require.NoError(t, gate.WriteJUnit(&buf, "gate", time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), violations))
	var got struct {
		Tests    int `xml:"tests,attr"`
		Failures int `xml:"failures,attr"`
		Suites   []struct {
			Name      string `xml:"name,attr"`
			Timestamp string `xml:"timestamp,attr"`
			Cases     []struct {
				Classname string  `xml:"classname,attr"`
				Failure   *string `xml:"failure"`
				SystemOut string  `xml:"system-out"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	require.NoError(t, xml.Unmarshal(buf.Bytes(), &got), buf.String())
	assert.Equal(t, 3, got.Tests)
	assert.Equal(t, 2, got.Failures, "the warning passes")
	require.Len(t, got.Suites, 2)
	assert.Equal(t, "gate: client side", got.Suites[0].Name)
	assert.Equal(t, "2026-01-02T03:04:05", got.Suites[0].Timestamp)
	require.Len(t, got.Suites[0].Cases, 2)
	require.NotNil(t, got.Suites[0].Cases[0].Failure)
	assert.Contains(t, *got.Suites[0].Cases[0].Failure, "bad <softwareType>", "escaped and read back")
	assert.Nil(t, got.Suites[0].Cases[1].Failure)
	assert.Contains(t, got.Suites[0].Cases[1].SystemOut, "[request-id-header]")
	assert.Equal(t, "server.op.a", got.Suites[1].Cases[0].Classname)
}

func TestWriteJUnitWithNothingToSayHasOnePassingCasePerSide(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, gate.WriteJUnit(&buf, "gate", time.Now(), nil))
	assert.Contains(t, buf.String(), `name="no request broke the contract"`)
	assert.Contains(t, buf.String(), `name="no response broke the contract"`)
	assert.Contains(t, buf.String(), `failures="0"`)
}

func TestViolationErrorsIgnoresWarnings(t *testing.T) {
	warn := gate.Violation{Findings: []finding.Finding{{RuleID: rules.RequestIDHeader, Level: finding.Warning}}}
	assert.False(t, warn.Errors())
	warn.Findings = append(warn.Findings, finding.Finding{RuleID: rules.RequestBodySchema, Level: finding.Error})
	assert.True(t, warn.Errors())
	assert.Equal(t, []string{"request-id-header", "request-body-schema"}, warn.RuleIDs())
}
