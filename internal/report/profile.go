package report

import (
	"fmt"
	"sort"
	"strings"
)

// Profile is what the reports show of the target profile a run used, so a report says what it
// judged: never a secret, only where tokens came from.
type Profile struct {
	Name   string `json:"name"`
	Target string `json:"target,omitempty"`
	Cloud  string `json:"cloud,omitempty"`
	// AllowMutations is whether the run could change things (the profile's allowMutations, or
	// --allow-mutations).
	AllowMutations bool `json:"allowMutations"`
	// Auth says how the run got its token, e.g. "static token" or "client credentials (tenant …,
	// client …, certificate)".
	Auth string `json:"auth"`
	// Resources counts the entries of each pool the profile lists.
	Resources map[string]int `json:"resources"`
}

// String renders the profile on one line, for report.html.
func (p Profile) String() string {
	keys := make([]string, 0, len(p.Resources))
	for k := range p.Resources {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	pools := make([]string, 0, len(keys))
	for _, k := range keys {
		pools = append(pools, fmt.Sprintf("%s %d", k, p.Resources[k]))
	}
	mutations := "read-only"
	if p.AllowMutations {
		mutations = "mutations allowed"
	}
	cloud := p.Cloud
	if cloud == "" {
		cloud = "global"
	}
	return fmt.Sprintf("%s (cloud %s, %s, %s; %s)", p.Name, cloud, mutations, p.Auth, strings.Join(pools, ", "))
}
