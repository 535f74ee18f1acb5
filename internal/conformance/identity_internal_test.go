package conformance

import (
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// parsedSegments is what segments computes, always through url.Parse: the reference its plain paths'
// shortcut must agree with.
func parsedSegments(rawPath string) []string {
	p := rawPath
	if u, err := url.Parse(rawPath); err == nil {
		p = u.EscapedPath()
	}
	out := []string{}
	for _, s := range strings.Split(strings.Trim(p, "/"), "/") {
		if s == "" {
			continue
		}
		if un, err := url.PathUnescape(s); err == nil {
			s = un
		}
		out = append(out, s)
	}
	if len(out) > 0 && (out[0] == "beta" || out[0] == "v1.0") {
		out = out[1:]
	}
	return out
}

func TestSegmentsOfAPlainPathAreThoseOfTheParsedPath(t *testing.T) {
	for _, p := range []string{
		"/beta/teamwork/devices/d/operations/o", "/v1.0/a//b/", "/", "", "relative/path", "/a b/ü/c;d=1/e:f",
		"/beta/a%2Fb/c", "/beta/a?$top=5", "/beta/a#x", "//host/beta/x", "https://graph.example/beta/teamwork/devices/d",
		"/a\x7fb", "/bad%zz/c",
	} {
		assert.Equal(t, parsedSegments(p), segments(p), p)
	}
}

func FuzzSegmentsAgreeWithTheParsedPath(f *testing.F) {
	for _, p := range []string{"/beta/teamwork/devices/d/operations/o", "/a b/ü", "/beta/a%2Fb?x=1"} {
		f.Add(p)
	}
	f.Fuzz(func(t *testing.T, p string) {
		assert.Equal(t, parsedSegments(p), segments(p), p)
	})
}
