package docspec

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sectionLines returns the lines of a page under a "## name" heading, up to the next "## " heading.
// It reads the page as text, independently of the builder's parser.
func sectionLines(src, name string) []string {
	var out []string
	in := false
	for _, l := range strings.Split(src, "\n") {
		if strings.HasPrefix(l, "## ") {
			in = strings.EqualFold(strings.TrimSpace(l[3:]), name)
			continue
		}
		if in {
			out = append(out, l)
		}
	}
	return out
}

// tableRows returns the cells of the body rows of the markdown tables among lines.
func tableRows(lines []string) [][]string {
	var out [][]string
	header := true
	for _, l := range lines {
		if !strings.HasPrefix(l, "|") {
			header = true
			continue
		}
		if header {
			header = false
			continue
		}
		if strings.HasPrefix(l, "|:-") || strings.HasPrefix(l, "|-") {
			continue
		}
		cells := strings.Split(strings.Trim(l, "|"), "|")
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		out = append(out, cells)
	}
	return out
}

// backticked returns the `code` spans of s after the given phrase.
func backticked(s, after string) []string {
	i := strings.Index(strings.ToLower(s), strings.ToLower(after))
	if i < 0 {
		return nil
	}
	var out []string
	parts := strings.Split(s[i:], "`")
	for j := 1; j < len(parts); j += 2 {
		out = append(out, parts[j])
	}
	return out
}

func resolveSchema(s *openapi3.SchemaRef) *openapi3.Schema {
	if s == nil {
		return nil
	}
	return s.Value
}

func enumOf(s *openapi3.Schema) []string {
	var out []string
	for _, v := range s.Enum {
		if v != nil {
			out = append(out, fmt.Sprint(v))
		}
	}
	return out
}

// Every status code, header, enumeration member and property an operation page names is in the
// built description, on that page's operation.
func TestEverythingTheOperationPagesNameIsInTheSpec(t *testing.T) {
	doc := builtDoc(t)
	ops := map[string]*openapi3.Operation{}
	for _, p := range doc.Paths.InMatchingOrder() {
		for _, op := range doc.Paths.Value(p).Operations() {
			ops[strings.TrimPrefix(fmt.Sprint(op.Extensions["x-ms-docs-source"]), DefaultSourcePrefix)] = op
		}
	}
	pages := []string{
		"teamworkdevice-updatesoftware.md",
		"userscopeteamsappinstallation-upgrade.md",
		"intune-deviceconfig-windowsupdatestate-update.md",
		"intune-deviceconfig-windowsupdatestate-get.md",
		"teamworkdeviceoperation-get.md",
		"teamworkdevice-list-operations.md",
	}
	named := 0
	for _, page := range pages {
		op := ops[page]
		require.NotNil(t, op, "no operation names %s as its source", page)
		src := string(readFile(t, filepath.Join(docsDir, page)))
		for _, l := range sectionLines(src, "Response") {
			for _, code := range backticked(l, "") {
				if len(code) > 4 && code[3] == ' ' && code[0] >= '1' && code[0] <= '5' {
					assert.NotNil(t, op.Responses.Value(code[:3]), "%s names %s", page, code)
					named++
				}
			}
			for _, part := range strings.Split(l, "` header")[:max(0, strings.Count(l, "` header"))] {
				h := part[strings.LastIndex(part, "`")+1:]
				found := false
				for _, r := range op.Responses.Map() {
					if r.Value != nil && r.Value.Headers[h] != nil {
						found = true
					}
				}
				assert.True(t, found, "%s names the header %s", page, h)
				named++
			}
		}
		for _, l := range sectionLines(src, "Optional query parameters") {
			for _, code := range backticked(l, "") {
				if !strings.HasPrefix(code, "$") {
					continue
				}
				found := false
				for _, prm := range op.Parameters {
					if prm.Value.In == "query" && prm.Value.Name == code {
						found = true
					}
				}
				assert.True(t, found, "%s names the query parameter %s", page, code)
				named++
			}
		}
		rows := tableRows(sectionLines(src, "Request body"))
		if len(rows) == 0 {
			continue
		}
		require.NotNil(t, op.RequestBody, "%s has a request body table", page)
		body := resolveSchema(op.RequestBody.Value.Content.Get("application/json").Schema)
		for _, cells := range rows {
			prop := body.Properties[cells[0]]
			if !assert.NotNil(t, prop, "%s names the property %s", page, cells[0]) {
				continue
			}
			named++
			for _, m := range append(backticked(cells[2], "Valid types are"), backticked(cells[2], "Possible values are")...) {
				assert.Contains(t, enumOf(prop.Value), m, "%s names %s a member of %s", page, m, cells[0])
				named++
			}
		}
	}
	assert.Greater(t, named, 20)
}

// Every property of every resource page, and every member of every enumeration section, is in the
// component schema of its type.
func TestEverythingTheResourcePagesNameIsInTheSpec(t *testing.T) {
	doc := builtDoc(t)
	files, err := filepath.Glob(filepath.Join(docsDir, "*.md"))
	require.NoError(t, err)
	types := 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		require.NoError(t, err)
		current := ""
		inProps := false
		header := 0
		for _, l := range strings.Split(string(src), "\n") {
			if strings.HasPrefix(l, "#") {
				title := strings.TrimSpace(strings.TrimLeft(l, "#"))
				switch {
				case strings.HasSuffix(title, " resource type"):
					current = strings.TrimSuffix(title, " resource type")
					if doc.Components.Schemas[current] == nil && current == "Error" {
						current = "" // the error page's prose section
					} else {
						types++
					}
				case title == "Enum values": // the enum page's title, not an enumeration
				case strings.HasSuffix(title, " values"), strings.HasSuffix(title, " enum type"):
					current = strings.TrimSuffix(strings.TrimSuffix(title, " values"), " enum type")
					types++
				}
				inProps = strings.EqualFold(title, "Properties") || strings.EqualFold(title, "Members") || strings.HasSuffix(title, " values")
				header = 0
				continue
			}
			if current == "" || !inProps || !strings.HasPrefix(l, "|") {
				continue
			}
			header++
			if header <= 2 {
				continue
			}
			cells := strings.Split(strings.Trim(l, "|"), "|")
			name := strings.TrimSpace(cells[0])
			s := doc.Components.Schemas[current]
			if !assert.NotNil(t, s, "%s: schema %s", filepath.Base(f), current) {
				continue
			}
			if len(s.Value.Enum) > 0 {
				assert.Contains(t, enumOf(s.Value), name, "%s: member %s of %s", filepath.Base(f), name, current)
			} else {
				assert.Contains(t, s.Value.Properties, name, "%s: property %s of %s", filepath.Base(f), name, current)
			}
		}
	}
	assert.Equal(t, 15, types, "resource types and enumerations on the pages")
}
