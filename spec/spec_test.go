package spec_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/spec"
)

func TestLoadValidatesTheEmbeddedDescription(t *testing.T) {
	doc, err := spec.Load(context.Background())
	require.NoError(t, err)
	require.NotNil(t, doc.Paths.Find("/teamwork/devices/{teamworkDeviceId}/updateSoftware"))
}

func TestParseRejectsAnInvalidDescription(t *testing.T) {
	_, err := spec.Parse(context.Background(), []byte("openapi: 3.0.3\ninfo: {}\npaths: {}\n"))
	require.ErrorContains(t, err, "invalid")
}
