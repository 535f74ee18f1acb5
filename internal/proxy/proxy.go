package proxy

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/graphconform/graphconform/internal/client"
	"github.com/graphconform/graphconform/internal/clientrules"
	"github.com/graphconform/graphconform/internal/contract"
	"github.com/graphconform/graphconform/internal/finding"
	"github.com/graphconform/graphconform/internal/gate"
	"github.com/graphconform/graphconform/internal/har"
	"github.com/graphconform/graphconform/internal/httpserver"
	"github.com/graphconform/graphconform/internal/rules"
	"github.com/graphconform/graphconform/internal/upstream"
)

// ControlPrefix is where the proxy's own endpoints live; GET ControlPrefix+"violations" is the
// proxy's. Other paths below it are forwarded unchecked (to reach the mock's controls through it).
const ControlPrefix = "/_graphconform/"

// DefaultBodyLimit is the largest request or response body the proxy checks. A larger body is streamed
// through unchecked; the proxy never holds more than this much of a body.
const DefaultBodyLimit = 4 << 20

// Options configure a Proxy.
type Options struct {
	// Upstream is the base URL requests go to (without the version), e.g. https://graph.microsoft.com.
	Upstream *url.URL
	// Validator checks requests and responses against the spec.
	Validator *contract.Validator
	// Transport sends the requests upstream; nil is a clone of http.DefaultTransport.
	Transport http.RoundTripper
	// BodyLimit bounds the bodies checked (DefaultBodyLimit when 0).
	BodyLimit int64
	// Logger receives a line per violation as it happens, and upstream failures; nil discards them.
	Logger *slog.Logger
	// HAR, when not nil, records every exchange (credentials redacted).
	HAR *har.Stream
	// Now is the clock; nil is time.Now.
	Now func() time.Time
	// ExchangeTimeout, when positive, bounds each forwarded exchange, from the request's arrival to the
	// end of the upstream's body: an upstream that stops sending is cut off then, whether or not the
	// client is still waiting. The CLI sets it to the server's write timeout, past which the answer
	// could not reach the client anyway.
	ExchangeTimeout time.Duration
}

// Proxy is the validating reverse proxy, an http.Handler.
type Proxy struct {
	upstream   *url.URL
	validator  *contract.Validator
	limit      int64
	logger     *slog.Logger
	har        *har.Stream
	now        func() time.Time
	timeout    time.Duration
	links      linkRewriter
	behaviour  *clientrules.Observer
	reverse    *httputil.ReverseProxy
	buffers    bufferPool
	violations violationLog
}

// IdleConnsPerUpstream is how many idle connections to the upstream the proxy's transport keeps: as
// many as clients it serves at once, so that a busy proxy reuses its connections instead of opening
// one per request (http.Transport keeps 2 by default).
const IdleConnsPerUpstream = 128

// NewTransport is the proxy's default transport, keeping IdleConnsPerUpstream idle connections to
// the upstream: its own HTTP/1.1 connections to a plain-HTTP upstream, and http.DefaultTransport's
// settings (HTTPS) for everything else.
func NewTransport() *upstream.Transport {
	https := http.DefaultTransport.(*http.Transport).Clone()
	https.MaxIdleConns = max(https.MaxIdleConns, IdleConnsPerUpstream)
	https.MaxIdleConnsPerHost = IdleConnsPerUpstream
	return &upstream.Transport{HTTPS: https}
}

