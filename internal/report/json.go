package report

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
	"time"

	"github.com/graphconform/graphconform/internal/coverage"
	"github.com/graphconform/graphconform/internal/finding"
	"github.com/graphconform/graphconform/internal/version"
)

// JSON writes conformance.json, the machine-readable verdict: the run's, each operation's and each
// rule's, with the target, the sha256 of the description checked against and the coverage.
type JSON struct{}

// Name returns "json".
func (JSON) Name() string { return "json" }

// FileName returns "conformance.json".
func (JSON) FileName() string { return "conformance.json" }

// Rule verdicts in conformance.json.
const (
	// RulePass: no finding of the rule in this run.
	RulePass = "pass"
	// RuleWarn: warnings only.
	RuleWarn = "warn"
	// RuleFail: at least one error finding.
	RuleFail = "fail"
)

// SchemaVersion is the version of conformance.json's layout; it changes when a field changes meaning
// or goes away.
const SchemaVersion = 1

type jsonReport struct {
	SchemaVersion  int                  `json:"schemaVersion"`
	Tool           string               `json:"tool"`
	ToolVersion    version.Info         `json:"toolVersion"`
	Verdict        Verdict              `json:"verdict"`
	Conformant     bool                 `json:"conformant"`
	Target         string               `json:"target"`
	Profile        *Profile             `json:"profile,omitempty"`
	SpecSHA256     string               `json:"specSha256"`
	Started        string               `json:"started,omitempty"`
	ElapsedSeconds float64              `json:"elapsedSeconds"`
	Scenarios      jsonScenarioCounts   `json:"scenarios"`
	Operations     []jsonOperation      `json:"operations"`
	Rules          []jsonRule           `json:"rules"`
	Coverage       jsonCoverage         `json:"coverage"`
	Failed         []jsonFailedScenario `json:"failedScenarios"`
}

type jsonScenarioCounts struct {
	Total   int `json:"total"`
	Passed  int `json:"passed"`
	Failed  int `json:"failed"`
	Skipped int `json:"skipped"`
	// CutShort counts the skipped scenarios the run was stopped before they could end.
	CutShort int `json:"cutShort,omitempty"`
}

type jsonOperation struct {
	ID                 string `json:"operationId"`
	Verdict            string `json:"verdict"`
	Documented         bool   `json:"documented"`
	Exchanges          int    `json:"exchanges"`
	StatusesSeen       []int  `json:"statusesSeen"`
	Errors             int    `json:"errors"`
	Warnings           int    `json:"warnings"`
	StatusesExercised  int    `json:"documentedStatusesExercised"`
	StatusesDocumented int    `json:"documentedStatuses"`
	HeadersExercised   int    `json:"documentedHeadersExercised"`
	HeadersDocumented  int    `json:"documentedHeaders"`
}

type jsonRule struct {
	Rule
	Verdict    string   `json:"verdict"`
	Errors     int      `json:"errors"`
	Warnings   int      `json:"warnings"`
	Operations []string `json:"operations,omitempty"`
}

type jsonCoverage struct {
	Exercised  int                  `json:"exercised"`
	Documented int                  `json:"documented"`
	Percent    float64              `json:"percent"`
	Complete   bool                 `json:"complete"`
	Missing    []jsonGap            `json:"missing"`
	Operations []coverage.Operation `json:"operations"`
	Unknown    []coverage.Operation `json:"unknown,omitempty"`
}

type jsonGap struct {
	coverage.Gap
	Text string `json:"text"`
}

type jsonFailedScenario struct {
	Name     string            `json:"name"`
	URI      string            `json:"uri"`
	Error    string            `json:"error,omitempty"`
	Findings []finding.Finding `json:"findings"`
	// Promise is the scenario's Then steps, what it was about.
	Promise []string `json:"promise,omitempty"`
}

