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
	// Path is the file's path for people and CI annotations, e.g. "features/update_software.feature";
	// empty means URI.
	Path string
	// Scenarios are the scenario names in file order, each example of an outline with its name.
	Scenarios []string
	// Lines are the line of each of Scenarios: its Scenario line, or the row of an outline's example.
	Lines []int
}

// Location is where a scenario is written: a feature file's path and a line in it.
type Location struct {
	Path string
	// Line is 0 when the report does not know the scenario's line.
	Line int
}

// String is "path:line", as compilers and CI annotations write it, or the path alone.
func (l Location) String() string {
	if l.Line == 0 {
		return l.Path
	}
	return fmt.Sprintf("%s:%d", l.Path, l.Line)
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
		lines := astLines(doc.Feature)
		for _, pickle := range gherkin.Pickles(*doc, p, newID) {
			f.Scenarios = append(f.Scenarios, pickle.Name)
			// A pickle's last AST node is its example row, or its scenario when it has none.
			f.Lines = append(f.Lines, lines[pickle.AstNodeIds[len(pickle.AstNodeIds)-1]])
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

// astLines maps the id of each scenario and example row of a feature to its line.
func astLines(feature *messages.Feature) map[string]int {
	lines := map[string]int{}
	addScenario := func(sc *messages.Scenario) {
		if sc == nil {
			return
		}
		lines[sc.Id] = int(sc.Location.Line)
		for _, ex := range sc.Examples {
			for _, row := range ex.TableBody {
				lines[row.Id] = int(row.Location.Line)
			}
		}
	}
	for _, child := range feature.Children {
		addScenario(child.Scenario)
		if child.Rule != nil {
			for _, rc := range child.Rule.Children {
				addScenario(rc.Scenario)
			}
		}
	}
	return lines
}

// location is where the scenario named name of the feature file uri is written, as far as the report
// knows.
func (r Report) location(uri, name string) Location {
	return LocationIn(r.Features, uri, name)
}

// LocationIn is where the scenario named name of the feature file uri is written, as far as features
// say: its file's path and line, or uri alone.
func LocationIn(features []Feature, uri, name string) Location {
	for _, f := range features {
		if f.URI != uri {
			continue
		}
		loc := Location{Path: f.Path}
		if loc.Path == "" {
			loc.Path = uri
		}
		for i, n := range f.Scenarios {
			if n == name && i < len(f.Lines) {
				loc.Line = f.Lines[i]
				break
			}
		}
		return loc
	}
	return Location{Path: uri}
}
