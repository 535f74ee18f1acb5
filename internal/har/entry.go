package har

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"time"
	"unicode/utf8"

	"github.com/graphconform/graphconform/internal/client"
)

// Version is the HAR version written.
const Version = "1.2"

// Creator names the program that wrote a log.
type Creator struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// NameValue is a header or a query parameter.
type NameValue struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// PostData is a request body.
type PostData struct {
	MimeType string `json:"mimeType"`
	Text     string `json:"text"`
	Comment  string `json:"comment,omitempty"`
}

// Content is a response body.
type Content struct {
	Size     int64  `json:"size"`
	MimeType string `json:"mimeType"`
	Text     string `json:"text,omitempty"`
	Encoding string `json:"encoding,omitempty"`
	Comment  string `json:"comment,omitempty"`
}

// Request is an entry's request.
type Request struct {
	Method      string      `json:"method"`
	URL         string      `json:"url"`
	HTTPVersion string      `json:"httpVersion"`
	Cookies     []NameValue `json:"cookies"`
	Headers     []NameValue `json:"headers"`
	QueryString []NameValue `json:"queryString"`
	PostData    *PostData   `json:"postData,omitempty"`
	HeadersSize int         `json:"headersSize"`
	BodySize    int         `json:"bodySize"`
}

// Response is an entry's response.
type Response struct {
	Status      int         `json:"status"`
	StatusText  string      `json:"statusText"`
	HTTPVersion string      `json:"httpVersion"`
	Cookies     []NameValue `json:"cookies"`
	Headers     []NameValue `json:"headers"`
	Content     Content     `json:"content"`
	RedirectURL string      `json:"redirectURL"`
	HeadersSize int         `json:"headersSize"`
	BodySize    int64       `json:"bodySize"`
}

// Timings are an entry's phases, in milliseconds.
type Timings struct {
	Send    float64 `json:"send"`
	Wait    float64 `json:"wait"`
	Receive float64 `json:"receive"`
}

// Entry is one exchange.
type Entry struct {
	PageRef         string   `json:"pageref,omitempty"`
	StartedDateTime string   `json:"startedDateTime"`
	Time            float64  `json:"time"`
	Request         Request  `json:"request"`
	Response        Response `json:"response"`
	Cache           struct{} `json:"cache"`
	Timings         Timings  `json:"timings"`
	Comment         string   `json:"comment,omitempty"`
}

// EntryOf is ex as a HAR entry, its timings from the exchange's own clock: waiting for the first
// byte, then receiving the rest. A body that is not UTF-8 is kept as base64, and the entry says so;
// so does a response body the record cut short.
func EntryOf(ex *client.Exchange) Entry {
	e := Entry{StartedDateTime: ex.Started.UTC().Format(time.RFC3339Nano), Time: milliseconds(ex.Elapsed)}
	wait := ex.FirstByte
	if wait <= 0 || wait > ex.Elapsed {
		wait = ex.Elapsed
	}
	e.Timings = Timings{Wait: milliseconds(wait), Receive: milliseconds(ex.Elapsed - wait)}
	e.Request = Request{
		Method: ex.Request.Method, URL: ex.Request.URL, HTTPVersion: "HTTP/1.1",
		Cookies: []NameValue{}, Headers: headers(ex.Request.Header), QueryString: queryString(ex.Request.URL),
		HeadersSize: -1, BodySize: len(ex.Request.Body),
	}
	if len(ex.Request.Body) > 0 {
		text, encoding := bodyText(ex.Request.Body)
		e.Request.PostData = &PostData{MimeType: ex.Request.Header.Get("Content-Type"), Text: text}
		if encoding != "" {
			e.Request.PostData.Comment = "base64: the body is not UTF-8"
		}
	}
	size := ex.Response.BodyBytes
	if size == 0 {
		size = int64(len(ex.Response.Body))
	}
	e.Response = Response{
		Status: ex.Response.Status, StatusText: http.StatusText(ex.Response.Status), HTTPVersion: "HTTP/1.1",
		Cookies: []NameValue{}, Headers: headers(ex.Response.Header), RedirectURL: ex.Response.Header.Get("Location"),
		HeadersSize: -1, BodySize: size,
		Content: Content{Size: size, MimeType: ex.Response.Header.Get("Content-Type")},
	}
	if len(ex.Response.Body) > 0 {
		e.Response.Content.Text, e.Response.Content.Encoding = bodyText(ex.Response.Body)
	}
	switch {
	case ex.Response.OverLimit:
		e.Response.Content.Comment = fmt.Sprintf("the target sent more than the read limit; %d bytes were read, %d are kept here", size, len(ex.Response.Body))
	case ex.Response.Truncated:
		e.Response.Content.Comment = fmt.Sprintf("truncated: %d of %d bytes kept", len(ex.Response.Body), size)
	}
	return e
}

func milliseconds(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// queryString lists the query of rawURL by name, in a stable order; none when it does not parse.
func queryString(rawURL string) []NameValue {
	out := []NameValue{}
	u, err := url.Parse(rawURL)
	if err != nil {
		return out
	}
	for name, values := range u.Query() {
		for _, v := range values {
			out = append(out, NameValue{Name: name, Value: v})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// headers lists h by name, in a stable order.
func headers(h http.Header) []NameValue {
	out := []NameValue{}
	names := make([]string, 0, len(h))
	for name := range h {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		for _, v := range h[name] {
			out = append(out, NameValue{Name: name, Value: v})
		}
	}
	return out
}

// bodyText is a body as HAR text: as is when it is UTF-8, else base64.
func bodyText(body []byte) (text, encoding string) {
	if utf8.Valid(body) {
		return string(body), ""
	}
	return base64.StdEncoding.EncodeToString(body), "base64"
}
