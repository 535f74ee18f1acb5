package docspec

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
)

// httpMethods are the methods an HTTP request line may use.
var httpMethods = map[string]bool{"GET": true, "POST": true, "PATCH": true, "PUT": true, "DELETE": true, "HEAD": true}

// PathParam is a `{name}` segment of an HTTP request line.
type PathParam struct {
	// Name is the parameter's name in the path template.
	Name string
	// Alternatives lists the names of `{a | b}`, the first being Name; nil for a plain `{name}`.
	Alternatives []string
	// Written is the parameter as the page writes it, e.g. "app-installation-id" or
	// "user-id | user-principal-name".
	Written string
}

// requestLine is one line of an `## HTTP request` block.
type requestLine struct {
	Method string
	// Path is the template with every `{a | b}` reduced to `{a}`.
	Path   string
	Params []PathParam
	Line   int
}

// parseRequestLines reads every line of an `## HTTP request` block.
func parseRequestLines(f *fence) ([]requestLine, error) {
	var out []requestLine
	for i, l := range f.Lines {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		line := f.FirstLine + i
		method, target, ok := strings.Cut(l, " ")
		target = strings.TrimSpace(target)
		if !ok || !httpMethods[method] || !strings.HasPrefix(target, "/") {
			return nil, fmt.Errorf("line %d: %q is not an HTTP request line: write it as 'METHOD /path/{parameter}'", line, l)
		}
		for _, v := range []string{"/beta/", "/v1.0/"} {
			if rest, ok := strings.CutPrefix(target, v); ok {
				return nil, fmt.Errorf("line %d: the request line's path starts with the version %s: write the path without it, '%s /%s' (the version is the example request's)", line, strings.TrimSuffix(v, "/"), method, rest)
			}
		}
		path, params, err := parseTemplate(target)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		out = append(out, requestLine{Method: method, Path: path, Params: params, Line: line})
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("line %d: the HTTP request block is empty: write the request line, e.g. 'POST /teamwork/devices/{teamworkDeviceId}/updateSoftware'", f.FirstLine)
	}
	return out, nil
}

// parseTemplate reduces a request target to a path template: a query string is dropped and each
// `{a | b}` becomes `{a}`.
func parseTemplate(target string) (string, []PathParam, error) {
	target, _, _ = strings.Cut(target, "?")
	var sb strings.Builder
	var params []PathParam
	for i := 0; i < len(target); i++ {
		c := target[i]
		if c == '}' {
			return "", nil, fmt.Errorf("the path %q closes a parameter it never opened: balance its braces", target)
		}
		if c != '{' {
			sb.WriteByte(c)
			continue
		}
		end := strings.IndexByte(target[i:], '}')
		if end < 0 {
			return "", nil, fmt.Errorf("the path %q opens a parameter it never closes: balance its braces", target)
		}
		written := target[i+1 : i+end]
		var alts []string
		for _, a := range strings.Split(written, "|") {
			alts = append(alts, strings.TrimSpace(a))
		}
		name := alts[0]
		if name == "" || strings.ContainsAny(name, "/{ ") {
			return "", nil, fmt.Errorf("the path %q has a parameter {%s} without a usable name: name it, e.g. {teamworkDeviceId}", target, written)
		}
		p := PathParam{Name: name, Written: strings.TrimSpace(written)}
		if len(alts) > 1 {
			p.Alternatives = alts
		}
		params = append(params, p)
		sb.WriteString("{" + name + "}")
		i += end
	}
	return sb.String(), params, nil
}

// HTTPMessage is an example request or response block of a page.
type HTTPMessage struct {
	// Line is the page line of the request or status line.
	Line int
	// Method and Target are set for a request; Target is the URL as written.
	Method, Target string
	// Status is set for a response, e.g. 202.
	Status int
	// Reason is the status line's reason phrase, e.g. "Accepted".
	Reason string
	// Header holds the header fields in page order.
	Header []HeaderField
	// Body is the body as written, without the blank line before it; nil when there is none.
	Body []byte
	// BodyLine is the page line the body starts on.
	BodyLine int
	// Annotation is the block's `<!-- { ... } -->` annotation.
	Annotation map[string]any
}

