package mockgraph

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"

	"github.com/graphconform/graphconform/internal/clientrules"
	"github.com/graphconform/graphconform/internal/contract"
	"github.com/graphconform/graphconform/internal/finding"
	"github.com/graphconform/graphconform/internal/httpserver"
	"github.com/graphconform/graphconform/internal/rules"
)

// MaxRequestBytes bounds a request body; a larger one is answered 413.
const MaxRequestBytes = 1 << 20

// The operations the mock serves, by operationId.
const (
	OpUpdateSoftware           = "teamworkDevice.updateSoftware"
	OpGetOperation             = "teamworkDevice.getOperation"
	OpUpgradeInstallation      = "userScopeTeamsAppInstallation.upgrade"
	OpUpdateWindowsUpdateState = "windowsUpdateState.update"
	OpGetWindowsUpdateState    = "windowsUpdateState.get"
	// OpListOperations lists a device's operations.
	OpListOperations = "teamworkDevice.listOperations"
)

// wwwAuthenticate is the challenge of a 401, as Graph sends it.
const wwwAuthenticate = `Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"`

// call is one routed, authenticated and validated request.
type call struct {
	r       *http.Request
	version string            // "beta" or "v1.0"
	params  map[string]string // path parameters, unescaped
	body    any               // the decoded JSON body; nil when there is none
	caller  identitySet
}

// ServeHTTP answers one request as Graph would: route, authenticate, check permissions, apply the
// fault rules and the rate budget, read and validate the body, then run the operation. Every answer
// carries request-id and client-request-id headers; every error is a Graph error body. A request
// that broke the contract is recorded as a Violation. Paths below /_graphconform/ are the control
// endpoints (see serveControl).
func (m *Mock) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if m.maxHeader > 0 && headerSize(r) > m.maxHeader {
		ids := identify(w, r)
		writeError(w, ids, m.clock.Now(), newError(http.StatusRequestHeaderFieldsTooLarge, CodeRequestHeaderFieldsTooLarge, fmt.Sprintf(
			"The request line and headers are larger than %d bytes. Send a shorter URL and fewer or smaller headers.", m.maxHeader)).
			withHeader("Connection", "close"))
		return
	}
	if isControlPath(r.URL.Path) {
		m.serveControl(w, r)
		return
	}
	ids := identify(w, r)
	arrived := m.clock.Now()
	escapedPath := normalizePath(r.URL.EscapedPath())
	found, routeErr := m.validator.FindRoute(r.Method, escapedPath)
	observed := clientrules.FromHTTP(r, sendsBody(r))
	observed.Route = found
	observed = m.behaviour.Identify(observed)
	behaviour := m.behaviour.Request(observed, arrived)
	captured := clientrules.NewResponseCapture(w)
	if found != nil && !m.behaviour.NeedsBody(observed) {
		captured.SkipBody()
	}
	sw := &statusWriter{ResponseWriter: captured}
	operation, broken := m.serveGraph(sw, r, ids, escapedPath, found, routeErr)
	m.behaviour.Response(observed, captured.Status(), captured.Header(), captured.Body(), m.clock.Now())
	broken = append(behaviour, broken...)
	if len(broken) == 0 {
		return
	}
	path := redactedTarget(r.URL)
	for i := range broken {
		if broken[i].Operation == "" {
			broken[i].Operation = operation
		}
		if broken[i].Operation == "" {
			broken[i].Operation = r.Method + " " + path
		}
	}
	m.violations.add(Violation{
		Time: arrived, Method: r.Method, Path: path, Operation: operation, Status: sw.status(),
		RequestID: ids.requestID, ClientRequestID: ids.clientRequestID, Findings: broken,
	})
}

