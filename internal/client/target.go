package client

import (
	"net/url"
	"strings"
)

// RedactTarget is a request target (escaped path and query) as a record, log or report shows it: the
// values of query parameters whose names suggest a credential are replaced by REDACTED. $skiptoken is
// a paging cursor, not a credential, and is kept.
func RedactTarget(target string) string {
	path, query, ok := strings.Cut(target, "?")
	if !ok {
		return target
	}
	parts := strings.Split(query, "&")
	for i, part := range parts {
		name, _, hasValue := strings.Cut(part, "=")
		if hasValue && secretParameter(name) {
			parts[i] = name + "=REDACTED"
		}
	}
	return path + "?" + strings.Join(parts, "&")
}

// secretParameter reports whether a query parameter's escaped name suggests a credential.
func secretParameter(escapedName string) bool {
	name, err := url.QueryUnescape(escapedName)
	if err != nil {
		name = escapedName
	}
	name = strings.ToLower(name)
	if name == "$skiptoken" || name == "skiptoken" {
		return false
	}
	for _, word := range []string{"token", "secret", "password", "assertion", "sig", "key", "code"} {
		if strings.Contains(name, word) {
			return true
		}
	}
	return false
}
