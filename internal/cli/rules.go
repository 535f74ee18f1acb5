package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/graphconform/graphconform/internal/rules"
)

func newRulesCommand(stdout io.Writer) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "List every rule graphconform checks: its ID, level, side, source, doc and description",
		Long: `rules lists the rule catalogue: every promise graphconform checks of a server (Graph, a vendor's
endpoint, the mock) or of a client, with the ID its findings and the mock's violations name, its
level (error or warning), its side (server or client), its source (contract: the OpenAPI
description; exchange: a Graph rule checked on every exchange; scenario: an expectation the steps
check; traffic: what the mock checks of a client's requests) and the doc page it comes from.`,
		Example: `  graphconform rules
  graphconform rules --json | jq -r '.[] | select(.side == "client") | .id'`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			if asJSON {
				return writeRulesJSON(stdout)
			}
			return writeRulesTable(stdout)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the catalogue as a JSON array, one object per rule")
	return cmd
}

// writeRulesJSON prints the catalogue as a JSON array.
func writeRulesJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(rules.All()); err != nil {
		return fmt.Errorf("write the rule catalogue as JSON: %w", err)
	}
	return nil
}

// writeRulesTable prints the catalogue as a table, one rule a line.
func writeRulesTable(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tLEVEL\tSIDE\tSOURCE\tOPERATION\tDOC\tDESCRIPTION")
	for _, r := range rules.All() {
		operation := r.Operation
		if operation == "" {
			operation = "*"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.ID, r.Level, r.Side, r.Source, operation, r.Doc, r.Description)
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write the rule catalogue: %w", err)
	}
	return nil
}
