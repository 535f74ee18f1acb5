//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly || solaris || illumos

package upstream

import (
	"errors"
	"syscall"

	"golang.org/x/sys/unix"
)

// ownPath tells whether this platform lets a Transport check an idle connection before reuse, and
// so send plain-HTTP requests itself.
const ownPath = true

// stillOpen tells whether the idle connection c can carry another request: the upstream has neither
// closed it nor sent anything unasked. It peeks at the socket without waiting.
func (c *conn) stillOpen() bool {
	if c.r.Buffered() > 0 {
		return false
	}
	raw, ok := c.nc.(syscall.Conn)
	if !ok {
		return false
	}
	rc, err := raw.SyscallConn()
	if err != nil {
		return false
	}
	open := false
	var buf [1]byte
	err = rc.Read(func(fd uintptr) bool {
		n, _, err := unix.Recvfrom(int(fd), buf[:], unix.MSG_PEEK|unix.MSG_DONTWAIT)
		open = n < 0 && (errors.Is(err, unix.EAGAIN) || errors.Is(err, unix.EWOULDBLOCK))
		return true // never wait: the answer is now
	})
	return err == nil && open
}

// isReset tells whether err is the upstream resetting or breaking the connection.
func isReset(err error) bool {
	return errors.Is(err, unix.ECONNRESET) || errors.Is(err, unix.EPIPE)
}
