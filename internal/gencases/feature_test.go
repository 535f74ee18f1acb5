package gencases

import (
	"bytes"
	"context"
	"flag"
	"os"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/spec"
)

var update = flag.Bool("update", false, "rewrite features/generated.feature")

const committed = "../../features/generated.feature"

// features/generated.feature is a build product of spec/openapi.yaml, as the spec is of its pages.
func TestCommittedFeatureIsWhatTheSpecGenerates(t *testing.T) {
	doc, err := spec.Load(context.Background())
	require.NoError(t, err)
	want, err := FeatureOf(doc)
	require.NoError(t, err)
	if *update {
		require.NoError(t, os.WriteFile(committed, want, 0o644))
	}
	got, err := os.ReadFile(committed)
	require.NoError(t, err)
	if !bytes.Equal(want, got) {
		t.Fatal("features/generated.feature is not what spec/openapi.yaml generates: run `make gencases` and commit the result")
	}
}
