package report

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/graphconform/graphconform/internal/client"
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
		Version string     `json:"version"`
		Creator harCreator `json:"creator"`
		Pages   []harPage  `json:"pages"`
		Entries []harEntry `json:"entries"`
		Comment string     `json:"comment,omitempty"`
	} `json:"log"`
}

type harCreator struct {
	Name    string `json:"name"`
	Version string `json:"version"`
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

type harNameValue struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

type harPostData struct {
	MimeType string `json:"mimeType"`
	Text     string `json:"text"`
	Comment  string `json:"comment,omitempty"`
}

type harContent struct {
	Size     int64  `json:"size"`
	MimeType string `json:"mimeType"`
	Text     string `json:"text,omitempty"`
	Encoding string `json:"encoding,omitempty"`
	Comment  string `json:"comment,omitempty"`
}

type harRequest struct {
	Method      string         `json:"method"`
	URL         string         `json:"url"`
	HTTPVersion string         `json:"httpVersion"`
	Cookies     []harNameValue `json:"cookies"`
	Headers     []harNameValue `json:"headers"`
	QueryString []harNameValue `json:"queryString"`
	PostData    *harPostData   `json:"postData,omitempty"`
	HeadersSize int            `json:"headersSize"`
	BodySize    int            `json:"bodySize"`
}

type harResponse struct {
	Status      int            `json:"status"`
	StatusText  string         `json:"statusText"`
	HTTPVersion string         `json:"httpVersion"`
	Cookies     []harNameValue `json:"cookies"`
	Headers     []harNameValue `json:"headers"`
	Content     harContent     `json:"content"`
	RedirectURL string         `json:"redirectURL"`
	HeadersSize int            `json:"headersSize"`
	BodySize    int64          `json:"bodySize"`
}

type harTimings struct {
	Send    float64 `json:"send"`
	Wait    float64 `json:"wait"`
	Receive float64 `json:"receive"`
}

type harEntry struct {
	PageRef         string      `json:"pageref"`
	StartedDateTime string      `json:"startedDateTime"`
	Time            float64     `json:"time"`
	Request         harRequest  `json:"request"`
	Response        harResponse `json:"response"`
	Cache           struct{}    `json:"cache"`
	Timings         harTimings  `json:"timings"`
	Comment         string      `json:"comment,omitempty"`
}

// Format writes the run's exchanges as HAR 1.2.
func (HAR) Format(w io.Writer, r Report) error {
	var doc harLog
	doc.Log.Version = "1.2"
	doc.Log.Creator = harCreator{Name: "graphconform", Version: r.Tool.Version}
	doc.Log.Comment = fmt.Sprintf("target %s, spec sha256 %s, verdict %s", r.Target, r.SpecSHA256, r.Verdict)
	doc.Log.Pages = []harPage{}
	doc.Log.Entries = []harEntry{}
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
			entry := harEntryOf(checked.Exchange)
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

// harEntryOf is one exchange as a HAR entry, its timings from the exchange's own clock: waiting for
// the first byte, then receiving the rest.
func harEntryOf(ex *client.Exchange) harEntry {
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	e := harEntry{StartedDateTime: ex.Started.UTC().Format(time.RFC3339Nano), Time: ms(ex.Elapsed)}
	wait := ex.FirstByte
	if wait <= 0 || wait > ex.Elapsed {
		wait = ex.Elapsed
	}
	e.Timings = harTimings{Send: 0, Wait: ms(wait), Receive: ms(ex.Elapsed - wait)}
	e.Request = harRequest{
		Method: ex.Request.Method, URL: ex.Request.URL, HTTPVersion: "HTTP/1.1",
		Cookies: []harNameValue{}, Headers: harHeaders(ex.Request.Header), QueryString: []harNameValue{},
		HeadersSize: -1, BodySize: len(ex.Request.Body),
	}
	if u, err := url.Parse(ex.Request.URL); err == nil {
		for name, values := range u.Query() {
			for _, v := range values {
				e.Request.QueryString = append(e.Request.QueryString, harNameValue{Name: name, Value: v})
			}
		}
		sort.Slice(e.Request.QueryString, func(i, j int) bool { return e.Request.QueryString[i].Name < e.Request.QueryString[j].Name })
	}
	if len(ex.Request.Body) > 0 {
		text, encoding := harText(ex.Request.Body)
		e.Request.PostData = &harPostData{MimeType: ex.Request.Header.Get("Content-Type"), Text: text}
		if encoding != "" {
			e.Request.PostData.Comment = "base64: the body is not UTF-8"
		}
	}
	size := ex.Response.BodyBytes
	if size == 0 {
		size = int64(len(ex.Response.Body))
	}
	e.Response = harResponse{
		Status: ex.Response.Status, StatusText: http.StatusText(ex.Response.Status), HTTPVersion: "HTTP/1.1",
		Cookies: []harNameValue{}, Headers: harHeaders(ex.Response.Header), RedirectURL: ex.Response.Header.Get("Location"),
		HeadersSize: -1, BodySize: size,
		Content: harContent{Size: size, MimeType: ex.Response.Header.Get("Content-Type")},
	}
	if len(ex.Response.Body) > 0 {
		e.Response.Content.Text, e.Response.Content.Encoding = harText(ex.Response.Body)
	}
	switch {
	case ex.Response.OverLimit:
		e.Response.Content.Comment = fmt.Sprintf("the target sent more than the read limit; %d bytes were read, %d are kept here", size, len(ex.Response.Body))
	case ex.Response.Truncated:
		e.Response.Content.Comment = fmt.Sprintf("truncated: %d of %d bytes kept", len(ex.Response.Body), size)
	}
	return e
}

// harHeaders lists h by name, in a stable order.
func harHeaders(h http.Header) []harNameValue {
	out := []harNameValue{}
	names := make([]string, 0, len(h))
	for name := range h {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		for _, v := range h[name] {
			out = append(out, harNameValue{Name: name, Value: v})
		}
	}
	return out
}

// harText is a body as HAR text: as is when it is UTF-8, else base64.
func harText(body []byte) (text, encoding string) {
	if utf8.Valid(body) {
		return string(body), ""
	}
	return base64.StdEncoding.EncodeToString(body), "base64"
}