// New returns a proxy to o.Upstream.
func New(o Options) (*Proxy, error) {
	if o.Upstream == nil || !o.Upstream.IsAbs() || o.Upstream.Host == "" || (o.Upstream.Scheme != "http" && o.Upstream.Scheme != "https") ||
		(o.Upstream.Path != "" && !strings.HasPrefix(o.Upstream.Path, "/")) {
		return nil, errors.New("the upstream must be an absolute http:// or https:// URL, e.g. https://graph.microsoft.com")
	}
	if o.Validator == nil {
		return nil, errors.New("the proxy needs a validator of the spec")
	}
	p := &Proxy{
		upstream: o.Upstream, validator: o.Validator, limit: o.BodyLimit, logger: o.Logger, har: o.HAR, now: o.Now, timeout: o.ExchangeTimeout,
		links:     linkRewriter{upstream: o.Upstream},
		behaviour: clientrules.New(clientrules.Options{Validator: o.Validator, CheckPermitted: true}),
	}
	if p.limit <= 0 {
		p.limit = DefaultBodyLimit
	}
	if p.logger == nil {
		p.logger = slog.New(slog.DiscardHandler)
	}
	if p.now == nil {
		p.now = time.Now
	}
	transport := o.Transport
	if transport == nil {
		transport = NewTransport()
	}
	p.reverse = &httputil.ReverseProxy{
		Rewrite: func(pr *httputil.ProxyRequest) {
			// The query as the client sent it: the reverse proxy re-encodes one holding a ';' or a bare
			// '%' and drops the parameters it cannot parse, such as OData's nested
			// $expand=members($select=id;$top=5).
			pr.Out.URL.RawQuery = pr.In.URL.RawQuery
			pr.SetURL(p.upstream)
			// An identity body can be checked as it passes; the client gets what it would have.
			pr.Out.Header.Del("Accept-Encoding")
			dropH2CUpgrade(pr.Out)
			forwardInMemory(pr)
		},
		Transport:      transport,
		BufferPool:     &p.buffers,
		ModifyResponse: p.modifyResponse,
		ErrorHandler:   p.upstreamFailed,
		// Its own lines (a body copy that failed) go where the proxy's do, not to the standard logger.
		ErrorLog: slog.NewLogLogger(p.logger.Handler(), slog.LevelWarn),
	}
	return p, nil
}

// dropH2CUpgrade makes a request that asks to upgrade its connection to HTTP/2 (Upgrade: h2c, as
// curl --http2 sends to a plain-HTTP server) a plain one, as a server that does not speak h2c takes
// it: the proxy checks HTTP/1.1 exchanges, and an HTTP/2 upstream refuses the Upgrade header.
func dropH2CUpgrade(out *http.Request) {
	if strings.EqualFold(out.Header.Get("Upgrade"), "h2c") {
		out.Header.Del("Upgrade")
		out.Header.Del("Connection")
		out.Header.Del("Http2-Settings")
	}
}

// forwardInMemory gives the outgoing request of an exchange whose body was read whole that body as an
// in-memory reader, and the means to read it again. The reverse proxy wraps the incoming body in a
// reader of its own, which the transport cannot tell is in memory, and so writes the head and the body
// to the upstream in two writes (two packets) instead of one; and without GetBody a request that did
// not reach the upstream (a kept-alive connection it had just closed) could not be sent again.
func forwardInMemory(pr *httputil.ProxyRequest) {
	if st, ok := pr.In.Context().Value(stateKey{}).(*exchangeState); ok && st.sent != nil && pr.Out.Body != nil {
		sent := st.sent
		pr.Out.Body = io.NopCloser(bytes.NewReader(sent))
		pr.Out.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(sent)), nil }
	}
}

// Violations returns what broke the contract so far, oldest first.
func (p *Proxy) Violations() ViolationReport { return p.violations.report() }

// stateKey carries an exchange's state from ServeHTTP to the reverse proxy's hooks.
type stateKey struct{}

// exchangeState is what the proxy learns of one exchange while it passes.
type exchangeState struct {
	ex        client.Exchange
	token     string // the bearer token, only to scrub it from what is recorded
	base      string // the proxy's base URL as the client reached it
	route     *contract.Route
	observed  clientrules.Request // the request as the client rules see it
	operation string
	checked   bool // both bodies were within the limit
	// sent is the request body as the client sent it, when it was read whole: what is forwarded.
	sent   []byte
	client []finding.Finding
	server []finding.Finding
}

// isControlPath tells whether path (decoded) is one of the upstream mock's control endpoints, which
// are forwarded unchecked. A path with a dot segment is not: an upstream that resolves it may leave
// the control prefix, so it is checked as any request is.
func isControlPath(path string) bool {
	if !strings.HasPrefix(path, ControlPrefix) {
		return false
	}
	for segment := range strings.SplitSeq(path, "/") {
		if segment == "." || segment == ".." {
			return false
		}
	}
	return true
}

