package docspec

import (
	"bytes"
	"fmt"
	"io/fs"
	"maps"
	"reflect"
	"slices"
	"strings"

	yaml "go.yaml.in/yaml/v3"
)

// Drift is how a committed description differs from what the pages build.
type Drift struct {
	// Pages are the pages (with the source prefix, e.g. "spec/docs/teamworkdevice-updatesoftware.md")
	// whose derived operations or schemas differ, sorted.
	Pages []string
	// Parts are the JSON pointers of the parts of the description that differ, sorted.
	Parts []string
	// Committed and Docs name the description and the folder of pages compared, for the message;
	// empty, they are the repository's spec/openapi.yaml and spec/docs.
	Committed, Docs string
}

// Error says which pages' derived operations and schemas differ and how to fix it.
func (d *Drift) Error() string {
	committed, docs := d.Committed, d.Docs
	if committed == "" {
		committed = "spec/openapi.yaml"
	}
	if docs == "" {
		docs = "spec/docs"
	}
	fix := "run `make spec` and commit the result"
	if committed != "spec/openapi.yaml" || docs != "spec/docs" {
		fix = fmt.Sprintf("run `graphconform spec build --docs %s --out %s`", docs, committed)
	}
	if len(d.Parts) == 0 {
		return fmt.Sprintf("%s is not byte for byte what %s builds, though every operation and schema is the same (formatting or order): %s", committed, docs, fix)
	}
	var parts []string
	for _, p := range d.Parts {
		parts = append(parts, friendlyPointer(p))
	}
	pages := "no page (the committed description has parts no page derives)"
	if len(d.Pages) > 0 {
		pages = strings.Join(d.Pages, ", ")
	}
	return fmt.Sprintf("%s is not what %s builds: the operations and schemas derived from %s differ (%s): %s",
		committed, docs, pages, strings.Join(parts, "; "), fix)
}

// CheckDrift builds the description from the pages of fsys and compares it with committed byte for
// byte. It returns nil when they are identical, a *Drift naming the pages whose derived operations
// or schemas differ when they are not, and another error when the pages cannot be built.
func CheckDrift(fsys fs.FS, committed []byte) error {
	res, err := BuildResult(fsys, Options{SourcePrefix: DefaultSourcePrefix})
	if err != nil {
		return err
	}
	if bytes.Equal(res.YAML, committed) {
		return nil
	}
	built, err := descriptionParts(res.YAML)
	if err != nil {
		return fmt.Errorf("read the built description: %w", err)
	}
	have, err := descriptionParts(committed)
	if err != nil {
		have = map[string]any{}
	}
	d := &Drift{}
	for _, k := range slices.Sorted(maps.Keys(mergeKeys(built, have))) {
		if reflect.DeepEqual(built[k], have[k]) {
			continue
		}
		d.Parts = append(d.Parts, k)
		for _, p := range res.Sources[k] {
			d.Pages = append(d.Pages, DefaultSourcePrefix+p)
		}
		if op, ok := have[k].(map[string]any); ok {
			if src, ok := op["x-ms-docs-source"].(string); ok {
				d.Pages = append(d.Pages, src)
			}
		}
	}
	slices.Sort(d.Pages)
	d.Pages = slices.Compact(d.Pages)
	return d
}

func mergeKeys(a, b map[string]any) map[string]any {
	out := maps.Clone(a)
	maps.Copy(out, b)
	return out
}

var isMethod = map[string]bool{"get": true, "put": true, "post": true, "delete": true, "options": true, "head": true, "patch": true, "trace": true}

// descriptionParts splits a description into the parts drift is reported by: each operation, each
// path item's other fields, each component, and each other top-level field.
func descriptionParts(data []byte) (map[string]any, error) {
	var doc map[string]any
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, err
	}
	out := map[string]any{}
	for k, v := range doc {
		switch k {
		case "paths":
			paths, _ := v.(map[string]any)
			for p, item := range paths {
				rest := map[string]any{}
				fields, _ := item.(map[string]any)
				for f, fv := range fields {
					if isMethod[f] {
						out["/paths/"+pointerEscape(p)+"/"+f] = fv
					} else {
						rest[f] = fv
					}
				}
				out["/paths/"+pointerEscape(p)] = rest
			}
		case "components":
			sections, _ := v.(map[string]any)
			for s, entries := range sections {
				names, _ := entries.(map[string]any)
				for n, ev := range names {
					out["/components/"+pointerEscape(s)+"/"+pointerEscape(n)] = ev
				}
			}
		default:
			out["/"+pointerEscape(k)] = v
		}
	}
	return out, nil
}

// friendlyPointer renders a part's pointer for people: "POST /teamwork/...", "schema x".
func friendlyPointer(p string) string {
	unescape := func(s string) string { return strings.ReplaceAll(strings.ReplaceAll(s, "~1", "/"), "~0", "~") }
	parts := strings.Split(strings.TrimPrefix(p, "/"), "/")
	switch {
	case len(parts) == 3 && parts[0] == "paths":
		return strings.ToUpper(parts[2]) + " " + unescape(parts[1])
	case len(parts) == 2 && parts[0] == "paths":
		return "path " + unescape(parts[1])
	case len(parts) == 3 && parts[0] == "components":
		return strings.TrimSuffix(parts[1], "s") + " " + unescape(parts[2])
	}
	return unescape(p)
}
