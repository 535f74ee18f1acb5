package mockgraph

import (
	"net/url"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// pathTemplate is a documented path below one of its servers, split into segments; a segment
// written {name} matches any segment.
type pathTemplate []string

// pathTemplates lists every documented path below every server it is served from, as the router
// matches them.
func pathTemplates(doc *openapi3.T) []pathTemplate {
	if doc == nil || doc.Paths == nil {
		return nil
	}
	var out []pathTemplate
	for path, item := range doc.Paths.Map() {
		if item == nil {
			continue
		}
		servers := doc.Servers
		if len(item.Servers) > 0 {
			servers = item.Servers
		}
		bases := []string{""}
		if len(servers) > 0 {
			bases = bases[:0]
			for _, s := range servers {
				if s == nil {
					continue
				}
				base := s.URL
				if u, err := url.Parse(s.URL); err == nil {
					base = u.Path
				}
				bases = append(bases, strings.TrimRight(base, "/"))
			}
		}
		for _, base := range bases {
			out = append(out, splitPath(base+path))
		}
	}
	return out
}

// splitPath splits an absolute path into its segments.
func splitPath(path string) []string {
	return strings.Split(strings.TrimPrefix(path, "/"), "/")
}

// unknownSegment names the first segment of an escaped request path that no documented path has at
// its place, as Graph's "Resource not found for the segment '…'" does. A path that is a proper prefix
// of a documented one is reported by its last segment.
func unknownSegment(templates []pathTemplate, escapedPath string) string {
	segments := splitPath(escapedPath)
	best := 0
	for _, t := range templates {
		n := 0
		for n < len(segments) && n < len(t) && segmentMatches(t[n], segments[n]) {
			n++
		}
		if n > best {
			best = n
		}
	}
	if best >= len(segments) {
		best = len(segments) - 1
	}
	segment := segments[best]
	if unescaped, err := url.PathUnescape(segment); err == nil {
		segment = unescaped
	}
	return segment
}

// segmentMatches reports whether a request segment fits a template segment.
func segmentMatches(template, segment string) bool {
	if strings.HasPrefix(template, "{") && strings.HasSuffix(template, "}") {
		return segment != ""
	}
	return template == segment
}

// normalizePath decodes the percent-encoded unreserved characters (letters, digits, '-', '.', '_',
// '~') of an escaped request path, which RFC 3986 §6.2.2.2 makes equivalent to the characters
// themselves: update%53oftware is updateSoftware. Every other escape, %2F among them, stays.
func normalizePath(escaped string) string {
	if !strings.Contains(escaped, "%") {
		return escaped
	}
	var b strings.Builder
	b.Grow(len(escaped))
	for i := 0; i < len(escaped); i++ {
		if escaped[i] == '%' && i+2 < len(escaped) {
			if c, ok := unhex(escaped[i+1], escaped[i+2]); ok && unreserved(c) {
				b.WriteByte(c)
				i += 2
				continue
			}
		}
		b.WriteByte(escaped[i])
	}
	return b.String()
}

// unhex is the byte two hexadecimal digits write.
func unhex(hi, lo byte) (byte, bool) {
	h, okHi := hexDigit(hi)
	l, okLo := hexDigit(lo)
	return h<<4 | l, okHi && okLo
}

// hexDigit is the value of one hexadecimal digit.
func hexDigit(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// unreserved reports whether c is an unreserved character of RFC 3986.
func unreserved(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~'
}
