package target_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/fixtures"
	"github.com/graphconform/graphconform/internal/mockgraph"
	"github.com/graphconform/graphconform/internal/target"
	"github.com/graphconform/graphconform/steps"
)

// builtinKinds are the resources graphconform's own APIs take.
var builtinKinds = steps.Resources(steps.BuiltinAPIs())

func TestTheExampleProfileParses(t *testing.T) {
	data, err := fixtures.FS.ReadFile("targets/example.yaml")
	require.NoError(t, err)
	p, err := target.ParseProfile(data, builtinKinds)
	require.NoError(t, err)
	assert.Equal(t, "https://graph.microsoft.com", p.Target)
	assert.False(t, p.AllowMutations, "the example must not allow mutations until its owner says so")
	assert.Contains(t, p.Resources, "teamworkDevices")
}

func TestParseProfileReportsEveryProblemAtOnce(t *testing.T) {
	_, err := target.ParseProfile([]byte("name: empty\nappInstallations:\n  - user: u\n"), builtinKinds)
	require.Error(t, err)
	for _, want := range []string{"teamworkDevices", "appInstallations[0]: both user and installation", "windowsUpdateStates"} {
		assert.Contains(t, err.Error(), want)
	}
}

func TestParseProfileRefusesUnknownKeys(t *testing.T) {
	_, err := target.ParseProfile([]byte("teamworkDevice: [a]\n"), builtinKinds)
	require.ErrorContains(t, err, "field teamworkDevice not found")
	_, err = target.ParseProfile([]byte("name: typo\nallowMutation: true\n"), builtinKinds)
	require.ErrorContains(t, err, "field allowMutation not found")
}

func TestParseProfileRefusesUnknownKeysOfAnEntry(t *testing.T) {
	_, err := target.ParseProfile([]byte("teamworkDevices: [d]\nwindowsUpdateStates: [{deviceConfiguration: c, state: s}]\nappInstallations:\n  - user: u\n    instalation: i\n"), builtinKinds)
	require.ErrorContains(t, err, "field instalation not found")
}

func TestLoadProfileNamesTheFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.yaml")
	require.NoError(t, os.WriteFile(path, []byte("teamworkDevices: [\n"), 0o600))
	_, err := target.LoadProfile(path, builtinKinds)
	require.ErrorContains(t, err, path)
}

func TestProfileFromSeedNamesEverySeededResource(t *testing.T) {
	p, err := target.ProfileFromSeed(mockgraph.DefaultSeed(), builtinKinds)
	require.NoError(t, err)
	require.NoError(t, p.Check(builtinKinds))
	assert.True(t, p.AllowMutations)
	assert.Len(t, p.Resources, 3)
}

// widget is a resource no built-in API knows: a resource kind is all a target needs of it.
type widget struct {
	Shelf string `yaml:"shelf"`
	ID    string `yaml:"id"`
}

func TestAResourceOfItsOwnIsReadFromTheProfileAndTakenFromItsPool(t *testing.T) {
	widgets := &target.Resource[widget]{Key: "widgets", Need: "list at least one widget", Check: func(w widget) error {
		if w.ID == "" {
			return errors.New("the id is empty")
		}
		return nil
	}}
	kinds := []target.ResourceKind{widgets}
	_, err := target.ParseProfile([]byte("widgets: [{shelf: a}]\n"), kinds)
	require.ErrorContains(t, err, "widgets[0]: the id is empty")
	_, err = target.ParseProfile([]byte("name: none\n"), kinds)
	require.ErrorContains(t, err, "widgets: list at least one widget")

	p, err := target.ParseProfile([]byte("widgets: [{shelf: a, id: w1}]\n"), kinds)
	require.NoError(t, err)
	session, err := target.NewRemote("http://127.0.0.1:1", "t", p).Open(context.Background())
	require.NoError(t, err)
	got, release, err := widgets.Acquire(context.Background(), session)
	require.NoError(t, err)
	assert.Equal(t, widget{Shelf: "a", ID: "w1"}, got)
	release()
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
