package contract

import (
	"net/url"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/routers"
)

// routeTable matches a request path to a path of the description by its segments, without regular
// expressions: the paths, each under each of its servers' bases, in kin-openapi's matching order.
// It routes exactly as kin-openapi's gorillamux router does for a description whose servers are
// plain relative bases (e.g. /beta); newRouteTable says when a description has other servers.
type routeTable struct {
	entries []routeEntry
}

// routeEntry is one path of the description under one server base.
type routeEntry struct {
	// segments are the path's segments after the leading slash; a parameter's is its name.
	segments []string
	// parameter says which segments are parameters.
	parameter []bool
	// route is the route without its method and operation, which the request's method picks.
	route routers.Route
}

// newRouteTable builds the table of doc; ok is false when a server is not a plain relative base
// (a host, a scheme or a variable), which only kin-openapi's router matches.
func newRouteTable(doc *openapi3.T) (table *routeTable, ok bool) {
	table = &routeTable{}
	for _, path := range doc.Paths.InMatchingOrder() {
		item := doc.Paths.Value(path)
		servers := doc.Servers
		if len(item.Servers) > 0 {
			servers = item.Servers
		}
		for _, server := range servers {
			base := server.URL
			if !strings.HasPrefix(base, "/") || strings.ContainsAny(base, "{}") || strings.HasSuffix(base, "/") {
				return nil, false
			}
			segments := strings.Split(strings.TrimPrefix(base+path, "/"), "/")
			parameter := make([]bool, len(segments))
			for i, s := range segments {
				switch {
				case isParameter(s):
					segments[i], parameter[i] = s[1:len(s)-1], true
				case s == "" || strings.ContainsAny(s, "{}"):
					return nil, false
				}
			}
			table.entries = append(table.entries, routeEntry{
				segments: segments, parameter: parameter,
				route: routers.Route{Spec: doc, Server: server, Path: path, PathItem: item},
			})
		}
	}
	return table, true
}

// isParameter says whether a template segment is a whole parameter, e.g. {teamworkDeviceId}.
func isParameter(segment string) bool {
	return len(segment) > 2 && segment[0] == '{' && segment[len(segment)-1] == '}' &&
		!strings.ContainsAny(segment[1:len(segment)-1], "{}")
}

// find matches method and target (a path, escaped as sent, with or without a query) like
// gorillamux: the first path whose literal segments equal the target's and whose parameters are
// non-empty wins; the parameters keep their escaped form.
func (t *routeTable) find(method, target string) (*routers.Route, map[string]string, error) {
	u, err := url.Parse(target)
	if err != nil {
		return nil, nil, err
	}
	path := u.EscapedPath()
	if !strings.HasPrefix(path, "/") {
		return nil, nil, routers.ErrPathNotFound
	}
	got := strings.Split(path[1:], "/")
	for i := range t.entries {
		e := &t.entries[i]
		if len(e.segments) != len(got) || !e.matches(got) {
			continue
		}
		route := e.route
		route.Method = method
		route.Operation = route.PathItem.GetOperation(method)
		if route.Operation == nil {
			return nil, nil, routers.ErrMethodNotAllowed
		}
		params := make(map[string]string, 2)
		for j, s := range e.segments {
			if e.parameter[j] {
				params[s] = got[j]
			}
		}
		return &route, params, nil
	}
	return nil, nil, routers.ErrPathNotFound
}

// matches says whether the segments of a request path match the entry's, of the same count.
func (e *routeEntry) matches(got []string) bool {
	for j, s := range e.segments {
		if e.parameter[j] {
			if got[j] == "" {
				return false
			}
		} else if s != got[j] {
			return false
		}
	}
	return true
}
