package docspec

import (
	"fmt"
	"strings"
)

// table is a markdown table of a page.
type table struct {
	Line   int
	Header []cell
	Rows   []row
}

// row is one body row of a table.
type row struct {
	Line  int
	Cells []cell
}

// cell is one table cell: its plain text, code spans and links.
type cell struct {
	Text  string
	Codes []codeSpan
	Links []link
	// Indented is true when the cell opens with a no-break space, as the sub-rows of Intune's
	// permission tables do ("&nbsp; &nbsp; Device configuration").
	Indented bool
}

// col returns the index of the first header cell whose text, lower-cased, starts with one of the
// given prefixes, or -1.
func (t *table) col(prefixes ...string) int {
	for i, h := range t.Header {
		name := strings.ToLower(h.Text)
		for _, p := range prefixes {
			if strings.HasPrefix(name, p) {
				return i
			}
		}
	}
	return -1
}

// at returns the cell of r in column i, or an empty cell.
func (r row) at(i int) cell {
	if i < 0 || i >= len(r.Cells) {
		return cell{}
	}
	return r.Cells[i]
}

// Primitive Graph (OData) types the builder knows how to map.
var primitiveTypes = map[string]bool{
	"String": true, "Boolean": true, "Int32": true, "Int64": true, "Double": true, "Single": true,
	"Decimal": true, "DateTimeOffset": true, "Date": true, "TimeOfDay": true, "Duration": true,
	"Guid": true, "Binary": true,
}

// TypeRef is the Type column of a property or parameter table.
type TypeRef struct {
	// Name is the Graph type, e.g. "String", "teamworkSoftwareType", "identitySet".
	Name string
	// Collection is true for "X collection" and "Collection(X)".
	Collection bool
}

// Primitive tells whether the type is an OData primitive such as String or DateTimeOffset.
func (t TypeRef) Primitive() bool { return primitiveTypes[t.Name] }

// String gives the type as the docs write it.
func (t TypeRef) String() string {
	if t.Collection {
		return t.Name + " collection"
	}
	return t.Name
}

// Property is one row of a Property|Type|Description or Parameter|Type|Description table.
type Property struct {
	// Name is the JSON name of the property or parameter.
	Name string
	// Type is the Graph type of the Type column.
	Type TypeRef
	// Description is the Description column as plain text.
	Description string
	// Members are the enumeration members the description lists after "Valid types are",
	// "Possible values are" or "The possible values are"; nil when it lists none.
	Members []string
	// Required, Optional, Nullable and NotNullable are set when the description says "Required.",
	// "Optional.", "Nullable." or "Not nullable.".
	Required, Optional, Nullable, NotNullable bool
	// Line is the page line of the row.
	Line int
}

// parsePropertyTable reads a Property|Type|Description table, and its Required column (Yes or No)
// where it has one. It returns ok false for a table of another shape, and an error for a table
// whose first column names properties but which has no Type column.
func parsePropertyTable(t *table) (props []Property, ok bool, err error) {
	nameCol := t.col("property", "parameter", "name")
	typeCol := t.col("type")
	descCol := t.col("description")
	reqCol := t.col("required")
	if nameCol != 0 {
		return nil, false, nil
	}
	if typeCol < 0 {
		return nil, true, fmt.Errorf("line %d: the table has a %s column but no Type column: add a Type column (String, a linked [type](...), 'X collection') after it", t.Line, t.Header[nameCol].Text)
	}
	for _, r := range t.Rows {
		name := strings.Trim(r.at(nameCol).Text, "*` ")
		if name == "" {
			return nil, true, fmt.Errorf("line %d: a row of the property table has no name: fill its first cell", r.Line)
		}
		tr, err := parseTypeCell(r.at(typeCol))
		if err != nil {
			return nil, true, fmt.Errorf("line %d: property %s: %w", r.Line, name, err)
		}
		d := r.at(descCol)
		p := Property{Name: name, Type: tr, Description: d.Text, Line: r.Line}
		p.Members = enumMembers(d)
		for _, s := range sentences(d.Text) {
			switch strings.ToLower(strings.TrimSuffix(s, ".")) {
			case "required":
				p.Required = true
			case "optional":
				p.Optional = true
			case "nullable":
				p.Nullable = true
			case "not nullable":
				p.NotNullable = true
			}
		}
		if reqCol >= 0 {
			switch v := strings.ToLower(strings.TrimSuffix(r.at(reqCol).Text, ".")); v {
			case "yes", "true", "required":
				p.Required = true
			case "no", "false", "optional":
				p.Optional = true
			case "":
			default:
				return nil, true, fmt.Errorf("line %d: property %s: the Required column says %q: write Yes or No", r.Line, name, r.at(reqCol).Text)
			}
		}
		props = append(props, p)
	}
	return props, true, nil
}

