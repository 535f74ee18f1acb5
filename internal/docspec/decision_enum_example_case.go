package docspec

import (
	"fmt"
	"slices"
	"strings"
)

// DecisionEnumExampleCase: an example spells an enumeration member in another case than the type
// defines (the upgrade page's example 2 sends "Application"; the type's members are delegated,
// application, unknownFutureValue).
const DecisionEnumExampleCase = "enum-example-case"

var enumExampleCase = DecisionRule{
	ID:            DecisionEnumExampleCase,
	Contradiction: true,
	When:          "an example spells an enumeration member with a capital first letter where the type defines it in lower case",
	Does:          "accepts the capitalised spelling of every member but unknownFutureValue, so that the page's own example is valid",
	find: func(m *model) []finding {
		var out []finding
		for _, e := range m.examples() {
			for _, v := range m.enumValues(e) {
				en := v.enum
				if slices.Contains(en.members, v.value) || !en.capitalisedMember(v.value) {
					continue
				}
				f := finding{
					at: Location{Page: e.page.Name, Line: valueLine(e.message, v.key, v.value)},
					says: fmt.Sprintf("the example sends %s %q; %s's members are %s. The description accepts the capitalised spelling of every member but unknownFutureValue",
						v.key, v.value, en.name, strings.Join(en.members, ", ")),
					apply: func() {
						en.capitalised = true
						en.capitalisedBy = fmt.Sprintf("%s (%q) sends %q", e.page.Name, e.summary, v.value)
						m.sources.add(schemaPointer(en.name), e.page.Name)
					},
				}
				if en.defined != nil {
					f.conflicts = append(f.conflicts, *en.defined)
				}
				if t := m.types[enumOwner(m, en.name)]; t != nil {
					for _, pr := range t.doc.Properties {
						if pr.Type.Name == en.name {
							f.conflicts = append(f.conflicts, Location{Page: t.page.Name, Line: pr.Line})
						}
					}
				}
				out = append(out, f)
			}
		}
		return out
	},
}

// enumOwner returns the first resource type (by name) with a property of the enumeration.
func enumOwner(m *model, enum string) string {
	var names []string
	for n, t := range m.types {
		for _, p := range t.doc.Properties {
			if p.Type.Name == enum {
				names = append(names, n)
			}
		}
	}
	slices.Sort(names)
	if len(names) == 0 {
		return ""
	}
	return names[0]
}
