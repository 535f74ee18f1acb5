package contract

import "net/url"

// splitTarget splits a request target (an escaped path with or without a query) into its path, as
// net/url's EscapedPath would give it, and its raw query, without parsing a URL: ok is false for a
// target it cannot vouch for (not an absolute path, "//", a fragment, a control byte, a path byte
// net/url would escape or an escape that is not %XX), which only url.Parse says what to make of.
func splitTarget(target string) (path, rawQuery string, ok bool) {
	if len(target) == 0 || target[0] != '/' || (len(target) > 1 && target[1] == '/') {
		return "", "", false
	}
	for i := 0; i < len(target); i++ {
		c := target[i]
		if pathBytes[c] {
			continue
		}
		switch c {
		case '?':
			for j := i + 1; j < len(target); j++ {
				if c := target[j]; c < 0x20 || c == 0x7f || c == '#' {
					return "", "", false
				}
			}
			return target[:i], target[i+1:], true
		case '%':
			if i+2 >= len(target) || !isHex(target[i+1]) || !isHex(target[i+2]) {
				return "", "", false
			}
			i += 2
		default:
			return "", "", false
		}
	}
	return target, "", true
}

// parseTarget splits a target like splitTarget, falling back to url.Parse for one splitTarget
// cannot vouch for.
func parseTarget(target string) (path, rawQuery string, err error) {
	if path, rawQuery, ok := splitTarget(target); ok {
		return path, rawQuery, nil
	}
	u, err := url.Parse(target)
	if err != nil {
		return "", "", err
	}
	return u.EscapedPath(), u.RawQuery, nil
}

// pathBytes are the bytes that stand for themselves in an escaped path: the unreserved
// characters, the sub-delimiters, ':', '@' and '/'.
var pathBytes = func() (set [256]bool) {
	for _, c := range []byte("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@/") {
		set[c] = true
	}
	return set
}()

// isHex says whether c is a hexadecimal digit.
func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
