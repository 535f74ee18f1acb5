package mockgraph

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"

	"github.com/graphconform/graphconform/internal/contract"
	"github.com/graphconform/graphconform/internal/finding"
)

// MaxRequestBytes bounds a request body; a larger one is answered 413.
const MaxRequestBytes = 1 << 20

// The operations of the description the mock serves, by operationId.
const (
	OpUpdateSoftware           = "teamworkDevice.updateSoftware"
	OpGetOperation             = "teamworkDevice.getOperation"
	OpUpgradeInstallation      = "userScopeTeamsAppInstallation.upgrade"
	OpUpdateWindowsUpdateState = "windowsUpdateState.update"
	OpGetWindowsUpdateState    = "windowsUpdateState.get"
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

// ServeHTTP answers one request as Graph would: route, authenticate, read and validate the body,
// then run the operation. Every answer carries request-id and client-request-id headers; every error
// is a Graph error body.
func (m *Mock) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	ids := identify(w, r)
	now := m.clock.Now()
	fail := func(e *apiError) { writeError(w, ids, now, e) }

	escapedPath := r.URL.EscapedPath()
	target := escapedPath
	if r.URL.RawQuery != "" {
		target += "?" + r.URL.RawQuery
	}
	if !strings.HasPrefix(escapedPath, "/") || strings.HasPrefix(escapedPath, "//") {
		fail(notFoundSegment(unknownSegment(m.templates, escapedPath)))
		return
	}
	route, routeErr := m.validator.FindRoute(r.Method, target)
	switch {
	case routeErr == nil, errors.Is(routeErr, contract.ErrMethodNotAllowed):
	case errors.Is(routeErr, contract.ErrPathNotFound):
		fail(notFoundSegment(unknownSegment(m.templates, escapedPath)))
		return
	default:
		fail(newError(http.StatusBadRequest, CodeBadRequest, fmt.Sprintf("The request URL cannot be routed: %v. Send a path such as /beta/teamwork/devices/{id}/updateSoftware.", routeErr)))
		return
	}

	token := bearerToken(r)
	if token == "" {
		fail(newError(http.StatusUnauthorized, CodeInvalidAuthenticationToken,
			"Access token is empty. Send the header 'Authorization: Bearer <token>'.").
			withHeader("WWW-Authenticate", wwwAuthenticate))
		return
	}

	if routeErr != nil {
		allowed := m.allowedMethods(target)
		fail(newError(http.StatusMethodNotAllowed, CodeMethodNotAllowed,
			fmt.Sprintf("The HTTP method '%s' is not allowed for the resource %s; use %s.", r.Method, escapedPath, strings.Join(allowed, " or "))).
			withHeader("Allow", strings.Join(allowed, ", ")))
		return
	}

	raw, apiErr := readBody(w, r)
	if apiErr != nil {
		fail(apiErr)
		return
	}
	c := &call{r: r, caller: callerOf(token)}
	c.version, _, _ = strings.Cut(strings.TrimPrefix(escapedPath, "/"), "/")
	if op := route.Operation(); op != nil && op.RequestBody != nil && len(raw) > 0 {
		if apiErr := checkMediaType(r.Header.Get("Content-Type")); apiErr != nil {
			fail(apiErr)
			return
		}
		if err := json.Unmarshal(raw, &c.body); err != nil {
			fail(newError(http.StatusBadRequest, CodeBadRequest,
				fmt.Sprintf("The request body is not valid JSON (%v). Send a JSON object.", err)))
			return
		}
	}
	if findings := m.validator.CheckRequest(r.Context(), route, r.Method, target, r.Header, raw); len(findings) > 0 {
		fail(invalidRequest(findings))
		return
	}
	c.params = make(map[string]string, len(route.PathParams))
	for name, value := range route.PathParams {
		if unescaped, err := url.PathUnescape(value); err == nil {
			value = unescaped
		}
		c.params[name] = value
	}

	var handlerErr *apiError
	switch route.OperationID {
	case OpUpdateSoftware:
		handlerErr = m.updateSoftware(w, c)
	case OpGetOperation:
		handlerErr = m.getOperation(w, c)
	case OpUpgradeInstallation:
		handlerErr = m.upgradeInstallation(w, c)
	case OpUpdateWindowsUpdateState:
		handlerErr = m.updateWindowsUpdateState(w, c)
	case OpGetWindowsUpdateState:
		handlerErr = m.getWindowsUpdateState(w, c)
	default:
		handlerErr = newError(http.StatusNotImplemented, "NotImplemented",
			fmt.Sprintf("The mock does not implement the operation %q of the description; run the harness against a real target for it.", route.OperationID))
	}
	if handlerErr != nil {
		fail(handlerErr)
	}
}

// allowedMethods lists the methods the description documents for a path.
func (m *Mock) allowedMethods(target string) []string {
	var allowed []string
	for _, method := range []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
		if _, err := m.validator.FindRoute(method, target); err == nil {
			allowed = append(allowed, method)
		}
	}
	return allowed
}

// notFoundSegment is Graph's answer to a path it does not know.
func notFoundSegment(segment string) *apiError {
	return newError(http.StatusBadRequest, CodeBadRequest, fmt.Sprintf("Resource not found for the segment '%s'.", segment))
}

// readBody reads the request body, at most MaxRequestBytes of it.
func readBody(w http.ResponseWriter, r *http.Request) ([]byte, *apiError) {
	if r.Body == nil {
		return nil, nil
	}
	raw, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxRequestBytes))
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return nil, newError(http.StatusRequestEntityTooLarge, CodeRequestEntityTooLarge,
				fmt.Sprintf("The request body is larger than %d bytes. Send a smaller body.", MaxRequestBytes))
		}
		return nil, newError(http.StatusBadRequest, CodeBadRequest, fmt.Sprintf("The request body could not be read (%v). Send it again.", err))
	}
	return raw, nil
}

// checkMediaType accepts application/json, with or without parameters.
func checkMediaType(contentType string) *apiError {
	if strings.TrimSpace(contentType) == "" {
		return newError(http.StatusUnsupportedMediaType, CodeUnsupportedMediaType,
			"The request has a body but no Content-Type. Send 'Content-Type: application/json'.")
	}
	mediaType, _, err := mime.ParseMediaType(contentType)
	if err != nil || mediaType != "application/json" {
		return newError(http.StatusUnsupportedMediaType, CodeUnsupportedMediaType,
			fmt.Sprintf("The content type '%s' is not supported. Send the body as 'Content-Type: application/json'.", contentType))
	}
	return nil
}

// invalidRequest turns the findings of request validation into a 400 that lists them.
func invalidRequest(findings []finding.Finding) *apiError {
	messages := make([]string, 0, len(findings))
	details := make([]errorDetails, 0, len(findings))
	for _, f := range findings {
		messages = append(messages, f.Message)
		details = append(details, errorDetails{Code: f.RuleID, Message: f.Message, Target: f.JSONPointer})
	}
	e := newError(http.StatusBadRequest, CodeBadRequest,
		"The request does not match the operation's contract: "+strings.Join(messages, "; ")+". Fix these and send it again.")
	e.details = details
	return e
}
