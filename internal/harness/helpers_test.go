package harness_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/contract"
	"github.com/graphconform/graphconform/spec"
)

// newValidator loads the embedded spec and builds its validator.
func newValidator(t *testing.T) *contract.Validator {
	t.Helper()
	doc, err := spec.Load(context.Background())
	require.NoError(t, err)
	validator, err := contract.New(doc)
	require.NoError(t, err)
	return validator
}