// serveGraph answers a request for Graph, whose escaped path (normalized by normalizePath)
// FindRoute routed to found (or failed to, with routeErr), and returns the operation it was routed
// to and the rules of the contract it broke.
func (m *Mock) serveGraph(w http.ResponseWriter, r *http.Request, ids requestIDs, escapedPath string, found *contract.Route, routeErr error) (operation string, broken []finding.Finding) {
	fail := func(e *apiError) (string, []finding.Finding) {
		writeError(w, ids, m.clock.Now(), e)
		return operation, append(broken, e.violations...)
	}

	target := escapedPath
	if r.URL.RawQuery != "" {
		target += "?" + r.URL.RawQuery
	}
	if !strings.HasPrefix(escapedPath, "/") || strings.HasPrefix(escapedPath, "//") {
		return fail(notFoundSegment(unknownSegment(m.templates, escapedPath)))
	}
	rt, apiErr := m.routeOf(found, routeErr, escapedPath, target)
	if apiErr != nil {
		return fail(apiErr)
	}
	operation = rt.operationID

	who, apiErr := m.authenticate(r, operation)
	if apiErr != nil {
		return fail(apiErr)
	}
	if rt.methodNotAllowed {
		return fail(newError(http.StatusMethodNotAllowed, CodeMethodNotAllowed,
			fmt.Sprintf("The HTTP method '%s' is not allowed for the resource %s; use %s.", r.Method, escapedPath, strings.Join(rt.allowed, " or "))).
			withHeader("Allow", strings.Join(rt.allowed, ", ")).
			violating(rules.OperationDocumented, r.Method+" "+escapedPath, ""))
	}
	if apiErr := m.authorize(who, operation); apiErr != nil {
		return fail(apiErr)
	}
	// The body is read before a fault rule's latency, which may outlast the server's read deadline;
	// what is wrong with it is answered after the throttling and the query options.
	raw, bodyErr := readBody(w, r, operation)
	if apiErr := m.throttle(r.Context(), operation); apiErr != nil {
		return fail(apiErr)
	}
	if apiErr := checkQuery(r.URL.RawQuery, operation, m.queryOptions[operation]); apiErr != nil {
		return fail(apiErr)
	}
	if bodyErr != nil {
		return fail(bodyErr)
	}
	c := &call{r: r, caller: who.caller}
	c.version, _, _ = strings.Cut(strings.TrimPrefix(escapedPath, "/"), "/")
	if op := rt.spec.Operation(); op != nil && op.RequestBody != nil && len(raw) > 0 {
		if apiErr := checkMediaType(r.Header.Get("Content-Type"), operation); apiErr != nil {
			return fail(apiErr)
		}
		body, bad := decodeJSON(raw)
		if bad != nil {
			return fail(newError(http.StatusBadRequest, CodeBadRequest, bad.message).
				violating(rules.RequestBodySchema, operation, bad.pointer))
		}
		c.body = body
	}
	if findings := m.validator.CheckRequest(r.Context(), rt.spec, r.Method, target, r.Header, raw); len(findings) > 0 {
		return fail(invalidRequest(findings))
	}
	c.params = make(map[string]string, len(rt.params))
	for name, value := range rt.params {
		if unescaped, err := url.PathUnescape(value); err == nil {
			value = unescaped
		}
		c.params[name] = value
	}

	if handlerErr := m.handle(w, operation, c); handlerErr != nil {
		return fail(handlerErr)
	}
	return operation, broken
}

// headerSize approximates the bytes of a request's line and headers, as net/http counts them
// against http.Server.MaxHeaderBytes.
func headerSize(r *http.Request) int {
	n := len(r.Method) + len(r.RequestURI) + len(r.Host) + 16
	for name, values := range r.Header {
		for _, v := range values {
			n += len(name) + len(v) + 4
		}
	}
	return n
}

