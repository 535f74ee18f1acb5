package badinput_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/graphconform/graphconform/internal/badinput"
)

func TestTheTableHoldsAtLeast150Cases(t *testing.T) {
	cases := badinput.Cases(badinput.DefaultResources())
	assert.GreaterOrEqual(t, len(cases), 150)
	names := map[string]bool{}
	for _, c := range cases {
		assert.False(t, names[c.Name], "two cases are named %q", c.Name)
		names[c.Name] = true
	}
}

// A server that answers 500, or a 4xx in plain text, or never answers is caught.
func TestRunCatchesABrokenServer(t *testing.T) {
	for _, tt := range []struct {
		name   string
		status int
		ct     string
		body   string
		want   string
	}{
		{"a 5xx", 500, "application/json", `{"error":{"code":"x","message":"y"}}`, "answered 500"},
		{"a plain 400", 400, "text/plain", "bad", "not a Graph error"},
		{"a JSON 400 without error", 400, "application/json", `{}`, "without a Graph error body"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
				w.Header().Set("Content-Type", tt.ct)
				w.WriteHeader(tt.status)
				_, _ = w.Write([]byte(tt.body))
			}))
			defer server.Close()
			c := badinput.Cases(badinput.DefaultResources())[0]
			o, err := badinput.Send(badinput.NewClient(), server.URL, c)
			assert.NoError(t, err)
			assert.Contains(t, badinput.Problem(c, o), tt.want)
		})
	}
	c := badinput.Case{Name: "named status", Method: http.MethodGet, Path: "/", WantStatus: 405}
	assert.Contains(t, badinput.Problem(c, badinput.Outcome{Status: 404, ContentType: "application/json"}), "want 405")
}
