package proxy

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httputil"
	"sync"
)

// copyBufferSize is the size of the buffers the proxy copies bodies to the client with.
const copyBufferSize = 32 << 10

// bufferPool lends the reverse proxy its copy buffers, which it would otherwise allocate anew for
// every response. It implements httputil.BufferPool and is safe for concurrent use.
type bufferPool struct{ pool sync.Pool }

// NewBufferPool returns the pool of copy buffers the proxy lends its reverse proxy, for another
// httputil.ReverseProxy to forward as cheaply.
func NewBufferPool() httputil.BufferPool { return &bufferPool{} }

// Get returns a buffer of copyBufferSize bytes.
func (b *bufferPool) Get() []byte {
	if buf, ok := b.pool.Get().(*[]byte); ok {
		return *buf
	}
	return make([]byte, copyBufferSize)
}

// Put takes back a buffer Get returned.
func (b *bufferPool) Put(buf []byte) {
	if cap(buf) >= copyBufferSize {
		buf = buf[:copyBufferSize]
		b.pool.Put(&buf)
	}
}

// readUpTo reads at most limit bytes of r. whole is false when r had more: the bytes read are then
// the first limit+1 and the caller must send them on before the rest of r. size is the length r
// announced (its Content-Length), -1 when unknown: a body of known length is read into one
// allocation, and a body that ends before its announced length is an error, not a whole body.
// http.NoBody (the body of a HEAD's or a 304's answer, whatever length it announces) is empty.
func readUpTo(r io.Reader, limit, size int64) (data []byte, whole bool, err error) {
	if r == http.NoBody {
		return nil, true, nil
	}
	buf := &bytes.Buffer{}
	if size >= 0 && size <= limit {
		// One byte more than announced tells where the body ends, without a bytes.MinRead margin.
		data = make([]byte, size+1)
		n, err := io.ReadFull(r, data)
		switch {
		case (errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF)) && int64(n) < size:
			return data[:n], false, fmt.Errorf("the body ended after %d of the %d bytes its Content-Length announced: %w", n, size, io.ErrUnexpectedEOF)
		case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF):
			return data[:n], true, nil
		case err != nil:
			return data[:n], false, err
		}
		buf = bytes.NewBuffer(data) // longer than announced: read on, up to the limit
	}
	_, err = io.Copy(buf, io.LimitReader(r, limit+1-int64(buf.Len())))
	if err != nil {
		return buf.Bytes(), false, err
	}
	return buf.Bytes(), int64(buf.Len()) <= limit, nil
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
