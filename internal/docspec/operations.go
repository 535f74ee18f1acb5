package docspec

import (
	"path"
	"strconv"
	"strings"
)

// operation reads one request line of an API page, literally: its path parameters as written,
// served under the page's version.
func (m *model) operation(p *Page, rl requestLine, index int) (*operation, error) {
	doc := p.Operation
	owner, verb, action, err := titleParts(p)
	if err != nil {
		return nil, err
	}
	op := &operation{page: p, req: rl, owner: owner, verb: verb, action: action, path: rl.Path, permissions: doc.Permissions, query: doc.Query}
	op.id = operationID(owner, verb, action, rl.Params)
	if index > 0 {
		op.id += "-" + strconv.Itoa(index+1)
	}
	for _, prm := range rl.Params {
		pp := &pathParam{name: prm.Name, written: prm}
		if prm.Alternatives != nil {
			pp.description = "The " + strings.Join(prm.Alternatives, " or the ") + "."
		}
		op.pathParams = append(op.pathParams, pp)
	}
	op.version, op.versionLine, err = pageVersion(p)
	if err != nil {
		return nil, err
	}
	op.servers = []string{"/" + op.version}
	m.sources.add("/components/securitySchemes/azureAD", p.Name)
	m.sources.add("/servers", p.Name)

	op.summary = p.Meta.Description
	op.description = strings.TrimSpace(strings.TrimPrefix(p.Intro, p.Meta.Description))
	view := "graph-rest-beta"
	if op.version == "v1.0" {
		view = "graph-rest-1.0"
	}
	slug := strings.TrimSuffix(path.Base(p.Name), ".md")
	op.docsURL = "https://learn.microsoft.com/graph/api/" + slug + "?view=" + view
	op.source = m.opts.SourcePrefix + p.Name

	op.body, err = m.requestBody(op)
	if err != nil {
		return nil, err
	}
	op.responses, err = m.responsesOf(op)
	if err != nil {
		return nil, err
	}
	return op, nil
}

// exampleName is an example's name in the description: its annotation's name, else "exampleN".
func exampleName(ex Example, n int) string {
	if ex.Name != "" {
		return ex.Name
	}
	return "example" + strconv.Itoa(n+1)
}
