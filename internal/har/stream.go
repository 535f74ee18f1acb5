package har

import (
	"encoding/json"
	"fmt"
	"io"
	"sync"

	"github.com/graphconform/graphconform/internal/client"
)

// Stream writes a HAR log to w one entry at a time, so that memory does not grow with the traffic.
// Secret headers must be redacted before an exchange reaches it. It is safe for concurrent use; Close
// ends the log.
type Stream struct {
	mu      sync.Mutex
	w       io.Writer
	entries int
	err     error
	closed  bool
}

// NewStream starts a HAR log on w, naming the program that writes it.
func NewStream(w io.Writer, creator Creator) (*Stream, error) {
	head, err := json.Marshal(creator)
	if err != nil {
		return nil, fmt.Errorf("start the HAR log: %w", err)
	}
	if _, err := fmt.Fprintf(w, `{"log":{"version":%q,"creator":%s,"entries":[`, Version, head); err != nil {
		return nil, fmt.Errorf("start the HAR log: %w", err)
	}
	return &Stream{w: w}, nil
}

// Record appends ex to the log; comment (e.g. the rules it broke) goes with it. After a write error,
// every later call returns that error; after Close, exchanges are not recorded.
func (s *Stream) Record(ex *client.Exchange, comment string) error {
	e := EntryOf(ex)
	e.Comment = comment
	data, err := json.Marshal(e)
	if err != nil {
		return fmt.Errorf("record an exchange as HAR: %w", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err != nil {
		return s.err
	}
	if s.closed {
		return nil
	}
	if s.entries > 0 {
		data = append([]byte(","), data...)
	}
	if _, err := s.w.Write(data); err != nil {
		s.err = fmt.Errorf("write the HAR log: %w", err)
		return s.err
	}
	s.entries++
	return nil
}

// Close ends the log; later exchanges are not recorded.
func (s *Stream) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err != nil || s.closed {
		return s.err
	}
	s.closed = true
	if _, err := io.WriteString(s.w, "]}}\n"); err != nil {
		s.err = fmt.Errorf("end the HAR log: %w", err)
	}
	return s.err
}
