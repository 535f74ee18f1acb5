package docspec

import (
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
)

// FuzzReadPage feeds pages to ReadPage, and pages that read to the builder: whatever the input, they
// return an error or a result, never panic. Seeded with every page in spec/docs.
//
//	go test -run '^$' -fuzz FuzzReadPage -fuzztime 60s -fuzzminimizetime 3s ./internal/docspec/
//
// Cap -fuzzminimizetime: each input is built (a few ms), so minimizing an input derived from a
// 5 KB page otherwise keeps both workers busy for the whole run. testdata/fuzz/FuzzReadPage holds
// the inputs that once failed: bc812ae34ae791d3 made enumMembers slice past the end of a cell whose
// invalid UTF-8 strings.ToLower had lengthened.
func FuzzReadPage(f *testing.F) {
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
		_, _ = BuildResult(fstest.MapFS{"fuzz.md": {Data: data}}, Options{})
	})
}
