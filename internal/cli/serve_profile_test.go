package cli_test

import (
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/mockgraph"
	"github.com/graphconform/graphconform/internal/target"
	"github.com/graphconform/graphconform/steps"
)

// serveProfile is fixtures/targets/serve.yaml, the ready profile for a running `graphconform serve`.
var serveProfile = filepath.Join("..", "..", "fixtures", "targets", "serve.yaml")

func TestServeProfileListsTheMocksDefaultSeed(t *testing.T) {
	kinds := steps.Resources(steps.BuiltinAPIs())
	got, err := target.LoadProfile(serveProfile, kinds)
	require.NoError(t, err)
	assert.Equal(t, "http://127.0.0.1:8080", got.Target, "serve listens on 127.0.0.1:8080 unless told otherwise")
	assert.True(t, got.AllowMutations)
	want, err := target.ProfileFromSeed(mockgraph.DefaultSeed(), kinds)
	require.NoError(t, err)
	decode := func(p target.Profile) map[string]any {
		out := map[string]any{}
		for key, node := range p.Resources {
			var v any
			require.NoError(t, node.Decode(&v), key)
			out[key] = v
		}
		return out
	}
	if diff := cmp.Diff(decode(want), decode(got)); diff != "" {
		t.Errorf("fixtures/targets/serve.yaml's pools are not the default seed's (-seed +profile):\n%s", diff)
	}
}

func TestRunWithTheServeProfileAgainstServeConforms(t *testing.T) {
	// Queued long enough that the 409 scenario's second request meets the first one's operation
	// still queued on a loaded machine.
	base := startServe(t, "--queued", "1s", "--running", "50ms").url
	code, stdout, stderr := run(t, "run", "--reports", "", "--profile", serveProfile, "--target", base, "--token", "any-opaque-token")
	require.Equal(t, 0, code, "stdout:\n%s\nstderr:\n%s", stdout, stderr)
	assert.Regexp(t, `\d+ scenarios: \d+ passed, 0 failed.* — CONFORMANT`, stdout)
	assert.NotContains(t, stdout, "SKIP", "mockControls: true runs the @mock-only scenarios through the served mock's controls")
	assert.NotContains(t, stdout, "the profile gives no userPrincipalName", "the profile names every user by name too")
}
