package proxy

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReadUpToReadsTheWholeBodyOrTheLimitAndOneByte(t *testing.T) {
	for _, tt := range []struct {
		name        string
		body        string
		limit, size int64
		want        string
		whole       bool
	}{
		{"announced", "abcdef", 10, 6, "abcdef", true},
		{"unknown length", "abcdef", 10, -1, "abcdef", true},
		{"empty", "", 10, 0, "", true},
		{"longer than announced", "abcdefgh", 10, 3, "abcdefgh", true},
		{"longer than announced and the limit", "abcdefghijklm", 10, 3, "abcdefghijk", false},
		{"announced at the limit, longer", "abcdefghijklm", 10, 10, "abcdefghijk", false},
		{"unknown length over the limit", "abcdefghijklm", 10, -1, "abcdefghijk", false},
		{"announced over the limit", "abcdefghijklm", 10, 13, "abcdefghijk", false},
		{"at the limit", "abcdefghij", 10, 10, "abcdefghij", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			data, whole, err := readUpTo(strings.NewReader(tt.body), tt.limit, tt.size)
			require.NoError(t, err)
			assert.Equal(t, tt.want, string(data))
			assert.Equal(t, tt.whole, whole)
		})
	}
}

func TestReadUpToABodyShorterThanAnnouncedIsAnError(t *testing.T) {
	data, whole, err := readUpTo(strings.NewReader("abc"), 10, 6)
	require.ErrorIs(t, err, io.ErrUnexpectedEOF)
	assert.Contains(t, err.Error(), "ended after 3 of the 6 bytes")
	assert.False(t, whole, "a cut body is not taken for a whole one")
	assert.Equal(t, "abc", string(data))
}

func TestReadUpToNoBodyIsEmptyWhateverItsAnnouncedLength(t *testing.T) {
	data, whole, err := readUpTo(http.NoBody, 10, 1234)
	require.NoError(t, err, "a HEAD's answer announces its GET's length and has no body")
	assert.True(t, whole)
	assert.Empty(t, data)
}
