// Package report renders what a run saw for people and for CI tools: the console summary and progress,
// and the report files (JUnit XML, conformance.json, report.html) that each Formatter writes. It never
// decides pass or fail: the verdict is the run's.
package report

import (
	"crypto/sha256"
	"encoding/hex"
	"os"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/graphconform/graphconform/internal/coverage"
	"github.com/graphconform/graphconform/internal/record"
	"github.com/graphconform/graphconform/internal/version"
)

// Report is everything a report renders of one run.
type Report struct {
	// Run is what the run saw.
	Run record.Run
	// Coverage is what the run exercised of the description's documented responses.
	Coverage coverage.Coverage
	// Tool is the graphconform that ran: every report names it, so a result can be matched to the
	// exact build that produced it.
	Tool version.Info
	// Hostname is the machine the run ran on, for junit.xml; empty means "localhost".
	Hostname string
	// Target names where the scenarios ran, e.g. "embedded mock" or a base URL.
	Target string
	// Profile is the target profile the run used, secrets removed; nil for the embedded mock.
	Profile *Profile
	// SpecSHA256 is the hex sha256 of the OpenAPI description the run checked against, so a report
	// can be matched to the exact contract it judged.
	SpecSHA256 string
	// Verdict is the run's verdict.
	Verdict Verdict
	// Rules are the rules a finding may name; conformance.json gives a verdict for each.
	Rules []Rule
	// Features name the feature files and order their scenarios; without them, reports name a
	// feature by its file and sort its scenarios by name.
	Features []Feature
}

// New bundles a run with its coverage of doc, its verdict and the rule catalogue. specSHA256 is the
// digest of the description doc was parsed from (see SHA256).
func New(run record.Run, doc *openapi3.T, specSHA256 string) Report {
	return Report{
		Run:        run,
		Tool:       version.Current(),
		Hostname:   hostname(),
		Coverage:   coverage.Compute(doc, run),
		Target:     run.Target,
		SpecSHA256: specSHA256,
		Verdict:    VerdictOf(run),
		Rules:      Rules(),
	}
}

// SHA256 returns the hex sha256 of data, as `sha256sum` prints it.
func SHA256(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// hostname is the machine's name, or "localhost" when the system does not say.
func hostname() string {
	name, err := os.Hostname()
	if err != nil || name == "" {
		return "localhost"
	}
	return name
}
