package mockgraph_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/mockgraph"
)

func TestDefaultSeedHoldsTheDocsIdsAndEnoughOfEverything(t *testing.T) {
	seed := mockgraph.DefaultSeed()

	assert.GreaterOrEqual(t, len(seed.TeamworkDevices), 8)
	assert.Contains(t, seed.TeamworkDevices, docsDevice)

	require.GreaterOrEqual(t, len(seed.Users), 2)
	want := mockgraph.User{ID: adeleID, UserPrincipalName: adeleUPN, InstalledApps: []string{
		adeleApp,
		"NWI2NDk4MzQtNzQxMi00Y2NlLTllNjktMTc2ZTk1YTM5NGY1IyMyZDVjN2UzMS04YTRiLTRmMGUtOWMxZC02ZTNmMmE5YjdjNDA",
	}}
	if diff := cmp.Diff(want, seed.Users[0]); diff != "" {
		t.Errorf("the docs' user (-want +got):\n%s", diff)
	}

	require.GreaterOrEqual(t, len(seed.DeviceConfigurations), 2)
	properties := []string{"id", "deviceId", "userId", "deviceDisplayName", "userPrincipalName", "status",
		"qualityUpdateVersion", "featureUpdateVersion", "lastScanDateTime", "lastSyncDateTime"}
	for _, c := range seed.DeviceConfigurations {
		assert.GreaterOrEqual(t, len(c.WindowsUpdateStates), 2, "configuration %s", c.ID)
		for _, st := range c.WindowsUpdateStates {
			for _, p := range properties {
				assert.Contains(t, st, p, "configuration %s, state %v", c.ID, st["id"])
			}
		}
	}
	assert.Equal(t, docsState, seed.DeviceConfigurations[0].WindowsUpdateStates[0]["id"])
}

func TestDefaultSeedReturnsAFreshCopyEachTime(t *testing.T) {
	first := mockgraph.DefaultSeed()
	first.DeviceConfigurations[0].WindowsUpdateStates[0]["status"] = "failed"
	first.TeamworkDevices[0] = "changed"
	second := mockgraph.DefaultSeed()
	assert.Equal(t, "upToDate", second.DeviceConfigurations[0].WindowsUpdateStates[0]["status"])
	assert.Equal(t, docsDevice, second.TeamworkDevices[0])
}

func TestParseSeedReadsEveryKey(t *testing.T) {
	seed, err := mockgraph.ParseSeed([]byte(`
teamworkDevices: [d1, d2]
users:
  - id: u1
    userPrincipalName: u1@contoso.example
    installedApps: [a1]
deviceConfigurations:
  - id: c1
    windowsUpdateStates:
      - id: s1
        status: upToDate
        lastScanDateTime: "2024-01-01T00:00:00Z"
        qualityUpdateVersion: null
`))
	require.NoError(t, err)
	want := mockgraph.Seed{
		TeamworkDevices: []string{"d1", "d2"},
		Users:           []mockgraph.User{{ID: "u1", UserPrincipalName: "u1@contoso.example", InstalledApps: []string{"a1"}}},
		DeviceConfigurations: []mockgraph.DeviceConfiguration{{ID: "c1", WindowsUpdateStates: []map[string]any{
			{"id": "s1", "status": "upToDate", "lastScanDateTime": "2024-01-01T00:00:00Z", "qualityUpdateVersion": nil},
		}}},
	}
	if diff := cmp.Diff(want, seed); diff != "" {
		t.Errorf("seed (-want +got):\n%s", diff)
	}
}

func TestParseSeedAcceptsAnEmptyMapping(t *testing.T) {
	seed, err := mockgraph.ParseSeed([]byte("{}\n"))
	require.NoError(t, err)
	assert.Empty(t, cmp.Diff(mockgraph.Seed{}, seed))
}

func TestParseSeedRejects(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		want []string // substrings of the error
	}{
		{"an unknown top-level key, naming it", "teamworkDevices: [d1]\ndevices: [d2]\n", []string{"devices"}},
		{"an unknown user key, naming it", "users:\n  - id: u1\n    mail: u1@contoso.example\n", []string{"mail"}},
		{"an unknown configuration key, naming it", "deviceConfigurations:\n  - id: c1\n    states: []\n", []string{"states"}},
		{"an unknown windowsUpdateState property, naming it", "deviceConfigurations:\n  - id: c1\n    windowsUpdateStates:\n      - id: s1\n        colour: blue\n", []string{`"colour"`, "windowsUpdateStates[0]"}},
		{"a windowsUpdateState without id", "deviceConfigurations:\n  - id: c1\n    windowsUpdateStates:\n      - status: upToDate\n", []string{"no id"}},
		{"a windowsUpdateState property that is not a string", "deviceConfigurations:\n  - id: c1\n    windowsUpdateStates:\n      - id: s1\n        featureUpdateVersion: 22\n", []string{"featureUpdateVersion", "quote"}},
		{"another @odata.type", "deviceConfigurations:\n  - id: c1\n    windowsUpdateStates:\n      - id: s1\n        '@odata.type': '#microsoft.graph.user'\n", []string{"@odata.type"}},
		{"a duplicate device", "teamworkDevices: [d1, D1]\n", []string{"listed twice"}},
		{"an empty device id", "teamworkDevices: ['']\n", []string{"teamworkDevices[0]"}},
		{"a user without id", "users:\n  - userPrincipalName: x@contoso.example\n", []string{"users[0].id"}},
		{"two users with one UPN", "users:\n  - id: u1\n    userPrincipalName: x@contoso.example\n  - id: u2\n    userPrincipalName: X@contoso.example\n", []string{"unique"}},
		{"a duplicate installation", "users:\n  - id: u1\n    installedApps: [a1, a1]\n", []string{"installedApps[1]"}},
		{"a duplicate configuration", "deviceConfigurations:\n  - id: c1\n  - id: c1\n", []string{"deviceConfigurations[1]"}},
		{"a duplicate state", "deviceConfigurations:\n  - id: c1\n    windowsUpdateStates:\n      - id: s1\n      - id: s1\n", []string{"listed twice"}},
		{"a list where a mapping belongs", "- a\n- b\n", []string{"parse the mock seed"}},
		{"an empty document", "", []string{"empty"}},
		{"two documents", "teamworkDevices: [d1]\n---\nteamworkDevices: [d2]\n", []string{"more than one"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := mockgraph.ParseSeed([]byte(tt.yaml))
			require.Error(t, err)
			for _, want := range tt.want {
				assert.Contains(t, err.Error(), want)
			}
		})
	}
}

func TestParseSeedErrorOfAnUnknownKeyTellsWhatToDo(t *testing.T) {
	_, err := mockgraph.ParseSeed([]byte("teamworkDevice: [d1]\n"))
	require.Error(t, err)
	assert.True(t, strings.Contains(err.Error(), "teamworkDevice") && strings.Contains(err.Error(), "fixtures/mock/default.yaml"), err.Error())
}
