package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/spf13/cobra"

	"github.com/graphconform/graphconform/internal/docspec"
	"github.com/graphconform/graphconform/internal/gencases"
	"github.com/graphconform/graphconform/internal/harness"
	"github.com/graphconform/graphconform/spec"
)

func newSpecCommand(stdout io.Writer) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "spec",
		Short: "Build the OpenAPI description from the docs, list the docs' disagreements, compare with another description, generate request cases",
	}
	cmd.AddCommand(newSpecBuildCommand(stdout), newSpecLintCommand(stdout), newSpecDiffCommand(stdout), newSpecCasesCommand(stdout))
	return cmd
}

func newSpecBuildCommand(stdout io.Writer) *cobra.Command {
	var docs, out string
	var check bool
	cmd := &cobra.Command{
		Use:   "build",
		Short: "Build spec/openapi.yaml from the API-reference pages in spec/docs",
		Example: `  graphconform spec build                      # what make spec runs
  graphconform spec build --check              # exit 1 if spec/openapi.yaml is not what the docs build`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			pages, err := docsFolder(docs)
			if err != nil {
				return err
			}
			if check {
				committed, err := os.ReadFile(out)
				if err != nil {
					return usageError("read the committed description: %w", err)
				}
				if err := docspec.CheckDrift(pages, committed); err != nil {
					var drift *docspec.Drift
					if errors.As(err, &drift) {
						drift.Committed, drift.Docs = filepath.ToSlash(out), filepath.ToSlash(docs)
						fmt.Fprintln(stdout, err)
						return silentExit(harness.ExitNonConformant)
					}
					return &exitError{code: harness.ExitSpecInvalid, err: err}
				}
				fmt.Fprintf(stdout, "%s is what %s builds\n", out, docs)
				return nil
			}
			data, err := docspec.Build(pages)
			if err != nil {
				return &exitError{code: harness.ExitSpecInvalid, err: fmt.Errorf("build from %s: %w", docs, err)}
			}
			if out == "-" {
				_, err = stdout.Write(data)
				return err
			}
			if err := os.WriteFile(out, data, 0o644); err != nil {
				return usageError("write %s: %w", out, err)
			}
			fmt.Fprintf(stdout, "wrote %s from %s\n", out, docs)
			return nil
		},
	}
	cmd.Flags().StringVar(&docs, "docs", "spec/docs", "folder of API-reference pages")
	cmd.Flags().StringVar(&out, "out", "spec/openapi.yaml", "file to write ('-' for standard output)")
	cmd.Flags().BoolVar(&check, "check", false, "write nothing; exit 1 if --out differs from what the pages build")
	return cmd
}

// docsFolder opens the folder of API-reference pages; a missing folder is a usage error.
func docsFolder(dir string) (fs.FS, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return nil, usageError("--docs %s: %w (run from the repository root, or point --docs at spec/docs)", dir, err)
	}
	if !info.IsDir() {
		return nil, usageError("--docs %s is not a folder of pages", dir)
	}
	return os.DirFS(dir), nil
}

func newSpecLintCommand(stdout io.Writer) *cobra.Command {
	var docs string
	var decisions bool
	cmd := &cobra.Command{
		Use:   "lint",
		Short: "List every place the docs disagree with themselves, and the decision the builder took",
		Example: `  graphconform spec lint                       # every place, with page and line
  graphconform spec lint --decisions           # the decisions the builder can take`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			if decisions {
				for _, d := range docspec.Decisions() {
					kind := "silent"
					if d.Contradiction {
						kind = "contradiction"
					}
					fmt.Fprintf(stdout, "%s (%s): when %s, the description %s\n", d.ID, kind, d.When, d.Does)
				}
				return nil
			}
			pages, err := docsFolder(docs)
			if err != nil {
				return err
			}
			disagreements, err := docspec.Lint(pages)
			if err != nil {
				return &exitError{code: harness.ExitSpecInvalid, err: fmt.Errorf("read %s: %w", docs, err)}
			}
			for _, d := range disagreements {
				fmt.Fprintln(stdout, d)
			}
			fmt.Fprintf(stdout, "%d decisions recorded\n", len(disagreements))
			return nil
		},
	}
	cmd.Flags().StringVar(&docs, "docs", "spec/docs", "folder of API-reference pages")
	cmd.Flags().BoolVar(&decisions, "decisions", false, "list the decisions the builder can take instead")
	return cmd
}

