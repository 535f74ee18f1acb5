package steps

import (
	"net/url"
	"strings"
	"testing"
)

// FuzzResolveLocation: a Location either resolves to an absolute URL or a path below a version
// root, or is refused with an error.
func FuzzResolveLocation(f *testing.F) {
	for _, s := range []string{
		"/teamwork/devices/d/operations/o", "/beta/teamwork/devices/d/operations/o", "https://graph.microsoft.com/beta/x",
		"operations/o", "", "//evil.example/x", "/v1.0", "http://[::1", "/%zz",
	} {
		f.Add("/beta/teamwork/devices/d/updateSoftware", s)
	}
	f.Fuzz(func(t *testing.T, requestPath, location string) {
		resolved, err := resolveLocation(requestPath, location)
		if err != nil {
			return
		}
		if u, parseErr := url.Parse(resolved); parseErr == nil && u.IsAbs() {
			return
		}
		if !strings.HasPrefix(resolved, "/") {
			t.Fatalf("resolveLocation(%q, %q) = %q: neither an absolute URL nor a path", requestPath, location, resolved)
		}
	})
}
