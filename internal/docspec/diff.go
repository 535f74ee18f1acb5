package docspec

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// The kinds of Difference.
const (
	// DiffPathMissing: the other description has no path that matches ours, modulo parameter names
	// ({teamworkDevice-id} matches {teamworkDeviceId}) and a "microsoft.graph." prefix on a segment.
	DiffPathMissing = "path-missing"
	// DiffOperationMissing: the path is there, the method is not.
	DiffOperationMissing = "operation-missing"
	// DiffStatusMissing: ours declares a status the other does not, not even through a range.
	DiffStatusMissing = "status-missing"
	// DiffStatusByRange: ours declares a status the other covers only through a range (4XX) or
	// default.
	DiffStatusByRange = "status-by-range"
	// DiffStatusExtra: the other declares a status (or range) that ours does not cover.
	DiffStatusExtra = "status-extra"
	// DiffHeaderMissing: ours declares a response header the other does not.
	DiffHeaderMissing = "header-missing"
	// DiffHeaderExtra: the other declares a response header ours does not.
	DiffHeaderExtra = "header-extra"
	// DiffHeaderRequired: the header's requiredness differs.
	DiffHeaderRequired = "header-required"
	// DiffBodyMissing: ours declares a request or response body the other does not.
	DiffBodyMissing = "body-missing"
	// DiffBodyExtra: the other declares a body ours does not.
	DiffBodyExtra = "body-extra"
	// DiffEnumMissing: ours has an enumeration member the other does not.
	DiffEnumMissing = "enum-member-missing"
	// DiffEnumExtra: the other has an enumeration member ours does not.
	DiffEnumExtra = "enum-member-extra"
	// DiffEnumAbsent: ours restricts a value to an enumeration, the other does not.
	DiffEnumAbsent = "enum-absent"
	// DiffPropertyMissing: ours has a property the other does not.
	DiffPropertyMissing = "property-missing"
	// DiffPropertyExtra: the other has a property ours does not.
	DiffPropertyExtra = "property-extra"
	// DiffRequired: a property is required in one and not in the other.
	DiffRequired = "required-differs"
	// DiffType: the schemas' types differ.
	DiffType = "type-differs"
)

// Difference is one way another description differs from ours for one of our operations.
type Difference struct {
	// OperationID, Method and Path name our operation.
	OperationID, Method, Path string
	// Kind is one of the Diff* constants.
	Kind string
	// Where is the part of the operation, e.g. "response 202 header Location" or
	// "request body /softwareType".
	Where string
	// Ours and Theirs say what each description has there, when it helps.
	Ours, Theirs string
}

// String gives the difference as one line.
func (d Difference) String() string {
	s := fmt.Sprintf("%s (%s %s): %s", d.OperationID, d.Method, d.Path, d.Kind)
	if d.Where != "" {
		s += " at " + d.Where
	}
	if d.Ours != "" || d.Theirs != "" {
		s += fmt.Sprintf(": ours %s, theirs %s", orNone(d.Ours), orNone(d.Theirs))
	}
	return s
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// Diff reports, for each operation of ours, how theirs differs: a missing path or operation,
// statuses (handling 2XX/4XX/5XX ranges and default), response headers, request and response
// bodies, and within bodies enumeration members, properties and requiredness. Schemas are compared
// by structure, so that theirs may name them otherwise (microsoft.graph.ODataErrors.ODataError for
// our odataError) and may wrap references in anyOf/allOf as Microsoft's description does. OData
// annotations ("@odata.type" and other "@"-properties), which Graph allows on any object, are not
// compared.
func Diff(ours, theirs *openapi3.T) []Difference {
	var out []Difference
	if ours == nil || ours.Paths == nil {
		return nil
	}
	theirPaths := map[string]string{}
	if theirs != nil && theirs.Paths != nil {
		for _, p := range theirs.Paths.InMatchingOrder() {
			theirPaths[normalizePath(p)] = p
		}
	}
	for _, p := range ours.Paths.InMatchingOrder() {
		item := ours.Paths.Value(p)
		for _, method := range methodOrder {
			op := item.GetOperation(method)
			if op == nil {
				continue
			}
			d := &differ{base: Difference{OperationID: op.OperationID, Method: method, Path: p}, seen: map[[2]*openapi3.Schema]bool{}}
			tp, ok := theirPaths[normalizePath(p)]
			if !ok {
				d.add(DiffPathMissing, "", p, "")
				out = append(out, d.out...)
				continue
			}
			top := theirs.Paths.Value(tp).GetOperation(method)
			if top == nil {
				d.add(DiffOperationMissing, "", method, "")
				out = append(out, d.out...)
				continue
			}
			d.operation(op, top)
			out = append(out, d.out...)
		}
	}
	return out
}

// normalizePath reduces a path to its shape: every {parameter} becomes {} and a "microsoft.graph."
// prefix of a segment is dropped.
func normalizePath(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		if strings.HasPrefix(s, "{") && strings.HasSuffix(s, "}") {
			segs[i] = "{}"
			continue
		}
		segs[i] = strings.TrimPrefix(s, "microsoft.graph.")
	}
	return strings.Join(segs, "/")
}

