package report

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"net/http"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/graphconform/graphconform/internal/client"
	"github.com/graphconform/graphconform/internal/finding"
	"github.com/graphconform/graphconform/internal/record"
)

// HTML writes report.html: one self-contained page (inline CSS, no script, no external asset) with
// the verdict at the top (id "verdict"), the operation × documented status matrix (id "matrix"), and
// every scenario with its exchanges and findings.
type HTML struct{}

// Name returns "html".
func (HTML) Name() string { return "html" }

// FileName returns "report.html".
func (HTML) FileName() string { return "report.html" }

//go:embed html.tmpl
var htmlSource string

var htmlTemplate = template.Must(template.New("report").Parse(htmlSource))

// maxBodyShown bounds the bytes of a body the page shows.
const maxBodyShown = 64 << 10

type htmlView struct {
	Verdict                        Verdict
	Conformant                     bool
	Target, SpecSHA256             string
	Profile                        string
	Tool                           string
	Started, Elapsed               string
	Total, Passed, Failed, Skipped int
	CoverageText                   string
	CoverageComplete               bool
	Missing                        []string
	Columns                        []int
	Rows                           []htmlRow
	Rules                          []jsonRule
	Suites                         []htmlSuite
	// Failures list the failed scenarios first, each linked to its entry below.
	Failures []htmlFailure
	// CutShort counts the skipped scenarios the run was stopped before they could end.
	CutShort int
}

// htmlFailure is a failed scenario in the list at the top of the page.
type htmlFailure struct {
	ID, Name, Location, Summary string
}

type htmlRow struct {
	Operation, Verdict         string
	Exchanges, Errors, Warning int
	Documented                 bool
	Cells                      []htmlCell
	Other                      string
}

type htmlCell struct {
	Documented, Exercised bool
	Seen                  int
	Headers               []htmlHeaderCount
}

type htmlHeaderCount struct {
	Name      string
	Seen      int
	Exercised bool
}

type htmlSuite struct {
	Name, URI string
	Scenarios []htmlScenario
}

type htmlScenario struct {
	ID, Name  string
	Tags      []string
	Passed    bool
	Skipped   bool
	Error     string
	Findings  []finding.Finding
	Exchanges []htmlExchange
}

type htmlExchange struct {
	N                      int
	Operation, Method, URL string
	RequestHeaders         []htmlHeaderLine
	RequestBody            string
	Status                 int
	ResponseHeaders        []htmlHeaderLine
	ResponseBody           string
	Elapsed, Started       string
	Findings               []finding.Finding
	HasErrors              bool
}

type htmlHeaderLine struct{ Name, Value string }

// Format writes the report.html of r.
func (HTML) Format(w io.Writer, r Report) error {
	var buf bytes.Buffer
	if err := htmlTemplate.Execute(&buf, htmlViewOf(r)); err != nil {
		return fmt.Errorf("render report.html: %w", err)
	}
	_, err := io.WriteString(w, htmlText(buf.String()))
	return err
}

// htmlText replaces what an HTML page may not carry (invalid UTF-8, C0 and C1 control characters but
// whitespace, noncharacters) with U+FFFD: a header, a body or a finding may quote a broken response.
// The template holds none of them, so only recorded text is changed.
func htmlText(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r' || r == '\f':
			return r
		case r < 0x20, r >= 0x7f && r <= 0x9f, r >= 0xfdd0 && r <= 0xfdef, r&0xfffe == 0xfffe:
			return '\uFFFD'
		default:
			return r
		}
	}, strings.ToValidUTF8(s, "\uFFFD"))
}

