package clientrules

import (
	"crypto/sha256"
	"encoding/hex"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/graphconform/graphconform/internal/contract"
	"github.com/graphconform/graphconform/internal/finding"
	"github.com/graphconform/graphconform/internal/rules"
)

// maxRemembered bounds each thing an Observer remembers (waits, pending operations, issued links);
// past it, what has expired is forgotten first and then nothing new is remembered.
const maxRemembered = 10000

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

	mu      sync.Mutex
	waits   map[string]throttled  // by client and operation
	pending map[string]pending    // by client and device
	issued  map[string]issuedLink // nextLinks given, by client, path and $skiptoken
}

// New returns an Observer that remembers nothing yet.
func New(o Options) *Observer {
	return &Observer{
		validator: o.Validator, permissions: permissionsOf(o.Validator.Doc()), checkPermitted: o.CheckPermitted,
		waits: map[string]throttled{}, pending: map[string]pending{}, issued: map[string]issuedLink{},
	}
}

// Reset forgets everything the Observer remembers.
func (o *Observer) Reset() {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.waits, o.pending, o.issued = map[string]throttled{}, map[string]pending{}, map[string]issuedLink{}
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

// clients are the keys that name who sent r: its application (remote host and a hash of its
// Authorization header: Graph throttles and tracks an application, not a connection) and, when it
// sent one, its client-request-id (kept across the retries of one request).
func (r Request) clients() []string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	sum := sha256.Sum256([]byte(r.Header.Get("Authorization")))
	keys := []string{"app " + host + " " + hex.EncodeToString(sum[:8])}
	if id := strings.TrimSpace(r.Header.Get(HeaderClientRequestID)); id != "" {
		idSum := sha256.Sum256([]byte(id)) // hashed, so that a remembered client stays small
		keys = append(keys, "client-request-id "+hex.EncodeToString(idSum[:]))
	}
	return keys
}

// app is the first of clients: the application that sent r.
func (r Request) app() string { return r.clients()[0] }

// route finds r's operation; nil when the spec has none.
func (o *Observer) route(r Request) *contract.Route {
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

// Response tells the Observer what r was answered at now: a Retry-After to wait, a Location to poll,
// a nextLink to follow. body is the response body when the caller has it (for @odata.nextLink).
func (o *Observer) Response(r Request, status int, header http.Header, body []byte, now time.Time) {
	route := o.route(r)
	if route == nil {
		return
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	o.noteRetryAfter(r, route.OperationID, status, header, now)
	o.notePolling(r, route, status, header, body, now)
	o.noteLinks(r, route, status, body, now)
}

// forget makes room in m for one more entry: it drops the expired ones (before now) when m is full,
// and reports whether there is room.
func forget[V any](m map[string]V, now time.Time, expired func(V, time.Time) bool) bool {
	if len(m) < maxRemembered {
		return true
	}
	for k, v := range m {
		if expired(v, now) {
			delete(m, k)
		}
	}
	return len(m) < maxRemembered
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
