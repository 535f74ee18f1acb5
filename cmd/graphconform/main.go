// Command graphconform runs the Microsoft Graph device-update conformance suite and serves its mock.
package main

import (
	"context"
	"os"

	"github.com/graphconform/graphconform/internal/cli"
)

func main() {
	os.Exit(cli.Run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
}
