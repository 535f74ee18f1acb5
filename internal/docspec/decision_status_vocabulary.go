package docspec

import (
	"fmt"
	"slices"
	"strings"

	yaml "go.yaml.in/yaml/v3"
)

// DecisionStatusVocabulary: a page's prose gives status values for a resource (updateSoftware:
// queued, succeeded, failed) that differ from the values its resource page lists (Queued,
// Scheduled, InProgress, Successful, Cancelled, Failed), and examples use yet another spelling
// (successful).
const DecisionStatusVocabulary = "status-vocabulary"

var statusVocabulary = DecisionRule{
	ID:            DecisionStatusVocabulary,
	Contradiction: true,
	When:          "a page's prose gives status values for a resource that differ from the values its resource page lists",
	Does:          "keeps the status a free string, as the metadata types it, and names every vocabulary (the prose's, the resource page's, the examples') in its description",
	find: func(m *model) []finding {
		var out []finding
		for _, p := range m.pages {
			if p.Operation == nil {
				continue
			}
			for _, sw := range p.Operation.StatusWords {
				t := m.types[sw.Of]
				if t == nil {
					continue
				}
				i := slices.IndexFunc(t.doc.Properties, func(pr Property) bool { return pr.Name == "status" })
				if i < 0 {
					continue
				}
				prop := t.doc.Properties[i]
				if slices.Equal(prop.Members, sw.Words) {
					continue
				}
				conflicts := []Location{{Page: t.page.Name, Line: prop.Line}}
				others, at := otherStatusSpellings(m.pages, sw, prop.Members)
				for _, a := range at {
					if !slices.Contains(conflicts, a) {
						conflicts = append(conflicts, a)
					}
				}
				note := fmt.Sprintf("A free string, not an enumeration: %s lists %s; %s names %s", t.page.Name, strings.Join(prop.Members, ", "), p.Name, strings.Join(sw.Words, ", "))
				if len(others) > 0 {
					note += "; examples use " + strings.Join(others, ", ")
				}
				note += fmt.Sprintf(" (decision %s).", DecisionStatusVocabulary)
				out = append(out, finding{
					at:        Location{Page: p.Name, Line: sw.Line},
					says:      fmt.Sprintf("the prose says the %s's status is %s; its resource page lists %s. The status stays a free string, as the metadata types it, and its description names both", sw.Of, strings.Join(sw.Words, ", "), strings.Join(prop.Members, ", ")),
					conflicts: conflicts,
					apply: func() {
						m.sources.add(schemaPointer(sw.Of), p.Name)
						ts := m.typeSchemas[sw.Of]
						if ts == nil {
							return
						}
						if status := ts.propertyOf("status"); status != nil && status.described != nil {
							status.described.description += " " + note
						}
					},
				})
			}
		}
		return out
	},
}

// otherStatusSpellings returns the status values the pages' example responses give objects of the
// type sw names that are in neither vocabulary, and where.
func otherStatusSpellings(pages []*Page, sw StatusWords, listed []string) ([]string, []Location) {
	var others []string
	var at []Location
	for _, q := range pages {
		if q.Operation == nil {
			continue
		}
		for _, ex := range q.Operation.Examples {
			if ex.Response == nil {
				continue
			}
			v, err := decodeJSON(ex.Response.Body)
			if err != nil {
				continue
			}
			for _, obj := range exampleObjects(ex.Response, v, sw.Of) {
				s, _ := stringValue(member(obj, "status"))
				if s == "" || slices.Contains(sw.Words, s) || slices.Contains(listed, s) {
					continue
				}
				at = append(at, Location{Page: q.Name, Line: valueLine(ex.Response, "status", s)})
				if !slices.Contains(others, s) {
					others = append(others, s)
				}
			}
		}
	}
	return others, at
}

// exampleObjects returns the objects of type typeName an example response shows, as its
// annotation's "@odata.type" says: the object itself ("microsoft.graph.X", also when the example
// wraps it in "value"), or the items of "value" ("Collection(microsoft.graph.X)").
func exampleObjects(msg *HTTPMessage, v *yaml.Node, typeName string) []*yaml.Node {
	if !isObject(v) {
		return nil
	}
	odataType, _ := msg.Annotation["@odata.type"].(string)
	switch odataType {
	case "microsoft.graph." + typeName:
		if len(memberNames(v)) == 1 && member(v, "value") != nil {
			v = member(v, "value")
		}
		if !isObject(v) {
			return nil
		}
		return []*yaml.Node{v}
	case "Collection(microsoft.graph." + typeName + ")":
		var out []*yaml.Node
		list, _ := items(member(v, "value"))
		for _, item := range list {
			if isObject(item) {
				out = append(out, item)
			}
		}
		return out
	}
	return nil
}
