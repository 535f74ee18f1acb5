package rules_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/rules"
)

var kebabCase = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

func TestEveryRuleIsKebabCaseDescribedAndPlaced(t *testing.T) {
	all := rules.All()
	require.NotEmpty(t, all)
	for _, r := range all {
		name := r.ID.String()
		assert.Regexp(t, kebabCase, name, "rule IDs are kebab-case")
		assert.NotEmpty(t, r.Description, "rule %s has no description", name)
		assert.Contains(t, []rules.Level{rules.Error, rules.Warning}, r.Level, "rule %s", name)
		assert.Contains(t, []rules.Side{rules.Server, rules.Client}, r.Side, "rule %s", name)
		assert.Contains(t, []rules.Source{rules.Contract, rules.Exchange, rules.Scenario, rules.Traffic}, r.Source, "rule %s", name)
		assert.Equal(t, r.Source == rules.Exchange, r.Check != nil, "rule %s: exchange rules, and only they, carry a Check", name)
		got, ok := rules.Lookup(name)
		assert.True(t, ok, "Lookup(%q)", name)
		assert.Equal(t, r.ID, got.ID)
	}
}

// TestEveryDocIsAPageOfTheRepository reads each rule's doc: the page exists and its line, when given,
// holds text.
func TestEveryDocIsAPageOfTheRepository(t *testing.T) {
	root := filepath.Join("..", "..")
	for _, r := range rules.All() {
		data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(r.Doc.Page)))
		if !assert.NoError(t, err, "rule %s names doc page %q", r.ID, r.Doc.Page) {
			continue
		}
		if r.Doc.Line == 0 {
			continue
		}
		lines := strings.Split(string(data), "\n")
		if assert.LessOrEqual(t, r.Doc.Line, len(lines), "rule %s: %s has %d lines", r.ID, r.Doc.Page, len(lines)) {
			assert.NotEmpty(t, strings.TrimSpace(lines[r.Doc.Line-1]), "rule %s: line %s is blank", r.ID, r.Doc)
		}
	}
}

func TestAnIDIsWrittenAsItsNameAndReadOnlyFromTheCatalogue(t *testing.T) {
	data, err := json.Marshal(struct{ Rule rules.ID }{rules.ResponseStatusDeclared})
	require.NoError(t, err)
	assert.JSONEq(t, `{"Rule":"response-status-declared"}`, string(data))

	var back struct{ Rule rules.ID }
	require.NoError(t, json.Unmarshal(data, &back))
	assert.Equal(t, rules.ResponseStatusDeclared, back.Rule)

	err = json.Unmarshal([]byte(`{"Rule":"response-status-made-up"}`), &back)
	require.ErrorContains(t, err, `rule "response-status-made-up" is not in graphconform's catalogue`)

	_, err = json.Marshal(struct{ Rule rules.ID }{})
	require.ErrorContains(t, err, "a finding without a rule ID")
}

func TestLookupRefusesANameTheCatalogueLacks(t *testing.T) {
	_, ok := rules.Lookup("no-such-rule")
	assert.False(t, ok)
	assert.Equal(t, rules.Rule{}, rules.Of(rules.ID{}))
}

func TestExchangeRulesKeepToTheirOperation(t *testing.T) {
	names := func(operation string) []string {
		var out []string
		for r := range rules.ExchangeRules(operation) {
			out = append(out, r.ID.String())
		}
		return out
	}
	assert.Equal(t, []string{"no-content-has-no-body", "patch-echoes-request", "operation-error-only-when-failed", "retry-after-format", "throttled-carries-retry-after", "throttled-error-code", "request-id-header", "patch-echo-carries-identity", "resource-odata-type", "no-redirect", "response-body-within-limit"}, names("windowsUpdateState.update"))
	assert.Equal(t, []string{"no-content-has-no-body", "operation-status-vocabulary", "operation-error-only-when-failed", "retry-after-format", "throttled-carries-retry-after", "throttled-error-code", "request-id-header", "operation-carries-its-id", "resource-odata-type", "no-redirect", "response-body-within-limit"}, names("teamworkDevice.getOperation"))
	assert.Equal(t, []string{"no-content-has-no-body", "accepted-has-no-body", "operation-error-only-when-failed", "retry-after-format", "throttled-carries-retry-after", "throttled-error-code", "request-id-header", "location-names-device-operation", "resource-odata-type", "no-redirect", "response-body-within-limit"}, names("teamworkDevice.updateSoftware"))
	assert.Equal(t, []string{"no-content-has-no-body", "operation-error-only-when-failed", "retry-after-format", "throttled-carries-retry-after", "throttled-error-code", "request-id-header", "resource-odata-type", "no-redirect", "response-body-within-limit"}, names("userScopeTeamsAppInstallation.upgrade"))
}
