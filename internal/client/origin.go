package client

import (
	"net"
	"net/url"
	"strings"
)

// origin is a URL's scheme, host and port (RFC 6454), with the scheme's default port made explicit.
type origin struct {
	scheme, host, port string
}

func originOf(u *url.URL) origin {
	scheme := strings.ToLower(u.Scheme)
	port := u.Port()
	if port == "" {
		switch scheme {
		case "https":
			port = "443"
		case "http":
			port = "80"
		}
	}
	return origin{scheme: scheme, host: strings.ToLower(strings.TrimSuffix(u.Hostname(), ".")), port: port}
}

// String renders the origin as scheme://host:port.
func (o origin) String() string {
	return o.scheme + "://" + net.JoinHostPort(o.host, o.port)
}

// SameOrigin tells whether two absolute URLs share scheme, host and port: the one test that decides
// where the token may go.
func SameOrigin(a, b string) bool {
	ua, err := url.Parse(a)
	if err != nil || !ua.IsAbs() {
		return false
	}
	ub, err := url.Parse(b)
	if err != nil || !ub.IsAbs() {
		return false
	}
	return originOf(ua) == originOf(ub)
}
