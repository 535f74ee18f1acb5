//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly || solaris || illumos)

package upstream

// ownPath tells whether this platform lets a Transport check an idle connection before reuse, and
// so send plain-HTTP requests itself. Here it cannot: every request goes through http.Transport.
const ownPath = false

func (c *conn) stillOpen() bool { return false }

func isReset(error) bool { return false }