type differ struct {
	base Difference
	out  []Difference
	seen map[[2]*openapi3.Schema]bool
}

func (d *differ) add(kind, where, ours, theirs string) {
	x := d.base
	x.Kind, x.Where, x.Ours, x.Theirs = kind, where, ours, theirs
	d.out = append(d.out, x)
}

// statusRange returns "4XX" for "409", or "" for a range or default.
func statusRange(key string) string {
	if _, err := strconv.Atoi(key); err != nil || len(key) != 3 {
		return ""
	}
	return key[:1] + "XX"
}

func (d *differ) operation(ours, theirs *openapi3.Operation) {
	// Request body.
	ob, tb := bodySchema(ours.RequestBody), bodySchema(theirs.RequestBody)
	switch {
	case ob != nil && tb == nil:
		d.add(DiffBodyMissing, "request body", "a body", "")
	case ob == nil && tb != nil:
		d.add(DiffBodyExtra, "request body", "", "a body")
	case ob != nil:
		d.compare("request body ", ob, tb)
	}
	// Responses.
	ourKeys := responseKeys(ours.Responses)
	theirKeys := responseKeys(theirs.Responses)
	used := map[string]bool{}
	for _, k := range ourKeys {
		tk := ""
		switch {
		case slices.Contains(theirKeys, k):
			tk = k
		case statusRange(k) != "" && slices.Contains(theirKeys, statusRange(k)):
			tk = statusRange(k)
			d.add(DiffStatusByRange, "response "+k, k, tk)
		case len(codesIn(theirKeys, k)) > 0:
			codes := codesIn(theirKeys, k)
			tk = codes[0]
			for _, c := range codes {
				used[c] = true
			}
			d.add(DiffStatusByRange, "response "+k, k, strings.Join(codes, ", "))
		case slices.Contains(theirKeys, "default"):
			tk = "default"
			d.add(DiffStatusByRange, "response "+k, k, tk)
		default:
			d.add(DiffStatusMissing, "response "+k, k, "")
			if r := ours.Responses.Value(k); r != nil && r.Value != nil {
				for _, h := range sortedKeys(r.Value.Headers) {
					d.add(DiffHeaderMissing, "response "+k+" header "+h, h, "")
				}
			}
			continue
		}
		used[tk] = true
		d.response("response "+k, ours.Responses.Value(k), theirResponse(theirs.Responses, tk))
	}
	for _, k := range theirKeys {
		covered := used[k] || slices.Contains(ourKeys, k) || (statusRange(k) != "" && slices.Contains(ourKeys, statusRange(k)))
		if !covered {
			d.add(DiffStatusExtra, "response "+k, "", k)
		}
	}
}

