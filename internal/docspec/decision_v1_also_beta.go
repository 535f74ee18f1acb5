package docspec

// DecisionV1AlsoBeta: a v1.0 page does not say whether the operation is also served under /beta.
const DecisionV1AlsoBeta = "v1-also-beta"

var v1AlsoBeta = DecisionRule{
	ID:   DecisionV1AlsoBeta,
	When: "a v1.0 page does not say whether the operation is also served under /beta",
	Does: "serves the path under /v1.0 and /beta, v1.0 first, as Graph's beta endpoint carries what v1.0 carries",
	find: func(m *model) []finding {
		var out []finding
		for _, op := range m.operations {
			if op.version != "v1.0" {
				continue
			}
			out = append(out, finding{
				at:    Location{Page: op.page.Name, Line: op.versionLine},
				says:  "the page documents v1.0 and does not say whether /beta serves the operation; it is served under /v1.0 and /beta, as Graph's beta carries what v1.0 carries",
				apply: func() { op.servers = []string{"/v1.0", "/beta"} },
			})
		}
		return out
	},
}