func newSpecCasesCommand(stdout io.Writer) *cobra.Command {
	var from, out string
	cmd := &cobra.Command{
		Use:   "cases",
		Short: "Write the requests generated from the description's request bodies as a Gherkin feature (@generated)",
		Long: `Derives, from every operation's request body schema, requests a server must accept and requests it
must refuse with 400 and a Graph error, and writes them as scenarios tagged @generated: what make
gencases writes to features/generated.feature.`,
		Example: `  graphconform spec cases                      # what make gencases runs
  graphconform spec cases --out -              # print the feature`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			data, err := os.ReadFile(from)
			if err != nil {
				return usageError("read the description: %w (run from the repository root, or point --spec at spec/openapi.yaml)", err)
			}
			doc, err := spec.Parse(cmd.Context(), data)
			if err != nil {
				return &exitError{code: harness.ExitSpecInvalid, err: err}
			}
			feature, err := gencases.FeatureOf(doc)
			if err != nil {
				return &exitError{code: harness.ExitSpecInvalid, err: err}
			}
			if out == "-" {
				_, err = stdout.Write(feature)
				return err
			}
			if err := os.WriteFile(out, feature, 0o644); err != nil {
				return usageError("write %s: %w", out, err)
			}
			fmt.Fprintf(stdout, "wrote %s from %s\n", out, from)
			return nil
		},
	}
	cmd.Flags().StringVar(&from, "spec", "spec/openapi.yaml", "the OpenAPI description")
	cmd.Flags().StringVar(&out, "out", "features/generated.feature", "file to write ('-' for standard output)")
	return cmd
}

func newSpecDiffCommand(stdout io.Writer) *cobra.Command {
	var ours string
	cmd := &cobra.Command{
		Use:   "diff OTHER.yaml",
		Short: "Report, per operation of ours, how another OpenAPI description (e.g. Microsoft's) differs",
		Long: `Compares our description (the embedded one, or --ours) with another, operation by operation: a path
missing, status codes, headers, enum members, properties and requiredness. Paths match whatever the
parameters are called; 2XX/4XX ranges and Microsoft's ODataError schema are understood.
Exit status 0 when they agree, 1 when they differ.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			oursData := spec.OpenAPI
			if ours != "" {
				data, err := os.ReadFile(ours)
				if err != nil {
					return usageError("read --ours: %w", err)
				}
				oursData = data
			}
			ourDoc, err := spec.Parse(cmd.Context(), oursData)
			if err != nil {
				return &exitError{code: harness.ExitSpecInvalid, err: err}
			}
			theirData, err := os.ReadFile(args[0])
			if err != nil {
				return usageError("read the other description: %w", err)
			}
			// Microsoft's published description does not always pass validation; load it as it is.
			loader := openapi3.NewLoader()
			loader.Context = cmd.Context()
			theirDoc, err := loader.LoadFromData(theirData)
			if err != nil {
				return usageError("%s is not an OpenAPI description: %w", args[0], err)
			}
			if theirDoc.OpenAPI == "" {
				return usageError("%s is not an OpenAPI 3 description: it has no openapi field (convert a Swagger 2.0 document to OpenAPI 3 first)", args[0])
			}
			differences := docspec.Diff(ourDoc, theirDoc)
			var b bytes.Buffer
			for _, d := range differences {
				fmt.Fprintln(&b, d)
			}
			fmt.Fprintf(&b, "%d differences\n", len(differences))
			if _, err := stdout.Write(b.Bytes()); err != nil {
				return err
			}
			if len(differences) > 0 {
				return silentExit(harness.ExitNonConformant)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&ours, "ours", "", "our description (default: the embedded spec/openapi.yaml)")
	return cmd
}
