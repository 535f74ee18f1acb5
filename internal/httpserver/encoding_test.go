package httpserver_test

import (
	"bytes"
	"compress/gzip"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/httpserver"
)

func gzipped(t *testing.T, s string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	_, err := zw.Write([]byte(s))
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	return buf.Bytes()
}

func TestDecodeBody(t *testing.T) {
	got, err := httpserver.DecodeBody("", []byte(`{}`), 10)
	require.NoError(t, err)
	assert.Equal(t, `{}`, string(got))

	got, err = httpserver.DecodeBody("gzip", gzipped(t, `{"a":1}`), 10)
	require.NoError(t, err)
	assert.Equal(t, `{"a":1}`, string(got))

	_, err = httpserver.DecodeBody("gzip", gzipped(t, strings.Repeat("x", 11)), 10)
	assert.ErrorIs(t, err, httpserver.ErrDecodedTooLarge, "a small gzip cannot unpack past the limit")

	_, err = httpserver.DecodeBody("gzip", []byte("not gzip"), 10)
	assert.ErrorContains(t, err, "gzip body cannot be read")

	_, err = httpserver.DecodeBody("br", []byte("x"), 10)
	assert.ErrorIs(t, err, httpserver.ErrUnsupportedEncoding)
}
