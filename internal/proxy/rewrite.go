package proxy

import (
	"bytes"
	"encoding/json"
	"net/url"
	"strings"
)

// nextLinkKey is the property of a Graph collection that holds the URL of its next page.
const nextLinkKey = "@odata.nextLink"

// linkRewriter turns URLs that point at the upstream into URLs of the proxy, so a client that follows
// them stays on the proxy.
type linkRewriter struct {
	upstream *url.URL
}

// rewrite returns link with the upstream's scheme, host and base path replaced by base (the proxy's
// scheme and host), and true; a path-only link below the upstream's base path loses that base path
// (resolved against the proxy, it then names what the proxy forwards there). Otherwise it returns
// link and false: the link does not point at the upstream, or, relative, already stays on the proxy.
func (l linkRewriter) rewrite(link, base string) (string, bool) {
	u, err := url.Parse(link)
	if err != nil {
		return link, false
	}
	prefix := strings.TrimSuffix(l.upstream.EscapedPath(), "/")
	pathOnly := u.Scheme == "" && u.Host == "" && strings.HasPrefix(link, "/") && !strings.HasPrefix(link, "//")
	switch {
	case pathOnly:
		if prefix == "" {
			return link, false
		}
		base = ""
	case !u.IsAbs() || !strings.EqualFold(u.Scheme, l.upstream.Scheme) || !strings.EqualFold(u.Host, l.upstream.Host):
		return link, false
	}
	path := u.EscapedPath()
	if !strings.HasPrefix(path, prefix+"/") && path != prefix {
		return link, false
	}
	out := base + strings.TrimPrefix(path, prefix)
	if out == "" {
		out = "/"
	}
	if u.RawQuery != "" {
		out += "?" + u.RawQuery
	}
	if u.Fragment != "" {
		out += "#" + u.EscapedFragment()
	}
	return out, true
}

// rewriteNextLink returns body with its top-level @odata.nextLink rewritten (see rewrite), and true;
// or body unchanged and false when it has none that points at the upstream. The rest of the body is
// kept byte for byte.
func (l linkRewriter) rewriteNextLink(body []byte, base string) ([]byte, bool) {
	if !bytes.Contains(body, []byte(nextLinkKey)) {
		return body, false
	}
	var page map[string]json.RawMessage
	if json.Unmarshal(body, &page) != nil {
		return body, false
	}
	raw, ok := page[nextLinkKey]
	if !ok {
		return body, false
	}
	var link string
	if json.Unmarshal(raw, &link) != nil {
		return body, false
	}
	rewritten, ok := l.rewrite(link, base)
	if !ok {
		return body, false
	}
	newRaw, err := json.Marshal(rewritten)
	if err != nil {
		return body, false
	}
	return bytes.Replace(body, raw, newRaw, 1), true
}