// ServeHTTP checks the request, forwards it, checks the response and sends it back with the links
// that point at the upstream rewritten to point at the proxy.
func (p *Proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == ControlPrefix+"violations" {
		p.serveViolations(w, r)
		return
	}
	if r.Method == http.MethodConnect {
		// A client told to use the proxy as its HTTPS_PROXY asks for a tunnel it has no upstream for.
		w.Header().Set("Allow", "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT")
		writeGraphError(w, http.StatusMethodNotAllowed, "MethodNotAllowed", "graphconform proxy: CONNECT asks for a tunnel, but this is a reverse proxy, not a forward proxy: give the client the proxy's URL as its Graph base URL, not as HTTPS_PROXY.")
		return
	}
	ctx := r.Context()
	if p.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, p.timeout)
		defer cancel()
	}
	if isControlPath(r.URL.Path) {
		p.reverse.ServeHTTP(w, r.WithContext(ctx))
		return
	}
	st := p.checkRequest(w, r)
	if st == nil {
		return
	}
	// The reverse proxy panics with http.ErrAbortHandler when the copy of a streamed body fails (the
	// upstream stalled past the exchange timeout, ended before its Content-Length, or the client went
	// away): what the upstream sent before the cut is flushed to the client, the exchange is finished
	// all the same, and the panic goes on to net/http, which aborts the connection.
	ended := false
	defer func() {
		if ended {
			p.finish(st)
			return
		}
		cut := recover()
		if cut == http.ErrAbortHandler {
			_ = http.NewResponseController(w).Flush() // a client that went away has nothing to flush to
		}
		p.logger.Warn("the exchange was cut off before its end", "method", r.Method, "path", r.URL.Path)
		p.finish(st)
		if cut != nil {
			panic(cut)
		}
	}()
	p.reverse.ServeHTTP(w, r.WithContext(context.WithValue(ctx, stateKey{}, st)))
	ended = true
}

// checkRequest reads the request body (up to the limit) and checks the request; nil when the body
// could not be read (the client was answered).
func (p *Proxy) checkRequest(w http.ResponseWriter, r *http.Request) *exchangeState {
	st := &exchangeState{base: baseURL(r), checked: true}
	st.token = bearerToken(r.Header.Get("Authorization"))
	target := r.URL.RequestURI()
	st.ex.Started = p.now()
	// The request's own header, which forwarding leaves alone (the reverse proxy sends a clone); what
	// is recorded is redacted when the exchange is finished.
	st.ex.Request = client.RecordedRequest{Method: r.Method, URL: st.base + target, Path: target, Header: r.Header}
	var body []byte
	if r.Body != nil && r.Body != http.NoBody {
		data, whole, err := readUpTo(r.Body, p.limit, r.ContentLength)
		if err != nil {
			writeGraphError(w, http.StatusBadRequest, "BadRequest", fmt.Sprintf("graphconform proxy: the request body could not be read (%v). Send it again.", err))
			return nil
		}
		if whole {
			st.sent = data
			r.Body = io.NopCloser(bytes.NewReader(data))
			// Checked as sent before its Content-Encoding (Microsoft's Go SDK gzips request bodies).
			if body, err = httpserver.DecodeBody(r.Header.Get("Content-Encoding"), data, p.limit); err != nil {
				st.checked = false
				p.logger.Warn("request body cannot be decoded: forwarded unchecked", "method", r.Method, "path", r.URL.Path, "error", err)
			} else {
				data = body
			}
		} else {
			r.Body = newPrefixedBody(data, r.Body)
			st.checked = false
			p.logger.Warn("request body larger than the body limit: forwarded unchecked", "method", r.Method, "path", r.URL.Path, "limit", p.limit)
		}
		st.ex.Request.Body = data[:min(int64(len(data)), p.limit)]
	}
	st.observed = clientrules.FromHTTP(r, len(st.ex.Request.Body) > 0)
	route, err := p.validator.FindRoute(r.Method, r.URL.EscapedPath())
	if err != nil {
		st.operation = r.Method + " " + r.URL.EscapedPath()
		st.client = append(st.client, finding.New(rules.OperationDocumented, st.operation, 0, "",
			fmt.Sprintf("the description has no operation for this request: %v", err)))
		return st
	}
	st.route, st.operation = route, route.OperationID
	// Routed and identified once, for both the request's and the response's client rules.
	st.observed.Route = route
	st.observed = p.behaviour.Identify(st.observed)
	if st.checked {
		st.client = append(st.client, p.validator.CheckRequest(r.Context(), route, r.Method, target, r.Header, body)...)
	}
	st.client = append(st.client, p.behaviour.Request(st.observed, st.ex.Started)...)
	return st
}

