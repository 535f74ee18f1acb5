package harness

import (
	"fmt"
	"regexp"
	"strings"
)

// TagsEnv is the environment variable a tag expression is read from when none is given: by `run`
// without --tags and by `go test ./features` without -godog.tags.
const TagsEnv = "GRAPHCONFORM_TAGS"

// TagSyntax is godog's tag-expression syntax, as an error message states it.
const TagSyntax = "godog's tag expressions join tags with && (and) and a comma (or), and negate one with ~ (not): '@upgrade', '@upgrade && ~@mutates', '@upgrade,@updateSoftware'"

// TagExpressionError is a tag expression godog cannot read: it would panic, or match nothing because
// it is written in another syntax.
type TagExpressionError struct {
	// Expression is the expression as given.
	Expression string
	// Problem says what is wrong with it.
	Problem string
}

func (e *TagExpressionError) Error() string {
	return fmt.Sprintf("tag expression %q: %s; %s", e.Expression, e.Problem, TagSyntax)
}

// tagPattern is one tag of godog's syntax: an optional ~, an optional @, a name without spaces or
// operators.
var tagPattern = regexp.MustCompile(`^~?@?[^\s,&~@()!|]+$`)

// cucumberOperators are the words and signs of Cucumber's own tag expressions, which godog does not read.
var cucumberOperators = regexp.MustCompile(`(?i)(^|\s)(and|or|not)(\s|$)|[()!|]`)

// CheckTags returns a *TagExpressionError when expr is not a godog tag expression; the empty
// expression selects every scenario.
func CheckTags(expr string) error {
	if strings.TrimSpace(expr) == "" {
		return nil
	}
	if m := cucumberOperators.FindString(expr); m != "" {
		return &TagExpressionError{Expression: expr, Problem: fmt.Sprintf("%q is Cucumber's syntax, which godog does not read", strings.TrimSpace(m))}
	}
	for _, and := range strings.Split(expr, "&&") {
		for _, tag := range strings.Split(and, ",") {
			tag = strings.TrimSpace(tag)
			switch {
			case tag == "":
				return &TagExpressionError{Expression: expr, Problem: "an operator has no tag on one side"}
			case !tagPattern.MatchString(tag):
				return &TagExpressionError{Expression: expr, Problem: fmt.Sprintf("%q is not a tag (a tag is @name, without spaces)", tag)}
			}
		}
	}
	return nil
}