// codesIn returns the exact status codes of keys that fall in the range key ("4XX"), or nil when
// key is no range.
func codesIn(keys []string, key string) []string {
	if len(key) != 3 || !strings.HasSuffix(key, "XX") {
		return nil
	}
	var out []string
	for _, k := range keys {
		if statusRange(k) == key {
			out = append(out, k)
		}
	}
	return out
}

// theirResponse finds a response by a key as responseKeys spells it.
func theirResponse(r *openapi3.Responses, key string) *openapi3.ResponseRef {
	for k, v := range r.Map() {
		if strings.EqualFold(k, key) {
			return v
		}
	}
	return nil
}

func responseKeys(r *openapi3.Responses) []string {
	if r == nil {
		return nil
	}
	var keys []string
	for k := range r.Map() {
		if k != "default" {
			k = strings.ToUpper(k)
		}
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func bodySchema(rb *openapi3.RequestBodyRef) *openapi3.SchemaRef {
	if rb == nil || rb.Value == nil {
		return nil
	}
	return jsonSchema(rb.Value.Content)
}

func jsonSchema(c openapi3.Content) *openapi3.SchemaRef {
	for _, ct := range []string{"application/json", "*/*"} {
		if mt := c.Get(ct); mt != nil && mt.Schema != nil {
			return mt.Schema
		}
	}
	for k, mt := range c {
		if strings.HasPrefix(k, "application/json") && mt.Schema != nil {
			return mt.Schema
		}
	}
	return nil
}

func (d *differ) response(where string, ours, theirs *openapi3.ResponseRef) {
	if ours == nil || ours.Value == nil || theirs == nil || theirs.Value == nil {
		return
	}
	o, t := ours.Value, theirs.Value
	for _, h := range sortedKeys(o.Headers) {
		th := headerNamed(t.Headers, h)
		if th == nil {
			d.add(DiffHeaderMissing, where+" header "+h, h, "")
			continue
		}
		or, tr := headerRequired(o.Headers[h]), headerRequired(th)
		if or != tr {
			d.add(DiffHeaderRequired, where+" header "+h, requiredWord(or), requiredWord(tr))
		}
	}
	for _, h := range sortedKeys(t.Headers) {
		if headerNamed(o.Headers, h) == nil {
			d.add(DiffHeaderExtra, where+" header "+h, "", h)
		}
	}
	ob, tb := jsonSchema(o.Content), jsonSchema(t.Content)
	switch {
	case ob != nil && tb == nil:
		d.add(DiffBodyMissing, where+" body", "a body", "")
	case ob == nil && tb != nil:
		d.add(DiffBodyExtra, where+" body", "", "a body")
	case ob != nil:
		d.compare(where+" body ", ob, tb)
	}
}

func sortedKeys[V any](m map[string]V) []string {
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func headerNamed(h openapi3.Headers, name string) *openapi3.HeaderRef {
	for k, v := range h {
		if strings.EqualFold(k, name) {
			return v
		}
	}
	return nil
}

func headerRequired(h *openapi3.HeaderRef) bool {
	return h != nil && h.Value != nil && h.Value.Required
}

func requiredWord(b bool) string {
	if b {
		return "required"
	}
	return "optional"
}

// unwrap resolves a schema to the one that carries its shape: Microsoft's description writes a
// nullable reference as anyOf [{$ref}, {type: object, nullable: true}] and inheritance as allOf.
func unwrap(s *openapi3.SchemaRef) *openapi3.Schema {
	if s == nil || s.Value == nil {
		return nil
	}
	v := s.Value
	var members openapi3.SchemaRefs
	switch {
	case len(v.AnyOf) > 0:
		members = v.AnyOf
	case len(v.OneOf) > 0:
		members = v.OneOf
	case len(v.AllOf) > 0:
		merged := &openapi3.Schema{Type: v.Type, Properties: openapi3.Schemas{}, Enum: v.Enum, Items: v.Items}
		for _, m := range v.AllOf {
			mv := unwrap(m)
			if mv == nil {
				continue
			}
			for k, p := range mv.Properties {
				merged.Properties[k] = p
			}
			merged.Required = append(merged.Required, mv.Required...)
			if merged.Type == nil {
				merged.Type = mv.Type
			}
			if len(merged.Enum) == 0 {
				merged.Enum = mv.Enum
			}
		}
		for k, p := range v.Properties {
			merged.Properties[k] = p
		}
		merged.Required = append(merged.Required, v.Required...)
		return merged
	default:
		return v
	}
	var real []*openapi3.SchemaRef
	for _, m := range members {
		if m.Value == nil {
			continue
		}
		if m.Ref == "" && len(m.Value.Properties) == 0 && len(m.Value.Enum) == 0 && m.Value.Items == nil && m.Value.Nullable {
			continue // the "or null" member
		}
		real = append(real, m)
	}
	if len(real) == 1 {
		return unwrap(real[0])
	}
	return v
}

func typeName(s *openapi3.Schema) string {
	if s.Type == nil || len(*s.Type) == 0 {
		return ""
	}
	return strings.Join(s.Type.Slice(), "|")
}

// compare compares two body schemas; the cycle guard is per body.
func (d *differ) compare(where string, ours, theirs *openapi3.SchemaRef) {
	d.seen = map[[2]*openapi3.Schema]bool{}
	d.schema(where, ours, theirs)
}

// schema compares two schemas by structure.
func (d *differ) schema(where string, ours, theirs *openapi3.SchemaRef) {
	o, t := unwrap(ours), unwrap(theirs)
	if o == nil || t == nil {
		return
	}
	key := [2]*openapi3.Schema{o, t}
	if d.seen[key] {
		return
	}
	d.seen[key] = true
	at := strings.TrimSpace(where)
	if ot, tt := typeName(o), typeName(t); ot != "" && tt != "" && ot != tt {
		d.add(DiffType, at, ot, tt)
		return
	}
	if len(o.Enum) > 0 && len(t.Enum) == 0 {
		d.add(DiffEnumAbsent, at, strings.Join(enumStrings(o.Enum), ", "), "any "+orNone(typeName(t)))
	}
	if len(o.Enum) > 0 && len(t.Enum) > 0 {
		om, tm := enumStrings(o.Enum), enumStrings(t.Enum)
		for _, m := range om {
			if !slices.Contains(tm, m) {
				d.add(DiffEnumMissing, at, m, "")
			}
		}
		for _, m := range tm {
			if !slices.Contains(om, m) {
				d.add(DiffEnumExtra, at, "", m)
			}
		}
	}
	for _, name := range sortedKeys(o.Properties) {
		if strings.HasPrefix(name, "@") {
			continue
		}
		tp, ok := t.Properties[name]
		if !ok {
			if len(t.Properties) > 0 || typeName(t) == "object" {
				d.add(DiffPropertyMissing, where+"/"+name, name, "")
			}
			continue
		}
		or, tr := slices.Contains(o.Required, name), slices.Contains(t.Required, name)
		if or != tr {
			d.add(DiffRequired, where+"/"+name, requiredWord(or), requiredWord(tr))
		}
		d.schema(where+"/"+name, o.Properties[name], tp)
	}
	for _, name := range sortedKeys(t.Properties) {
		if _, ok := o.Properties[name]; !ok && !strings.HasPrefix(name, "@") {
			d.add(DiffPropertyExtra, where+"/"+name, "", name)
		}
	}
	if o.Items != nil && t.Items != nil {
		d.schema(where+"/items", o.Items, t.Items)
	}
}

func enumStrings(vals []any) []string {
	var out []string
	for _, v := range vals {
		if v == nil {
			continue
		}
		out = append(out, fmt.Sprint(v))
	}
	return out
}