// modifyResponse checks the upstream's response as it came and rewrites its links for the client.
func (p *Proxy) modifyResponse(resp *http.Response) error {
	st, ok := resp.Request.Context().Value(stateKey{}).(*exchangeState)
	if !ok {
		return nil // a control path, forwarded unchecked
	}
	if resp.StatusCode == http.StatusSwitchingProtocols {
		// The body is the upgraded connection, whose first bytes may wait for the client to have the
		// 101: the reverse proxy joins it to the client's as it is, until either side ends.
		st.ex.Response = client.RecordedResponse{Status: resp.StatusCode, Header: resp.Header}
		st.ex.Elapsed = p.now().Sub(st.ex.Started)
		return nil
	}
	// The upstream's header as it came is recorded; the links are rewritten in a copy for the client.
	original, copied := resp.Header, false
	rewriting := func() {
		if !copied {
			resp.Header, copied = original.Clone(), true
		}
	}
	data, whole, err := readUpTo(resp.Body, p.limit, resp.ContentLength)
	if err != nil {
		return fmt.Errorf("read the upstream's response body: %w", err)
	}
	if whole {
		_ = resp.Body.Close()
		body := data
		if rewritten, ok := p.links.rewriteNextLink(data, st.base); ok {
			body = rewritten
			rewriting()
			resp.Header.Set("Content-Length", strconv.Itoa(len(body)))
			resp.ContentLength = int64(len(body))
		}
		resp.Body = io.NopCloser(bytes.NewReader(body))
		if st.route != nil { // the client rules know nothing of an undocumented request
			defer func() { p.behaviour.Response(st.observed, resp.StatusCode, resp.Header, body, p.now()) }()
		}
	} else {
		resp.Body = newPrefixedBody(data, resp.Body)
		st.checked = false
		p.logger.Warn("response body larger than the body limit: passed on unchecked", "method", resp.Request.Method, "path", st.ex.Request.Path, "limit", p.limit)
	}
	if location := resp.Header.Get("Location"); location != "" {
		if rewritten, ok := p.links.rewrite(location, st.base); ok {
			rewriting()
			resp.Header.Set("Location", rewritten)
		}
	}
	st.ex.Response = client.RecordedResponse{Status: resp.StatusCode, Header: original, Body: data[:min(int64(len(data)), p.limit)]}
	st.ex.Elapsed = p.now().Sub(st.ex.Started)
	if st.checked && st.route != nil {
		operation, findings := p.validator.CheckRoutedResponse(resp.Request.Context(), st.route, &st.ex)
		st.server = append(st.server, findings...)
		st.server = append(st.server, finding.OfExchange(operation, &st.ex)...)
	}
	return nil
}

// upstreamFailed answers 502 when the upstream could not be reached or its answer not read.
func (p *Proxy) upstreamFailed(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(r.Context().Err(), context.Canceled) {
		// The client closed its connection (or the server is stopping): nobody waits for a 502.
		p.logger.Info("the client went away before the upstream answered", "method", r.Method, "path", r.URL.Path, "error", err)
	} else {
		p.logger.Warn("the upstream did not answer", "method", r.Method, "path", r.URL.Path, "upstream", p.upstream.Redacted(), "error", err)
	}
	if st, ok := r.Context().Value(stateKey{}).(*exchangeState); ok {
		st.ex.Response = client.RecordedResponse{Status: http.StatusBadGateway, Header: http.Header{}}
		st.ex.Elapsed = p.now().Sub(st.ex.Started)
	}
	message := fmt.Sprintf("graphconform proxy: the upstream %s did not answer: %v. Check --upstream and that it is reachable.", p.upstream.Redacted(), err)
	if p.timeout > 0 && errors.Is(r.Context().Err(), context.DeadlineExceeded) { // the exchange timeout passed
		message = fmt.Sprintf("graphconform proxy: the upstream %s did not answer within the exchange timeout (%s): %v.", p.upstream.Redacted(), p.timeout, err)
	}
	writeGraphError(w, http.StatusBadGateway, "BadGateway", message)
}