// readBody reads the request body, at most MaxRequestBytes of it, decoded from its Content-Encoding
// when it has content.
func readBody(w http.ResponseWriter, r *http.Request, operation string) ([]byte, *apiError) {
	if r.Body == nil {
		return nil, nil
	}
	raw, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxRequestBytes))
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return nil, newError(http.StatusRequestEntityTooLarge, CodeRequestEntityTooLarge,
				fmt.Sprintf("The request body is larger than %d bytes. Send a smaller body.", MaxRequestBytes)).
				violating(rules.RequestBodySize, operation, "")
		}
		return nil, newError(http.StatusBadRequest, CodeBadRequest, fmt.Sprintf("The request body could not be read (%v). Send it again.", err))
	}
	if len(raw) == 0 {
		return raw, nil // no content: a Content-Encoding has nothing to decode
	}
	decoded, err := httpserver.DecodeBody(r.Header.Get("Content-Encoding"), raw, MaxRequestBytes)
	switch {
	case errors.Is(err, httpserver.ErrDecodedTooLarge):
		return nil, newError(http.StatusRequestEntityTooLarge, CodeRequestEntityTooLarge,
			fmt.Sprintf("The request body decodes to more than %d bytes. Send a smaller body.", MaxRequestBytes)).
			violating(rules.RequestBodySize, operation, "")
	case errors.Is(err, httpserver.ErrUnsupportedEncoding):
		return nil, newError(http.StatusUnsupportedMediaType, CodeUnsupportedMediaType, fmt.Sprintf("The request body is sent with an %v.", err))
	case err != nil:
		return nil, newError(http.StatusBadRequest, CodeBadRequest, fmt.Sprintf("The request body could not be read: %v. Send it again.", err))
	}
	return decoded, nil
}

// checkMediaType accepts application/json, with or without parameters.
func checkMediaType(contentType, operation string) *apiError {
	if strings.TrimSpace(contentType) == "" {
		return newError(http.StatusUnsupportedMediaType, CodeUnsupportedMediaType,
			"The request has a body but no Content-Type. Send 'Content-Type: application/json'.").
			violating(rules.RequestContentType, operation, "")
	}
	mediaType, _, err := mime.ParseMediaType(contentType)
	if err != nil || mediaType != "application/json" {
		return newError(http.StatusUnsupportedMediaType, CodeUnsupportedMediaType,
			fmt.Sprintf("The content type '%s' is not supported. Send the body as 'Content-Type: application/json'.", contentType)).
			violating(rules.RequestContentType, operation, "")
	}
	return nil
}

// invalidRequest turns the findings of request validation into a 400 that lists them; the findings
// are the request's violations.
func invalidRequest(findings []finding.Finding) *apiError {
	messages := make([]string, 0, len(findings))
	details := make([]errorDetails, 0, len(findings))
	for _, f := range findings {
		messages = append(messages, f.Message)
		details = append(details, errorDetails{Code: f.RuleID.String(), Message: f.Message, Target: f.JSONPointer})
	}
	e := newError(http.StatusBadRequest, CodeBadRequest,
		"The request does not match the operation's contract: "+strings.Join(messages, "; ")+". Fix these and send it again.")
	e.details = details
	e.violations = append([]finding.Finding(nil), findings...)
	return e
}

// sendsBody tells whether r carries a body of at least one byte. A body of unknown length
// (ContentLength -1: chunked over HTTP/1.1, or without a Content-Length over HTTP/2, which has no
// Transfer-Encoding) is peeked at: its first byte is read and put back, so an empty one, such as a
// stream that ends without data, is no body.
func sendsBody(r *http.Request) bool {
	if r.ContentLength >= 0 && len(r.TransferEncoding) == 0 {
		return r.ContentLength > 0
	}
	var first [1]byte
	n, err := io.ReadFull(r.Body, first[:])
	if n == 0 && errors.Is(err, io.EOF) {
		r.Body = http.NoBody
		return false
	}
	// A read that failed is left for whoever reads the body to answer; the body counts as sent.
	r.Body = struct {
		io.Reader
		io.Closer
	}{io.MultiReader(bytes.NewReader(first[:n]), r.Body), r.Body}
	return true
}
