package docspec

import (
	"slices"
	"strings"
)

// ResponseDoc is a response a page's `## Response` prose names, e.g. "a `202 Accepted` response
// code" or "This method also returns a `409 Conflict` response code if ...".
type ResponseDoc struct {
	// Status is the status code, e.g. 202.
	Status int
	// Reason is the reason phrase as written, e.g. "Accepted".
	Reason string
	// Text is the paragraph that names the status, as plain text.
	Text string
	// Line is the page line of the status code.
	Line int
	// Headers are the headers the prose says the response carries.
	Headers []HeaderDoc
	// Body is the resource the prose says is "in the response body"; nil when none is named.
	Body *TypeRef
	// Empty is true when the prose says nothing is returned in the body.
	Empty bool
}

// HeaderDoc is a response header named in prose: "The response will also contain a `Location`
// header, which ...".
type HeaderDoc struct {
	// Name is the header's name, e.g. "Location".
	Name string
	// Required is false when the sentence says the response "may", "might" or "can" carry it.
	Required bool
	// Text is the sentence that names the header.
	Text string
	// Line is the page line of the header's name.
	Line int
}

// StatusWords are the values a page's prose gives for the status of a linked resource, e.g.
// "returns whether the operation is `queued`, `succeeded`, or `failed`".
type StatusWords struct {
	// Of is the linked resource type, e.g. "teamworkDeviceOperation".
	Of string
	// Words are the values in page order.
	Words []string
	// Line is the page line of the first value.
	Line int
}

// parseResponses reads the paragraphs of a `## Response` section.
func parseResponses(paras []block) ([]ResponseDoc, []StatusWords) {
	var out []ResponseDoc
	var words []StatusWords
	for _, p := range paras {
		var current *ResponseDoc
		lastLink := ""
		for _, s := range sentences(p.Text) {
			spans := spansIn(s, p.Codes)
			lower := strings.ToLower(s)
			for _, l := range p.Links {
				if strings.Contains(s, l.Text) && isIdentifier(l.Text) {
					lastLink = l.Text
				}
			}
			named := false
			for _, cs := range spans {
				if code, reason, ok := statusText(cs.Text); ok {
					out = append(out, ResponseDoc{Status: code, Reason: reason, Text: p.Text, Line: cs.Line})
					current = &out[len(out)-1]
					named = true
				}
			}
			if current == nil {
				continue
			}
			var free []codeSpan
			for _, cs := range spans {
				if _, _, ok := statusText(cs.Text); ok {
					continue
				}
				if strings.Contains(s, "`"+cs.Text+"` header") {
					optional := strings.Contains(lower, " may ") || strings.Contains(lower, " might ") || strings.Contains(lower, " can ")
					current.Headers = append(current.Headers, HeaderDoc{Name: cs.Text, Required: !optional, Text: stripTicks(s), Line: cs.Line})
					continue
				}
				free = append(free, cs)
			}
			if strings.Contains(lower, "response body") {
				switch {
				case strings.Contains(lower, "doesn't return anything"), strings.Contains(lower, "does not return anything"), strings.Contains(lower, "no content"):
					current.Empty = true
				case lastLink != "":
					current.Body = &TypeRef{Name: lastLink, Collection: strings.Contains(lower, "collection")}
				}
			}
			if !named && len(free) > 0 && lastLink != "" && (strings.Contains(lower, "status") || strings.Contains(lower, "whether the operation is")) {
				sw := StatusWords{Of: lastLink, Line: free[0].Line}
				for _, cs := range free {
					if isIdentifier(cs.Text) && !slices.Contains(sw.Words, cs.Text) {
						sw.Words = append(sw.Words, cs.Text)
					}
				}
				words = append(words, sw)
			}
		}
	}
	return out, words
}

// spansIn returns the code spans of codes that sentence s contains, in order.
func spansIn(s string, codes []codeSpan) []codeSpan {
	var out []codeSpan
	for _, cs := range codes {
		if strings.Contains(s, "`"+cs.Text+"`") {
			out = append(out, cs)
		}
	}
	return out
}

// stripTicks removes the backticks of code spans from plain text.
func stripTicks(s string) string { return strings.ReplaceAll(s, "`", "") }

// ErrorsDoc is what an error page says about Graph's error responses.
type ErrorsDoc struct {
	// Description is the page's opening paragraph.
	Description string
	// Statuses are the rows of the HTTP status code table.
	Statuses []StatusRow
	// RetryAfter is the sentence that names the Retry-After header, if any.
	RetryAfter *HeaderDoc
	// Line is the page line of the status code table.
	Line int
}

// StatusRow is one row of an error page's status code table.
type StatusRow struct {
	// Status is the status code, e.g. 409.
	Status int
	// Reason is the Status message column, e.g. "Conflict".
	Reason string
	// Description is the Description column as plain text.
	Description string
	// Line is the page line of the row.
	Line int
}

// Ranges returns the status ranges the table covers, e.g. ["4XX", "5XX"].
func (e *ErrorsDoc) Ranges() []string {
	var out []string
	for _, s := range e.Statuses {
		r := string(rune('0'+s.Status/100)) + "XX"
		if !slices.Contains(out, r) {
			out = append(out, r)
		}
	}
	slices.Sort(out)
	return out
}

// Row returns the status code table's row for status, or nil.
func (e *ErrorsDoc) Row(status int) *StatusRow {
	for i := range e.Statuses {
		if e.Statuses[i].Status == status {
			return &e.Statuses[i]
		}
	}
	return nil
}

// parseStatusTable reads a Status code|Status message|Description table; ok is false for a table of
// another shape.
func parseStatusTable(t *table) (rows []StatusRow, ok bool) {
	codeCol := t.col("status code")
	if codeCol != 0 {
		return nil, false
	}
	msgCol := t.col("status message")
	descCol := t.col("description")
	for _, r := range t.Rows {
		code, _, ok := statusText(r.at(codeCol).Text)
		if !ok {
			continue
		}
		rows = append(rows, StatusRow{Status: code, Reason: r.at(msgCol).Text, Description: stripTicks(r.at(descCol).Text), Line: r.Line})
	}
	return rows, true
}

// retryAfterSentence returns the first sentence of the paragraphs that names a `Retry-After` header.
func retryAfterSentence(paras []block) *HeaderDoc {
	for _, p := range paras {
		for _, s := range sentences(p.Text) {
			if !strings.Contains(s, "`Retry-After` header") {
				continue
			}
			for _, cs := range spansIn(s, p.Codes) {
				if cs.Text == "Retry-After" {
					return &HeaderDoc{Name: "Retry-After", Text: stripTicks(s), Line: cs.Line}
				}
			}
		}
	}
	return nil
}