// parseTypeCell reads the Type column: "String", "[identitySet](...)", "X collection" or
// "Collection(X)".
func parseTypeCell(c cell) (TypeRef, error) {
	s := c.Text
	if len(c.Links) > 0 {
		rest := strings.TrimSpace(strings.Replace(s, c.Links[0].Text, "", 1))
		s = c.Links[0].Text + " " + rest
	}
	s = strings.TrimSpace(s)
	var tr TypeRef
	if inner, ok := strings.CutPrefix(s, "Collection("); ok {
		s, tr.Collection = strings.TrimSuffix(inner, ")"), true
	}
	if name, ok := strings.CutSuffix(s, " collection"); ok {
		s, tr.Collection = name, true
	}
	s = strings.TrimPrefix(strings.TrimPrefix(s, "microsoft.graph."), "Edm.")
	if !isIdentifier(s) {
		return TypeRef{}, fmt.Errorf("the type %q is not a type name: write a Graph type such as String, DateTimeOffset, a linked [type](...) or 'X collection'", c.Text)
	}
	tr.Name = s
	for name := range primitiveTypes {
		if strings.EqualFold(name, s) {
			// The docs also write the primitives in lower case: "string", "boolean", "int32".
			tr.Name = name
		}
	}
	return tr, nil
}

// isIdentifier tells whether s is a plain type or property name.
func isIdentifier(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		ok := r == '_' || r == '-' || r == '.' || r == '@' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (i > 0 && r >= '0' && r <= '9')
		if !ok {
			return false
		}
	}
	return true
}

// memberIntros are the phrases after which a description lists an enumeration's members.
var memberIntros = []string{"valid types are", "possible values are", "valid values are"}

// enumMembers returns the members a description cell lists after one of memberIntros: its code
// spans after the phrase, or else the comma-separated words after it.
func enumMembers(c cell) []string {
	lower := asciiLower(c.Text)
	at := -1
	for _, p := range memberIntros {
		if i := strings.Index(lower, p); i >= 0 {
			at = i + len(p)
			break
		}
	}
	if at < 0 {
		return nil
	}
	rest := c.Text[at:]
	var out []string
	// Code spans after the phrase: count the backticked spans before it and skip them.
	before := strings.Count(c.Text[:at], "`") / 2
	for i, cs := range c.Codes {
		if i >= before && isIdentifier(cs.Text) {
			out = append(out, cs.Text)
		}
	}
	if len(out) > 0 {
		return out
	}
	rest = strings.TrimLeft(rest, ": ")
	if end := strings.Index(rest, ". "); end >= 0 {
		rest = rest[:end]
	}
	for _, w := range strings.Split(strings.TrimSuffix(rest, "."), ",") {
		w = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(w), "and "))
		w = strings.TrimSpace(strings.TrimPrefix(w, "or "))
		if isIdentifier(w) {
			out = append(out, w)
		}
	}
	return out
}

// sentences splits plain text into sentences at ". ", leaving code spans whole.
func sentences(s string) []string {
	var out []string
	start, inCode := 0, false
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '`':
			inCode = !inCode
		case !inCode && (s[i] == '.' || s[i] == '!' || s[i] == '?') && (i+1 == len(s) || s[i+1] == ' '):
			if t := strings.TrimSpace(s[start : i+1]); t != "" {
				out = append(out, t)
			}
			start = i + 1
		}
	}
	if t := strings.TrimSpace(s[start:]); t != "" {
		out = append(out, t)
	}
	return out
}

// asciiLower lower-cases the ASCII letters of s and leaves every other byte alone, so that an index
// into the result is an index into s (strings.ToLower changes the length of invalid UTF-8).
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
