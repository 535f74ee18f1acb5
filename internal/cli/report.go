package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/graphconform/graphconform/internal/contract"
	"github.com/graphconform/graphconform/internal/harness"
	"github.com/graphconform/graphconform/internal/report"
)

func newReportCommand(stdout io.Writer) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "report",
		Short: "Work with report directories: merge the shards of a split run",
	}
	cmd.AddCommand(newReportMergeCommand(stdout))
	return cmd
}

func newReportMergeCommand(stdout io.Writer) *cobra.Command {
	var out string
	cmd := &cobra.Command{
		Use:   "merge --out DIR DIR...",
		Short: "Join the reports of the shards of one run (run --shard I/N) into the reports of the whole",
		Long: `merge reads the run.json each shard's run wrote to its report directory and writes the reports of
the whole run to --out: junit.xml, conformance.json, report.html and run.json rendered from every
shard's scenarios, and the shards' cucumber.json joined. A scenario that ran in two shards, shards
that checked different descriptions or targets, and a shard without the cucumber.json the others have
are an error. It exits 1 when the merged run is not conformant, 2 when it is inconclusive (cut short,
or the target never answered).`,
		Example: `  graphconform run --shard 1/2 --reports shard-1    # one CI job
  graphconform run --shard 2/2 --reports shard-2    # another
  graphconform report merge --out reports shard-1 shard-2`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, dirs []string) error {
			if out == "" {
				return usageError("report merge needs --out DIR, the directory for the merged reports")
			}
			var parts []report.Report
			var cucumbers [][]byte
			var withoutCucumber []string
			for _, dir := range dirs {
				data, err := os.ReadFile(filepath.Join(dir, report.RecordFile))
				if err != nil {
					return usageError("%s: %w; give the --reports directory of each shard's run", dir, err)
				}
				part, err := report.ReadRecord(data)
				if err != nil {
					return usageError("%s: %w", dir, err)
				}
				parts = append(parts, part)
				cucumber, err := os.ReadFile(filepath.Join(dir, harness.CucumberFile))
				switch {
				case err == nil:
					cucumbers = append(cucumbers, cucumber)
				case os.IsNotExist(err):
					withoutCucumber = append(withoutCucumber, dir)
				default:
					return usageError("%s: %w", dir, err)
				}
			}
			if len(cucumbers) > 0 && len(withoutCucumber) > 0 {
				return usageError("%s has no %s while other shards have one: the merged one would lack its scenarios; give the --reports directory of each shard's run, whole",
					withoutCucumber[0], harness.CucumberFile)
			}
			validator, err := contract.Load(cmd.Context())
			if err != nil {
				return &exitError{code: harness.ExitSpecInvalid, err: err}
			}
			merged, err := report.Merge(parts, validator.Doc())
			if err != nil {
				return usageError("%w", err)
			}
			paths, err := report.WriteFiles(out, merged, report.Formatters()...)
			if err != nil {
				return usageError("%w", err)
			}
			if len(cucumbers) > 0 {
				joined, err := report.MergeCucumber(cucumbers...)
				if err != nil {
					return usageError("%w", err)
				}
				path := filepath.Join(out, harness.CucumberFile)
				if err := os.WriteFile(path, joined, 0o644); err != nil {
					return usageError("write %s: %w", path, err)
				}
				paths = append(paths, path)
			}
			run := merged.Run
			fmt.Fprintf(stdout, "merged %d shards: %d scenarios: %d passed, %d failed, %d skipped — %s\nreports: %s\n",
				len(dirs), len(run.Scenarios), run.Passed(), run.Failed(), run.Skipped(), merged.Verdict, strings.Join(paths, ", "))
			switch {
			case run.Inconclusive():
				return silentExit(harness.ExitUsage)
			case !run.Conformant():
				return silentExit(harness.ExitNonConformant)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&out, "out", "", "directory for the merged reports")
	return cmd
}
