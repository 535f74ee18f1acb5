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

// JUnit writes junit.xml for CI test reporters: one testsuite per feature file, one testcase per
// scenario, a failure whose text lists the findings (or the step's error when there are none), and
// the scenario's exchanges in system-out.
type JUnit struct{}

// Name returns "junit".
func (JUnit) Name() string { return "junit" }

// FileName returns "junit.xml".
func (JUnit) FileName() string { return "junit.xml" }

type junitTestsuites struct {
	XMLName  xml.Name         `xml:"testsuites"`
	Name     string           `xml:"name,attr"`
	Tests    int              `xml:"tests,attr"`
	Failures int              `xml:"failures,attr"`
	Errors   int              `xml:"errors,attr"`
	Skipped  int              `xml:"skipped,attr"`
	Time     string           `xml:"time,attr"`
	Suites   []junitTestsuite `xml:"testsuite"`
}

type junitTestsuite struct {
	Name       string          `xml:"name,attr"`
	Tests      int             `xml:"tests,attr"`
	Failures   int             `xml:"failures,attr"`
	Errors     int             `xml:"errors,attr"`
	Skipped    int             `xml:"skipped,attr"`
	Time       string          `xml:"time,attr"`
	Timestamp  string          `xml:"timestamp,attr,omitempty"`
	Properties []junitProperty `xml:"properties>property"`
	Cases      []junitTestcase `xml:"testcase"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitTestcase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Time      string        `xml:"time,attr"`
	Failure   *junitFailure `xml:"failure,omitempty"`
	Skipped   *junitSkipped `xml:"skipped,omitempty"`
	SystemOut *junitText    `xml:"system-out,omitempty"`
}

// junitSkipped marks a scenario that could not run on the target.
type junitSkipped struct {
	Message string `xml:"message,attr"`
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
	doc := junitTestsuites{Name: "graphconform", Time: seconds(r.Run.Elapsed)}
	properties := []junitProperty{{Name: "target", Value: r.Target}, {Name: "spec.sha256", Value: r.SpecSHA256},
		{Name: "graphconform.version", Value: r.Tool.Version}}
	if r.Tool.Revision != "" {
		properties = append(properties, junitProperty{Name: "graphconform.revision", Value: r.Tool.Revision},
			junitProperty{Name: "graphconform.modified", Value: fmt.Sprint(r.Tool.Modified)})
	}
	for _, s := range r.suites() {
		ts := junitTestsuite{Name: s.Name, Properties: properties}
		if !r.Run.Started.IsZero() {
			ts.Timestamp = r.Run.Started.UTC().Format("2006-01-02T15:04:05")
		}
		var total time.Duration
		for _, sc := range s.Scenarios {
			tc := junitTestcase{Name: sc.Name, Classname: s.URI, Time: seconds(scenarioTime(sc))}
			if out := junitSystemOut(sc); out != "" {
				tc.SystemOut = &junitText{Text: xmlText(out)}
			}
			total += scenarioTime(sc)
			switch {
			case sc.Skipped:
				tc.Skipped = &junitSkipped{Message: sc.Error}
				ts.Skipped++
			case !sc.Passed:
				tc.Failure = junitFailureOf(sc)
				ts.Failures++
			}
			ts.Cases = append(ts.Cases, tc)
		}
		ts.Tests = len(ts.Cases)
		ts.Time = seconds(total)
		doc.Tests += ts.Tests
		doc.Failures += ts.Failures
		doc.Skipped += ts.Skipped
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

// junitFailureOf lists a failed scenario's error findings, or its step error when it has none.
func junitFailureOf(sc record.Scenario) *junitFailure {
	findings := finding.Errors(sc.AllFindings())
	if len(findings) == 0 {
		text := sc.Error
		if text == "" {
			text = "the scenario failed without an error message"
		}
		return &junitFailure{Message: firstLine(text), Type: "step-error", Text: xmlText(text)}
	}
	lines := make([]string, len(findings))
	for i, f := range findings {
		lines[i] = f.String()
	}
	message := fmt.Sprintf("%d finding(s): %s", len(findings), lines[0])
	return &junitFailure{Message: message, Type: "non-conformance", Text: xmlText(strings.Join(lines, "\n"))}
}

// junitSystemOut lists a scenario's exchanges, one request line and status each, then its warnings.
func junitSystemOut(sc record.Scenario) string {
	var b strings.Builder
	for _, ex := range sc.Exchanges {
		if ex.Exchange == nil {
			continue
		}
		fmt.Fprintf(&b, "%s %s → %d (%s, %s)\n", ex.Exchange.Request.Method, ex.Exchange.Request.URL,
			ex.Exchange.Response.Status, ex.Operation, ex.Exchange.Elapsed.Round(time.Microsecond))
	}
	for _, f := range sc.AllFindings() {
		if f.Level != finding.Error {
			fmt.Fprintf(&b, "%s: %s\n", f.Level, f)
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