func htmlViewOf(r Report) htmlView {
	c := r.Coverage
	v := htmlView{
		Verdict: r.Verdict, Conformant: r.Verdict == Conformant, Target: r.Target, SpecSHA256: r.SpecSHA256,
		Tool:    r.Tool.String(),
		Profile: profileLine(r.Profile),
		Elapsed: r.Run.Elapsed.Round(time.Millisecond).String(),
		Total:   len(r.Run.Scenarios), Passed: r.Run.Passed(), Failed: r.Run.Failed(), Skipped: r.Run.Skipped(),
		CutShort:         r.Run.CutShort(),
		CoverageText:     fmt.Sprintf("%d/%d documented statuses and headers exercised (%.1f%%)", c.Exercised(), c.Documented(), c.Percent()),
		CoverageComplete: c.Complete(),
		Rules:            jsonRules(r),
	}
	if !r.Run.Started.IsZero() {
		v.Started = r.Run.Started.UTC().Format(time.RFC3339)
	}
	for _, g := range c.Missing() {
		v.Missing = append(v.Missing, g.String())
	}
	columns := map[int]bool{}
	for _, o := range c.Operations {
		for _, s := range o.Statuses {
			columns[s.Code] = true
		}
	}
	for code := range columns {
		v.Columns = append(v.Columns, code)
	}
	sort.Ints(v.Columns)
	for _, op := range r.operations() {
		row := htmlRow{Operation: op.name(), Verdict: op.verdict(), Exchanges: op.Exchanges, Errors: op.Errors, Warning: op.Warnings}
		row.Documented = op.Documented
		row.Cells = make([]htmlCell, len(v.Columns))
		if cov := op.Coverage; cov != nil {
			for i, code := range v.Columns {
				for _, s := range cov.Statuses {
					if s.Code != code {
						continue
					}
					cell := htmlCell{Documented: true, Exercised: s.Exercised(), Seen: s.Seen}
					for _, h := range s.Headers {
						cell.Headers = append(cell.Headers, htmlHeaderCount{Name: h.Name, Seen: h.Seen, Exercised: h.Exercised()})
					}
					row.Cells[i] = cell
				}
			}
		}
		var other []string
		switch {
		case op.Coverage != nil:
			for _, s := range op.Coverage.OtherStatuses {
				other = append(other, fmt.Sprintf("%d×%d", s.Code, s.Seen))
			}
		default:
			for _, code := range op.Statuses {
				other = append(other, fmt.Sprint(code))
			}
		}
		row.Other = strings.Join(other, " ")
		v.Rows = append(v.Rows, row)
	}
	n := 0
	for _, s := range r.suites() {
		hs := htmlSuite{Name: s.Name, URI: s.URI}
		for _, sc := range s.Scenarios {
			n++
			view := htmlScenario{ID: fmt.Sprintf("scenario-%d", n), Name: sc.Name, Tags: sc.Tags, Passed: sc.Passed, Skipped: sc.Skipped, Error: sc.Error, Findings: sc.Findings}
			for i, ex := range sc.Exchanges {
				if ex.Exchange == nil {
					continue
				}
				view.Exchanges = append(view.Exchanges, htmlExchangeOf(i+1, ex.Operation, ex.Exchange, ex.Findings))
			}
			hs.Scenarios = append(hs.Scenarios, view)
			if !sc.Passed && !sc.Skipped {
				v.Failures = append(v.Failures, htmlFailure{ID: view.ID, Name: sc.Name, Location: r.location(sc.URI, sc.Name).String(), Summary: failureSummary(sc) + promiseLine(sc)})
			}
		}
		v.Suites = append(v.Suites, hs)
	}
	return v
}

func htmlExchangeOf(n int, operation string, ex *client.Exchange, findings []finding.Finding) htmlExchange {
	return htmlExchange{
		N: n, Operation: operation, Method: ex.Request.Method, URL: ex.Request.URL,
		RequestHeaders: headerLines(ex.Request.Header), RequestBody: bodyText(ex.Request.Body),
		Status: ex.Response.Status, ResponseHeaders: headerLines(ex.Response.Header), ResponseBody: responseBodyText(ex.Response),
		Elapsed: ex.Elapsed.Round(time.Microsecond).String(), Started: ex.Started.UTC().Format("15:04:05.000"),
		Findings: findings, HasErrors: len(finding.Errors(findings)) > 0,
	}
}

// headerLines lists h one value a line, sorted by name, with every secret header's value redacted
// whatever its spelling: the client redacts when it records, the page makes sure.
func headerLines(h http.Header) []htmlHeaderLine {
	names := make([]string, 0, len(h))
	for name := range h {
		names = append(names, name)
	}
	sort.Strings(names)
	var out []htmlHeaderLine
	for _, name := range names {
		for _, value := range h[name] {
			if client.IsSecretHeader(name) {
				value = client.Redacted
			}
			out = append(out, htmlHeaderLine{Name: name, Value: value})
		}
	}
	return out
}

// responseBodyText shows a response's body as bodyText does, saying when the record cut it.
func responseBodyText(resp client.RecordedResponse) string {
	note := truncation(resp)
	if note == "" {
		return bodyText(resp.Body)
	}
	return bodyText(wholeRunes(resp.Body)) + "\n… (" + note + ")"
}

// bodyText shows a body: indented when it is JSON, as it is when it is text, by its size otherwise.
func bodyText(body []byte) string {
	if len(body) == 0 {
		return ""
	}
	suffix := ""
	if len(body) > maxBodyShown {
		cut := maxBodyShown
		for cut > 0 && !utf8.RuneStart(body[cut]) {
			cut--
		}
		body, suffix = body[:cut], fmt.Sprintf("\n… (%d more bytes not shown)", len(body)-cut)
	}
	var indented bytes.Buffer
	if json.Indent(&indented, body, "", "  ") == nil {
		return indented.String() + suffix
	}
	if utf8.Valid(body) {
		return string(body) + suffix
	}
	return fmt.Sprintf("(%d bytes that are not text)", len(body))
}

// profileLine is the profile on one line, or empty without one.
func profileLine(p *Profile) string {
	if p == nil {
		return ""
	}
	return p.String()
}

// failureSummary is why a scenario failed, in a line: its first error finding, or its step's error.
func failureSummary(sc record.Scenario) string {
	errs := finding.Errors(sc.AllFindings())
	switch {
	case len(errs) == 1:
		return errs[0].String()
	case len(errs) > 1:
		return fmt.Sprintf("%s (and %d more)", errs[0], len(errs)-1)
	case sc.Error != "":
		return firstLine(sc.Error)
	}
	return "the scenario failed without an error message"
}
