package report_test

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/report"
)

// harFile is what a HAR 1.2 reader needs of a log.
type harFile struct {
	Log struct {
		Version string `json:"version"`
		Creator struct {
			Name, Version string
		} `json:"creator"`
		Pages []struct {
			ID, Title, StartedDateTime string
		} `json:"pages"`
		Entries []struct {
			PageRef         string  `json:"pageref"`
			StartedDateTime string  `json:"startedDateTime"`
			Time            float64 `json:"time"`
			Request         struct {
				Method, URL, HTTPVersion string
				Headers                  []struct{ Name, Value string }
				QueryString              []struct{ Name, Value string }
				Cookies                  []any
				HeadersSize, BodySize    *int
			} `json:"request"`
			Response struct {
				Status  int
				Headers []struct{ Name, Value string }
				Cookies []any
				Content struct {
					Size     *int64
					MimeType *string
					Text     string
				}
				RedirectURL *string
				HeadersSize *int
				BodySize    *int64
			} `json:"response"`
			Cache   *struct{} `json:"cache"`
			Timings *struct {
				Send, Wait, Receive *float64
			} `json:"timings"`
			Comment string `json:"comment"`
		} `json:"entries"`
	} `json:"log"`
}

func TestTheHARHoldsEveryExchangeWithItsTimings(t *testing.T) {
	r := fixedReport(t)
	var buf bytes.Buffer
	require.NoError(t, report.HAR{}.Format(&buf, r))
	var har harFile
	require.NoError(t, json.Unmarshal(buf.Bytes(), &har), "the HAR is JSON")
	assert.Equal(t, "1.2", har.Log.Version)
	assert.Equal(t, "graphconform", har.Log.Creator.Name)
	assert.NotEmpty(t, har.Log.Creator.Version)

	want := 0
	for _, sc := range r.Run.Scenarios {
		want += len(sc.Exchanges)
	}
	require.Len(t, har.Log.Entries, want, "every exchange of the run")
	require.Len(t, har.Log.Pages, len(r.Run.Scenarios), "a page per scenario")
	pages := map[string]bool{}
	for _, p := range har.Log.Pages {
		pages[p.ID] = true
	}
	for i, e := range har.Log.Entries {
		assert.True(t, pages[e.PageRef], "entry %d names its scenario's page", i)
		_, err := time.Parse(time.RFC3339Nano, e.StartedDateTime)
		require.NoError(t, err, "entry %d", i)
		require.NotNil(t, e.Timings, "entry %d", i)
		require.NotNil(t, e.Timings.Send)
		require.NotNil(t, e.Timings.Wait)
		require.NotNil(t, e.Timings.Receive)
		assert.InDelta(t, e.Time, *e.Timings.Send+*e.Timings.Wait+*e.Timings.Receive, 0.001, "entry %d: the timings add up to its time", i)
		assert.NotEmpty(t, e.Request.Method)
		assert.NotEmpty(t, e.Request.URL)
		assert.NotNil(t, e.Request.Cookies)
		assert.NotNil(t, e.Request.HeadersSize)
		assert.NotNil(t, e.Response.Content.Size)
		assert.NotNil(t, e.Response.Content.MimeType)
		assert.NotNil(t, e.Response.RedirectURL)
		assert.NotNil(t, e.Cache)
		for _, h := range e.Request.Headers {
			if h.Name == "Authorization" {
				assert.Equal(t, "[redacted]", h.Value)
			}
		}
	}
	assert.Contains(t, buf.String(), "[response-body-schema]", "an entry's comment names its findings")
}
