package gate

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/graphconform/graphconform/internal/finding"
	"github.com/graphconform/graphconform/internal/rules"
)

// junitSuites is the root of a JUnit XML report (the Ant junit schema CI tools read).
type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name      string      `xml:"name,attr"`
	Tests     int         `xml:"tests,attr"`
	Failures  int         `xml:"failures,attr"`
	Errors    int         `xml:"errors,attr"`
	Skipped   int         `xml:"skipped,attr"`
	Time      string      `xml:"time,attr"`
	Timestamp string      `xml:"timestamp,attr"`
	Cases     []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Time      string        `xml:"time,attr"`
	Failure   *junitFailure `xml:"failure,omitempty"`
	SystemOut string        `xml:"system-out,omitempty"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

// WriteJUnit writes violations as a JUnit XML report named name, so CI shows them beside the
// client's own tests: a test suite per side, a failing test case per violation with an error, a
// passing one per violation with only warnings (the warnings as its output), and one passing case
// "no request broke the contract" when there is nothing to say. started is the suite's timestamp.
func WriteJUnit(w io.Writer, name string, started time.Time, violations []Violation) error {
	root := junitSuites{Name: name}
	for _, side := range []rules.Side{rules.Client, rules.Server} {
		suite := junitSuite{Name: fmt.Sprintf("%s: %s side", name, side), Time: "0", Timestamp: started.UTC().Format("2006-01-02T15:04:05")}
		for _, v := range violations {
			if v.Side != side {
				continue
			}
			suite.Cases = append(suite.Cases, junitCaseOf(v))
		}
		if len(suite.Cases) == 0 {
			suite.Cases = []junitCase{{Name: fmt.Sprintf("no %s broke the contract", map[rules.Side]string{rules.Client: "request", rules.Server: "response"}[side]), Classname: string(side), Time: "0"}}
		}
		for _, c := range suite.Cases {
			suite.Tests++
			if c.Failure != nil {
				suite.Failures++
			}
		}
		root.Tests += suite.Tests
		root.Failures += suite.Failures
		root.Suites = append(root.Suites, suite)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return fmt.Errorf("write the JUnit report: %w", err)
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(root); err != nil {
		return fmt.Errorf("write the JUnit report: %w", err)
	}
	if _, err := io.WriteString(w, "\n"); err != nil {
		return fmt.Errorf("write the JUnit report: %w", err)
	}
	return nil
}

func junitCaseOf(v Violation) junitCase {
	operation := v.Operation
	if operation == "" {
		operation = "undocumented"
	}
	c := junitCase{
		Name:      fmt.Sprintf("%s %s → %d [%s]", v.Method, v.Path, v.Status, strings.Join(v.RuleIDs(), ", ")),
		Classname: string(v.Side) + "." + operation,
		Time:      "0",
	}
	var lines []string
	for _, f := range v.Findings {
		lines = append(lines, f.String())
	}
	if v.RequestID != "" {
		lines = append(lines, "request-id: "+v.RequestID)
	}
	text := strings.Join(lines, "\n")
	errs := finding.Errors(v.Findings)
	if len(errs) == 0 {
		c.SystemOut = text
		return c
	}
	c.Failure = &junitFailure{Message: errs[0].Message, Type: errs[0].RuleID.String(), Text: text}
	return c
}
