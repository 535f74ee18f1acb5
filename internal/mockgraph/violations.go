package mockgraph

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/graphconform/graphconform/internal/client"
	"github.com/graphconform/graphconform/internal/finding"
)

// The bounds of the violations a Mock keeps. Past MaxViolations entries or MaxViolationBytes in all,
// later violations are only counted (ViolationReport.Dropped). Each kept violation's path is cut to
// MaxViolationPathBytes and each message to MaxViolationMessageBytes, marked "…[truncated N bytes]";
// a violation keeps no header and no body, so one costs at most a few KiB however large the request.
const (
	MaxViolations            = 10000
	MaxViolationBytes        = 16 << 20
	MaxViolationPathBytes    = 1024
	MaxViolationMessageBytes = 1024
	// maxViolationFindings bounds the findings kept of one violation; the rest are only counted in
	// its last finding's message.
	maxViolationFindings = 20
)

// Violation is one request that broke the contract: what it was, what the mock answered and which
// rules it broke. Requests to the control endpoints below /_graphconform/ are never violations.
type Violation struct {
	// Time is when the request arrived, by the mock's clock.
	Time time.Time `json:"time"`
	// Method and Path are the request's; the query is kept with credentials redacted.
	Method string `json:"method"`
	Path   string `json:"path"`
	// Operation is the operationId the request was routed to, or "" when it matched none.
	Operation string `json:"operation,omitempty"`
	// Status is the status the mock answered.
	Status int `json:"status"`
	// RequestID and ClientRequestID are the ids of the request, as its response headers carry them.
	RequestID       string `json:"requestId"`
	ClientRequestID string `json:"clientRequestId"`
	// Findings are the broken rules: rule ID, message and, for a body, the JSON pointer.
	Findings []finding.Finding `json:"findings"`
}

// RuleIDs returns the rule IDs of v's findings, in order, without repeats.
func (v Violation) RuleIDs() []string {
	var ids []string
	seen := map[string]bool{}
	for _, f := range v.Findings {
		if id := f.RuleID.String(); !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	return ids
}

// String renders v on one line: time, request, status, rule IDs and messages.
func (v Violation) String() string {
	messages := make([]string, 0, len(v.Findings))
	for _, f := range v.Findings {
		messages = append(messages, f.Message)
	}
	return fmt.Sprintf("%s %s %s → %d [%s] %s", v.Time.UTC().Format(time.RFC3339Nano), v.Method, v.Path, v.Status,
		strings.Join(v.RuleIDs(), ", "), strings.Join(messages, "; "))
}

// ViolationReport is what GET /_graphconform/violations answers.
type ViolationReport struct {
	// Count is how many violations were recorded, including dropped ones; Errors how many of them
	// broke a rule of level error (the others only warn).
	Count  int `json:"count"`
	Errors int `json:"errors"`
	// Dropped is how many were only counted because MaxViolations, or MaxViolationBytes, were
	// already kept.
	Dropped int `json:"dropped"`
	// Violations are the kept ones, oldest first.
	Violations []Violation `json:"violations"`
}

// violationLog keeps the violations of a Mock. It is safe for concurrent use.
type violationLog struct {
	mu      sync.Mutex
	kept    []Violation
	bytes   int // the approximate size of kept
	dropped int
	errors  int // of kept and dropped
}

// add records v, cut to the bounds.
func (l *violationLog) add(v Violation) {
	isError := len(finding.Errors(v.Findings)) > 0 // of every finding, before the bound cuts any
	v = v.bounded()
	size := v.size()
	l.mu.Lock()
	defer l.mu.Unlock()
	if isError {
		l.errors++
	}
	if len(l.kept) >= MaxViolations || l.bytes+size > MaxViolationBytes {
		l.dropped++
		return
	}
	l.kept = append(l.kept, v)
	l.bytes += size
}

// bounded returns v with its texts cut to the bounds of a kept violation, and copied: a method or
// header value net/http parsed is a slice of the whole request line or header block, which a kept
// substring would keep alive.
func (v Violation) bounded() Violation {
	v.Method = strings.Clone(truncate(v.Method, 64))
	v.Path = strings.Clone(truncate(v.Path, MaxViolationPathBytes))
	v.Operation = strings.Clone(truncate(v.Operation, MaxViolationPathBytes))
	v.RequestID = strings.Clone(v.RequestID)
	v.ClientRequestID = strings.Clone(truncate(v.ClientRequestID, maxClientRequestID))
	findings := v.Findings
	if len(findings) > maxViolationFindings {
		findings = findings[:maxViolationFindings]
	}
	kept := make([]finding.Finding, len(findings))
	for i, f := range findings {
		f.Message = strings.Clone(truncate(f.Message, MaxViolationMessageBytes))
		f.Operation = strings.Clone(truncate(f.Operation, MaxViolationPathBytes))
		f.JSONPointer = strings.Clone(truncate(f.JSONPointer, MaxViolationPathBytes))
		kept[i] = f
	}
	if more := len(v.Findings) - len(findings); more > 0 {
		kept[len(kept)-1].Message += " (and " + strconv.Itoa(more) + " more findings)"
	}
	v.Findings = kept
	return v
}

// size approximates the bytes v holds.
func (v Violation) size() int {
	n := 256 + len(v.Method) + len(v.Path) + len(v.Operation) + len(v.RequestID) + len(v.ClientRequestID)
	for _, f := range v.Findings {
		n += 128 + len(f.RuleID.String()) + len(f.Operation) + len(f.Message) + len(f.JSONPointer)
	}
	return n
}

// report returns a copy of what was recorded.
func (l *violationLog) report() ViolationReport {
	l.mu.Lock()
	defer l.mu.Unlock()
	kept := make([]Violation, len(l.kept))
	copy(kept, l.kept)
	return ViolationReport{Count: len(kept) + l.dropped, Errors: l.errors, Dropped: l.dropped, Violations: kept}
}

// Violations returns every request that broke the contract so far, oldest first, and how many more
// were only counted (beyond MaxViolations). They are recorded whatever the options; 'serve --strict'
// turns them into exit status 1.
func (m *Mock) Violations() ViolationReport {
	return m.violations.report()
}

// redactedTarget is the escaped path of u and its query, credentials redacted (client.RedactTarget).
func redactedTarget(u *url.URL) string {
	if u.RawQuery == "" {
		return u.EscapedPath()
	}
	return client.RedactTarget(u.EscapedPath() + "?" + u.RawQuery)
}
