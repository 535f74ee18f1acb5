// Package features embeds graphconform's Gherkin scenarios: the contract of each operation in the
// docs' words, one file per operation.
package features

import "embed"

// FS holds every *.feature file.
//
//go:embed *.feature
var FS embed.FS
