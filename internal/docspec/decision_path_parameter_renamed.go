package docspec

import (
	"fmt"
	"strings"
)

// DecisionPathParameterRenamed: the key segment an action is bound to is named after another
// thing than the bound type (the upgrade page's {app-installation-id} for a
// userScopeTeamsAppInstallation).
const DecisionPathParameterRenamed = "path-parameter-renamed"

var pathParameterRenamed = DecisionRule{
	ID:   DecisionPathParameterRenamed,
	When: "the key segment an action is bound to is named after another thing than the bound type",
	Does: "names the parameter <type>-id, as Microsoft's published description names it ({userScopeTeamsAppInstallation-id})",
	find: func(m *model) []finding {
		var out []finding
		for _, op := range m.operations {
			if !op.action || len(op.pathParams) == 0 {
				continue
			}
			prm := op.pathParams[len(op.pathParams)-1]
			if !strings.HasSuffix(op.path, "{"+prm.name+"}/"+op.verb) || strings.HasPrefix(strings.ToLower(prm.name), strings.ToLower(op.owner)) {
				continue
			}
			renamed := op.owner + "-id"
			out = append(out, finding{
				at:   Location{Page: op.page.Name, Line: op.req.Line},
				says: fmt.Sprintf("the request line names the key of the %s {%s}; the path parameter is named {%s}, as Microsoft's published description names it", op.owner, prm.written.Written, renamed),
				apply: func() {
					op.path = strings.Replace(op.path, "{"+prm.name+"}", "{"+renamed+"}", 1)
					prm.name = renamed
					prm.description = fmt.Sprintf("The key of the %s; the page writes it {%s}.", op.owner, prm.written.Written)
				},
			})
		}
		return out
	},
}