// Format writes the conformance.json of r.
func (JSON) Format(w io.Writer, r Report) error {
	out := jsonReport{
		SchemaVersion:  SchemaVersion,
		Tool:           "graphconform",
		ToolVersion:    r.Tool,
		Verdict:        r.Verdict,
		Conformant:     r.Verdict == Conformant,
		Target:         r.Target,
		SpecSHA256:     r.SpecSHA256,
		Profile:        r.Profile,
		ElapsedSeconds: math.Round(r.Run.Elapsed.Seconds()*1000) / 1000,
		Scenarios:      jsonScenarioCounts{Total: len(r.Run.Scenarios), Passed: r.Run.Passed(), Failed: r.Run.Failed(), Skipped: r.Run.Skipped(), CutShort: r.Run.CutShort()},
		Operations:     []jsonOperation{},
		Rules:          jsonRules(r),
		Coverage:       jsonCoverageOf(r.Coverage),
		Failed:         []jsonFailedScenario{},
	}
	if !r.Run.Started.IsZero() {
		out.Started = r.Run.Started.UTC().Format(time.RFC3339Nano)
	}
	for _, op := range r.operations() {
		o := jsonOperation{
			ID: op.Operation, Verdict: op.verdict(), Exchanges: op.Exchanges, StatusesSeen: op.Statuses,
			Errors: op.Errors, Warnings: op.Warnings,
		}
		if o.StatusesSeen == nil {
			o.StatusesSeen = []int{}
		}
		o.Documented = op.Documented
		if c := op.Coverage; op.Documented && c != nil {
			o.StatusesExercised, o.StatusesDocumented = c.StatusesExercised(), len(c.Statuses)
			o.HeadersExercised, o.HeadersDocumented = c.HeadersExercised(), c.HeadersDocumented()
		}
		out.Operations = append(out.Operations, o)
	}
	for _, sc := range r.suites() {
		for _, s := range sc.Scenarios {
			if s.Passed || s.Skipped {
				continue
			}
			findings := s.AllFindings()
			if findings == nil {
				findings = []finding.Finding{}
			}
			out.Failed = append(out.Failed, jsonFailedScenario{Name: s.Name, URI: s.URI, Error: s.Error, Findings: findings, Promise: s.Promise})
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		return fmt.Errorf("encode conformance.json: %w", err)
	}
	return nil
}

// jsonRules gives each catalogued rule, then each rule a finding named that the catalogue lacks, its
// verdict in the run.
func jsonRules(r Report) []jsonRule {
	out := make([]jsonRule, 0, len(r.Rules))
	index := map[string]int{}
	for _, rule := range r.Rules {
		if _, dup := index[rule.ID]; dup {
			continue
		}
		index[rule.ID] = len(out)
		out = append(out, jsonRule{Rule: rule})
	}
	for _, sc := range r.Run.Scenarios {
		for _, f := range sc.AllFindings() {
			id := f.RuleID.String()
			i, ok := index[id]
			if !ok {
				i = len(out)
				index[id] = i
				out = append(out, jsonRule{Rule: Rule{ID: id, Source: SourceOther, Level: f.Level, Description: "A rule the catalogue does not describe."}})
			}
			jr := &out[i]
			if f.Level == finding.Error {
				jr.Errors++
			} else {
				jr.Warnings++
			}
			if !slices.Contains(jr.Operations, f.Operation) {
				jr.Operations = append(jr.Operations, f.Operation)
			}
		}
	}
	for i := range out {
		switch {
		case out[i].Errors > 0:
			out[i].Verdict = RuleFail
		case out[i].Warnings > 0:
			out[i].Verdict = RuleWarn
		default:
			out[i].Verdict = RulePass
		}
		slices.Sort(out[i].Operations)
	}
	return out
}

func jsonCoverageOf(c coverage.Coverage) jsonCoverage {
	out := jsonCoverage{
		Exercised: c.Exercised(), Documented: c.Documented(), Percent: math.Round(c.Percent()*10) / 10,
		Complete: c.Complete(), Missing: []jsonGap{}, Operations: c.Operations, Unknown: c.Unknown,
	}
	if out.Operations == nil {
		out.Operations = []coverage.Operation{}
	}
	for _, g := range c.Missing() {
		out.Missing = append(out.Missing, jsonGap{Gap: g, Text: g.String()})
	}
	return out
}
