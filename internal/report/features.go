package report

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"sort"

	gherkin "github.com/cucumber/gherkin/go/v26"
	messages "github.com/cucumber/messages/go/v21"
)

// Feature is what the reports know of one feature file beyond the run: its title and the order of its
// scenarios.
type Feature struct {
	// URI is the file's path as the run's scenarios name it, e.g. "update_software.feature".
	URI string
	// Name is the title after "Feature:".
	Name string
	// Scenarios are the scenario names in file order, each example of an outline with its name.
	Scenarios []string
}

// FeaturesFromFS reads the *.feature files of fsys, as godog does when given the path ".".
func FeaturesFromFS(fsys fs.FS) ([]Feature, error) {
	var out []Feature
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
			return fmt.Errorf("parse %s: %w; fix its Gherkin", p, err)
		}
		if doc.Feature == nil {
			return nil
		}
		f := Feature{URI: p, Name: doc.Feature.Name}
		for _, pickle := range gherkin.Pickles(*doc, p, newID) {
			f.Scenarios = append(f.Scenarios, pickle.Name)
		}
		out = append(out, f)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read the feature files: %w", err)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].URI < out[j].URI })
	return out, nil
}
