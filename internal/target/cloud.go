package target

import (
	"fmt"
	"sort"
	"strings"
)

// Cloud is a Microsoft Graph deployment: its service root and the Microsoft Entra authority that issues
// its tokens, as the national-cloud deployments page of the Graph docs lists them.
type Cloud struct {
	// Name is how a profile names the cloud, e.g. "usgov-l4".
	Name string
	// GraphRoot is the Microsoft Graph service root, without version.
	GraphRoot string
	// Authority is the Microsoft Entra ID endpoint tokens for GraphRoot come from.
	Authority string
}

// Scope is the OAuth scope of an app's application permissions on the cloud's Graph:
// "<graph root>/.default".
func (c Cloud) Scope() string { return c.GraphRoot + "/.default" }

// clouds are the deployments of https://learn.microsoft.com/graph/deployments.
var clouds = map[string]Cloud{
	"global":    {Name: "global", GraphRoot: "https://graph.microsoft.com", Authority: "https://login.microsoftonline.com"},
	"usgov-l4":  {Name: "usgov-l4", GraphRoot: "https://graph.microsoft.us", Authority: "https://login.microsoftonline.us"},
	"usgov-dod": {Name: "usgov-dod", GraphRoot: "https://dod-graph.microsoft.us", Authority: "https://login.microsoftonline.us"},
	"china":     {Name: "china", GraphRoot: "https://microsoftgraph.chinacloudapi.cn", Authority: "https://login.chinacloudapi.cn"},
}

// CloudNames lists the clouds a profile may name, sorted.
func CloudNames() []string {
	names := make([]string, 0, len(clouds))
	for n := range clouds {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// LookupCloud returns the cloud a profile names; an empty name is the global service.
func LookupCloud(name string) (Cloud, error) {
	if name == "" {
		name = "global"
	}
	c, ok := clouds[name]
	if !ok {
		return Cloud{}, fmt.Errorf("cloud %q: use one of %s", name, strings.Join(CloudNames(), ", "))
	}
	return c, nil
}
