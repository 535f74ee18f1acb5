package mockgraph

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/finding"
	"github.com/graphconform/graphconform/internal/rules"
)

func TestViolationLogIsBoundedInBytes(t *testing.T) {
	var log violationLog
	huge := strings.Repeat("x", 100<<10)
	findings := make([]finding.Finding, 50)
	for i := range findings {
		findings[i] = finding.Finding{RuleID: rules.OperationDocumented, Message: huge, JSONPointer: huge}
	}
	for range 2000 {
		log.add(Violation{Method: "GET", Path: "/" + huge, Findings: findings})
	}
	report := log.report()
	require.NotEmpty(t, report.Violations)
	assert.Positive(t, report.Dropped, "past MaxViolationBytes the violations are only counted")
	assert.Equal(t, 2000, report.Count)
	total := 0
	for _, v := range report.Violations {
		total += v.size()
	}
	assert.LessOrEqual(t, total, MaxViolationBytes)

	kept := report.Violations[0]
	assert.LessOrEqual(t, len(kept.Path), MaxViolationPathBytes+len(truncatedMark)+20)
	assert.Contains(t, kept.Path, truncatedMark+"101377 bytes]")
	require.Len(t, kept.Findings, maxViolationFindings)
	assert.LessOrEqual(t, len(kept.Findings[0].Message), MaxViolationMessageBytes+len(truncatedMark)+20)
	assert.Contains(t, kept.Findings[maxViolationFindings-1].Message, "(and 30 more findings)")
}

func TestTruncateCutsOnARuneBoundary(t *testing.T) {
	assert.Equal(t, "short", truncate("short", 10))
	assert.Equal(t, "é…[truncated 2 bytes]", truncate("éé", 3))
}

func TestViolationLogCountsTheErrorsItOnlyCounted(t *testing.T) {
	var log violationLog
	warning := finding.Finding{RuleID: rules.RequestIDHeader, Level: finding.Warning, Message: "a warning"}
	for range MaxViolations {
		log.add(Violation{Method: "GET", Path: "/beta/x", Findings: []finding.Finding{warning}})
	}
	// Past the kept ones, and with its error past the findings a kept violation keeps.
	findings := make([]finding.Finding, maxViolationFindings+1)
	for i := range findings {
		findings[i] = warning
	}
	findings[maxViolationFindings] = finding.Finding{RuleID: rules.OperationDocumented, Level: finding.Error, Message: "an error"}
	log.add(Violation{Method: "GET", Path: "/beta/y", Findings: findings})
	report := log.report()
	assert.Equal(t, 1, report.Dropped)
	assert.Equal(t, MaxViolations+1, report.Count)
	assert.Equal(t, 1, report.Errors, "the dropped violation's error is counted, the warnings are not")
}
