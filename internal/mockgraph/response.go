package mockgraph

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/graphconform/graphconform/internal/guid"
)

// ContentTypeJSON is the content type of every JSON body the mock writes, as Graph writes it.
const ContentTypeJSON = "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8"

// The headers that identify a request, as Graph names them.
const (
	HeaderRequestID       = "request-id"
	HeaderClientRequestID = "client-request-id"
)

// The canonical forms of the headers above, as http.Header keys them.
const (
	canonicalRequestID       = "Request-Id"
	canonicalClientRequestID = "Client-Request-Id"
)

// maxClientRequestID bounds the client-request-id the mock echoes.
const maxClientRequestID = 256

// requestIDs are the ids of one request: the one the mock made and the one the client sent.
type requestIDs struct {
	requestID       string
	clientRequestID string
}

// identify makes the request's ids and sets them as response headers. The client's
// client-request-id is echoed; without one, the request-id stands in for it.
func identify(w http.ResponseWriter, r *http.Request) requestIDs {
	ids := requestIDs{requestID: guid.New()}
	ids.clientRequestID = strings.TrimSpace(r.Header.Get(HeaderClientRequestID))
	if ids.clientRequestID == "" || len(ids.clientRequestID) > maxClientRequestID {
		ids.clientRequestID = ids.requestID
	}
	w.Header()[canonicalRequestID] = []string{ids.requestID}
	w.Header()[canonicalClientRequestID] = []string{ids.clientRequestID}
	return ids
}

// writeJSON writes v as JSON with Graph's content type, ended by a newline as json.Encoder ends it.
// Encoding the mock's own values cannot fail; should it, the client gets an empty object rather than
// a broken body.
func writeJSON(w http.ResponseWriter, status int, v any) {
	buf := bodyBuffers.Get().(*[]byte)
	defer bodyBuffers.Put(buf)
	out, err := appendJSON((*buf)[:0], v)
	if err != nil {
		out = append(out[:0], "{}"...)
	}
	out = append(out, '\n')
	*buf = out
	w.Header().Set("Content-Type", ContentTypeJSON)
	w.Header().Set("Content-Length", strconv.Itoa(len(out)))
	w.WriteHeader(status)
	_, _ = w.Write(out)
}

// bodyBuffers hold the bytes of the bodies being written, for reuse by the next.
var bodyBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 1024); return &b }}

// field is one member of an ordered JSON object.
type field struct {
	name  string
	value any
}

// object is a JSON object whose members keep their order, so bodies read like Graph's: @odata
// annotations first, then id, then the rest.
type object []field

// MarshalJSON writes the members in order.
func (o object) MarshalJSON() ([]byte, error) { return o.appendJSON(nil) }

// appendJSON appends the members in order to buf.
func (o object) appendJSON(buf []byte) ([]byte, error) {
	buf = append(buf, '{')
	for i, f := range o {
		if i > 0 {
			buf = append(buf, ',')
		}
		var err error
		if buf, err = appendJSONString(buf, f.name); err != nil {
			return nil, err
		}
		buf = append(buf, ':')
		if buf, err = appendJSON(buf, f.value); err != nil {
			return nil, err
		}
	}
	return append(buf, '}'), nil
}

// appendJSONString appends s as a JSON string, as appendJSON does, without boxing it in an interface:
// a plain string is copied between quotes, any other goes through encoding/json.
func appendJSONString(buf []byte, s string) ([]byte, error) {
	if plainString(s) {
		buf = append(buf, '"')
		buf = append(buf, s...)
		return append(buf, '"'), nil
	}
	encoded, err := marshalNoEscape(s)
	if err != nil {
		return nil, err
	}
	return append(buf, encoded...), nil
}

// appendJSON appends v as JSON without escaping <, > and &, as json.Encoder with SetEscapeHTML(false)
// writes it. The values the mock's bodies are made of are written directly; any other goes through
// encoding/json.
func appendJSON(buf []byte, v any) ([]byte, error) {
	switch t := v.(type) {
	case nil:
		return append(buf, "null"...), nil
	case string:
		return appendJSONString(buf, t)
	case bool:
		return strconv.AppendBool(buf, t), nil
	case int:
		return strconv.AppendInt(buf, int64(t), 10), nil
	case object:
		return t.appendJSON(buf)
	case identitySet:
		return t.appendJSON(buf)
	case dateTime:
		return t.appendJSON(buf), nil
	}
	encoded, err := marshalNoEscape(v)
	if err != nil {
		return nil, err
	}
	return append(buf, encoded...), nil
}

// plainString tells whether s is written in JSON as it is, between quotes: printable ASCII without a
// quote or a backslash.
func plainString(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e || c == '"' || c == '\\' {
			return false
		}
	}
	return true
}

// marshalNoEscape encodes v as JSON without escaping <, > and &.
func marshalNoEscape(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

// serviceRoot returns the scheme, host and version of the request, e.g. https://graph.microsoft.com/beta,
// the base of an @odata.context.
func serviceRoot(r *http.Request, version string) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	host := r.Host
	if host == "" {
		host = "localhost"
	}
	return scheme + "://" + host + "/" + version
}

// odataKey quotes an id as an OData key literal: 'id', with quotes doubled.
func odataKey(id string) string {
	return "'" + strings.ReplaceAll(id, "'", "''") + "'"
}
