package report_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/conformance"
	"github.com/graphconform/graphconform/internal/report"
)

// contractRuleIDs reads the values of internal/contract's Rule* constants from its source, so that a
// rule added there without a description here fails this test.
func contractRuleIDs(t *testing.T) []string {
	t.Helper()
	names, err := filepath.Glob(filepath.Join("..", "contract", "*.go"))
	require.NoError(t, err)
	var ids []string
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(token.NewFileSet(), name, nil, 0)
		require.NoError(t, err)
		ids = append(ids, ruleConstants(t, file)...)
	}
	require.NotEmpty(t, ids, "found no Rule* constant in internal/contract")
	sort.Strings(ids)
	return ids
}

// ruleConstants returns the string values of the file's constants named Rule*.
func ruleConstants(t *testing.T, file *ast.File) []string {
	t.Helper()
	var ids []string
	for _, decl := range file.Decls {
		gen, ok := decl.(*ast.GenDecl)
		if !ok || gen.Tok != token.CONST {
			continue
		}
		for _, spec := range gen.Specs {
			vs := spec.(*ast.ValueSpec)
			for i, name := range vs.Names {
				if !strings.HasPrefix(name.Name, "Rule") || i >= len(vs.Values) {
					continue
				}
				if lit, ok := vs.Values[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
					id, err := strconv.Unquote(lit.Value)
					require.NoError(t, err)
					ids = append(ids, id)
				}
			}
		}
	}
	return ids
}

func TestRulesCatalogueEveryRuleOfTheContractAndOfConformance(t *testing.T) {
	bySource := map[string][]string{}
	seen := map[string]bool{}
	for _, r := range report.Rules() {
		if seen[r.ID] {
			t.Errorf("rule %q is listed twice", r.ID)
		}
		seen[r.ID] = true
		if r.Description == "" || r.Level == "" {
			t.Errorf("rule %q has no description or level", r.ID)
		}
		bySource[r.Source] = append(bySource[r.Source], r.ID)
	}
	sort.Strings(bySource[report.SourceContract])
	var exchange, scenario []string
	for _, r := range conformance.Rules() {
		exchange = append(exchange, r.ID)
	}
	for _, e := range conformance.Expectations() {
		scenario = append(scenario, e.ID)
	}
	want := map[string][]string{
		report.SourceContract: contractRuleIDs(t),
		report.SourceExchange: exchange,
		report.SourceScenario: scenario,
	}
	if diff := cmp.Diff(want, bySource); diff != "" {
		t.Errorf("rule catalogue mismatch (-want +got); describe a new contract rule in internal/report/rules.go:\n%s", diff)
	}
}
