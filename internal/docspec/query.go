package docspec

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// QueryParam is an OData query parameter an API page's `## Optional query parameters` section
// names, e.g. "This method supports the `$top` OData query parameter ...: `$top` takes a whole
// number from 1 to 50."
type QueryParam struct {
	// Name is the parameter as the page writes it, e.g. "$top" or "$skiptoken".
	Name string
	// Description is the sentences that name the parameter, as plain text.
	Description string
	// Minimum and Maximum are the bounds the sentences give ("from 1 to 50", "between 1 and 50",
	// "the maximum value of `$top` is 50", "at least 1"); nil when they give none.
	Minimum, Maximum *int
	// Line is the page line where the section first names the parameter.
	Line int
}

// Type is the JSON schema type of the parameter's value: an integer for $top and $skip, a boolean
// for $count, a string for the others ($skiptoken, $filter, $select, ...), as OData defines them.
func (q QueryParam) Type() string {
	switch strings.ToLower(q.Name) {
	case "$top", "$skip":
		return "integer"
	case "$count":
		return "boolean"
	}
	return "string"
}

// The phrases that give a query parameter's bounds, on lower-cased text without backticks.
var (
	boundRange   = regexp.MustCompile(`\b(?:from|between) (\d+) (?:to|and) (\d+)\b`)
	boundMaximum = regexp.MustCompile(`\b(?:maximum(?: value)?(?: (?:of|for) \S+)? is|at most|up to|no more than) (\d+)\b`)
	boundMinimum = regexp.MustCompile(`\b(?:minimum(?: value)?(?: (?:of|for) \S+)? is|at least|no less than) (\d+)\b`)
)

// isQueryOption tells whether a code span names an OData system query option such as `$top`.
func isQueryOption(s string) bool {
	rest, ok := strings.CutPrefix(s, "$")
	return ok && rest != "" && isIdentifier(rest) && !strings.ContainsAny(rest, ".@-")
}

// parseQueryParameters reads the blocks of an `## Optional query parameters` section: every
// `$option` its paragraphs name in a code span, and every row of a Name|Description table whose
// first cell is one. A section that names none ("This method does not support the OData query
// parameters") gives none.
func parseQueryParameters(blocks []block) ([]QueryParam, error) {
	var out []QueryParam
	index := map[string]int{}
	// say records a sentence about a parameter, and the bounds it gives when bounds is set.
	say := func(name, sentence string, line int, bounds bool) error {
		i, ok := index[name]
		if !ok {
			out = append(out, QueryParam{Name: name, Line: line})
			i = len(out) - 1
			index[name] = i
		}
		q := &out[i]
		text := strings.TrimSpace(stripTicks(sentence))
		if text != "" && !strings.Contains(q.Description, text) {
			q.Description = strings.TrimSpace(q.Description + " " + text)
		}
		if !bounds {
			return nil
		}
		lower := strings.ToLower(text)
		set := func(at **int, what, value string) error {
			n, err := strconv.Atoi(value)
			if err != nil {
				return fmt.Errorf("line %d: the %s of %s, %s, is not a whole number: write it in digits", line, what, name, value)
			}
			if *at != nil && **at != n {
				return fmt.Errorf("line %d: the section gives %s the %s %d and %d: keep one", line, name, what, **at, n)
			}
			*at = &n
			return nil
		}
		if m := boundRange.FindStringSubmatch(lower); m != nil {
			if err := set(&q.Minimum, "minimum", m[1]); err != nil {
				return err
			}
			if err := set(&q.Maximum, "maximum", m[2]); err != nil {
				return err
			}
		}
		if m := boundMaximum.FindStringSubmatch(lower); m != nil {
			if err := set(&q.Maximum, "maximum", m[1]); err != nil {
				return err
			}
		}
		if m := boundMinimum.FindStringSubmatch(lower); m != nil {
			if err := set(&q.Minimum, "minimum", m[1]); err != nil {
				return err
			}
		}
		if q.Minimum != nil && q.Maximum != nil && *q.Minimum > *q.Maximum {
			return fmt.Errorf("line %d: the section gives %s a minimum of %d above its maximum of %d: fix the bounds", line, name, *q.Minimum, *q.Maximum)
		}
		return nil
	}
	for _, b := range blocks {
		switch b.Kind {
		case paragraphBlock:
			if b.Quote {
				continue
			}
			for _, s := range sentences(b.Text) {
				var named []string
				line := b.Line
				for _, cs := range spansIn(s, b.Codes) {
					if isQueryOption(cs.Text) && !slices.Contains(named, cs.Text) {
						if len(named) == 0 {
							line = cs.Line
						}
						named = append(named, cs.Text)
					}
				}
				// A bound belongs to one parameter: a sentence naming several describes each but
				// bounds none.
				for _, name := range named {
					if err := say(name, s, line, len(named) == 1); err != nil {
						return nil, err
					}
				}
			}
		case tableBlock:
			nameCol := b.Table.col("name", "parameter")
			descCol := b.Table.col("description")
			if nameCol < 0 {
				continue
			}
			for _, r := range b.Table.Rows {
				name := strings.Trim(r.at(nameCol).Text, "` ")
				if !isQueryOption(name) {
					continue
				}
				if err := say(name, r.at(descCol).Text, r.Line, true); err != nil {
					return nil, err
				}
			}
		}
	}
	return out, nil
}
