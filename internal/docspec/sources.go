package docspec

import (
	"slices"
	"strings"
)

// sources maps the JSON pointer of each part of the description to the pages it was derived from.
type sources map[string][]string

// add records that pages contributed to the part at pointer.
func (s sources) add(pointer string, pages ...string) {
	for _, p := range pages {
		if !slices.Contains(s[pointer], p) {
			s[pointer] = append(s[pointer], p)
		}
	}
}

// sorted returns the sources with each part's pages sorted.
func (s sources) sorted() map[string][]string {
	out := map[string][]string{}
	for k, v := range s {
		v = slices.Clone(v)
		slices.Sort(v)
		out[k] = slices.Compact(v)
	}
	return out
}

// pointerEscape escapes one JSON-pointer token.
func pointerEscape(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

func schemaPointer(name string) string { return "/components/schemas/" + pointerEscape(name) }

func operationPointer(op *operation) string {
	return pathPointer(op.path) + "/" + strings.ToLower(op.req.Method)
}

func pathPointer(path string) string { return "/paths/" + pointerEscape(path) }

func schemaRef(name string) string { return "#/components/schemas/" + name }
