package cli

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"
)

// junitReports collects what a CI file shows as test results: GitHub's action-junit-report
// report_paths and GitLab's artifacts:reports:junit.
func junitReports(node *yaml.Node, into *[]string) {
	switch node.Kind {
	case yaml.DocumentNode, yaml.SequenceNode:
		for _, n := range node.Content {
			junitReports(n, into)
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(node.Content); i += 2 {
			key, value := node.Content[i].Value, node.Content[i+1]
			switch {
			case (key == "report_paths" || key == "junit") && value.Kind == yaml.ScalarNode:
				*into = append(*into, strings.Fields(value.Value)...)
			case key == "junit" && value.Kind == yaml.SequenceNode:
				for _, n := range value.Content {
					*into = append(*into, n.Value)
				}
			default:
				junitReports(value, into)
			}
		}
	}
}

func TestTheCITemplatesShowTheGatesViolationsAsTestResults(t *testing.T) {
	for _, path := range ciTemplates {
		data, err := os.ReadFile(path)
		require.NoError(t, err)
		var doc yaml.Node
		require.NoError(t, yaml.Unmarshal(data, &doc))
		var reports []string
		junitReports(&doc, &reports)
		assert.Contains(t, reports, "reports/violations.xml", "%s shows the violations JUnit beside the tests", path)
	}
}
