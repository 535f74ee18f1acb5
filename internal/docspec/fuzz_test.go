package docspec

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
)

// FuzzReadPage feeds pages to ReadPage, and pages that read to the rest of the builder: whatever
// the input, they return an error or a result, never panic. Seeded with every page in spec/docs.
//
//	go test -run '^$' -fuzz FuzzReadPage -fuzztime 60s ./internal/docspec/
//
// testdata/fuzz/FuzzReadPage holds the inputs that once failed: bc812ae34ae791d3 made enumMembers
// slice past the end of a cell whose invalid UTF-8 strings.ToLower had lengthened.
func FuzzReadPage(f *testing.F) {
	boundMinimization(f, minimizeBudget)
	files, err := filepath.Glob(filepath.Join(docsDir, "*.md"))
	if err != nil {
		f.Fatal(err)
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(minimalPage))
	f.Add([]byte("---\n---\n# t\n"))
	f.Add([]byte("---\ndoc_type: apiPageType\n---\n# a: b\n## HTTP request\n```\nGET /{x|}\n```\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := ReadPage("fuzz.md", data)
		if err != nil {
			return
		}
		if p.Name != "fuzz.md" || p.Title == "" {
			t.Fatalf("a page that reads has its name and title: %q %q", p.Name, p.Title)
		}
		res, err := buildPages([]*Page{p}, Options{})
		if err == nil && len(res.YAML) == 0 {
			t.Fatal("a page that builds gives a description")
		}
	})
}

// minimizeBudget is how long the fuzzing engine may minimize each input FuzzReadPage finds, unless
// -fuzzminimizetime says otherwise.
//
// Go's minimizer tries every byte range of an input that reached new code (a pass quadratic in
// its length) until the input stops reaching it or the budget runs out, 60 seconds by default.
// FuzzReadPage's inputs are whole pages of 1 to 7 KB whose every byte may matter to the builder,
// and each run reads and builds one (about a millisecond, more under -race or load): every input
// that reaches new code used the whole minute of its worker, and early in a run, when most inputs
// do, fuzzing all but stopped after the first few hundred executions. A few seconds shorten the
// inputs kept in the cache by most of what can be cut and keep the workers fuzzing.
const minimizeBudget = "3s"

// boundMinimization sets -test.fuzzminimizetime to budget when fuzzing and the command line does
// not set it.
func boundMinimization(f *testing.F, budget string) {
	fuzzing, given := false, false
	flag.Visit(func(fl *flag.Flag) {
		switch fl.Name {
		case "test.fuzz":
			fuzzing = fl.Value.String() != ""
		case "test.fuzzminimizetime":
			given = true
		}
	})
	if !fuzzing || given {
		return
	}
	if err := flag.Set("test.fuzzminimizetime", budget); err != nil {
		f.Fatalf("bound the minimization: %v", err)
	}
}
