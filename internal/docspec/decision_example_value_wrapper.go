package docspec

import (
	"fmt"

	yaml "go.yaml.in/yaml/v3"
)

// DecisionExampleValueWrapper: an example of a response that returns one object wraps the object
// in {"value": ...}, as a collection would be.
const DecisionExampleValueWrapper = "example-value-wrapper"

var exampleValueWrapper = DecisionRule{
	ID:            DecisionExampleValueWrapper,
	Contradiction: true,
	When:          "an example of a response that returns one object wraps the object in {\"value\": ...}, as a collection would be",
	Does:          "takes the object itself as the description's example; the schema stays the object",
	find: func(m *model) []finding {
		var out []finding
		for _, op := range m.operations {
			for _, r := range op.responses {
				if r.content == nil || r.bodyType == nil || r.bodyType.Collection {
					continue
				}
				for _, e := range r.content.examples {
					inner := member(e.value, "value")
					if len(memberNames(e.value)) != 1 || !isObject(inner) {
						continue
					}
					out = append(out, finding{
						at:        Location{Page: op.page.Name, Line: e.message.BodyLine},
						says:      fmt.Sprintf("the example wraps the %s in {\"value\": ...} while the page returns one object; the description's example is the object itself", r.bodyType.Name),
						conflicts: []Location{{Page: op.page.Name, Line: responseLine(op.page.Operation, e.message.Status)}},
						apply: func() {
							e.value = inner
							e.objects = []*yaml.Node{inner}
						},
					})
				}
			}
		}
		return out
	},
}
