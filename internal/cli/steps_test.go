package cli_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/steps"
)

func TestStepsListsTheVocabularyWithAnExampleOfEach(t *testing.T) {
	code, stdout, stderr := run(t, "steps")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, "^the response status is (\\d{3})$\n    Then the response status is 204    # app_upgrade.feature:11\n")
	assert.Contains(t, stdout, "^I request a software update with the body:$\n    When I request a software update with the body: + a doc string")
	for _, pattern := range steps.Vocabulary(steps.BuiltinAPIs()) {
		assert.Contains(t, stdout, pattern+"\n    ", "every step is listed")
	}
	assert.NotContains(t, stdout, "no example", "every step of the vocabulary is used by a built-in scenario")
	assert.Equal(t, 2*len(steps.Vocabulary(steps.BuiltinAPIs())), strings.Count(stdout, "\n"), "a pattern line and an example line each")
}
