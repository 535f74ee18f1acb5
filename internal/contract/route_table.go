package contract

import (
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
	// parameter says which segments are parameters; parameters counts them.
	parameter  []bool
	parameters int
	// routes are the entry's route of each method the path has an operation for, by method.
	routes map[string]*routers.Route
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
			parameter, parameters := make([]bool, len(segments)), 0
			for i, s := range segments {
				switch {
				case isParameter(s):
					segments[i], parameter[i] = s[1:len(s)-1], true
					parameters++
				case s == "" || strings.ContainsAny(s, "{}"):
					return nil, false
				}
			}
			routes := make(map[string]*routers.Route)
			for method := range item.Operations() {
				if operation := item.GetOperation(method); operation != nil {
					routes[method] = &routers.Route{Spec: doc, Server: server, Path: path, PathItem: item, Method: method, Operation: operation}
				}
			}
			table.entries = append(table.entries, routeEntry{segments: segments, parameter: parameter, parameters: parameters, routes: routes})
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
// non-empty wins; the parameters keep their escaped form. The routes it returns are shared: they
// must not be changed.
func (t *routeTable) find(method, target string) (*routers.Route, map[string]string, error) {
	path, _, err := parseTarget(target)
	if err != nil {
		return nil, nil, err
	}
	if !strings.HasPrefix(path, "/") {
		return nil, nil, routers.ErrPathNotFound
	}
	rest := path[1:]
	for i := range t.entries {
		e := &t.entries[i]
		if !e.matches(rest) {
			continue
		}
		route := e.routes[method]
		if route == nil {
			return nil, nil, routers.ErrMethodNotAllowed
		}
		params := make(map[string]string, e.parameters)
		for j, s := range e.segments {
			var segment string
			segment, rest, _ = strings.Cut(rest, "/")
			if e.parameter[j] {
				params[s] = segment
			}
		}
		return route, params, nil
	}
	return nil, nil, routers.ErrPathNotFound
}

// matches says whether the segments of rest, a request path without its leading slash, match
// the entry's: as many, equal literals, non-empty parameters.
func (e *routeEntry) matches(rest string) bool {
	for j, s := range e.segments {
		segment, after, more := strings.Cut(rest, "/")
		if more != (j < len(e.segments)-1) {
			return false
		}
		if e.parameter[j] {
			if segment == "" {
				return false
			}
		} else if s != segment {
			return false
		}
		rest = after
	}
	return true
}
