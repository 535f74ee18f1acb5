package harness_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/contract"
)

// newValidator loads the embedded spec and builds its validator.
func newValidator(t *testing.T) *contract.Validator {
	t.Helper()
	validator, err := contract.Load(context.Background())
	require.NoError(t, err)
	return validator
}
