package harness_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/graphconform/graphconform/internal/harness"
)

// FuzzCheckTags: a tag expression is accepted, or refused with a *TagExpressionError that names it;
// what is accepted holds no operator godog does not read.
func FuzzCheckTags(f *testing.F) {
	for _, s := range []string{"", "@upgrade", "@upgrade && ~@mutates", "@a,@b", "@a and @b", "(@a)", "@a &&", "~", "@a|@b", "@a && ,"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, expr string) {
		err := harness.CheckTags(expr)
		if err == nil {
			if strings.ContainsAny(expr, "()!|") {
				t.Fatalf("CheckTags accepted %q, which holds Cucumber's operators", expr)
			}
			return
		}
		var tagErr *harness.TagExpressionError
		if !errors.As(err, &tagErr) || tagErr.Expression != expr || tagErr.Problem == "" {
			t.Fatalf("CheckTags(%q) = %v, not a TagExpressionError naming the expression", expr, err)
		}
	})
}
