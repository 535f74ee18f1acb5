// Package coverage measures how much of what the OpenAPI description documents a run exercised: each
// operation's explicit response statuses (202, 409, 204, 200 — not the 4XX/5XX ranges) and the headers
// each of those responses documents (Location on the 202, Retry-After on the operation's 200). It
// counts what the run saw; it does not judge whether what it saw was right.
package coverage

import (
	"net/http"
	"sort"
	"strconv"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/graphconform/graphconform/internal/record"
)

// Coverage is what a run exercised of a description, operation by operation.
type Coverage struct {
	// Operations are the description's operations, sorted by ID.
	Operations []Operation `json:"operations"`
	// Unknown are the operations the run exercised that the description does not have, named by method
	// and path as the findings name them, sorted by ID. Their statuses are all in OtherStatuses.
	Unknown []Operation `json:"unknown,omitempty"`
}

// Operation is what a run exercised of one operation.
type Operation struct {
	// ID is the operationId, or the method and path when the operation has none.
	ID     string `json:"operationId"`
	Method string `json:"method,omitempty"`
	Path   string `json:"path,omitempty"`
	// Exchanges counts the run's exchanges with the operation.
	Exchanges int `json:"exchanges"`
	// Statuses are the documented explicit statuses, ascending.
	Statuses []Status `json:"statuses"`
	// OtherStatuses are the statuses seen that are not documented explicitly: those a 4XX, 5XX or
	// default response covers, and those nothing documents. Ascending; Headers is always empty.
	OtherStatuses []Status `json:"otherStatuses,omitempty"`
}

// Status is one documented status of an operation and how often the run saw it.
type Status struct {
	Code int `json:"code"`
	// Seen counts the responses with this status.
	Seen int `json:"seen"`
	// Headers are the headers the description documents for the status, sorted by name.
	Headers []Header `json:"headers,omitempty"`
}

// Header is one documented response header and how often a response of its status carried it.
type Header struct {
	Name     string `json:"name"`
	Required bool   `json:"required"`
	// Seen counts the responses of the header's status that carried it.
	Seen int `json:"seen"`
}

// Compute measures what run exercised of doc. An exchange belongs to the operation its record names;
// a header counts as seen when a response of the status it is documented for carries it, with any
// value.
func Compute(doc *openapi3.T, run record.Run) Coverage {
	byID := map[string]*Operation{}
	var c Coverage
	if doc != nil && doc.Paths != nil {
		for path, item := range doc.Paths.Map() {
			for method, op := range item.Operations() {
				o := documented(path, method, op)
				byID[o.ID] = &o
			}
		}
	}
	unknown := map[string]*Operation{}
	for _, sc := range run.Scenarios {
		for _, ex := range sc.Exchanges {
			if ex.Exchange == nil {
				continue
			}
			o := byID[ex.Operation]
			if o == nil {
				if unknown[ex.Operation] == nil {
					unknown[ex.Operation] = &Operation{ID: ex.Operation, Statuses: []Status{}}
				}
				o = unknown[ex.Operation]
			}
			o.see(ex.Exchange.Response.Status, ex.Exchange.Response.Header)
		}
	}
	c.Operations = sorted(byID)
	c.Unknown = sorted(unknown)
	return c
}

// documented lists what the description documents of one operation, nothing seen yet.
func documented(path, method string, op *openapi3.Operation) Operation {
	o := Operation{ID: op.OperationID, Method: method, Path: path, Statuses: []Status{}}
	if o.ID == "" {
		o.ID = method + " " + path
	}
	if op.Responses == nil {
		return o
	}
	for key, ref := range op.Responses.Map() {
		code, ok := explicitStatus(key)
		if !ok {
			continue
		}
		s := Status{Code: code}
		if ref != nil && ref.Value != nil {
			for name, h := range ref.Value.Headers {
				s.Headers = append(s.Headers, Header{Name: name, Required: h != nil && h.Value != nil && h.Value.Required})
			}
		}
		sort.Slice(s.Headers, func(i, j int) bool { return s.Headers[i].Name < s.Headers[j].Name })
		o.Statuses = append(o.Statuses, s)
	}
	sort.Slice(o.Statuses, func(i, j int) bool { return o.Statuses[i].Code < o.Statuses[j].Code })
	return o
}

// explicitStatus parses a response key naming one status, such as "202"; ranges ("4XX") and
// "default" are not explicit.
func explicitStatus(key string) (int, bool) {
	if len(key) != 3 {
		return 0, false
	}
	code, err := strconv.Atoi(key)
	if err != nil || code < 100 || code > 599 {
		return 0, false
	}
	return code, true
}

// see counts one response of the operation.
func (o *Operation) see(code int, header http.Header) {
	o.Exchanges++
	for i := range o.Statuses {
		s := &o.Statuses[i]
		if s.Code != code {
			continue
		}
		s.Seen++
		for j := range s.Headers {
			if len(header.Values(s.Headers[j].Name)) > 0 {
				s.Headers[j].Seen++
			}
		}
		return
	}
	for i := range o.OtherStatuses {
		if o.OtherStatuses[i].Code == code {
			o.OtherStatuses[i].Seen++
			return
		}
	}
	o.OtherStatuses = append(o.OtherStatuses, Status{Code: code, Seen: 1})
	sort.Slice(o.OtherStatuses, func(i, j int) bool { return o.OtherStatuses[i].Code < o.OtherStatuses[j].Code })
}

func sorted(m map[string]*Operation) []Operation {
	if len(m) == 0 {
		return nil
	}
	out := make([]Operation, 0, len(m))
	for _, o := range m {
		out = append(out, *o)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}
