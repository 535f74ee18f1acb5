package gencases

import (
	"cmp"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/getkin/kin-openapi/openapi3"
)

// Case is one generated request of an operation and what the server must answer.
type Case struct {
	// Operation is the operationId, e.g. "teamworkDevice.updateSoftware".
	Operation string
	// Name says what the case changes, e.g. `softwareType "adminAgent"` or "softwareType as a number".
	Name string
	// Accept is true for a positive case: the server must answer Status. A negative case must be
	// refused with 400 and a Graph error.
	Accept bool
	// Status is the status a positive case must get: the operation's documented success.
	Status int
	// Body is the request body sent.
	Body []byte
	// Version is the version the operation is first served under, e.g. "beta".
	Version string
}

// Title is the case's scenario name: "<operation> accepts|refuses <what>".
func (c Case) Title() string {
	verb := "refuses"
	if c.Accept {
		verb = "accepts"
	}
	return c.Operation + " " + verb + " " + c.Name
}

// FromSpec returns the cases of every operation of doc with a JSON request body, operation by
// operation in path and method order, positive cases first. An operation without an example body
// starts from a body made of its required properties.
func FromSpec(doc *openapi3.T) ([]Case, error) {
	var out []Case
	for _, path := range doc.Paths.InMatchingOrder() {
		item := doc.Paths.Value(path)
		ops := item.Operations()
		for _, method := range slices.Sorted(maps.Keys(ops)) {
			op := ops[method]
			if strings.ContainsFunc(op.OperationID, unicode.IsSpace) {
				return nil, fmt.Errorf("%s %s: the operationId %q holds white space, which a Gherkin tag cannot: name the operation without it", method, path, op.OperationID)
			}
			if op.RequestBody == nil || op.RequestBody.Value == nil {
				continue
			}
			media := op.RequestBody.Value.Content.Get("application/json")
			if media == nil || media.Schema == nil || media.Schema.Value == nil {
				continue
			}
			cases, err := operationCases(op, item, doc, media)
			if err != nil {
				return nil, fmt.Errorf("generate the cases of %s %s: %w", method, path, err)
			}
			out = append(out, cases...)
		}
	}
	slices.SortStableFunc(out, func(a, b Case) int { return cmp.Compare(a.Operation, b.Operation) })
	return out, nil
}

// generator collects one operation's cases.
type generator struct {
	op      string
	status  int
	version string
	base    any
	root    *openapi3.Schema
	seen    map[string]bool
	// refuseOnly drops positive cases: for a value only the server's resources can give.
	refuseOnly bool
	cases      []Case
}

func operationCases(op *openapi3.Operation, item *openapi3.PathItem, doc *openapi3.T, media *openapi3.MediaType) ([]Case, error) {
	g := &generator{op: op.OperationID, status: successStatus(op), version: version(item, doc), seen: map[string]bool{}}
	if g.op == "" {
		return nil, fmt.Errorf("the operation has no operationId: give it one")
	}
	schema := media.Schema.Value
	g.base = baseBody(media)
	if g.base == nil {
		g.base = sample(schema)
	}
	if err := schema.VisitJSON(g.base); err != nil {
		return nil, fmt.Errorf("the body the cases start from is not valid (%w): fix the operation's example", err)
	}
	g.root = schema
	g.object(g.base, nil, schema)
	body, err := json.Marshal(g.base)
	if err != nil {
		return nil, fmt.Errorf("encode the example body: %w", err)
	}
	g.refuseRaw("malformed JSON", body[:len(body)-1])
	positives := slices.DeleteFunc(slices.Clone(g.cases), func(c Case) bool { return !c.Accept })
	negatives := slices.DeleteFunc(g.cases, func(c Case) bool { return c.Accept })
	return append(positives, negatives...), nil
}

// successStatus is the operation's first documented 2xx status.
func successStatus(op *openapi3.Operation) int {
	for _, key := range slices.Sorted(maps.Keys(op.Responses.Map())) {
		if code, err := strconv.Atoi(key); err == nil && code >= 200 && code < 300 {
			return code
		}
	}
	return http.StatusOK
}

// version is the first server of the path, else of the description, without its slash.
func version(item *openapi3.PathItem, doc *openapi3.T) string {
	servers := item.Servers
	if len(servers) == 0 {
		servers = doc.Servers
	}
	if len(servers) == 0 {
		return ""
	}
	return strings.TrimPrefix(servers[0].URL, "/")
}

// baseBody is the example body with the most properties, the first by name among equals.
func baseBody(media *openapi3.MediaType) any {
	var best map[string]any
	for _, name := range slices.Sorted(maps.Keys(media.Examples)) {
		ex := media.Examples[name]
		if ex == nil || ex.Value == nil {
			continue
		}
		if obj, ok := ex.Value.Value.(map[string]any); ok && len(obj) > len(best) {
			best = obj
		}
	}
	if best == nil {
		return nil
	}
	return clone(best)
}

// accept adds a positive case: the base body with the change.
func (g *generator) accept(name string, body any) { g.add(name, true, body) }

// refuse adds a negative case: the base body with the change.
func (g *generator) refuse(name string, body any) { g.add(name, false, body) }

func (g *generator) add(name string, accept bool, body any) {
	if accept && g.refuseOnly {
		return
	}
	data, err := json.Marshal(body)
	if err != nil {
		return
	}
	var decoded any
	if err := json.Unmarshal(data, &decoded); err != nil {
		return
	}
	// A case is kept only when the description decides it as the generator expects: a positive case
	// validates, a negative one does not. A mutation the description does not constrain (a longer
	// string where it sets no maxLength) says nothing about a server, so it is left out.
	if valid := g.root.VisitJSON(decoded) == nil; valid != accept {
		return
	}
	g.addRaw(name, accept, data)
}

func (g *generator) refuseRaw(name string, data []byte) { g.addRaw(name, false, data) }

func (g *generator) addRaw(name string, accept bool, data []byte) {
	c := Case{Operation: g.op, Name: name, Accept: accept, Body: data, Version: g.version}
	if accept {
		c.Status = g.status
	}
	if g.seen[c.Title()] {
		return
	}
	g.seen[c.Title()] = true
	g.cases = append(g.cases, c)
}
