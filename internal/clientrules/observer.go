package clientrules

import (
	"hash/maphash"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/hashicorp/golang-lru/v2/simplelru"

	"github.com/graphconform/graphconform/internal/contract"
	"github.com/graphconform/graphconform/internal/finding"
	"github.com/graphconform/graphconform/internal/rules"
)

// pendingTTL is how long an Observer remembers a 202's Location that the client has not polled.
const pendingTTL = time.Hour

// The operations whose behaviour the rules follow.
const (
	opUpdateSoftware = "teamworkDevice.updateSoftware"
	opGetOperation   = "teamworkDevice.getOperation"
	opListOperations = "teamworkDevice.listOperations"
)

// HeaderClientRequestID is the header a Graph client names its request with; Microsoft's clients keep
// it across the retries of one request.
const HeaderClientRequestID = "client-request-id"

// Options configure an Observer.
type Options struct {
	// Validator routes requests to the spec's operations and gives their permissions and parameters.
	Validator *contract.Validator
	// CheckPermitted makes the Observer report a JWT that grants none of the operation's permissions
	// (request-permitted). The mock answers such a request 403 and records it itself.
	CheckPermitted bool
}

// Observer follows the traffic of every client of one target. It is safe for concurrent use.
type Observer struct {
	validator      *contract.Validator
	permissions    map[string]permissionSet
	checkPermitted bool

	remembered, knownLimit int // the bounds of the memories below
	seed                   maphash.Seed

	// Every memory is bounded and drops its least recently added entry when full; what a dropped
	// entry could have told is marked in forgotten, so that it is never reported.
	mu        sync.Mutex
	waits     *simplelru.LRU[string, throttled]  // by client and operation
	pending   *simplelru.LRU[string, pending]    // by client and device
	known     *simplelru.LRU[uint64, uint64]     // operation ids given, hashed with client and device, to their scope
	issued    *simplelru.LRU[string, issuedLink] // nextLinks given, by client, path and $skiptoken
	forgotten forgottenSet                       // the scopes of dropped known ids and issued links
}

// New returns an Observer that remembers nothing yet.
func New(o Options) *Observer {
	return newBounded(o, maxRemembered, maxKnown)
}

// newBounded is New with the bounds of its memories: remembered waits, pending operations and issued
// links each, and known operation ids.
func newBounded(o Options, remembered, known int) *Observer {
	obs := &Observer{
		validator: o.Validator, permissions: permissionsOf(o.Validator.Doc()), checkPermitted: o.CheckPermitted,
		remembered: remembered, knownLimit: known, seed: maphash.MakeSeed(),
	}
	obs.forgetAll()
	return obs
}

// forgetAll makes every memory empty. The caller holds mu, or is New.
func (o *Observer) forgetAll() {
	o.forgotten = newForgottenSet(o.seed)
	o.waits = newMemory[string, throttled](o.remembered, nil)
	o.pending = newMemory[string, pending](o.remembered, nil)
	o.known = newMemory(o.knownLimit, func(_ uint64, scope uint64) { o.forgotten.add(scope) })
	o.issued = newMemory(o.remembered, func(_ string, l issuedLink) { o.forgotten.add(l.scope) })
}

// Reset forgets everything the Observer remembers.
func (o *Observer) Reset() {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.forgetAll()
}

// Request is one request as the rules see it.
type Request struct {
	// Method and Target (the escaped path from the version on, e.g. /beta/…, and the query).
	Method, Target string
	// Header is the request's; the Authorization header is only hashed, never kept.
	Header http.Header
	// RemoteAddr is the client's address (host:port).
	RemoteAddr string
	// HasBody says whether the request carried a body.
	HasBody bool
	// Route is the operation the request was routed to, when the caller routed it already; nil makes
	// the Observer route it.
	Route *contract.Route

	keys []string // clients(), once the Observer worked them out
}

// FromHTTP describes r; hasBody says whether it carried a body (a caller that read it knows best).
func FromHTTP(r *http.Request, hasBody bool) Request {
	target := r.URL.EscapedPath()
	if r.URL.RawQuery != "" {
		target += "?" + r.URL.RawQuery
	}
	return Request{Method: r.Method, Target: target, Header: r.Header, RemoteAddr: r.RemoteAddr, HasBody: hasBody}
}

