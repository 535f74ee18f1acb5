package httpserver

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"sync"
	"time"
)

// logFlushInterval is how often a LogFile writes out what it buffered.
const logFlushInterval = 200 * time.Millisecond

// LogCloseTimeout bounds how long Close waits for the buffered lines to be written out: a terminal,
// pipe or disk that takes no more cannot hold a stopping server.
const LogCloseTimeout = 5 * time.Second

// LogFile is where a server writes its access log: lines are buffered, so that logging does not
// cost a system call a request, written out at least every 200 ms, and all written on Close, so
// that no line is lost when the server stops (within LogCloseTimeout). It is safe for concurrent use.
type LogFile struct {
	closeTimeout time.Duration

	mu     sync.Mutex
	buf    *bufio.Writer
	closer io.Closer // the file, when LogFile opened one
	stop   chan struct{}
	done   chan struct{}
	once   sync.Once
	err    error
}

// OpenLog opens the access log a flag names: "off" discards it, "" or "-" writes to stderr, anything
// else is a file, appended to (created with mode 0644).
func OpenLog(name string, stderr io.Writer) (*LogFile, error) {
	var out io.Writer
	var closer io.Closer
	switch name {
	case "off":
		out = io.Discard
	case "", "-":
		out = stderr
	default:
		file, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
		if err != nil {
			return nil, fmt.Errorf("open the access log %s: %w (give a writable path, - for stderr, or off)", name, err)
		}
		out, closer = file, file
	}
	l := &LogFile{closeTimeout: LogCloseTimeout, buf: bufio.NewWriterSize(out, 64<<10), closer: closer, stop: make(chan struct{}), done: make(chan struct{})}
	go l.flushEvery(logFlushInterval)
	return l, nil
}

// Write buffers p.
func (l *LogFile) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

// flushEvery writes the buffer out every interval until Close.
func (l *LogFile) flushEvery(interval time.Duration) {
	defer close(l.done)
	ticker := time.NewTicker(interval)
	defer ticker.Stop()
	for {
		select {
		case <-l.stop:
			return
		case <-ticker.C:
			l.mu.Lock()
			_ = l.buf.Flush()
			l.mu.Unlock()
		}
	}
}

// Close writes out every buffered line and closes the file it opened; call it once the server has
// stopped. It gives up after LogCloseTimeout, with an error, when the writing does not end (the lines
// still buffered are then lost). Later calls do nothing and return the first call's error.
func (l *LogFile) Close() error {
	l.once.Do(func() {
		close(l.stop)
		finished := make(chan error, 1)
		go func() {
			<-l.done
			l.mu.Lock()
			defer l.mu.Unlock()
			err := l.buf.Flush()
			if l.closer != nil {
				if closeErr := l.closer.Close(); err == nil {
					err = closeErr
				}
			}
			finished <- err
		}()
		timer := time.NewTimer(l.closeTimeout)
		defer timer.Stop()
		select {
		case l.err = <-finished:
			if l.err != nil {
				l.err = fmt.Errorf("write out the access log: %w (check the disk or the pipe it goes to)", l.err)
			}
		case <-timer.C:
			l.err = fmt.Errorf("the access log took no more lines for %s (is the terminal, pipe or disk it goes to stuck?); the lines still buffered are lost", l.closeTimeout)
		}
	})
	return l.err
}
