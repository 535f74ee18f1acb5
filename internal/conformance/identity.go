package conformance

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/graphconform/graphconform/internal/client"
)

// What a response names must be what its request named. These checks compare the ids and paths of a
// response with those of the request's path.

// segments returns the unescaped segments of an absolute or rooted path, without the version (/beta,
// /v1.0) and without a query.
func segments(rawPath string) []string {
	p := rawPath
	// A rooted path without a query, a fragment or an escape is its own escaped path, unescaped:
	// parsing it would change nothing.
	plain := strings.HasPrefix(rawPath, "/") && !strings.HasPrefix(rawPath, "//") && !strings.ContainsAny(rawPath, "?#%")
	if !plain {
		if u, err := url.Parse(rawPath); err == nil {
			p = u.EscapedPath()
		}
	}
	out := make([]string, 0, strings.Count(p, "/")+1)
	for s := range strings.SplitSeq(strings.Trim(p, "/"), "/") {
		if s == "" {
			continue
		}
		if !plain {
			if un, err := url.PathUnescape(s); err == nil {
				s = un
			}
		}
		out = append(out, s)
	}
	if len(out) > 0 && (out[0] == "beta" || out[0] == "v1.0") {
		out = out[1:]
	}
	return out
}

// requestDevice is the teamworkDevice id a request path names: /teamwork/devices/{id}/….
func requestDevice(ex *client.Exchange) (string, bool) {
	s := segments(ex.Request.Path)
	if len(s) >= 3 && s[0] == "teamwork" && s[1] == "devices" {
		return s[2], true
	}
	return "", false
}

// LocationNamesDeviceOperation checks a 202 of updateSoftware: its one Location names the operations
// collection of the device that was updated and an operation id as its last segment
// (/teamwork/devices/{device}/operations/{operation}).
func LocationNamesDeviceOperation(ex *client.Exchange) []Violation {
	if ex.Response.Status != http.StatusAccepted {
		return nil
	}
	location := ex.Response.Header.Get("Location")
	if location == "" {
		return nil // response-header says a 202 lacks its Location
	}
	if all := ex.Response.Header.Values("Location"); len(all) > 1 {
		// Clients disagree on which of them to follow: the first, the last, or none.
		return []Violation{{Message: fmt.Sprintf("the 202 has %d Location headers (%q); it names one operation", len(all), strings.Join(all, ", "))}}
	}
	if u, err := url.Parse(location); err == nil && u.User != nil {
		// RFC 9110 §4.2.4: a sender must not generate the userinfo of an http(s) URI.
		return []Violation{{Message: fmt.Sprintf("the Location %q carries userinfo; an http or https URI in a response must not", location)}}
	}
	device, ok := requestDevice(ex)
	if !ok {
		return nil
	}
	s := segments(location)
	if len(s) != 5 || s[0] != "teamwork" || s[1] != "devices" || s[3] != "operations" || s[4] == "" {
		return []Violation{{Message: fmt.Sprintf("the Location %q is not /teamwork/devices/{id}/operations/{operation id}", location)}}
	}
	if s[2] != device {
		return []Violation{{Message: fmt.Sprintf("the Location %q names device %q; the update was of device %q", location, s[2], device)}}
	}
	if got, want := leadingVersion(location), leadingVersion(ex.Request.Path); got != "" && got != want {
		return []Violation{{Message: fmt.Sprintf("the Location %q names the operation in %s; the update was sent to %s", location, got, want)}}
	}
	return nil
}

// leadingVersion is the version (beta, v1.0) an absolute or rooted path starts with, or "" when it
// starts with none (a Location relative to the version root).
func leadingVersion(rawPath string) string {
	p := rawPath
	if u, err := url.Parse(rawPath); err == nil {
		p = u.EscapedPath()
	}
	first, _, _ := strings.Cut(strings.TrimLeft(p, "/"), "/")
	if first == "beta" || first == "v1.0" {
		return first
	}
	return ""
}

