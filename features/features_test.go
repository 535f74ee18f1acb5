package features_test

import (
	"context"
	"flag"
	"io"
	"os"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/contract"
	"github.com/graphconform/graphconform/internal/harness"
	"github.com/graphconform/graphconform/internal/mockgraph"
	"github.com/graphconform/graphconform/internal/target"
)

// tags selects scenarios: go test ./features -godog.tags='@upgrade', or GRAPHCONFORM_TAGS.
var tags = flag.String("godog.tags", os.Getenv("GRAPHCONFORM_TAGS"), "godog tag expression selecting scenarios")

// TestFeatures runs every scenario against the embedded mock, each as a subtest.
func TestFeatures(t *testing.T) {
	ctx := context.Background()
	validator, err := contract.Load(ctx)
	require.NoError(t, err)

	var output io.Writer = io.Discard
	if testing.Verbose() {
		output = os.Stdout
	}
	result, err := harness.Run(ctx, harness.Options{
		Target:    &target.Embedded{Seed: mockgraph.DefaultSeed(), Validator: validator},
		Validator: validator,
		Tags:      *tags,
		Output:    output,
		NoColors:  true,
		TestingT:  t,
	})
	require.NoError(t, err)
	require.Equal(t, harness.ExitConformant, result.Status, "the embedded mock must pass every scenario")
}
