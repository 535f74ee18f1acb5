package suite

import (
	"errors"
	"fmt"
	"io/fs"
	"sync/atomic"
	"testing"

	"github.com/cucumber/godog"
)

// RunOptions say which scenarios Run runs, and with which steps of your own.
type RunOptions struct {
	// Paths are the .feature files or folders to run, read from FS when it is set; empty means
	// "features".
	Paths []string
	// FS, when set, holds the feature files (e.g. an embed.FS).
	FS fs.FS
	// Tags is a godog tag expression selecting scenarios, e.g. "@upgrade && ~@slow"; empty runs all.
	Tags string
	// Steps registers steps of your own, after graphconform's.
	Steps func(*godog.ScenarioContext)
	// Concurrency is how many scenarios run at once; 0 means 2.
	Concurrency int
	// Format is godog's output format; empty means "pretty".
	Format string
}

// Run runs the scenarios as subtests of t with graphconform's steps and o.Steps, strictly (an
// undefined or pending step fails its scenario), and returns an error when a scenario failed or when
// none ran: a path without .feature files, or tags that match nothing, would otherwise pass.
func (s *Suite) Run(t *testing.T, o RunOptions) error {
	paths := o.Paths
	if len(paths) == 0 {
		paths = []string{"features"}
	}
	concurrency := o.Concurrency
	if concurrency <= 0 {
		concurrency = 2
	}
	format := o.Format
	if format == "" {
		format = "pretty"
	}
	var scenarios atomic.Int64
	status := godog.TestSuite{
		ScenarioInitializer: func(sc *godog.ScenarioContext) {
			scenarios.Add(1)
			s.InitializeScenario(sc)
			if o.Steps != nil {
				o.Steps(sc)
			}
		},
		Options: &godog.Options{Format: format, Paths: paths, FS: o.FS, Tags: o.Tags, Strict: true, Concurrency: concurrency, NoColors: true, TestingT: t},
	}.Run()
	switch {
	case status != 0:
		return fmt.Errorf("the scenarios failed against %s (godog status %d): each failed step says why above", s.Target(), status)
	case scenarios.Load() == 0:
		if o.Tags != "" {
			return fmt.Errorf("no scenario of %v matched the tags %q: nothing was checked", paths, o.Tags)
		}
		return errors.New("no scenario found in " + fmt.Sprint(paths) + ": nothing was checked; point Paths at .feature files or folders holding them")
	}
	return nil
}
