package docspec

import (
	"fmt"
	"slices"
	"strings"
)

// Permissions are the scopes of a page's permissions table, least privileged first.
type Permissions struct {
	// Delegated are the delegated (work or school account) permissions.
	Delegated []string
	// Application are the application permissions.
	Application []string
	// Personal are the delegated (personal Microsoft account) permissions; usually none.
	Personal []string
	// Line is the page line of the table.
	Line int
}

// All returns every permission once, delegated ones first, in order.
func (p Permissions) All() []string {
	var out []string
	for _, s := range [][]string{p.Delegated, p.Application} {
		for _, v := range s {
			if !slices.Contains(out, v) {
				out = append(out, v)
			}
		}
	}
	return out
}

// parsePermissions reads a permissions table in any of the docs' three shapes: one column "from
// least to most privileged", one column "from most to least privileged" (reversed here), or
// "Least privileged permissions" and "Higher privileged permissions" columns. Intune's sub-rows
// ("&nbsp; &nbsp; Device configuration") belong to the permission type row above them.
func parsePermissions(t *table) (Permissions, error) {
	p := Permissions{Line: t.Line}
	if t.col("permission type") != 0 {
		return p, fmt.Errorf("line %d: the permissions table must start with a 'Permission type' column", t.Line)
	}
	least := t.col("least privileged")
	higher := t.col("higher privileged")
	single := t.col("permissions")
	reverse := false
	if least < 0 {
		if single < 0 {
			return p, fmt.Errorf("line %d: the permissions table has no permissions column: name it 'Permissions (from least to most privileged)' or use 'Least privileged permissions' and 'Higher privileged permissions'", t.Line)
		}
		reverse = strings.Contains(strings.ToLower(t.Header[single].Text), "most to least")
	}
	var current *[]string
	for _, r := range t.Rows {
		label := strings.ToLower(strings.TrimSpace(r.at(0).Text))
		switch {
		case strings.HasPrefix(label, "delegated (work or school"):
			current = &p.Delegated
		case strings.HasPrefix(label, "delegated (personal"):
			current = &p.Personal
		case label == "application" || strings.HasPrefix(label, "application "):
			current = &p.Application
		case current == nil:
			return p, fmt.Errorf("line %d: %q is not a permission type: use 'Delegated (work or school account)', 'Delegated (personal Microsoft account)' or 'Application'", r.Line, r.at(0).Text)
		}
		var scopes []string
		if least >= 0 {
			scopes = append(splitScopes(r.at(least).Text), splitScopes(r.at(higher).Text)...)
		} else {
			scopes = splitScopes(r.at(single).Text)
			if reverse {
				slices.Reverse(scopes)
			}
		}
		for _, s := range scopes {
			if !slices.Contains(*current, s) {
				*current = append(*current, s)
			}
		}
	}
	return p, nil
}

// splitScopes splits a permissions cell at commas; "Not supported." and "Not available." give none.
func splitScopes(s string) []string {
	var out []string
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" || strings.HasPrefix(strings.ToLower(part), "not ") {
			continue
		}
		out = append(out, part)
	}
	return out
}
