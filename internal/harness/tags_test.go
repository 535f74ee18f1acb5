package harness_test

import (
	"context"
	"errors"
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/harness"
	"github.com/graphconform/graphconform/internal/mockgraph"
	"github.com/graphconform/graphconform/internal/target"
)

func TestCheckTagsAcceptsGodogsSyntax(t *testing.T) {
	for _, expr := range []string{"", "@upgrade", "upgrade", "@upgrade && ~@mutates", "@upgrade,@updateSoftware", "~@mock-only", " @a && @b , ~@c "} {
		assert.NoError(t, harness.CheckTags(expr), expr)
	}
}

func TestCheckTagsRefusesWhatGodogCannotRead(t *testing.T) {
	for expr, problem := range map[string]string{
		"@upgrade &&":               "an operator has no tag on one side",
		"&& @upgrade":               "an operator has no tag on one side",
		"@upgrade,":                 "an operator has no tag on one side",
		"~":                         `"~" is not a tag`,
		"@upgrade and not @mutates": `"and" is Cucumber's syntax, which godog does not read`,
		"not @mutates":              `"not" is Cucumber's syntax`,
		"(@upgrade)":                `"(" is Cucumber's syntax`,
		"@up grade":                 `"@up grade" is not a tag`,
	} {
		err := harness.CheckTags(expr)
		var tagErr *harness.TagExpressionError
		require.True(t, errors.As(err, &tagErr), "%q: want a *TagExpressionError, got %v", expr, err)
		assert.Equal(t, expr, tagErr.Expression)
		assert.Contains(t, err.Error(), problem, expr)
		assert.Contains(t, err.Error(), "'@upgrade && ~@mutates'", "the error states the syntax expected")
	}
}

func TestRunRefusesABadTagExpressionBeforeGodogPanics(t *testing.T) {
	validator := newValidator(t)
	_, err := harness.Run(context.Background(), harness.Options{
		Target:    &target.Embedded{Seed: mockgraph.DefaultSeed(), Validator: validator},
		Validator: validator,
		Tags:      "@upgrade &&",
		Output:    io.Discard,
	})
	var tagErr *harness.TagExpressionError
	require.ErrorAs(t, err, &tagErr)
}
