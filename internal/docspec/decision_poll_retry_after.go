package docspec

import (
	"fmt"
	"strings"
)

// DecisionPollRetryAfter: the GET that a 202's Location points at is the status monitor of a
// long-running operation; its page does not name Retry-After.
const DecisionPollRetryAfter = "poll-retry-after"

var pollRetryAfter = DecisionRule{
	ID:   DecisionPollRetryAfter,
	When: "the GET a 202's example Location points at, a long-running operation's status monitor, does not name Retry-After",
	Does: "declares an optional Retry-After on its 200, as Graph's throttling and long-running-operation guidance has pollers honour it",
	find: func(m *model) []finding {
		if m.errorsPage == nil || m.errorsPage.Errors.RetryAfter == nil {
			return nil
		}
		var out []finding
		for _, src := range m.operations {
			for _, ex := range src.page.Operation.Examples {
				if ex.Response == nil || ex.Response.Status != 202 {
					continue
				}
				locPath, ok := locationPath(ex.Response)
				if !ok {
					continue
				}
				for _, dst := range m.operations {
					if dst.req.Method != "GET" || !matchTemplate(dst.path, locPath) {
						continue
					}
					ok := dst.response("200")
					if ok == nil || ok.ref != "" {
						continue
					}
					out = append(out, finding{
						at:        Location{Page: dst.page.Name, Line: responseLine(dst.page.Operation, 200)},
						says:      fmt.Sprintf("the 202 of %s points its Location at this operation, a long-running operation's status monitor; the page does not name Retry-After, which Graph's guidance has pollers honour, so its 200 declares an optional Retry-After", src.id),
						conflicts: []Location{{Page: src.page.Name, Line: ex.Response.Line}},
						apply: func() {
							ok.setHeader(&header{name: "Retry-After", ref: "#/components/headers/Retry-After"})
							m.sources.add(operationPointer(dst), src.page.Name)
						},
					})
				}
			}
		}
		return out
	},
}

// locationPath is the path of an example response's Location, without the version and query.
func locationPath(msg *HTTPMessage) (string, bool) {
	loc := msg.Get("Location")
	if loc == "" {
		return "", false
	}
	m := &HTTPMessage{Target: loc}
	p := m.Path()
	if v := m.Version(); v != "" {
		p = strings.TrimPrefix(p, "/"+v)
	}
	p, _, _ = strings.Cut(p, "?")
	return p, true
}

// matchTemplate tells whether a concrete path matches a path template, a {parameter} matching any
// one segment.
func matchTemplate(template, p string) bool {
	ts := strings.Split(strings.Trim(template, "/"), "/")
	ps := strings.Split(strings.Trim(p, "/"), "/")
	if len(ts) != len(ps) {
		return false
	}
	for i := range ts {
		if strings.HasPrefix(ts[i], "{") && strings.HasSuffix(ts[i], "}") {
			if ps[i] == "" {
				return false
			}
			continue
		}
		if ts[i] != ps[i] {
			return false
		}
	}
	return true
}
