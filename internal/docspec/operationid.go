package docspec

import (
	"fmt"
	"strings"
)

// titleParts splits an API page's title: "teamworkDevice: updateSoftware" is the action
// updateSoftware bound to teamworkDevice; "Get teamworkDeviceOperation" is the verb get of the
// resource teamworkDeviceOperation.
func titleParts(p *Page) (owner, verb string, action bool, err error) {
	if o, a, ok := strings.Cut(p.Title, ":"); ok && isIdentifier(strings.TrimSpace(o)) && isIdentifier(strings.TrimSpace(a)) {
		return strings.TrimSpace(o), strings.TrimSpace(a), true, nil
	}
	fields := strings.Fields(p.Title)
	if len(fields) == 2 && isIdentifier(fields[1]) {
		switch v := strings.ToLower(fields[0]); v {
		case "get", "update", "create", "delete", "list":
			return fields[1], v, false, nil
		}
	}
	return "", "", false, fmt.Errorf("%s: line %d: the title %q names no operation: write 'type: action' or 'Get|Update|Create|Delete|List type'", p.Name, p.TitleLine, p.Title)
}

// operationID names an operation. An action is "<type>.<action>". Another operation is
// "<type>.<verb>", except when the type is named after a containing entity whose key is a path
// parameter before its own (teamworkDeviceOperation under {teamworkDeviceId}): then it is named on
// the container, "<container>.<verb><rest>", teamworkDevice.getOperation, the way Graph's SDKs
// reach it (devices/{id}/operations/{id}). A list has no key of its own: the title's plural is
// named on the container whose key is any path parameter, "List teamworkDeviceOperations" under
// {teamworkDeviceId} being teamworkDevice.listOperations.
func operationID(owner, verb string, action bool, params []PathParam) string {
	if action {
		return owner + "." + verb
	}
	containers := len(params) - 1
	if verb == "list" {
		containers = len(params)
	}
	for i := 0; i < containers; i++ {
		base := strings.TrimSuffix(strings.TrimSuffix(params[i].Name, "Id"), "-id")
		if base != owner && strings.HasPrefix(owner, base) && base != "" {
			return base + "." + verb + upperFirst(owner[len(base):])
		}
	}
	return owner + "." + verb
}

// pageVersion tells a page's version from its example requests' URLs, else from the beta
// disclaimer, and the page line that tells it.
func pageVersion(p *Page) (string, int, error) {
	version, line := "", 0
	for _, ex := range p.Operation.Examples {
		v := ex.Request.Version()
		if v == "" {
			continue
		}
		if version != "" && v != version {
			return "", 0, fmt.Errorf("%s: line %d: the examples call both /%s and /%s: keep one version per page", p.Name, ex.Request.Line, version, v)
		}
		if version == "" {
			version, line = v, ex.Request.Line
		}
	}
	if version == "" && p.Beta {
		version, line = "beta", p.TitleLine
	}
	if version == "" {
		return "", 0, fmt.Errorf("%s: cannot tell the page's version: add an example request with a full URL (https://graph.microsoft.com/v1.0/...) or the beta disclaimer include", p.Name)
	}
	return version, line, nil
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
