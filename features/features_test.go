package features_test

import (
	"context"
	"flag"
	"fmt"
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
var tags = flag.String("godog.tags", os.Getenv(harness.TagsEnv), "godog tag expression selecting scenarios")

// TestMain refuses a tag expression godog cannot read as a usage error, exit status 2, before any test
// runs: the expression, what is wrong and the syntax expected, and no stack trace.
func TestMain(m *testing.M) {
	flag.Parse()
	if err := harness.CheckTags(*tags); err != nil {
		fmt.Fprintf(os.Stderr, "-godog.tags (or $%s): %v\n", harness.TagsEnv, err)
		os.Exit(2)
	}
	os.Exit(m.Run())
}

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
