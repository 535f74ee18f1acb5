package report_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/report"
)

func TestFormattersNameTheirFiles(t *testing.T) {
	var got [][2]string
	for _, f := range report.Formatters() {
		got = append(got, [2]string{f.Name(), f.FileName()})
	}
	want := [][2]string{{"junit", "junit.xml"}, {"json", "conformance.json"}, {"html", "report.html"}, {"record", "run.json"}, {"har", "exchanges.har"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("formatters mismatch (-want +got):\n%s", diff)
	}
}

func TestWriteFilesWritesEachFormatToItsFile(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "nested", "reports")
	paths, err := report.WriteFiles(dir, fixedReport(t), report.Formatters()...)
	require.NoError(t, err)
	want := []string{filepath.Join(dir, "junit.xml"), filepath.Join(dir, "conformance.json"), filepath.Join(dir, "report.html"), filepath.Join(dir, "run.json"), filepath.Join(dir, "exchanges.har")}
	if diff := cmp.Diff(want, paths); diff != "" {
		t.Errorf("paths mismatch (-want +got):\n%s", diff)
	}
	for _, p := range paths {
		info, err := os.Stat(p)
		require.NoError(t, err)
		require.Positive(t, info.Size(), p)
	}
}

func TestWriteFilesSaysWhatToDoWhenTheDirectoryIsNotWritable(t *testing.T) {
	file := filepath.Join(t.TempDir(), "a-file")
	require.NoError(t, os.WriteFile(file, nil, 0o600))
	_, err := report.WriteFiles(filepath.Join(file, "reports"), fixedReport(t), report.JUnit{})
	require.ErrorContains(t, err, "choose a writable --reports directory")
}
