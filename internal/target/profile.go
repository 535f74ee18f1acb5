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
	Target string `yaml:"target"`
	// AllowMutations must be true for the suite to change anything on a remote target: every headline
	// scenario updates software, upgrades an app or patches a state.
	AllowMutations bool `yaml:"allowMutations"`
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

// Check reports at once every key that is not a resource of kinds, every empty list and every
// incomplete entry.
func (p Profile) Check(kinds []ResourceKind) error {
	known := map[string]bool{}
	keys := make([]string, 0, len(kinds))
	for _, k := range kinds {
		known[k.ResourceKey()] = true
		keys = append(keys, k.ResourceKey())
	}
	var errs []error
	unknown := make([]string, 0, len(p.Resources))
	for key := range p.Resources {
		if !known[key] {
			unknown = append(unknown, key)
		}
	}
	sort.Strings(unknown)
	for _, key := range unknown {
		errs = append(errs, fmt.Errorf("field %s not found: a profile has name, target, allowMutations, mockControls and the lists %s", key, strings.Join(keys, ", ")))
	}
	for _, k := range kinds {
		errs = append(errs, k.check(p)...)
	}
	return errors.Join(errs...)
}
