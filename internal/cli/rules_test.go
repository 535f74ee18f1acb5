package cli_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/rules"
)

func TestRulesListsTheCatalogueOneRuleALine(t *testing.T) {
	code, stdout, stderr := run(t, "rules")
	require.Equal(t, 0, code, stderr)
	lines := strings.Split(strings.TrimRight(stdout, "\n"), "\n")
	require.Len(t, lines, len(rules.All())+1, "a header and a line per rule")
	assert.Regexp(t, `^ID\s+LEVEL\s+SIDE\s+SOURCE\s+OPERATION\s+DOC\s+DESCRIPTION$`, lines[0])
	for i, r := range rules.All() {
		assert.Regexp(t, `^`+r.ID.String()+`\s+`+string(r.Level)+`\s+`+string(r.Side)+`\s+`+string(r.Source)+`\s`, lines[i+1])
	}
	assert.Regexp(t, `(?m)^client-honours-retry-after\s+error\s+client\s+traffic\s+\*\s+spec/docs/errors\.md:23\s+After a 429`, stdout)
	assert.Regexp(t, `(?m)^patch-echoes-request\s+error\s+server\s+exchange\s+windowsUpdateState\.update\s+spec/docs/intune-deviceconfig-windowsupdatestate-update\.md:73\s`, stdout)
}

func TestRulesJSONIsTheCatalogue(t *testing.T) {
	code, stdout, stderr := run(t, "rules", "--json")
	require.Equal(t, 0, code, stderr)
	type doc struct {
		Page string `json:"page"`
		Line int    `json:"line"`
	}
	type rule struct {
		ID          string `json:"id"`
		Level       string `json:"level"`
		Side        string `json:"side"`
		Source      string `json:"source"`
		Operation   string `json:"operation"`
		Description string `json:"description"`
		Doc         doc    `json:"doc"`
	}
	var got []rule
	require.NoError(t, json.Unmarshal([]byte(stdout), &got), stdout)
	var want []rule
	for _, r := range rules.All() {
		want = append(want, rule{r.ID.String(), string(r.Level), string(r.Side), string(r.Source), r.Operation, r.Description, doc{r.Doc.Page, r.Doc.Line}})
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rules --json (-want +got):\n%s", diff)
	}
	assert.Contains(t, stdout, `"id": "request-authenticated"`)
}

func TestRulesRefusesArguments(t *testing.T) {
	code, _, stderr := run(t, "rules", "extra")
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "unknown command")
}
