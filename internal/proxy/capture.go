package proxy

import (
	"bytes"
	"io"
)

// readUpTo reads at most limit bytes of r. whole is false when r had more: the bytes read are then
// the first limit+1 and the caller must send them on before the rest of r.
func readUpTo(r io.Reader, limit int64) (data []byte, whole bool, err error) {
	var buf bytes.Buffer
	n, err := io.Copy(&buf, io.LimitReader(r, limit+1))
	if err != nil {
		return buf.Bytes(), false, err
	}
	return buf.Bytes(), n <= limit, nil
}

// prefixedBody is a body whose first bytes were already read: it reads them, then the rest.
type prefixedBody struct {
	io.Reader
	rest io.Closer
}

func newPrefixedBody(prefix []byte, rest io.ReadCloser) io.ReadCloser {
	return &prefixedBody{Reader: io.MultiReader(bytes.NewReader(prefix), rest), rest: rest}
}

// Close closes the rest.
func (b *prefixedBody) Close() error { return b.rest.Close() }
