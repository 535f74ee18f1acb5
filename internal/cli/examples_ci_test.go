package cli

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"
)

// ciTemplates are the CI templates of examples/ci, from this package's directory.
var ciTemplates = []string{"../../examples/ci/github-actions.yml", "../../examples/ci/gitlab-ci.yml"}

// shellCommands collects every shell line of a CI file: the run: of GitHub steps and the
// before_script:/script: lists of GitLab jobs, wherever they are in the tree.
func shellCommands(node *yaml.Node, into *[]string) {
	switch node.Kind {
	case yaml.DocumentNode, yaml.SequenceNode:
		for _, n := range node.Content {
			shellCommands(n, into)
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(node.Content); i += 2 {
			key, value := node.Content[i].Value, node.Content[i+1]
			switch {
			case key == "run" && value.Kind == yaml.ScalarNode:
				*into = append(*into, value.Value)
			case (key == "script" || key == "before_script") && value.Kind == yaml.SequenceNode:
				for _, line := range value.Content {
					*into = append(*into, line.Value)
				}
			default:
				shellCommands(value, into)
			}
		}
	}
}

// shellWords splits a shell line into words: quotes group, backslash-newline joins lines, and the
// separators ; && || | end a command (returned as their own words).
func shellWords(line string) []string {
	line = strings.ReplaceAll(line, "\\\n", " ")
	var words []string
	var word strings.Builder
	inWord := false
	var quote rune
	flush := func() {
		if inWord {
			words = append(words, word.String())
			word.Reset()
			inWord = false
		}
	}
	for _, r := range line {
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			} else {
				word.WriteRune(r)
			}
		case r == '"' || r == '\'':
			quote, inWord = r, true
		case r == ' ' || r == '\t' || r == '\n':
			flush()
		case r == ';' || r == '|' || r == '&':
			flush()
			words = append(words, string(r))
		default:
			word.WriteRune(r)
			inWord = true
		}
	}
	flush()
	return words
}

// graphconformCalls returns the arguments of every graphconform command in the shell lines.
func graphconformCalls(lines []string) [][]string {
	var calls [][]string
	for _, line := range lines {
		words := shellWords(line)
		for i, w := range words {
			if w != "graphconform" {
				continue
			}
			var args []string
			for _, a := range words[i+1:] {
				if a == ";" || a == "|" || a == "&" {
					break
				}
				args = append(args, a)
			}
			calls = append(calls, args)
		}
	}
	return calls
}

func TestTheCITemplatesRunOnlyGraphconformsOwnCommandsAndFlags(t *testing.T) {
	seen := map[string]bool{}
	for _, path := range ciTemplates {
		t.Run(filepath.Base(path), func(t *testing.T) {
			data, err := os.ReadFile(path)
			require.NoError(t, err)
			var doc yaml.Node
			require.NoError(t, yaml.Unmarshal(data, &doc), "the template is YAML")
			var lines []string
			shellCommands(&doc, &lines)
			calls := graphconformCalls(lines)
			require.NotEmpty(t, calls, "the template runs graphconform")
			for _, args := range calls {
				root := newRootCommand(io.Discard, io.Discard)
				cmd, rest, err := root.Find(args)
				require.NoError(t, err, "graphconform %s", strings.Join(args, " "))
				require.NotEqual(t, root, cmd, "graphconform %s names a subcommand", strings.Join(args, " "))
				require.NoError(t, cmd.ParseFlags(rest), "graphconform %s: every flag is one of %s's", strings.Join(args, " "), cmd.Name())
				gated, err := gatedCommand(cmd, cmd.Flags().Args())
				require.NoError(t, err, "graphconform %s", strings.Join(args, " "))
				seen[cmd.Name()] = true
				if cmd.Name() == "serve" {
					assert.Equal(t, []string{"npm", "test"}, gated, "the gate runs the client's tests")
					strict, _ := cmd.Flags().GetBool("strict")
					assert.True(t, strict, "the gate is strict")
					junit, _ := cmd.Flags().GetString("violations-junit")
					assert.NotEmpty(t, junit, "the violations are published")
				}
				if cmd.Name() == "run" {
					target, _ := cmd.Flags().GetString("target")
					assert.NotEmpty(t, target, "the suite runs against the vendor endpoint")
					reports, _ := cmd.Flags().GetString("reports")
					assert.Equal(t, "reports", reports, "junit.xml and report.html are written where the template publishes them")
				}
			}
			assert.Contains(t, string(data), "reports/junit.xml")
			assert.Contains(t, string(data), "reports/report.html")
			assert.NotContains(t, string(data), "--token", "the token comes from the CI's secret store through $GRAPHCONFORM_TOKEN, never a command line")
		})
	}
	assert.True(t, seen["serve"] && seen["run"], "the templates gate a client and run the suite: %v", seen)
}

func TestShellWordsSplitsLikeAShell(t *testing.T) {
	assert.Equal(t, []string{"a", "b c", "d", "&", "&", "e", "$X"}, shellWords(`a "b c" \`+"\n"+`d && e '$X'`))
}
