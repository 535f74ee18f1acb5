package docspec

import (
	"fmt"
	"slices"
	"strings"
)

// DecisionEnumMembersDiffer: a page lists an enumeration's members (e.g. "Valid types are:") and
// the enumeration's definition lists others (teamworkSoftwareType has unknownFutureValue, which
// the updateSoftware page omits).
const DecisionEnumMembersDiffer = "enum-members-differ"

var enumMembersDiffer = DecisionRule{
	ID:            DecisionEnumMembersDiffer,
	Contradiction: true,
	When:          "a page lists an enumeration's members and the enumeration's definition lists others",
	Does:          "takes the union: the definition's members, then the ones only the page lists",
	find: func(m *model) []finding {
		var out []finding
		// members is each enumeration's list as the findings so far have merged it.
		members := map[string][]string{}
		for _, u := range m.propertyUses {
			p, page := u.prop, u.page
			e := m.enums[p.Type.Name]
			if e == nil || p.Members == nil {
				continue
			}
			have, ok := members[e.name]
			if !ok {
				have = slices.Clone(e.members)
			}
			var missing, extra []string
			for _, mb := range have {
				if !slices.Contains(p.Members, mb) {
					missing = append(missing, mb)
				}
			}
			for _, mb := range p.Members {
				if !slices.Contains(have, mb) {
					extra = append(extra, mb)
				}
			}
			members[e.name] = append(have, extra...)
			if len(missing)+len(extra) == 0 {
				continue
			}
			desc := fmt.Sprintf("the page lists %s's members as %s", e.name, strings.Join(p.Members, ", "))
			if len(missing) > 0 {
				desc += fmt.Sprintf("; the enumeration also has %s", strings.Join(missing, ", "))
			}
			if len(extra) > 0 {
				desc += fmt.Sprintf("; the enumeration's definition lacks %s", strings.Join(extra, ", "))
			}
			f := finding{
				at:   Location{Page: page.Name, Line: p.Line},
				says: desc + ". The description accepts every member of both lists.",
				apply: func() {
					e.members = append(e.members, extra...)
					m.sources.add(schemaPointer(e.name), page.Name)
				},
			}
			if e.defined != nil {
				f.conflicts = []Location{*e.defined}
			}
			out = append(out, f)
		}
		return out
	},
}
