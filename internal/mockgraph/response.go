package mockgraph

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"github.com/graphconform/graphconform/internal/guid"
)

// ContentTypeJSON is the content type of every JSON body the mock writes, as Graph writes it.
const ContentTypeJSON = "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8"

// The headers that identify a request, as Graph names them.
const (
	HeaderRequestID       = "request-id"
	HeaderClientRequestID = "client-request-id"
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
	w.Header().Set(HeaderRequestID, ids.requestID)
	w.Header().Set(HeaderClientRequestID, ids.clientRequestID)
	return ids
}

// writeJSON writes v as JSON with Graph's content type. Encoding the mock's own values cannot fail;
// should it, the client gets an empty object rather than a broken body.
func writeJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		buf.Reset()
		buf.WriteString("{}\n")
	}
	w.Header().Set("Content-Type", ContentTypeJSON)
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// field is one member of an ordered JSON object.
type field struct {
	name  string
	value any
}

// object is a JSON object whose members keep their order, so bodies read like Graph's: @odata
// annotations first, then id, then the rest.
type object []field

// MarshalJSON writes the members in order.
func (o object) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteByte('{')
	for i, f := range o {
		if i > 0 {
			buf.WriteByte(',')
		}
		name, err := marshalNoEscape(f.name)
		if err != nil {
			return nil, err
		}
		value, err := marshalNoEscape(f.value)
		if err != nil {
			return nil, err
		}
		buf.Write(name)
		buf.WriteByte(':')
		buf.Write(value)
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
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
