package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
)

// MergeCucumber joins the cucumber.json files of the shards of one run: one entry per feature file,
// with the scenarios of every shard in line order. Every other field is kept as godog wrote it.
func MergeCucumber(files ...[]byte) ([]byte, error) {
	type element struct {
		raw  json.RawMessage
		line int
	}
	type feature struct {
		fields   map[string]json.RawMessage
		elements []element
	}
	byURI := map[string]*feature{}
	var uris []string
	for i, data := range files {
		var features []map[string]json.RawMessage
		if err := json.Unmarshal(data, &features); err != nil {
			return nil, fmt.Errorf("cucumber.json of shard %d: %w; it is not a cucumber report", i+1, err)
		}
		for _, f := range features {
			var uri string
			if err := json.Unmarshal(f["uri"], &uri); err != nil {
				return nil, fmt.Errorf("cucumber.json of shard %d: a feature without a uri: %w", i+1, err)
			}
			var elements []json.RawMessage
			if raw, ok := f["elements"]; ok {
				if err := json.Unmarshal(raw, &elements); err != nil {
					return nil, fmt.Errorf("cucumber.json of shard %d, %s: %w", i+1, uri, err)
				}
			}
			m := byURI[uri]
			if m == nil {
				m = &feature{fields: f}
				byURI[uri] = m
				uris = append(uris, uri)
			}
			for _, e := range elements {
				var at struct {
					Line int `json:"line"`
				}
				if err := json.Unmarshal(e, &at); err != nil {
					return nil, fmt.Errorf("cucumber.json of shard %d, %s: %w", i+1, uri, err)
				}
				m.elements = append(m.elements, element{raw: e, line: at.Line})
			}
		}
	}
	sort.Strings(uris)
	out := make([]map[string]json.RawMessage, 0, len(uris))
	for _, uri := range uris {
		f := byURI[uri]
		sort.SliceStable(f.elements, func(a, b int) bool { return f.elements[a].line < f.elements[b].line })
		elements := make([]json.RawMessage, len(f.elements))
		for i, e := range f.elements {
			elements[i] = e.raw
		}
		raw, err := json.Marshal(elements)
		if err != nil {
			return nil, err
		}
		f.fields["elements"] = raw
		out = append(out, f.fields)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "    ")
	if err := enc.Encode(out); err != nil {
		return nil, fmt.Errorf("encode the merged cucumber.json: %w", err)
	}
	return buf.Bytes(), nil
}
