package harness

import (
	"fmt"

	"github.com/graphconform/graphconform/internal/report"
	"github.com/graphconform/graphconform/internal/target"
)

// profileForReport is what the reports show of a remote target's profile: its name, target, cloud,
// whether the run could change things, where the token came from, and the size of each pool. No
// secret is part of a profile, and none of this names one.
func profileForReport(r *target.Remote) *report.Profile {
	p := r.Profile
	out := &report.Profile{Name: p.Name, Target: r.BaseURL, Cloud: p.Cloud, AllowMutations: !r.ReadOnly, Resources: map[string]int{}}
	for key, node := range p.Resources {
		out.Resources[key] = len(node.Content)
	}
	switch a := p.Auth; {
	case a.UsesClientCredentials() && a.CertificateFile != "":
		out.Auth = fmt.Sprintf("client credentials (tenant %s, client %s, certificate)", a.TenantID, a.ClientID)
	case a.UsesClientCredentials():
		out.Auth = fmt.Sprintf("client credentials (tenant %s, client %s, client secret)", a.TenantID, a.ClientID)
	default:
		out.Auth = "static token"
	}
	return out
}
