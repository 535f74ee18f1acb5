package mockgraph

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/graphconform/graphconform/fixtures"
)

// defaultSeedPath is where the default seed lives in fixtures.FS.
const defaultSeedPath = "mock/default.yaml"

// odataTypeWindowsUpdateState is the @odata.type of a windowsUpdateState object.
const odataTypeWindowsUpdateState = "#microsoft.graph.windowsUpdateState"

// windowsUpdateStateProperties returns the properties of Graph's windowsUpdateState, in the order the
// mock writes them. Every one of them is a string (or null) on the wire.
func windowsUpdateStateProperties() []string {
	return []string{
		"id", "deviceId", "userId", "deviceDisplayName", "userPrincipalName", "status",
		"qualityUpdateVersion", "featureUpdateVersion", "lastScanDateTime", "lastSyncDateTime",
	}
}

// Seed is the world the mock starts from, as written in fixtures/mock/default.yaml.
type Seed struct {
	// TeamworkDevices are the ids of the Teams devices that accept updateSoftware.
	TeamworkDevices []string `yaml:"teamworkDevices"`
	// Users are the users whose personal-scope Teams app installations can be upgraded.
	Users []User `yaml:"users"`
	// DeviceConfigurations are the Windows Update for Business configurations and their
	// deviceUpdateStates.
	DeviceConfigurations []DeviceConfiguration `yaml:"deviceConfigurations"`
}

// User is a user with Teams apps installed in their personal scope.
type User struct {
	// ID is the user's object id.
	ID string `yaml:"id"`
	// UserPrincipalName is the user's sign-in name; requests may name the user by it.
	UserPrincipalName string `yaml:"userPrincipalName"`
	// InstalledApps are the ids of the user's userScopeTeamsAppInstallation objects.
	InstalledApps []string `yaml:"installedApps"`
}

// DeviceConfiguration is a windowsUpdateForBusinessConfiguration and the update states of its devices.
type DeviceConfiguration struct {
	// ID is the configuration's id.
	ID string `yaml:"id"`
	// WindowsUpdateStates are windowsUpdateState objects, each with its "id" and any of the other
	// properties of the type (deviceId, userId, deviceDisplayName, userPrincipalName, status,
	// qualityUpdateVersion, featureUpdateVersion, lastScanDateTime, lastSyncDateTime).
	WindowsUpdateStates []map[string]any `yaml:"windowsUpdateStates"`
}

// ParseSeed parses a seed written in YAML. It is strict: a key the seed does not define, a missing or
// duplicate id, or a windowsUpdateState property that is not a string is an error that names it.
func ParseSeed(data []byte) (Seed, error) {
	var seed Seed
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&seed); err != nil {
		if errors.Is(err, io.EOF) {
			return Seed{}, fmt.Errorf("parse the mock seed: the document is empty; write at least \"{}\" or start from fixtures/mock/default.yaml: %w", err)
		}
		return Seed{}, fmt.Errorf("parse the mock seed: %w (the keys are teamworkDevices, users[id, userPrincipalName, installedApps] and deviceConfigurations[id, windowsUpdateStates]; see fixtures/mock/default.yaml)", err)
	}
	var extra any
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		return Seed{}, fmt.Errorf("parse the mock seed: it holds more than one YAML document; keep a single document")
	}
	if err := seed.validate(); err != nil {
		return Seed{}, fmt.Errorf("check the mock seed: %w", err)
	}
	return seed, nil
}

// DefaultSeed returns the seed of fixtures/mock/default.yaml, embedded in fixtures.FS. The file is
// checked by the package's tests; it panics only if the embedded file is broken, which is a build
// defect rather than a runtime condition.
func DefaultSeed() Seed {
	seed, err := loadDefaultSeed()
	if err != nil {
		panic(err)
	}
	return seed
}

func loadDefaultSeed() (Seed, error) {
	data, err := fixtures.FS.ReadFile(defaultSeedPath)
	if err != nil {
		return Seed{}, fmt.Errorf("read the embedded fixtures/%s: %w (rebuild with the file present)", defaultSeedPath, err)
	}
	seed, err := ParseSeed(data)
	if err != nil {
		return Seed{}, fmt.Errorf("fixtures/%s: %w", defaultSeedPath, err)
	}
	return seed, nil
}

