package cli

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"path"
	"regexp"
	"strings"

	gherkin "github.com/cucumber/gherkin/go/v26"
	messages "github.com/cucumber/messages/go/v21"
	"github.com/spf13/cobra"

	"github.com/graphconform/graphconform/features"
	"github.com/graphconform/graphconform/steps"
)

func newStepsCommand(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "steps",
		Short: "List the steps a .feature file may use, each with an example from graphconform's own features",
		Long: `List the step vocabulary: every step pattern a scenario may use with 'graphconform run --features',
in the order they are matched, each with a step of graphconform's own features that uses it.`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			examples, err := stepExamples(features.FS)
			if err != nil {
				return err
			}
			return printVocabulary(stdout, steps.Vocabulary(steps.BuiltinAPIs()), examples)
		},
	}
}

// stepExample is a step of a feature file: its keyword and text as a scenario would write it, and
// where it is.
type stepExample struct {
	text     string // e.g. "Then the response status is 202"
	argument string // "" or a note on its doc string or table
	where    string // file:line
}

// printVocabulary writes each pattern with the first example that matches it.
func printVocabulary(w io.Writer, patterns []string, examples []stepExample) error {
	for _, pattern := range patterns {
		re, err := regexp.Compile(pattern)
		if err != nil {
			return fmt.Errorf("step pattern %q does not compile: %w", pattern, err)
		}
		fmt.Fprintln(w, pattern)
		found := false
		for _, ex := range examples {
			_, text, _ := strings.Cut(ex.text, " ")
			if re.MatchString(text) {
				fmt.Fprintf(w, "    %s%s    # %s\n", ex.text, ex.argument, ex.where)
				found = true
				break
			}
		}
		if !found {
			fmt.Fprintln(w, "    (no example in graphconform's features)")
		}
	}
	return nil
}

// stepExamples reads every step of the feature files of fsys, in file order.
func stepExamples(fsys fs.FS) ([]stepExample, error) {
	var out []stepExample
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(p) != ".feature" {
			return err
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		newID := (&messages.Incrementing{}).NewId
		doc, err := gherkin.ParseGherkinDocument(bytes.NewReader(data), newID)
		if err != nil {
			return fmt.Errorf("parse %s: %w", p, err)
		}
		if doc.Feature == nil {
			return nil
		}
		lines := map[string]int64{}
		collectStepLines(doc.Feature.Children, lines)
		for _, pickle := range gherkin.Pickles(*doc, p, newID) {
			for _, st := range pickle.Steps {
				ex := stepExample{text: keyword(st.Type) + " " + st.Text, where: fmt.Sprintf("%s:%d", p, lines[st.AstNodeIds[0]])}
				switch {
				case st.Argument != nil && st.Argument.DocString != nil:
					ex.argument = " + a doc string"
				case st.Argument != nil && st.Argument.DataTable != nil:
					ex.argument = " + a table"
				}
				out = append(out, ex)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read the feature files: %w", err)
	}
	return out, nil
}

// collectStepLines maps the id of every step of children to its line.
func collectStepLines(children []*messages.FeatureChild, lines map[string]int64) {
	add := func(list []*messages.Step) {
		for _, st := range list {
			lines[st.Id] = st.Location.Line
		}
	}
	for _, c := range children {
		switch {
		case c.Background != nil:
			add(c.Background.Steps)
		case c.Scenario != nil:
			add(c.Scenario.Steps)
		case c.Rule != nil:
			for _, rc := range c.Rule.Children {
				if rc.Background != nil {
					add(rc.Background.Steps)
				}
				if rc.Scenario != nil {
					add(rc.Scenario.Steps)
				}
			}
		}
	}
}

// keyword is the Gherkin keyword of a step's type.
func keyword(t messages.PickleStepType) string {
	switch t {
	case messages.PickleStepType_CONTEXT:
		return "Given"
	case messages.PickleStepType_ACTION:
		return "When"
	case messages.PickleStepType_OUTCOME:
		return "Then"
	}
	return "*"
}
