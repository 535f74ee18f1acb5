package har_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/har"
)

type harDoc struct {
	Log struct {
		Version string      `json:"version"`
		Creator har.Creator `json:"creator"`
		Entries []har.Entry `json:"entries"`
	} `json:"log"`
}

func TestStreamFromConcurrentRecordersIsOneValidLog(t *testing.T) {
	var buf bytes.Buffer
	s, err := har.NewStream(&buf, har.Creator{Name: "graphconform proxy", Version: "1.0"})
	require.NoError(t, err)
	var wg sync.WaitGroup
	for range 20 {
		wg.Go(func() { assert.NoError(t, s.Record(exchange(), "ok")) })
	}
	wg.Wait()
	require.NoError(t, s.Close())
	require.NoError(t, s.Record(exchange(), "after the end"), "a late exchange is dropped, not an error")

	var doc harDoc
	require.NoError(t, json.Unmarshal(buf.Bytes(), &doc), buf.String())
	assert.Equal(t, "1.2", doc.Log.Version)
	assert.Equal(t, har.Creator{Name: "graphconform proxy", Version: "1.0"}, doc.Log.Creator)
	assert.Len(t, doc.Log.Entries, 20)
}

func TestStreamWithNoExchangeIsAnEmptyLog(t *testing.T) {
	var buf bytes.Buffer
	s, err := har.NewStream(&buf, har.Creator{Name: "x", Version: "y"})
	require.NoError(t, err)
	require.NoError(t, s.Close())
	var doc harDoc
	require.NoError(t, json.Unmarshal(buf.Bytes(), &doc), buf.String())
	assert.Empty(t, doc.Log.Entries)
}

// failingWriter accepts the log's start, then fails.
type failingWriter struct{ writes int }

func (w *failingWriter) Write(p []byte) (int, error) {
	w.writes++
	if w.writes > 1 {
		return 0, errors.New("disk full")
	}
	return len(p), nil
}

func TestStreamKeepsReportingAWriteError(t *testing.T) {
	s, err := har.NewStream(&failingWriter{}, har.Creator{Name: "x", Version: "y"})
	require.NoError(t, err)
	first := s.Record(exchange(), "")
	require.Error(t, first)
	assert.Contains(t, first.Error(), "disk full")
	assert.Equal(t, first, s.Record(exchange(), ""))
	assert.Equal(t, first, s.Close())
}
