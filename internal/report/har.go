package report

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/graphconform/graphconform/internal/har"
)

// HAR writes exchanges.har: every exchange of the run as an HTTP Archive 1.2 log, which browsers'
// developer tools and HAR viewers open. Each scenario is a page; each entry carries its timings and,
// as its comment, the findings about it. Secrets were redacted and scrubbed when the exchanges were
// recorded; bodies are as the record keeps them (cut to record.MaxReportBodyBytes, and the entry says
// so).
type HAR struct{}

// Name returns "har".
func (HAR) Name() string { return "har" }

// FileName returns "exchanges.har".
func (HAR) FileName() string { return "exchanges.har" }

type harLog struct {
	Log struct {
		Version string      `json:"version"`
		Creator har.Creator `json:"creator"`
		Pages   []harPage   `json:"pages"`
		Entries []har.Entry `json:"entries"`
		Comment string      `json:"comment,omitempty"`
	} `json:"log"`
}

type harPage struct {
	StartedDateTime string         `json:"startedDateTime"`
	ID              string         `json:"id"`
	Title           string         `json:"title"`
	PageTimings     harPageTimings `json:"pageTimings"`
	Comment         string         `json:"comment,omitempty"`
}

type harPageTimings struct {
	OnContentLoad float64 `json:"onContentLoad"`
	OnLoad        float64 `json:"onLoad"`
}

// Format writes the run's exchanges as HAR 1.2.
func (HAR) Format(w io.Writer, r Report) error {
	var doc harLog
	doc.Log.Version = har.Version
	doc.Log.Creator = har.Creator{Name: "graphconform", Version: r.Tool.Version}
	doc.Log.Comment = fmt.Sprintf("target %s, spec sha256 %s, verdict %s", r.Target, r.SpecSHA256, r.Verdict)
	doc.Log.Pages = []harPage{}
	doc.Log.Entries = []har.Entry{}
	for i, sc := range r.Run.Scenarios {
		id := fmt.Sprintf("scenario-%d", i+1)
		page := harPage{ID: id, Title: sc.Name, StartedDateTime: r.Run.Started.UTC().Format(time.RFC3339Nano), Comment: scenarioOutcome(sc.Passed, sc.Skipped, sc.Error)}
		if len(sc.Exchanges) > 0 && sc.Exchanges[0].Exchange != nil {
			page.StartedDateTime = sc.Exchanges[0].Exchange.Started.UTC().Format(time.RFC3339Nano)
		}
		doc.Log.Pages = append(doc.Log.Pages, page)
		for _, checked := range sc.Exchanges {
			if checked.Exchange == nil {
				continue
			}
			var comments []string
			if checked.Operation != "" {
				comments = append(comments, checked.Operation)
			}
			for _, f := range checked.Findings {
				comments = append(comments, f.String())
			}
			if checked.RetriedAfter > 0 {
				comments = append(comments, fmt.Sprintf("retried after %s, as Retry-After asked", checked.RetriedAfter))
			}
			entry := har.EntryOf(checked.Exchange)
			entry.PageRef = id
			entry.Comment = strings.Join(comments, "\n")
			doc.Log.Entries = append(doc.Log.Entries, entry)
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("encode the HAR log: %w", err)
	}
	return nil
}

// scenarioOutcome says how a scenario ended, for its HAR page.
func scenarioOutcome(passed, skipped bool, reason string) string {
	switch {
	case passed:
		return "passed"
	case skipped:
		return "skipped: " + reason
	}
	return "failed: " + reason
}