// HeaderField is one header line of an example.
type HeaderField struct {
	// Name and Value are the field as written.
	Name, Value string
	// Line is the page line of the field.
	Line int
}

// Get returns the first value of the named header, case-insensitively.
func (m *HTTPMessage) Get(name string) string {
	for _, h := range m.Header {
		if strings.EqualFold(h.Name, name) {
			return h.Value
		}
	}
	return ""
}

// Path returns the path of a request's URL (its version prefix included), with its query.
func (m *HTTPMessage) Path() string {
	t := m.Target
	if u, err := url.Parse(t); err == nil && u.Host != "" {
		t = strings.TrimPrefix(t, u.Scheme+"://"+u.Host)
	}
	return t
}

// Version returns "beta" or "v1.0" when the request's path starts with it, or "".
func (m *HTTPMessage) Version() string {
	p := strings.TrimPrefix(m.Path(), "/")
	first, _, _ := strings.Cut(p, "/")
	if first == "beta" || first == "v1.0" {
		return first
	}
	return ""
}

// parseHTTPMessage reads an example block: a request line or a status line, header lines, a blank
// line and a body.
func parseHTTPMessage(f *fence) (*HTTPMessage, error) {
	m := &HTTPMessage{Annotation: f.Annotation}
	i := 0
	for i < len(f.Lines) && strings.TrimSpace(f.Lines[i]) == "" {
		i++
	}
	if i == len(f.Lines) {
		return nil, fmt.Errorf("line %d: the example block is empty: write the request or status line", f.FirstLine)
	}
	first := strings.TrimSpace(f.Lines[i])
	m.Line = f.FirstLine + i
	if strings.HasPrefix(first, "HTTP/") {
		_, rest, _ := strings.Cut(first, " ")
		code, reason, _ := strings.Cut(strings.TrimSpace(rest), " ")
		n, err := strconv.Atoi(code)
		if err != nil || n < 100 || n > 599 {
			return nil, fmt.Errorf("line %d: %q is not a status line: write it as 'HTTP/1.1 200 OK'", m.Line, first)
		}
		m.Status, m.Reason = n, strings.TrimSpace(reason)
	} else {
		method, target, ok := strings.Cut(first, " ")
		if !ok || !httpMethods[method] {
			return nil, fmt.Errorf("line %d: %q is neither a request line nor a status line: write 'METHOD URL' or 'HTTP/1.1 200 OK'", m.Line, first)
		}
		m.Method, m.Target = method, strings.TrimSpace(target)
	}
	i++
	for ; i < len(f.Lines); i++ {
		l := strings.TrimSpace(f.Lines[i])
		if l == "" {
			i++
			break
		}
		name, value, ok := strings.Cut(l, ":")
		if !ok || !isIdentifier(strings.TrimSpace(name)) {
			// A body that follows the start line without a blank line.
			break
		}
		m.Header = append(m.Header, HeaderField{Name: strings.TrimSpace(name), Value: strings.TrimSpace(value), Line: f.FirstLine + i})
	}
	for i < len(f.Lines) && strings.TrimSpace(f.Lines[i]) == "" {
		i++
	}
	if i < len(f.Lines) {
		m.BodyLine = f.FirstLine + i
		m.Body = []byte(strings.TrimSpace(strings.Join(f.Lines[i:], "\n")))
	}
	return m, nil
}

// statusText splits "202 Accepted" into 202 and "Accepted"; ok is false for other text.
func statusText(s string) (code int, reason string, ok bool) {
	s = strings.TrimSpace(s)
	if len(s) < 3 {
		return 0, "", false
	}
	n, err := strconv.Atoi(s[:3])
	if err != nil || n < 100 || n > 599 || (len(s) > 3 && s[3] != ' ') {
		return 0, "", false
	}
	return n, strings.TrimSpace(s[3:]), true
}
