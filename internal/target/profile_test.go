package target_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/fixtures"
	"github.com/graphconform/graphconform/internal/mockgraph"
	"github.com/graphconform/graphconform/internal/target"
)

func TestTheExampleProfileParses(t *testing.T) {
	data, err := fixtures.FS.ReadFile("targets/example.yaml")
	require.NoError(t, err)
	p, err := target.ParseProfile(data)
	require.NoError(t, err)
	assert.Equal(t, "https://graph.microsoft.com", p.Target)
	assert.False(t, p.AllowMutations, "the example must not allow mutations until its owner says so")
	assert.NotEmpty(t, p.TeamworkDevices)
}

func TestParseProfileReportsEveryProblemAtOnce(t *testing.T) {
	_, err := target.ParseProfile([]byte("name: empty\nappInstallations:\n  - user: u\n"))
	require.Error(t, err)
	for _, want := range []string{"teamworkDevices", "appInstallations[0]: both user and installation", "windowsUpdateStates"} {
		assert.Contains(t, err.Error(), want)
	}
}

func TestParseProfileRefusesUnknownKeys(t *testing.T) {
	_, err := target.ParseProfile([]byte("teamworkDevice: [a]\n"))
	require.ErrorContains(t, err, "field teamworkDevice not found")
}

func TestLoadProfileNamesTheFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.yaml")
	require.NoError(t, os.WriteFile(path, []byte("teamworkDevices: [\n"), 0o600))
	_, err := target.LoadProfile(path)
	require.ErrorContains(t, err, path)
}

func TestProfileFromSeedNamesEverySeededResource(t *testing.T) {
	p := target.ProfileFromSeed(mockgraph.DefaultSeed())
	require.NoError(t, p.Validate())
	assert.True(t, p.AllowMutations)
}

func TestPoolGivesEachEntryToOneHolderAtATime(t *testing.T) {
	pool := target.NewPool("devices", []string{"d1"})
	ctx := context.Background()
	got, release, err := pool.Acquire(ctx)
	require.NoError(t, err)
	assert.Equal(t, "d1", got)

	waiting, cancel := context.WithTimeout(ctx, 20*time.Millisecond)
	defer cancel()
	_, _, err = pool.Acquire(waiting)
	require.ErrorIs(t, err, context.DeadlineExceeded, "the only entry is held")

	release()
	again, release2, err := pool.Acquire(ctx)
	require.NoError(t, err)
	assert.Equal(t, "d1", again)
	release2()
}

func TestAnEmptyPoolSaysWhatIsMissing(t *testing.T) {
	_, _, err := target.NewPool[string]("teamworkDevices", nil).Acquire(context.Background())
	require.ErrorContains(t, err, "no teamworkDevices")
}
