// Package httpserver builds the HTTP servers graphconform serves from — the mock and the proxy —
// with the timeouts and limits that keep one slow, idle or greedy client from holding the server:
// read, write and idle timeouts, a bound on request headers and a cap on concurrent connections,
// each a command-line flag.
package httpserver

import (
	"errors"
	"fmt"
	"log"
	"net"
	"net/http"
	"time"

	"github.com/spf13/pflag"
	"golang.org/x/net/netutil"
)

// The defaults of Limits.
const (
	DefaultReadHeaderTimeout = 10 * time.Second
	DefaultReadTimeout       = 30 * time.Second
	// DefaultWriteTimeout leaves room for the longest latency a mock fault rule adds (two minutes).
	DefaultWriteTimeout   = 150 * time.Second
	DefaultIdleTimeout    = 30 * time.Second
	DefaultMaxHeaderBytes = 64 << 10
	DefaultMaxConnections = 128
)

// Limits are the timeouts and limits of a server. The zero value of a field means no limit, as for
// http.Server; DefaultLimits gives the ones graphconform serves with.
type Limits struct {
	// ReadHeaderTimeout bounds reading a request's headers.
	ReadHeaderTimeout time.Duration
	// ReadTimeout bounds reading a whole request, body included.
	ReadTimeout time.Duration
	// WriteTimeout bounds the time from the end of a request's headers to the end of its response.
	WriteTimeout time.Duration
	// IdleTimeout is how long a keep-alive connection may wait for its next request.
	IdleTimeout time.Duration
	// MaxHeaderBytes bounds a request's line and headers. HeaderLimit gives it to the handler, which
	// answers beyond it itself (the mock answers a Graph error); the server cuts requests off at
	// twice it, where net/http answers 431 in plain text.
	MaxHeaderBytes int
	// MaxConnections caps the connections served at once; further ones wait in the listen queue
	// until one closes.
	MaxConnections int
}

// DefaultLimits returns the limits graphconform's servers use unless told otherwise.
func DefaultLimits() Limits {
	return Limits{
		ReadHeaderTimeout: DefaultReadHeaderTimeout,
		ReadTimeout:       DefaultReadTimeout,
		WriteTimeout:      DefaultWriteTimeout,
		IdleTimeout:       DefaultIdleTimeout,
		MaxHeaderBytes:    DefaultMaxHeaderBytes,
		MaxConnections:    DefaultMaxConnections,
	}
}

// AddFlags registers a flag for each limit on fs, with l's values as defaults, writing into l.
func (l *Limits) AddFlags(fs *pflag.FlagSet) {
	fs.DurationVar(&l.ReadHeaderTimeout, "read-header-timeout", l.ReadHeaderTimeout, "how long a client may take to send a request's headers (0: no limit)")
	fs.DurationVar(&l.ReadTimeout, "read-timeout", l.ReadTimeout, "how long a client may take to send a whole request, body included (0: no limit)")
	fs.DurationVar(&l.WriteTimeout, "write-timeout", l.WriteTimeout, "how long a request may take from its headers to the end of its response (0: no limit)")
	fs.DurationVar(&l.IdleTimeout, "idle-timeout", l.IdleTimeout, "how long an idle keep-alive connection stays open (0: no limit)")
	fs.IntVar(&l.MaxHeaderBytes, "max-header-bytes", l.MaxHeaderBytes, "the largest request line and headers, in bytes; larger ones are answered 431")
	fs.IntVar(&l.MaxConnections, "max-connections", l.MaxConnections, "how many connections are served at once; more wait until one closes (0: no cap)")
}

// Check says which limit is out of range, and how to fix it.
func (l Limits) Check() error {
	var errs []error
	for _, d := range []struct {
		flag  string
		value time.Duration
	}{{"--read-header-timeout", l.ReadHeaderTimeout}, {"--read-timeout", l.ReadTimeout}, {"--write-timeout", l.WriteTimeout}, {"--idle-timeout", l.IdleTimeout}} {
		if d.value < 0 {
			errs = append(errs, fmt.Errorf("%s is %s; use 0 (no limit) or a positive duration", d.flag, d.value))
		}
	}
	if l.MaxHeaderBytes < 1024 {
		errs = append(errs, fmt.Errorf("--max-header-bytes is %d; use at least 1024", l.MaxHeaderBytes))
	}
	if l.MaxConnections < 0 {
		errs = append(errs, fmt.Errorf("--max-connections is %d; use 0 (no cap) or more", l.MaxConnections))
	}
	return errors.Join(errs...)
}

// HeaderLimit is the size of request line and headers past which the handler should answer 431
// itself: MaxHeaderBytes.
func (l Limits) HeaderLimit() int { return l.MaxHeaderBytes }

// Server returns an http.Server for h with l's timeouts and header bound, logging its own errors
// to errorLog (nil: the log package's standard logger).
func (l Limits) Server(h http.Handler, errorLog *log.Logger) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: l.ReadHeaderTimeout,
		ReadTimeout:       l.ReadTimeout,
		WriteTimeout:      l.WriteTimeout,
		IdleTimeout:       l.IdleTimeout,
		MaxHeaderBytes:    2 * l.MaxHeaderBytes,
		ErrorLog:          errorLog,
	}
}

// Listener wraps ln so that at most MaxConnections connections are open at once.
func (l Limits) Listener(ln net.Listener) net.Listener {
	if l.MaxConnections <= 0 {
		return ln
	}
	return netutil.LimitListener(ln, l.MaxConnections)
}
