// Package target says where the suite runs: the embedded mock, or a Graph-compatible endpoint named by
// a base URL, a token and a profile of the resources the suite may use there.
package target

import (
	"bytes"
	"errors"
	"fmt"
	"os"

	"go.yaml.in/yaml/v3"
)

// Profile names the resources of a target the suite may use. Each list is a pool: a scenario takes one
// entry for its whole run, so scenarios running in parallel never share a resource.
type Profile struct {
	// Name identifies the profile in reports.
	Name string `yaml:"name"`
	// Target is the base URL without version, e.g. https://graph.microsoft.com; --target overrides it.
	Target string `yaml:"target"`
	// AllowMutations must be true for the suite to change anything on a remote target: every headline
	// scenario updates software, upgrades an app or patches a state.
	AllowMutations bool `yaml:"allowMutations"`
	// TeamworkDevices are ids of Teams devices the suite may send software updates to.
	TeamworkDevices []string `yaml:"teamworkDevices"`
	// AppInstallations are user-scope Teams app installations the suite may upgrade.
	AppInstallations []AppInstallation `yaml:"appInstallations"`
	// WindowsUpdateStates are windowsUpdateStates the suite may patch.
	WindowsUpdateStates []WindowsUpdateState `yaml:"windowsUpdateStates"`
}

// AppInstallation is a Teams app installed in a user's personal scope.
type AppInstallation struct {
	// User is the user's id or user principal name.
	User string `yaml:"user"`
	// UserPrincipalName, when given, addresses the same user by name: scenarios that address the user
	// by user principal name need it, and are skipped without it.
	UserPrincipalName string `yaml:"userPrincipalName,omitempty"`
	// Installation is the userScopeTeamsAppInstallation id.
	Installation string `yaml:"installation"`
}

// WindowsUpdateState is a windowsUpdateState of a Windows Update for Business device configuration.
type WindowsUpdateState struct {
	// DeviceConfiguration is the windowsUpdateForBusinessConfiguration's id.
	DeviceConfiguration string `yaml:"deviceConfiguration"`
	// State is the windowsUpdateState's id.
	State string `yaml:"state"`
}

// LoadProfile reads and checks a profile file.
func LoadProfile(path string) (Profile, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Profile{}, fmt.Errorf("read the profile: %w", err)
	}
	p, err := ParseProfile(data)
	if err != nil {
		return Profile{}, fmt.Errorf("profile %s: %w", path, err)
	}
	return p, nil
}

// ParseProfile decodes a profile from YAML, refusing unknown keys, and checks it.
func ParseProfile(data []byte) (Profile, error) {
	var p Profile
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&p); err != nil {
		return Profile{}, fmt.Errorf("decode the YAML (see fixtures/targets/example.yaml for the format): %w", err)
	}
	if err := p.Validate(); err != nil {
		return Profile{}, err
	}
	return p, nil
}

// Validate reports every empty pool and incomplete entry at once.
func (p Profile) Validate() error {
	var errs []error
	if len(p.TeamworkDevices) == 0 {
		errs = append(errs, errors.New("teamworkDevices: list at least one Teams device id the suite may update"))
	}
	for i, id := range p.TeamworkDevices {
		if id == "" {
			errs = append(errs, fmt.Errorf("teamworkDevices[%d]: the id is empty", i))
		}
	}
	if len(p.AppInstallations) == 0 {
		errs = append(errs, errors.New("appInstallations: list at least one {user, installation} the suite may upgrade"))
	}
	for i, a := range p.AppInstallations {
		if a.User == "" || a.Installation == "" {
			errs = append(errs, fmt.Errorf("appInstallations[%d]: both user and installation are required", i))
		}
	}
	if len(p.WindowsUpdateStates) == 0 {
		errs = append(errs, errors.New("windowsUpdateStates: list at least one {deviceConfiguration, state} the suite may patch"))
	}
	for i, s := range p.WindowsUpdateStates {
		if s.DeviceConfiguration == "" || s.State == "" {
			errs = append(errs, fmt.Errorf("windowsUpdateStates[%d]: both deviceConfiguration and state are required", i))
		}
	}
	return errors.Join(errs...)
}
