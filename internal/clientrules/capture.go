package clientrules

import (
	"bytes"
	"net/http"
)

// maxCapturedBody bounds how much of a response body a ResponseCapture keeps: enough for a page's
// @odata.nextLink.
const maxCapturedBody = 256 << 10

// ResponseCapture passes a response on to its writer and keeps its status and the first bytes of its
// body, for Observer.Response.
type ResponseCapture struct {
	http.ResponseWriter
	status   int
	body     bytes.Buffer
	skipBody bool
}

// NewResponseCapture wraps w.
func NewResponseCapture(w http.ResponseWriter) *ResponseCapture {
	return &ResponseCapture{ResponseWriter: w}
}

// WriteHeader records the first status and passes it on.
func (c *ResponseCapture) WriteHeader(code int) {
	if c.status == 0 {
		c.status = code
	}
	c.ResponseWriter.WriteHeader(code)
}

// Write keeps the first bytes and passes them all on.
func (c *ResponseCapture) Write(b []byte) (int, error) {
	if c.status == 0 {
		c.status = http.StatusOK
	}
	if room := maxCapturedBody - c.body.Len(); room > 0 && !c.skipBody {
		c.body.Write(b[:min(len(b), room)])
	}
	return c.ResponseWriter.Write(b)
}

// SkipBody makes the capture keep no body: for a request Observer.NeedsBody says needs none.
func (c *ResponseCapture) SkipBody() { c.skipBody = true }

// Unwrap returns the wrapped writer, for http.ResponseController.
func (c *ResponseCapture) Unwrap() http.ResponseWriter { return c.ResponseWriter }

// Status is the status answered: 200 when nothing was written.
func (c *ResponseCapture) Status() int {
	if c.status == 0 {
		return http.StatusOK
	}
	return c.status
}

// Body is the first bytes of the body written.
func (c *ResponseCapture) Body() []byte { return c.body.Bytes() }
