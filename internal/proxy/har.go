package proxy

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/graphconform/graphconform/internal/client"
)

// HARRecorder writes exchanges to w as a HAR 1.2 log (the HTTP Archive format browsers' developer tools
// and HAR viewers read), one entry at a time, so memory does not grow with the traffic. Secret headers
// are redacted before an exchange reaches it. It is safe for concurrent use; Close ends the log.
type HARRecorder struct {
	mu      sync.Mutex
	w       io.Writer
	entries int
	err     error
	closed  bool
}

// NewHARRecorder starts a HAR log on w, naming creator and its version.
func NewHARRecorder(w io.Writer, creator, version string) (*HARRecorder, error) {
	head, err := json.Marshal(map[string]string{"name": creator, "version": version})
	if err != nil {
		return nil, fmt.Errorf("start the HAR log: %w", err)
	}
	if _, err := fmt.Fprintf(w, `{"log":{"version":"1.2","creator":%s,"entries":[`, head); err != nil {
		return nil, fmt.Errorf("start the HAR log: %w", err)
	}
	return &HARRecorder{w: w}, nil
}

type harNameValue struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

type harPostData struct {
	MimeType string `json:"mimeType"`
	Text     string `json:"text"`
	Encoding string `json:"encoding,omitempty"`
}

type harContent struct {
	Size     int    `json:"size"`
	MimeType string `json:"mimeType"`
	Text     string `json:"text,omitempty"`
	Encoding string `json:"encoding,omitempty"`
}

type harEntry struct {
	StartedDateTime string  `json:"startedDateTime"`
	Time            float64 `json:"time"`
	Request         struct {
		Method      string         `json:"method"`
		URL         string         `json:"url"`
		HTTPVersion string         `json:"httpVersion"`
		Cookies     []harNameValue `json:"cookies"`
		Headers     []harNameValue `json:"headers"`
		QueryString []harNameValue `json:"queryString"`
		PostData    *harPostData   `json:"postData,omitempty"`
		HeadersSize int            `json:"headersSize"`
		BodySize    int            `json:"bodySize"`
	} `json:"request"`
	Response struct {
		Status      int            `json:"status"`
		StatusText  string         `json:"statusText"`
		HTTPVersion string         `json:"httpVersion"`
		Cookies     []harNameValue `json:"cookies"`
		Headers     []harNameValue `json:"headers"`
		Content     harContent     `json:"content"`
		RedirectURL string         `json:"redirectURL"`
		HeadersSize int            `json:"headersSize"`
		BodySize    int            `json:"bodySize"`
	} `json:"response"`
	Cache   struct{} `json:"cache"`
	Timings struct {
		Send    float64 `json:"send"`
		Wait    float64 `json:"wait"`
		Receive float64 `json:"receive"`
	} `json:"timings"`
	Comment string `json:"comment,omitempty"`
}

// Record appends ex to the log; comment (e.g. the rules it broke) goes with it. After a write error,
// every later call returns that error.
func (h *HARRecorder) Record(ex *client.Exchange, comment string) error {
	var e harEntry
	e.StartedDateTime = ex.Started.UTC().Format(time.RFC3339Nano)
	ms := float64(ex.Elapsed) / float64(time.Millisecond)
	e.Time = ms
	e.Timings.Wait = ms
	e.Request.Method = ex.Request.Method
	e.Request.URL = ex.Request.URL
	e.Request.HTTPVersion = "HTTP/1.1"
	e.Request.Cookies = []harNameValue{}
	e.Request.Headers = harHeaders(ex.Request.Header)
	e.Request.QueryString = []harNameValue{}
	if u, err := url.Parse(ex.Request.URL); err == nil {
		for name, values := range u.Query() {
			for _, v := range values {
				e.Request.QueryString = append(e.Request.QueryString, harNameValue{Name: name, Value: v})
			}
		}
		sort.Slice(e.Request.QueryString, func(i, j int) bool { return e.Request.QueryString[i].Name < e.Request.QueryString[j].Name })
	}
	e.Request.HeadersSize, e.Request.BodySize = -1, len(ex.Request.Body)
	if len(ex.Request.Body) > 0 {
		text, encoding := harText(ex.Request.Body)
		e.Request.PostData = &harPostData{MimeType: ex.Request.Header.Get("Content-Type"), Text: text, Encoding: encoding}
	}
	e.Response.Status = ex.Response.Status
	e.Response.StatusText = http.StatusText(ex.Response.Status)
	e.Response.HTTPVersion = "HTTP/1.1"
	e.Response.Cookies = []harNameValue{}
	e.Response.Headers = harHeaders(ex.Response.Header)
	e.Response.RedirectURL = ex.Response.Header.Get("Location")
	e.Response.HeadersSize, e.Response.BodySize = -1, len(ex.Response.Body)
	e.Response.Content = harContent{Size: len(ex.Response.Body), MimeType: ex.Response.Header.Get("Content-Type")}
	if len(ex.Response.Body) > 0 {
		e.Response.Content.Text, e.Response.Content.Encoding = harText(ex.Response.Body)
	}
	e.Comment = comment
	data, err := json.Marshal(e)
	if err != nil {
		return fmt.Errorf("record an exchange as HAR: %w", err)
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.err != nil {
		return h.err
	}
	if h.closed {
		return nil
	}
	if h.entries > 0 {
		data = append([]byte(","), data...)
	}
	if _, err := h.w.Write(data); err != nil {
		h.err = fmt.Errorf("write the HAR log: %w", err)
		return h.err
	}
	h.entries++
	return nil
}

// Close ends the log; later exchanges are not recorded.
func (h *HARRecorder) Close() error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.err != nil || h.closed {
		return h.err
	}
	h.closed = true
	if _, err := io.WriteString(h.w, "]}}\n"); err != nil {
		h.err = fmt.Errorf("end the HAR log: %w", err)
	}
	return h.err
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