// clone returns a deep copy of s, so that the mock's seed is its own.
func (s Seed) clone() Seed {
	out := Seed{TeamworkDevices: append([]string(nil), s.TeamworkDevices...)}
	for _, u := range s.Users {
		u.InstalledApps = append([]string(nil), u.InstalledApps...)
		out.Users = append(out.Users, u)
	}
	for _, c := range s.DeviceConfigurations {
		copied := DeviceConfiguration{ID: c.ID}
		for _, st := range c.WindowsUpdateStates {
			m := make(map[string]any, len(st))
			for k, v := range st {
				m[k] = v
			}
			copied.WindowsUpdateStates = append(copied.WindowsUpdateStates, m)
		}
		out.DeviceConfigurations = append(out.DeviceConfigurations, copied)
	}
	return out
}

// validate checks what YAML decoding cannot: ids present and unique, windowsUpdateState properties
// known and of the right type.
func (s Seed) validate() error {
	seen := map[string]bool{}
	for i, id := range s.TeamworkDevices {
		if strings.TrimSpace(id) == "" {
			return fmt.Errorf("teamworkDevices[%d] is empty; give every device an id", i)
		}
		if seen[strings.ToLower(id)] {
			return fmt.Errorf("teamworkDevices[%d]: device %q is listed twice; remove one", i, id)
		}
		seen[strings.ToLower(id)] = true
	}

	names := map[string]bool{}
	for i, u := range s.Users {
		if strings.TrimSpace(u.ID) == "" {
			return fmt.Errorf("users[%d].id is empty; give every user an id", i)
		}
		for _, name := range []string{u.ID, u.UserPrincipalName} {
			if name == "" {
				continue
			}
			if names[strings.ToLower(name)] {
				return fmt.Errorf("users[%d]: %q names another user too; user ids and userPrincipalNames must be unique", i, name)
			}
			names[strings.ToLower(name)] = true
		}
		apps := map[string]bool{}
		for j, app := range u.InstalledApps {
			if strings.TrimSpace(app) == "" {
				return fmt.Errorf("users[%d].installedApps[%d] is empty; give every installation an id", i, j)
			}
			if apps[app] {
				return fmt.Errorf("users[%d].installedApps[%d]: installation %q is listed twice; remove one", i, j, app)
			}
			apps[app] = true
		}
	}

	configs := map[string]bool{}
	for i, c := range s.DeviceConfigurations {
		if strings.TrimSpace(c.ID) == "" {
			return fmt.Errorf("deviceConfigurations[%d].id is empty; give every configuration an id", i)
		}
		if configs[strings.ToLower(c.ID)] {
			return fmt.Errorf("deviceConfigurations[%d]: configuration %q is listed twice; remove one", i, c.ID)
		}
		configs[strings.ToLower(c.ID)] = true
		states := map[string]bool{}
		for j, state := range c.WindowsUpdateStates {
			where := fmt.Sprintf("deviceConfigurations[%d].windowsUpdateStates[%d]", i, j)
			if err := validateSeedState(state); err != nil {
				return fmt.Errorf("%s: %w", where, err)
			}
			id, _ := state["id"].(string)
			if states[strings.ToLower(id)] {
				return fmt.Errorf("%s: state %q is listed twice in its configuration; remove one", where, id)
			}
			states[strings.ToLower(id)] = true
		}
	}
	return nil
}

// validateSeedState checks one windowsUpdateState of the seed.
func validateSeedState(state map[string]any) error {
	known := map[string]bool{"@odata.type": true}
	for _, p := range windowsUpdateStateProperties() {
		known[p] = true
	}
	keys := make([]string, 0, len(state))
	for k := range state {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if !known[k] {
			return fmt.Errorf("unknown property %q; a windowsUpdateState has %s", k, strings.Join(windowsUpdateStateProperties(), ", "))
		}
		switch v := state[k].(type) {
		case nil:
			if k == "id" || k == "@odata.type" {
				return fmt.Errorf("property %q is null; give it a string", k)
			}
		case string:
			if k == "@odata.type" && v != odataTypeWindowsUpdateState {
				return fmt.Errorf("@odata.type is %q; it must be %q or left out", v, odataTypeWindowsUpdateState)
			}
		default:
			return fmt.Errorf("property %q is a %T; quote it so it is a string", k, v)
		}
	}
	id, _ := state["id"].(string)
	if strings.TrimSpace(id) == "" {
		return fmt.Errorf("the state has no id; give it an \"id\"")
	}
	return nil
}
