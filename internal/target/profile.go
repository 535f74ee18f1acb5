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
	// Without it, the cloud's Graph root is the target.
	Target string `yaml:"target"`
	// Cloud names the Microsoft Graph deployment (global, usgov-l4, usgov-dod, china): its Graph root
	// is the default target and its Microsoft Entra authority issues client-credential tokens. Empty
	// means global.
	Cloud string `yaml:"cloud"`
	// AllowMutations must be true for the suite to change anything on a remote target. Without it (and
	// without --allow-mutations) the run sends no POST, PATCH, PUT or DELETE: the scenarios that only
	// read run, the others are skipped with the reason.
	AllowMutations bool `yaml:"allowMutations"`
	// Auth says how the suite gets its bearer token; without it, the token comes from the environment.
	Auth Auth `yaml:"auth"`
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

// Validate reports every incomplete entry, an unknown cloud and a bad auth section at once. A pool may
// be empty: the scenarios that need it are skipped, with the reason.
func (p Profile) Validate() error {
	var errs []error
	if _, err := LookupCloud(p.Cloud); err != nil {
		errs = append(errs, err)
	}
	if err := p.Auth.Validate(); err != nil {
		errs = append(errs, err)
	}
	for i, id := range p.TeamworkDevices {
		if id == "" {
			errs = append(errs, fmt.Errorf("teamworkDevices[%d]: the id is empty", i))
		}
	}
	for i, a := range p.AppInstallations {
		if a.User == "" || a.Installation == "" {
			errs = append(errs, fmt.Errorf("appInstallations[%d]: both user and installation are required", i))
		}
	}
	for i, s := range p.WindowsUpdateStates {
		if s.DeviceConfiguration == "" || s.State == "" {
			errs = append(errs, fmt.Errorf("windowsUpdateStates[%d]: both deviceConfiguration and state are required", i))
		}
	}
	return errors.Join(errs...)
}

// BaseURL is the target the profile names: its target, or else its cloud's Graph root; empty when it
// names neither.
func (p Profile) BaseURL() string {
	if p.Target != "" || p.Cloud == "" {
		return p.Target
	}
	c, err := LookupCloud(p.Cloud)
	if err != nil {
		return ""
	}
	return c.GraphRoot
}
