package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/graphconform/graphconform/internal/finding"
)

// ANSI colours of the console; each start code has the same length, so coloured table rows stay
// aligned.
const (
	ansiRed     = "\x1b[31m"
	ansiGreen   = "\x1b[32m"
	ansiYellow  = "\x1b[33m"
	ansiDefault = "\x1b[39m"
	ansiReset   = "\x1b[0m"
)

// Summary prints the run's verdict: a table of operations with what each exercised of its documented
// statuses and headers, the total coverage and what it left out, the failed scenarios with their
// findings, and the counts. color adds ANSI colours; give it only to a terminal (see IsTerminal).
func Summary(w io.Writer, r Report, color bool) error {
	paint := func(colour, s string) string {
		if !color {
			return s
		}
		return colour + s + ansiReset
	}
	var b strings.Builder
	fmt.Fprintf(&b, "\ngraphconform summary — target: %s\n\n", r.Target)
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	header := "OPERATION\tEXCHANGES\tSTATUSES SEEN\tDOCUMENTED STATUSES\tDOCUMENTED HEADERS\tERRORS\tWARNINGS"
	if color {
		// The same invisible width as every row's colour code.
		header = ansiDefault + header + ansiReset
	}
	fmt.Fprintln(tw, header)
	for _, op := range r.operations() {
		statuses := make([]string, len(op.Statuses))
		for i, s := range op.Statuses {
			statuses[i] = strconv.Itoa(s)
		}
		documentedStatuses, documentedHeaders, colour := "not documented", "-", ansiRed
		if c := op.Coverage; op.Documented && c != nil {
			documentedStatuses = fmt.Sprintf("%d/%d", c.StatusesExercised(), len(c.Statuses))
			documentedHeaders = fmt.Sprintf("%d/%d", c.HeadersExercised(), c.HeadersDocumented())
			colour = ansiGreen
			if c.Exercised() < c.Documented() {
				colour = ansiYellow
			}
		}
		if op.Errors > 0 {
			colour = ansiRed
		}
		row := fmt.Sprintf("%s\t%d\t%s\t%s\t%s\t%d\t%d", op.name(), op.Exchanges, dashIfEmpty(strings.Join(statuses, " ")),
			documentedStatuses, documentedHeaders, op.Errors, op.Warnings)
		if color {
			row = colour + row + ansiReset
		}
		fmt.Fprintln(tw, row)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	c := r.Coverage
	coverageLine := fmt.Sprintf("coverage: %d/%d documented statuses and headers exercised (%.1f%%)", c.Exercised(), c.Documented(), c.Percent())
	if c.Complete() {
		b.WriteString("\n" + paint(ansiGreen, coverageLine) + "\n")
	} else {
		b.WriteString("\n" + paint(ansiYellow, coverageLine+"; not exercised:") + "\n")
		for _, g := range c.Missing() {
			fmt.Fprintf(&b, "  - %s\n", g)
		}
	}
	for _, sc := range r.Run.Scenarios {
		if sc.Passed || sc.Skipped {
			continue
		}
		fmt.Fprintf(&b, "\n%s  %s (%s)\n", paint(ansiRed, "FAILED"), sc.Name, sc.URI)
		findings := finding.Errors(sc.AllFindings())
		if len(findings) == 0 && sc.Error != "" {
			fmt.Fprintf(&b, "  %s\n", strings.ReplaceAll(sc.Error, "\n", "\n  "))
		}
		for _, f := range findings {
			fmt.Fprintf(&b, "  %s\n", f)
		}
	}
	verdictColour := ansiGreen
	if r.Verdict != Conformant {
		verdictColour = ansiRed
	}
	skipped := ""
	if n := r.Run.Skipped(); n > 0 {
		skipped = fmt.Sprintf(", %d skipped", n)
	}
	fmt.Fprintf(&b, "\n%d scenarios: %d passed, %d failed%s in %s — %s\n",
		len(r.Run.Scenarios), r.Run.Passed(), r.Run.Failed(), skipped, r.Run.Elapsed.Round(time.Millisecond),
		paint(verdictColour, string(r.Verdict)))
	_, err := io.WriteString(w, b.String())
	return err
}

func dashIfEmpty(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
