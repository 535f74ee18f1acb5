package report

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/graphconform/graphconform/internal/finding"
	"github.com/graphconform/graphconform/internal/record"
)

// JUnit writes junit.xml for CI test reporters, valid against both Jenkins xunit's junit-10.xsd and
// the Apache Ant JUnit schema: one testsuite per feature file, one testcase per scenario, a failure
// whose text starts with the scenario's file:line and lists the findings (or the step's error when
// there are none), and each suite's scenarios with their file:line and exchanges in its system-out.
type JUnit struct{}

// Name returns "junit".
func (JUnit) Name() string { return "junit" }

// FileName returns "junit.xml".
func (JUnit) FileName() string { return "junit.xml" }

// junitTestsuites is the root. The Ant schema allows it no attribute: the totals are the suites'.
type junitTestsuites struct {
	XMLName xml.Name         `xml:"testsuites"`
	Suites  []junitTestsuite `xml:"testsuite"`
}

// junitTestsuite's fields are in the order the Ant schema wants its children.
type junitTestsuite struct {
	Name       string          `xml:"name,attr"`
	Package    string          `xml:"package,attr"`
	ID         int             `xml:"id,attr"`
	Tests      int             `xml:"tests,attr"`
	Failures   int             `xml:"failures,attr"`
	Errors     int             `xml:"errors,attr"`
	Skipped    int             `xml:"skipped,attr"`
	Time       string          `xml:"time,attr"`
	Timestamp  string          `xml:"timestamp,attr,omitempty"`
	Hostname   string          `xml:"hostname,attr"`
	Properties []junitProperty `xml:"properties>property"`
	Cases      []junitTestcase `xml:"testcase"`
	SystemOut  junitText       `xml:"system-out"`
	SystemErr  junitText       `xml:"system-err"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

// junitTestcase holds at most one of Failure and Skipped, and nothing else: the Ant schema allows a
// test case no other child and no attribute for its file or line.
type junitTestcase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Time      string        `xml:"time,attr"`
	Failure   *junitFailure `xml:"failure,omitempty"`
	Skipped   *junitSkipped `xml:"skipped,omitempty"`
}

// junitSkipped marks a scenario that could not run on the target; its text is the location and reason.
type junitSkipped struct {
	Message string `xml:"message,attr"`
	Text    string `xml:",cdata"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",cdata"`
}

// junitText is an element whose text is kept as CDATA, so its lines stay lines.
type junitText struct {
	Text string `xml:",cdata"`
}

// Format writes the JUnit XML of r.
func (JUnit) Format(w io.Writer, r Report) error {
	var doc junitTestsuites
	properties := []junitProperty{{Name: "target", Value: r.Target}, {Name: "spec.sha256", Value: r.SpecSHA256},
		{Name: "graphconform.version", Value: r.Tool.Version}}
	if r.Tool.Revision != "" {
		properties = append(properties, junitProperty{Name: "graphconform.revision", Value: r.Tool.Revision},
			junitProperty{Name: "graphconform.modified", Value: fmt.Sprint(r.Tool.Modified)})
	}
	hostname := r.Hostname
	if hostname == "" {
		hostname = "localhost"
	}
	for i, s := range r.suites() {
		ts := junitTestsuite{Name: s.Name, Package: r.location(s.URI, "").Path, ID: i, Hostname: hostname, Properties: properties}
		if !r.Run.Started.IsZero() {
			ts.Timestamp = r.Run.Started.UTC().Format("2006-01-02T15:04:05")
		}
		var total time.Duration
		var out strings.Builder
		for _, sc := range s.Scenarios {
			loc := r.location(sc.URI, sc.Name)
			tc := junitTestcase{Name: sc.Name, Classname: loc.Path, Time: seconds(scenarioTime(sc))}
			fmt.Fprintf(&out, "%s %s: %s\n", loc, sc.Name, outcome(sc))
			out.WriteString(junitExchanges(sc))
			total += scenarioTime(sc)
			switch {
			case sc.Skipped:
				tc.Skipped = &junitSkipped{Message: firstLine(sc.Error), Text: xmlText(fmt.Sprintf("%s: %s", loc, sc.Error))}
				ts.Skipped++
			case !sc.Passed:
				tc.Failure = junitFailureOf(loc, sc)
				ts.Failures++
			}
			ts.Cases = append(ts.Cases, tc)
		}
		ts.Tests = len(ts.Cases)
		ts.Time = seconds(total)
		ts.SystemOut.Text = xmlText(out.String())
		doc.Suites = append(doc.Suites, ts)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("encode the JUnit XML: %w", err)
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// outcome is a scenario's end in a word.
func outcome(sc record.Scenario) string {
	switch {
	case sc.Skipped:
		return "skipped"
	case sc.Passed:
		return "passed"
	default:
		return "failed"
	}
}

// junitFailureOf lists a failed scenario's error findings, or its step error when it has none, after
// the scenario's location, the line CI annotations point at.
func junitFailureOf(loc Location, sc record.Scenario) *junitFailure {
	findings := finding.Errors(sc.AllFindings())
	if len(findings) == 0 {
		text := sc.Error
		if text == "" {
			text = "the scenario failed without an error message"
		}
		return &junitFailure{Message: firstLine(text), Type: "step-error", Text: xmlText(fmt.Sprintf("%s: %s", loc, text) + promiseLine(sc))}
	}
	lines := make([]string, len(findings))
	for i, f := range findings {
		lines[i] = f.String()
	}
	message := fmt.Sprintf("%d finding(s): %s", len(findings), lines[0])
	return &junitFailure{Message: message, Type: "non-conformance", Text: xmlText(loc.String() + ":\n" + strings.Join(lines, "\n") + promiseLine(sc))}
}

// junitExchanges lists a scenario's exchanges, one request line and status each, then its warnings,
// indented under the scenario's line in its suite's system-out.
func junitExchanges(sc record.Scenario) string {
	var b strings.Builder
	for _, ex := range sc.Exchanges {
		if ex.Exchange == nil {
			continue
		}
		fmt.Fprintf(&b, "  %s %s → %d (%s, %s)\n", ex.Exchange.Request.Method, ex.Exchange.Request.URL,
			ex.Exchange.Response.Status, ex.Operation, ex.Exchange.Elapsed.Round(time.Microsecond))
	}
	for _, f := range sc.AllFindings() {
		if f.Level != finding.Error {
			fmt.Fprintf(&b, "  %s: %s\n", f.Level, f)
		}
	}
	return b.String()
}

func seconds(d time.Duration) string {
	return fmt.Sprintf("%.3f", d.Seconds())
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// xmlText replaces what XML 1.0 cannot carry, even in CDATA (control characters, invalid UTF-8), with
// U+FFFD: a finding may quote a broken response.
func xmlText(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			return r
		case r < 0x20, r == 0xFFFE, r == 0xFFFF, r >= 0xD800 && r <= 0xDFFF:
			return '\uFFFD'
		default:
			return r
		}
	}, strings.ToValidUTF8(s, "\uFFFD"))
}

// promiseLine states what a failed scenario was about, its Then steps, on a line of its own.
func promiseLine(sc record.Scenario) string {
	if len(sc.Promise) == 0 {
		return ""
	}
	return "\nthe scenario's promise: Then " + strings.Join(sc.Promise, "; and ")
}