// OperationCarriesItsID checks a 200 of a GET of an operation: the body's id is the operation id the
// path names.
func OperationCarriesItsID(ex *client.Exchange) []Violation {
	if ex.Response.Status != http.StatusOK {
		return nil
	}
	s := segments(ex.Request.Path)
	if len(s) != 5 || s[3] != "operations" {
		return nil
	}
	id, ok := stringMember(ex, "id", decodeID)
	if !ok {
		return nil // response-body-json and response-body-schema say so
	}
	switch {
	case id == nil:
		return []Violation{{JSONPointer: "/id", Message: fmt.Sprintf("the operation has no id; the path names %q", s[4])}}
	case *id != s[4]:
		return []Violation{{JSONPointer: "/id", Message: fmt.Sprintf("the operation's id is %q; the path names %q", *id, s[4])}}
	}
	return nil
}

// PatchEchoCarriesIdentity checks a 200 of a windowsUpdateState PATCH: the echo carries the id the path
// names.
func PatchEchoCarriesIdentity(ex *client.Exchange) []Violation {
	if ex.Response.Status != http.StatusOK {
		return nil
	}
	s := segments(ex.Request.Path)
	if len(s) == 0 {
		return nil
	}
	want := s[len(s)-1]
	id, ok := stringMember(ex, "id", decodeID)
	if !ok {
		return nil // patch-echoes-request says the body is not an object
	}
	switch {
	case id == nil:
		return []Violation{{JSONPointer: "/id", Message: fmt.Sprintf("the echo has no id; the path names state %q", want)}}
	case *id != want:
		return []Violation{{JSONPointer: "/id", Message: fmt.Sprintf("the echo's id is %q; the path names state %q", *id, want)}}
	}
	return nil
}

// decodeID decodes the id of a resource body; ok is false when the body is no JSON or its id no string.
func decodeID(body []byte) (id *string, ok bool) {
	var resource struct {
		ID *string `json:"id"`
	}
	if json.Unmarshal(body, &resource) != nil {
		return nil, false
	}
	return resource.ID, true
}

// NextLinkStaysOnTheCollection checks a 200 page of a device's operations: its @odata.nextLink, when
// there is one, names the same device's operations collection, in the same version. (Its origin is
// the client's to judge when it follows the link: a proxy in between rewrites it to its own.)
func NextLinkStaysOnTheCollection(ex *client.Exchange) []Violation {
	if ex.Response.Status != http.StatusOK {
		return nil
	}
	nextLink, ok := stringMember(ex, "@odata.nextLink", decodeNextLink)
	if !ok || nextLink == nil {
		return nil
	}
	next := *nextLink
	target, err := url.Parse(ex.Request.URL)
	if err != nil {
		return nil
	}
	link, err := target.Parse(next) // a relative link is resolved against the request
	if err != nil {
		return []Violation{{JSONPointer: "/@odata.nextLink", Message: fmt.Sprintf("the @odata.nextLink %q is not a URL", next)}}
	}
	if got, want := strings.Join(segments(link.Path), "/"), strings.Join(segments(target.Path), "/"); got != want || versionOf(link.Path) != versionOf(target.Path) {
		return []Violation{{JSONPointer: "/@odata.nextLink", Message: fmt.Sprintf("the @odata.nextLink %q is not the collection the request listed (%s)", next, target.Path)}}
	}
	return nil
}

// decodeNextLink decodes the @odata.nextLink of a page; ok is false when the body is no JSON or its
// link no string.
func decodeNextLink(body []byte) (link *string, ok bool) {
	var page struct {
		NextLink *string `json:"@odata.nextLink"`
	}
	if json.Unmarshal(body, &page) != nil {
		return nil, false
	}
	return page.NextLink, true
}

// versionOf is the version segment a path starts with, after any base path: beta or v1.0.
func versionOf(p string) string {
	for _, s := range strings.Split(p, "/") {
		if s == "beta" || s == "v1.0" {
			return s
		}
	}
	return ""
}
