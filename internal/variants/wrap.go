package variants

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
)

// Answer is the mock's answer to one request, which a variant may change before it is sent.
type Answer struct {
	Status int
	Header http.Header
	Body   []byte
}

// SetJSON sets (or, with a nil value, removes) one top-level property of a JSON object body; a body
// that is not a JSON object is left as it is.
func (a *Answer) SetJSON(name string, value any) {
	a.editJSON(func(obj map[string]any) {
		if value == nil {
			delete(obj, name)
		} else {
			obj[name] = value
		}
	})
}

// editJSON applies edit to the body decoded as a JSON object and encodes it again.
func (a *Answer) editJSON(edit func(obj map[string]any)) {
	var obj map[string]any
	if json.Unmarshal(a.Body, &obj) != nil || obj == nil {
		return
	}
	edit(obj)
	out, err := json.Marshal(obj)
	if err != nil {
		return
	}
	a.Body = out
}

// graphError makes the answer a Graph error with the mock's content type and ids.
func (a *Answer) graphError(status int, code, message string) {
	body, _ := json.Marshal(map[string]any{"error": map[string]any{
		"code": code, "message": message,
		"innerError": map[string]string{"request-id": "b1c2d3e4-0000-4000-8000-000000000001", "date": "2026-11-22T00:00:00"},
	}})
	a.Status, a.Body = status, body
	a.Header = http.Header{
		"Content-Type": {"application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8"},
		"Request-Id":   {"b1c2d3e4-0000-4000-8000-000000000001"},
	}
}

// Rewrite changes the mock's answer to r in place.
type Rewrite func(r *http.Request, a *Answer)

// answers wraps the mock so that a fresh Rewrite, made once per scenario by newRewrite, may change
// every answer of that scenario. The request body is read once and handed to both the mock and the
// rewrite; the rewrites of one scenario run one at a time.
func answers(newRewrite func() Rewrite) func(http.Handler) http.Handler {
	return func(mock http.Handler) http.Handler {
		rewrite := newRewrite()
		var mu sync.Mutex
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			body, _ := io.ReadAll(r.Body)
			r.Body = io.NopCloser(bytes.NewReader(body))
			rec := httptest.NewRecorder()
			mock.ServeHTTP(rec, r)
			r.Body = io.NopCloser(bytes.NewReader(body))
			a := &Answer{Status: rec.Code, Header: rec.Header().Clone(), Body: rec.Body.Bytes()}
			mu.Lock()
			rewrite(r, a)
			mu.Unlock()
			write(w, a)
		})
	}
}

// always is a Rewrite without state.
func always(rewrite Rewrite) func(http.Handler) http.Handler {
	return answers(func() Rewrite { return rewrite })
}

// write sends an answer, with the Content-Length of its body as it now is.
func write(w http.ResponseWriter, a *Answer) {
	for name, values := range a.Header {
		w.Header()[name] = values
	}
	w.Header().Del("Content-Length")
	if a.Status != http.StatusNoContent && a.Status != http.StatusNotModified {
		w.Header().Set("Content-Length", strconv.Itoa(len(a.Body)))
	}
	w.WriteHeader(a.Status)
	_, _ = w.Write(a.Body)
}

// requests wraps the mock so that change alters each request before the mock sees it.
func requests(change func(r *http.Request)) func(http.Handler) http.Handler {
	return func(mock http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			change(r)
			mock.ServeHTTP(w, r)
		})
	}
}
