package cli_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRunRefusesABadTagExpressionAsAUsageError(t *testing.T) {
	for expr, problem := range map[string]string{
		"@upgrade &&":               "an operator has no tag on one side",
		"@upgrade and not @mutates": `"and" is Cucumber's syntax, which godog does not read`,
	} {
		t.Run(expr, func(t *testing.T) {
			code, stdout, stderr := run(t, "run", "--reports", "", "--tags", expr)
			require.Equal(t, 2, code, "stdout:\n%s\nstderr:\n%s", stdout, stderr)
			assert.Contains(t, stderr, `graphconform: --tags: tag expression "`+expr+`": `+problem)
			assert.Contains(t, stderr, "'@upgrade && ~@mutates'", "the syntax expected")
			assert.NotContains(t, stderr+stdout, "goroutine", "no stack trace")
			assert.NotContains(t, stdout, "running against", "refused before anything runs")
		})
	}
}

func TestRunReadsTheTagsFromTheEnvironment(t *testing.T) {
	t.Setenv("GRAPHCONFORM_TAGS", "@upgrade && @negative")
	code, stdout, stderr := run(t, "run", "--reports", "")
	require.Equal(t, 0, code, "stderr:\n%s", stderr)
	assert.Contains(t, stdout, "3 scenarios: 3 passed")

	code, stdout, _ = run(t, "run", "--reports", "", "--tags", "@upgrade")
	require.Equal(t, 0, code)
	assert.NotContains(t, stdout, "3 scenarios: 3 passed", "--tags wins over $GRAPHCONFORM_TAGS")

	t.Setenv("GRAPHCONFORM_TAGS", "@upgrade &&")
	code, _, stderr = run(t, "run", "--reports", "")
	require.Equal(t, 2, code)
	assert.Contains(t, stderr, `tag expression "@upgrade &&"`)
}
