package report

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Formatter writes one report file from a Report.
type Formatter interface {
	// Name is the format's short name, e.g. "junit".
	Name() string
	// FileName is the name of the file the format is written to, e.g. "junit.xml".
	FileName() string
	// Format writes the report to w.
	Format(w io.Writer, r Report) error
}

// Formatters returns every report file format: junit, json, html, the run's record and har.
func Formatters() []Formatter {
	return []Formatter{JUnit{}, JSON{}, HTML{}, Record{}, HAR{}}
}

// WriteFiles writes r in each format to its file in dir and returns the paths written. A file is
// written whole or not at all: each format renders in memory first.
func WriteFiles(dir string, r Report, formats ...Formatter) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create the report directory %s: %w; choose a writable --reports directory", dir, err)
	}
	paths := make([]string, 0, len(formats))
	for _, f := range formats {
		var buf bytes.Buffer
		if err := f.Format(&buf, r); err != nil {
			return paths, fmt.Errorf("render the %s report: %w", f.Name(), err)
		}
		path := filepath.Join(dir, f.FileName())
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			return paths, fmt.Errorf("write the %s report: %w; check that %s is writable", f.Name(), err, dir)
		}
		paths = append(paths, path)
	}
	return paths, nil
}
