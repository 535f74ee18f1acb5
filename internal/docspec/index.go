package docspec

import (
	"fmt"
	"slices"
	"strings"
)

// newModel is the model stage: it reads the pages literally into operations, bodies, responses and
// the schemas they reach. Where the pages are silent or disagree it takes no decision; decide does.
func newModel(pages []*Page, opts Options) (*model, error) {
	m := &model{
		pages: pages, opts: opts,
		types: map[string]*typeDef{}, enums: map[string]*enumSchema{},
		collections: map[string]*schema{}, typeSchemas: map[string]*schema{},
		responses: map[string]*response{},
		reach:     map[string]use{}, nullableRefs: map[string]bool{},
		sources: sources{},
	}
	if err := m.index(); err != nil {
		return nil, err
	}
	for _, p := range pages {
		if p.Operation == nil {
			continue
		}
		for i, rl := range p.Operation.Requests {
			op, err := m.operation(p, rl, i)
			if err != nil {
				return nil, err
			}
			m.operations = append(m.operations, op)
		}
	}
	if err := m.checkOperationIDs(); err != nil {
		return nil, err
	}
	if err := m.resolveTypeSchemas(); err != nil {
		return nil, err
	}
	return m, nil
}

// index collects what the pages define: resource types, enumerations and the error page.
func (m *model) index() error {
	for _, p := range m.pages {
		for _, t := range p.Types {
			if have := m.types[t.Name]; have != nil {
				return fmt.Errorf("the resource type %s is defined twice, on %s line %d and on %s line %d: keep one", t.Name, have.page.Name, have.doc.Line, p.Name, t.Line)
			}
			m.types[t.Name] = &typeDef{doc: t, page: p}
			m.sources.add(schemaPointer(t.Name), p.Name)
		}
		for _, e := range p.Enums {
			if have := m.enums[e.Name]; have != nil {
				return fmt.Errorf("the enumeration %s is defined twice, on %s line %d and on %s line %d: keep one", e.Name, have.defined.Page, have.defined.Line, p.Name, e.Line)
			}
			m.enums[e.Name] = &enumSchema{name: e.Name, members: slices.Clone(e.Members), defined: &Location{Page: p.Name, Line: e.Line}}
			m.sources.add(schemaPointer(e.Name), p.Name)
		}
		if p.Errors != nil {
			if m.errorsPage != nil {
				return fmt.Errorf("both %s and %s have an HTTP status code table: keep the error responses on one page", m.errorsPage.Name, p.Name)
			}
			m.errorsPage = p
		}
	}
	if m.errorsPage == nil {
		return nil
	}
	for _, t := range m.errorsPage.Types {
		if strings.HasSuffix(t.ODataType, "ODataErrors.ODataError") {
			m.errorSchema = t.Name
		}
	}
	if m.errorSchema == "" {
		return fmt.Errorf("%s: the error page has no resource type annotated \"@odata.type\": \"microsoft.graph.ODataErrors.ODataError\": add the error body's type", m.errorsPage.Name)
	}
	m.mark(m.errorSchema, use{resp: true})
	return nil
}

func (m *model) checkOperationIDs() error {
	seen := map[string]*operation{}
	for _, op := range m.operations {
		if have := seen[op.id]; have != nil {
			return fmt.Errorf("%s line %d and %s line %d both derive the operationId %s: give the pages distinct titles", have.page.Name, have.req.Line, op.page.Name, op.req.Line, op.id)
		}
		seen[op.id] = op
	}
	return nil
}
