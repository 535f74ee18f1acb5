// Package target says where the suite runs: the embedded mock, or a Graph-compatible endpoint named by
// a base URL, a token and a profile of the resources the suite may use there.
package target

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"

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
	Cloud string `yaml:"cloud,omitempty"`
	// AllowMutations must be true for the suite to change anything on a remote target. Without it (and
	// without --allow-mutations) the run sends no POST, PATCH, PUT or DELETE: the scenarios that only
	// read run, the others are skipped with the reason.
	AllowMutations bool `yaml:"allowMutations"`
	// Auth says how the suite gets its bearer token; without it, the token comes from the environment.
	Auth Auth `yaml:"auth,omitempty"`
	// MockControls says the target is graphconform's mock (graphconform serve), whose control
	// endpoints the @mock-only scenarios use; the run checks that it answers /_graphconform/state.
	MockControls bool `yaml:"mockControls"`
	// Resources are the lists of resources the suite may use, by key (teamworkDevices,
	// appInstallations, windowsUpdateStates, …): each API declares the Resource its scenarios take,
	// and Check decodes and checks its list.
	Resources map[string]yaml.Node `yaml:",inline"`
}

// LoadProfile reads a profile file and checks it against the resources the suite's APIs take.
func LoadProfile(path string, kinds []ResourceKind) (Profile, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Profile{}, fmt.Errorf("read the profile: %w", err)
	}
	p, err := ParseProfile(data, kinds)
	if err != nil {
		return Profile{}, fmt.Errorf("profile %s: %w", path, err)
	}
	return p, nil
}

// ParseProfile decodes a profile from YAML, refusing unknown keys, and checks it against kinds.
func ParseProfile(data []byte, kinds []ResourceKind) (Profile, error) {
	var p Profile
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&p); err != nil {
		return Profile{}, fmt.Errorf("decode the YAML (see fixtures/targets/example.yaml for the format): %w", err)
	}
	if err := p.Check(kinds); err != nil {
		return Profile{}, err
	}
	return p, nil
}

// Check reports at once every key that is not a resource of kinds, every incomplete entry, an unknown
// cloud and a bad auth section. A list may be empty or missing: the scenarios that need it are
// skipped, with the reason.
func (p Profile) Check(kinds []ResourceKind) error {
	known := map[string]bool{}
	keys := make([]string, 0, len(kinds))
	for _, k := range kinds {
		known[k.ResourceKey()] = true
		keys = append(keys, k.ResourceKey())
	}
	var errs []error
	if _, err := LookupCloud(p.Cloud); err != nil {
		errs = append(errs, err)
	}
	if err := p.Auth.Validate(); err != nil {
		errs = append(errs, err)
	}
	unknown := make([]string, 0, len(p.Resources))
	for key := range p.Resources {
		if !known[key] {
			unknown = append(unknown, key)
		}
	}
	sort.Strings(unknown)
	for _, key := range unknown {
		errs = append(errs, fmt.Errorf("field %s not found: a profile has name, target, cloud, allowMutations, auth, mockControls and the lists %s", key, strings.Join(keys, ", ")))
	}
	for _, k := range kinds {
		errs = append(errs, k.check(p)...)
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
