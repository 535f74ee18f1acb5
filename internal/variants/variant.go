package variants

import (
	"fmt"
	"io/fs"
	"net/http"
	"path"
	"strconv"
	"strings"

	"github.com/graphconform/graphconform/internal/contract"
	"github.com/graphconform/graphconform/internal/mockgraph"
	"github.com/graphconform/graphconform/internal/rules"
	"github.com/graphconform/graphconform/internal/target"
	"github.com/graphconform/graphconform/spec"
)

// Variant is one server the suite runs against.
type Variant struct {
	// Name says what the server does differently, e.g. "updateSoftware answers 200 instead of 202".
	Name string
	// Promise is what the docs promise, in their words where they have them: what a broken variant
	// breaks, or the habit of real Graph a faithful one shows.
	Promise string
	// Source is where the promise is written.
	Source Source
	// Faithful is true for a server the suite must pass.
	Faithful bool
	// Caught are the scenarios and rules a broken variant must fail by (each among the run's failures),
	// or, for a rule of level warning, warn by (among the scenario's warnings).
	Caught []Catch
	// Timeline, when not zero, is the life of the operations the mock creates.
	Timeline mockgraph.Timeline
	// Wrap builds the server of one scenario around a fresh mock: it is called once per scenario, so
	// what it returns may keep state across that scenario's requests. Nil serves the mock as it is.
	Wrap func(mock http.Handler) http.Handler
}

// Source is the line of a doc page (in spec/docs) that makes a promise, found by words of that line.
type Source struct {
	// Page is the file name in spec/docs, e.g. "teamworkdevice-updatesoftware.md".
	Page string
	// Quote is a part of one line of the page, found on no other line.
	Quote string
}

// Line returns the 1-based number of the page's only line holding the quote.
func (s Source) Line() (int, error) {
	data, err := fs.ReadFile(spec.Docs, path.Join("docs", s.Page))
	if err != nil {
		return 0, fmt.Errorf("source %s: %w", s.Page, err)
	}
	found := 0
	for i, line := range strings.Split(string(data), "\n") {
		if !strings.Contains(line, s.Quote) {
			continue
		}
		if found != 0 {
			return 0, fmt.Errorf("source %s: %q is on lines %d and %d; quote more of the line", s.Page, s.Quote, found, i+1)
		}
		found = i + 1
	}
	if found == 0 {
		return 0, fmt.Errorf("source %s: no line holds %q", s.Page, s.Quote)
	}
	return found, nil
}

// String reads page:line (line 0 when the quote is not found once).
func (s Source) String() string {
	line, _ := s.Line()
	return s.Page + ":" + strconv.Itoa(line)
}

// WarnedOnly tells whether every catch of a broken variant is by a warning rule: the docs imply the
// promise without requiring it, so the suite passes the variant, with the warnings it names.
func (v Variant) WarnedOnly() bool {
	if v.Faithful || len(v.Caught) == 0 {
		return false
	}
	for _, c := range v.Caught {
		if rules.Of(c.Rule).Level != rules.Warning {
			return false
		}
	}
	return true
}

// Catch is a scenario that fails, and a rule it fails by; or, for a warning rule, a scenario that
// warns by it.
type Catch struct {
	Scenario string
	Rule     rules.ID
}

// Target is the embedded mock, seeded as the CLI seeds it, served through the variant.
func (v Variant) Target(validator *contract.Validator) *target.Embedded {
	return &target.Embedded{Seed: mockgraph.DefaultSeed(), Timeline: v.Timeline, Validator: validator, Wrap: v.Wrap}
}

// Catalogue returns every variant: the broken ones, then the faithful ones, each name once.
func Catalogue() []Variant {
	var out []Variant
	for _, group := range [][]Variant{
		brokenUpdateSoftware(),
		brokenOperations(),
		brokenList(),
		brokenUpgrade(),
		brokenWindowsUpdateState(),
		brokenAuth(),
		brokenThrottling(),
		brokenErrors(),
		fromScratch(),
		faithful(),
	} {
		out = append(out, group...)
	}
	return out
}

// catches is every scenario failing by the same rule.
func catches(rule rules.ID, scenarios ...string) []Catch {
	out := make([]Catch, len(scenarios))
	for i, sc := range scenarios {
		out[i] = Catch{Scenario: sc, Rule: rule}
	}
	return out
}
