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
