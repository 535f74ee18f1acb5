package httpserver

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"strings"
)

// ErrDecodedTooLarge is returned by DecodeBody when a body decodes to more than its limit.
var ErrDecodedTooLarge = errors.New("the decoded request body is larger than the limit")

// ErrUnsupportedEncoding is returned by DecodeBody for a Content-Encoding other than gzip or identity.
var ErrUnsupportedEncoding = errors.New("unsupported Content-Encoding")

// DecodeBody returns a request body as sent before its Content-Encoding: as it is for none or
// identity, gunzipped for gzip (Microsoft's Go and .NET SDKs compress request bodies), at most limit
// bytes of it.
func DecodeBody(contentEncoding string, body []byte, limit int64) ([]byte, error) {
	switch strings.ToLower(strings.TrimSpace(contentEncoding)) {
	case "", "identity":
		return body, nil
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			return nil, fmt.Errorf("the gzip body cannot be read: %w", err)
		}
		var out bytes.Buffer
		n, err := io.Copy(&out, io.LimitReader(zr, limit+1))
		if err != nil {
			return nil, fmt.Errorf("the gzip body cannot be read: %w", err)
		}
		if n > limit {
			return nil, ErrDecodedTooLarge
		}
		return out.Bytes(), nil
	default:
		return nil, fmt.Errorf("%w %q: send the body uncompressed or gzip-compressed", ErrUnsupportedEncoding, contentEncoding)
	}
}
