package mockgraph

import (
	"log/slog"
	"net/http"
	"strings"
	"time"
)

// maxLoggedPath bounds the path of a logged request; a longer one is cut and marked so.
const maxLoggedPath = 2048

// LogRequests wraps h so that each request is logged to logger once answered, at level Info (Warn for
// a 5xx): method, path (with query parameters that may hold credentials redacted), status, duration,
// request-id, client-request-id and how the request authenticated ("bearer", "none" or "other"). The
// Authorization header and tokens are never logged. The record carries no source position, so
// that logging a request does not walk the stack.
func LogRequests(h http.Handler, logger *slog.Logger) http.Handler {
	handler := logger.Handler()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		started := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		h.ServeHTTP(sw, r)
		status := sw.status()
		level := slog.LevelInfo
		if status >= 500 {
			level = slog.LevelWarn
		}
		ctx := r.Context()
		if !handler.Enabled(ctx, level) {
			return
		}
		record := slog.NewRecord(time.Now(), level, "request", 0)
		record.AddAttrs(
			slog.String("method", r.Method),
			slog.String("path", truncate(redactedTarget(r.URL), maxLoggedPath)),
			slog.Int("status", status),
			slog.Duration("duration", time.Since(started)),
			slog.String("request-id", headerValue(sw.Header(), canonicalRequestID)),
			slog.String("client-request-id", headerValue(sw.Header(), canonicalClientRequestID)),
			slog.String("auth", authKind(r)),
		)
		_ = handler.Handle(ctx, record) // a handler that cannot write has nowhere to say so either
	})
}

// headerValue is the first value of the header of a canonical name, without canonicalizing it again.
func headerValue(h http.Header, canonical string) string {
	if values := h[canonical]; len(values) > 0 {
		return values[0]
	}
	return ""
}

// authKind says how a request authenticated without telling its credentials.
func authKind(r *http.Request) string {
	value := strings.TrimSpace(r.Header.Get("Authorization"))
	switch {
	case value == "":
		return "none"
	case bearerToken(r) != "":
		return "bearer"
	default:
		return "other"
	}
}

// statusWriter remembers the status a handler answered.
type statusWriter struct {
	http.ResponseWriter
	code int
}

// WriteHeader records the first status and passes it on.
func (s *statusWriter) WriteHeader(code int) {
	if s.code == 0 {
		s.code = code
	}
	s.ResponseWriter.WriteHeader(code)
}

// Write records an implicit 200 and passes the bytes on.
func (s *statusWriter) Write(b []byte) (int, error) {
	if s.code == 0 {
		s.code = http.StatusOK
	}
	return s.ResponseWriter.Write(b)
}

// Unwrap returns the wrapped writer, for http.ResponseController.
func (s *statusWriter) Unwrap() http.ResponseWriter { return s.ResponseWriter }

// status is the status answered: 200 when the handler wrote nothing.
func (s *statusWriter) status() int {
	if s.code == 0 {
		return http.StatusOK
	}
	return s.code
}