// finish records the exchange's violations and the exchange itself. An exchange that broke nothing and
// is not recorded costs nothing more.
func (p *Proxy) finish(st *exchangeState) {
	if len(st.client) == 0 && len(st.server) == 0 && p.har == nil {
		return
	}
	record := p.redacted(st)
	var broken []string
	for _, side := range []struct {
		side     rules.Side
		findings []finding.Finding
	}{{rules.Client, st.client}, {rules.Server, st.server}} {
		if len(side.findings) == 0 {
			continue
		}
		v := gate.Violation{
			Side: side.side, Time: st.ex.Started, Method: st.ex.Request.Method, Path: client.RedactTarget(st.ex.Request.Path),
			Operation: st.operation, Status: st.ex.Response.Status,
			RequestID: st.ex.Response.Header.Get("request-id"), ClientRequestID: st.ex.Response.Header.Get("client-request-id"),
			Findings: side.findings, Exchange: cut(record, maxViolationBody),
		}
		p.violations.add(v)
		broken = append(broken, string(side.side)+": "+strings.Join(v.RuleIDs(), ", "))
		level := slog.LevelWarn
		if v.Errors() {
			level = slog.LevelError
		}
		p.logger.Log(context.Background(), level, "violation", "side", v.Side, "rules", strings.Join(v.RuleIDs(), ","),
			"operation", v.Operation, "method", v.Method, "path", v.Path, "status", v.Status, "request-id", v.RequestID, "detail", findingMessages(v.Findings))
	}
	if p.har != nil {
		if err := p.har.Record(record, strings.Join(broken, "; ")); err != nil {
			p.logger.Error("the HAR log cannot be written", "error", err)
		}
	}
}

// redacted is the exchange as the proxy records it: secret headers redacted, the bearer token scrubbed
// from everything, the query's credentials redacted.
func (p *Proxy) redacted(st *exchangeState) *client.Exchange {
	ex := st.ex
	ex.Request.URL = st.base + client.RedactTarget(ex.Request.Path)
	ex.Request.Path = client.RedactTarget(ex.Request.Path)
	ex.Request.Header = redactHeader(ex.Request.Header, st.token)
	ex.Request.Body = scrub(ex.Request.Body, st.token)
	ex.Response.Header = redactHeader(ex.Response.Header, st.token)
	ex.Response.Body = scrub(ex.Response.Body, st.token)
	return &ex
}

func (p *Proxy) serveViolations(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet {
		w.Header().Set("Allow", http.MethodGet)
		writeGraphError(w, http.StatusMethodNotAllowed, "MethodNotAllowed", "graphconform proxy: "+ControlPrefix+"violations is read with GET.")
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(p.violations.report())
}

// writeGraphError answers with a Graph-shaped error body.
func writeGraphError(w http.ResponseWriter, status int, code, message string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{"error": map[string]any{
		"code": code, "message": message,
		"innerError": map[string]string{"date": time.Now().UTC().Format(time.RFC3339)},
	}})
}

// baseURL is the proxy's scheme and host as the client reached it: the address it connected to when
// it named no host (an HTTP/1.0 client need not send Host).
func baseURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	host := r.Host
	if host == "" {
		if addr, ok := r.Context().Value(http.LocalAddrContextKey).(net.Addr); ok {
			host = addr.String()
		}
	}
	return scheme + "://" + host
}

func findingMessages(findings []finding.Finding) string {
	messages := make([]string, 0, len(findings))
	for _, f := range findings {
		messages = append(messages, "["+f.RuleID.String()+"] "+f.Message)
	}
	return strings.Join(messages, "; ")
}

// cut returns a copy of ex whose bodies hold at most limit bytes each.
func cut(ex *client.Exchange, limit int) *client.Exchange {
	c := *ex
	c.Request.Body = c.Request.Body[:min(len(c.Request.Body), limit)]
	c.Response.Body = c.Response.Body[:min(len(c.Response.Body), limit)]
	return &c
}
