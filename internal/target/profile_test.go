package target_test

import (
	"context"
	"errors"
	"fmt"
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
	_, err := target.ParseProfile([]byte("name: bad\ncloud: mars\nteamworkDevices: ['']\nappInstallations:\n  - user: u\nauth:\n  clientSecret: s3cr3t\n"), builtinKinds)
	require.Error(t, err)
	for _, want := range []string{`cloud "mars": use one of china, global, usgov-dod, usgov-l4`, "teamworkDevices[0]: the id is empty",
		"appInstallations[0]: both user and installation", "auth.clientSecret: a secret never goes in the profile"} {
		assert.Contains(t, err.Error(), want)
	}
}

func TestAProfileMayLeavePoolsEmpty(t *testing.T) {
	p, err := target.ParseProfile([]byte("name: upgrades only\nappInstallations:\n  - {user: u, installation: i}\n"), builtinKinds)
	require.NoError(t, err, "a scenario whose pool is empty is skipped, not refused up front")
	assert.NotContains(t, p.Resources, "teamworkDevices")
}

func TestACloudNamesTheTargetAndTheAuthority(t *testing.T) {
	for name, want := range map[string][2]string{
		"global":    {"https://graph.microsoft.com", "https://login.microsoftonline.com"},
		"usgov-l4":  {"https://graph.microsoft.us", "https://login.microsoftonline.us"},
		"usgov-dod": {"https://dod-graph.microsoft.us", "https://login.microsoftonline.us"},
		"china":     {"https://microsoftgraph.chinacloudapi.cn", "https://login.chinacloudapi.cn"},
	} {
		p, err := target.ParseProfile([]byte("cloud: "+name+"\n"), builtinKinds)
		require.NoError(t, err, name)
		c, err := target.LookupCloud(p.Cloud)
		require.NoError(t, err)
		assert.Equal(t, want[0], p.BaseURL(), name)
		assert.Equal(t, want[1], c.Authority, name)
		assert.Equal(t, want[0]+"/.default", c.Scope(), name)
	}
	p, err := target.ParseProfile([]byte("name: no cloud, no target\n"), builtinKinds)
	require.NoError(t, err)
	assert.Empty(t, p.BaseURL(), "a profile naming neither leaves the target to --target")
	p, err = target.ParseProfile([]byte("cloud: china\ntarget: https://vendor.example\n"), builtinKinds)
	require.NoError(t, err)
	assert.Equal(t, "https://vendor.example", p.BaseURL(), "a target given wins")
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
	p, err := target.ParseProfile([]byte("name: none\n"), kinds)
	require.NoError(t, err)
	session, err := target.NewRemote("http://127.0.0.1:1", "t", p).Open(context.Background())
	require.NoError(t, err)
	_, _, err = widgets.Acquire(context.Background(), session)
	require.ErrorContains(t, err, "the scenario needs 1 of widgets; the profile lists none (list at least one widget)")

	p, err = target.ParseProfile([]byte("widgets: [{shelf: a, id: w1}]\n"), kinds)
	require.NoError(t, err)
	session, err = target.NewRemote("http://127.0.0.1:1", "t", p).Open(context.Background())
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
	var tooSmall *target.PoolTooSmallError
	require.ErrorAs(t, err, &tooSmall)
	require.ErrorContains(t, err, "needs 1 of teamworkDevices; the profile lists none")
}

func TestAPoolTooSmallFailsAtOnceInsteadOfWaiting(t *testing.T) {
	pool := target.NewPool("teamworkDevices", []string{"d1"})
	_, _, err := pool.AcquireN(context.Background(), 2)
	var tooSmall *target.PoolTooSmallError
	require.ErrorAs(t, err, &tooSmall)
	assert.Equal(t, target.PoolTooSmallError{Pool: "teamworkDevices", Need: 2, Have: 1}, *tooSmall)
}

func TestAcquireNTakesEntriesAtOnceSoTwoHoldersCannotDeadlock(t *testing.T) {
	pool := target.NewPool("devices", []string{"d1", "d2"})
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	done := make(chan error, 2)
	for range 2 {
		go func() {
			for range 50 {
				got, release, err := pool.AcquireN(ctx, 2)
				if err != nil {
					done <- err
					return
				}
				if len(got) != 2 || got[0] == got[1] {
					done <- fmt.Errorf("got %v", got)
					return
				}
				release()
				release() // a second release gives nothing back twice
			}
			done <- nil
		}()
	}
	require.NoError(t, <-done)
	require.NoError(t, <-done)
	assert.Equal(t, 2, pool.Size())
}
