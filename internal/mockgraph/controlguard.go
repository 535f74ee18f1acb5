package mockgraph

import (
	"crypto/subtle"
	"fmt"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strings"
)

// HeaderControlToken carries the control token (Options.ControlToken) to the control endpoints.
const HeaderControlToken = "Graphconform-Control-Token"

// guardControl refuses a control request a web page could have sent, or one without the control
// token when the mock has one:
//   - the Host must be an IP address, localhost (or a name below .localhost) or one of
//     Options.ControlHosts, so that a page whose own name was rebound to the mock's address (DNS
//     rebinding) is refused: 403;
//   - an Origin header, which browsers send with every cross-origin request and every POST, must be
//     the origin of the Host itself, and Sec-Fetch-Site must not say cross-site: 403;
//   - a write (any method but GET and HEAD) with a body must be Content-Type application/json, and
//     one without a body may only name that content type: 415 — the content types a page may post
//     across origins without asking first (text/plain, forms) are refused;
//   - with a control token, the request must carry it in the Graphconform-Control-Token header: 401.
func (m *Mock) guardControl(r *http.Request) *apiError {
	if !m.controlHostAllowed(r.Host) {
		return newError(http.StatusForbidden, CodeForbidden, fmt.Sprintf(
			"The control endpoints answer only requests addressed to this machine (an IP address or localhost), not to '%s'. Call them at the address serve printed, or allow the name with --control-host.", truncate(r.Host, maxEchoedSegment)))
	}
	if origin := r.Header.Get("Origin"); origin != "" && !sameOrigin(origin, r.Host) {
		return newError(http.StatusForbidden, CodeForbidden, fmt.Sprintf(
			"The control endpoints refuse requests from web pages of another origin ('%s'). Call them from a test or a script, not a browser page.", truncate(origin, maxEchoedSegment)))
	}
	if strings.EqualFold(r.Header.Get("Sec-Fetch-Site"), "cross-site") {
		return newError(http.StatusForbidden, CodeForbidden,
			"The control endpoints refuse cross-site browser requests. Call them from a test or a script, not a browser page.")
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		contentType := r.Header.Get("Content-Type")
		hasBody := r.ContentLength != 0 || len(r.TransferEncoding) > 0
		if hasBody || contentType != "" {
			if mediaType, _, err := mime.ParseMediaType(contentType); err != nil || mediaType != "application/json" {
				return newError(http.StatusUnsupportedMediaType, CodeUnsupportedMediaType, fmt.Sprintf(
					"A control request that writes takes 'Content-Type: application/json', not '%s'.", truncate(contentType, maxEchoedSegment)))
			}
		}
	}
	if m.controlToken != "" {
		sent := r.Header.Get(HeaderControlToken)
		if subtle.ConstantTimeCompare([]byte(sent), []byte(m.controlToken)) != 1 {
			return newError(http.StatusUnauthorized, CodeInvalidAuthenticationToken,
				"The control endpoints need the control token serve was started with: send it in the header '"+HeaderControlToken+": <token>'.")
		}
	}
	return nil
}

// controlHostAllowed reports whether a request's Host names this machine: an IP address,
// localhost, a name below .localhost, or one of the mock's ControlHosts.
func (m *Mock) controlHostAllowed(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.ToLower(strings.TrimSuffix(strings.Trim(host, "[]"), "."))
	if host == "" {
		return true // HTTP/1.0 without Host: no browser sends that
	}
	if net.ParseIP(host) != nil || host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	for _, allowed := range m.controlHosts {
		if strings.EqualFold(allowed, host) {
			return true
		}
	}
	return false
}

// sameOrigin reports whether an Origin header is the origin of host (host[:port]).
func sameOrigin(origin, host string) bool {
	u, err := url.Parse(origin)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return false
	}
	return strings.EqualFold(u.Host, host)
}
