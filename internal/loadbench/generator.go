package loadbench

import "context"

// Generator sends the requests of a load run: GoGenerator, in this process, or Wrk, a program of
// its own. Both send the same requests, poll the same Locations and measure the same way.
type Generator interface {
	// Run loads the server whose version root is root with op, as load says.
	Run(ctx context.Context, root string, op Operation, load Load) (Result, error)
	// Describe names the generator for a report.
	Describe() string
}

// GoGenerator is the load generator of Run, in this process.
type GoGenerator struct{}

// Run is Run.
func (GoGenerator) Run(ctx context.Context, root string, op Operation, load Load) (Result, error) {
	return Run(ctx, root, op, load)
}

// Describe names the generator for a report.
func (GoGenerator) Describe() string {
	return "graphconform's own, in Go: each worker owns one keep-alive connection and writes pre-built HTTP/1.1 requests on it (no net/http client)"
}