func (r Request) path() string {
	path, _, _ := strings.Cut(r.Target, "?")
	return path
}

func (r Request) query() string {
	_, query, _ := strings.Cut(r.Target, "?")
	return query
}

// clients are the keys that name who sent r, as the Observer worked them out (Identify).
func (r Request) clients() []string { return r.keys }

// Identify returns r with the keys that name who sent it: its application (remote host and a hash
// of its Authorization header: Graph throttles and tracks an application, not a connection) and,
// when it sent one, its client-request-id (kept across the retries of one request). Both are hashed
// with the Observer's seed, so that a remembered client stays small and no token is kept. A caller
// that hands the same request to both Request and Response identifies it once; either does it
// otherwise.
func (o *Observer) Identify(r Request) Request {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	r.keys = []string{"app " + host + " " + strconv.FormatUint(maphash.String(o.seed, r.Header.Get("Authorization")), 16)}
	if id := strings.TrimSpace(r.Header.Get(HeaderClientRequestID)); id != "" {
		r.keys = append(r.keys, "client-request-id "+strconv.FormatUint(maphash.String(o.seed, id), 16))
	}
	return r
}

// app is the first of clients: the application that sent r.
func (r Request) app() string { return r.clients()[0] }

// route finds r's operation; nil when the spec has none.
func (o *Observer) route(r Request) *contract.Route {
	if r.Route != nil {
		return r.Route
	}
	route, err := o.validator.FindRoute(r.Method, r.path())
	if err != nil {
		return nil
	}
	return route
}

// Request returns the client rules r breaks, given what the Observer saw before it, at now.
func (o *Observer) Request(r Request, now time.Time) []finding.Finding {
	route := o.route(r)
	if route == nil {
		return nil
	}
	if r.keys == nil {
		r = o.Identify(r)
	}
	operation := route.OperationID
	var out []finding.Finding
	add := func(rule rules.ID, message string) {
		out = append(out, finding.New(rule, operation, 0, "", message))
	}
	if msg := bodyWhereAllowed(route.Operation(), r); msg != "" {
		add(rules.ClientBodyWhereAllowed, msg)
	}
	if msg := topInRange(route.Operation(), r); msg != "" {
		add(rules.ClientTopInRange, msg)
	}
	for rule, message := range o.permissionFindings(operation, r) {
		add(rule, message)
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if msg := o.checkRetryAfter(r, operation, now); msg != "" {
		add(rules.ClientHonoursRetryAfter, msg)
	}
	if msg := o.checkPolling(r, route, now); msg != "" {
		add(rules.ClientPollsLocation, msg)
	}
	if msg := o.checkLinks(r, route, now); msg != "" {
		add(rules.ClientFollowsLinks, msg)
	}
	return out
}

// NeedsBody tells whether Response needs the body of r's response: only a page of operations tells
// it something (the ids listed, the @odata.nextLink).
func (o *Observer) NeedsBody(r Request) bool {
	route := o.route(r)
	return route != nil && route.OperationID == opListOperations
}

// Response tells the Observer what r was answered at now: a Retry-After to wait, a Location to poll,
// a nextLink to follow. body is the response body when the caller has it (for @odata.nextLink).
func (o *Observer) Response(r Request, status int, header http.Header, body []byte, now time.Time) {
	route := o.route(r)
	if route == nil {
		return
	}
	if r.keys == nil {
		r = o.Identify(r)
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	o.noteRetryAfter(r, route.OperationID, status, header, now)
	o.notePolling(r, route, status, header, body, now)
	o.noteLinks(r, route, status, body, now)
}

// parameter returns the operation's query parameter name, or nil.
func parameter(op *openapi3.Operation, name string) *openapi3.Parameter {
	if op == nil {
		return nil
	}
	for _, ref := range op.Parameters {
		if ref != nil && ref.Value != nil && ref.Value.In == openapi3.ParameterInQuery && ref.Value.Name == name {
			return ref.Value
		}
	}
	return nil
}
