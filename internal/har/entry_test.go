package har_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"

	"github.com/graphconform/graphconform/internal/client"
	"github.com/graphconform/graphconform/internal/har"
)

func exchange() *client.Exchange {
	return &client.Exchange{
		Request: client.RecordedRequest{
			Method: "GET", URL: "https://graph.example/beta/teamwork/devices/d1/operations?$top=2&$filter=x&$top=3",
			Header: http.Header{"Accept": {"application/json"}, "Authorization": {client.Redacted}},
		},
		Response: client.RecordedResponse{Status: 200, Header: http.Header{"Content-Type": {"application/json"}}, Body: []byte(`{"value":[]}`)},
		Started:  time.Date(2026, 11, 22, 8, 15, 0, 0, time.FixedZone("CET", 3600)),
		Elapsed:  30 * time.Millisecond, FirstByte: 10 * time.Millisecond,
	}
}

func TestEntryOfSplitsTheTimeIntoWaitingAndReceiving(t *testing.T) {
	e := har.EntryOf(exchange())
	assert.Equal(t, "2026-11-22T07:15:00Z", e.StartedDateTime)
	if diff := cmp.Diff(har.Timings{Wait: 10, Receive: 20}, e.Timings); diff != "" {
		t.Errorf("timings (-want +got):\n%s", diff)
	}
	assert.InDelta(t, 30, e.Time, 1e-9)
}

func TestEntryOfWithoutAFirstByteCountsItAllAsWaiting(t *testing.T) {
	ex := exchange()
	ex.FirstByte = 0
	if diff := cmp.Diff(har.Timings{Wait: 30}, har.EntryOf(ex).Timings); diff != "" {
		t.Errorf("timings (-want +got):\n%s", diff)
	}
}

func TestEntryOfListsQueryAndHeadersInAStableOrder(t *testing.T) {
	e := har.EntryOf(exchange())
	want := []har.NameValue{{Name: "$filter", Value: "x"}, {Name: "$top", Value: "2"}, {Name: "$top", Value: "3"}}
	if diff := cmp.Diff(want, e.Request.QueryString); diff != "" {
		t.Errorf("query string (-want +got):\n%s", diff)
	}
	wantHeaders := []har.NameValue{{Name: "Accept", Value: "application/json"}, {Name: "Authorization", Value: client.Redacted}}
	if diff := cmp.Diff(wantHeaders, e.Request.Headers); diff != "" {
		t.Errorf("headers (-want +got):\n%s", diff)
	}
}

func TestEntryOfKeepsABodyThatIsNotUTF8AsBase64AndSaysSo(t *testing.T) {
	ex := exchange()
	ex.Request.Method, ex.Request.Body = "POST", []byte{0xff, 0xfe}
	ex.Request.Header.Set("Content-Type", "application/json")
	ex.Response.Body = []byte{0xff}
	e := har.EntryOf(ex)
	if assert.NotNil(t, e.Request.PostData) {
		assert.Equal(t, "//4=", e.Request.PostData.Text)
		assert.Contains(t, e.Request.PostData.Comment, "base64")
	}
	assert.Equal(t, "/w==", e.Response.Content.Text)
	assert.Equal(t, "base64", e.Response.Content.Encoding)
}

func TestEntryOfSaysWhenTheResponseBodyWasCut(t *testing.T) {
	ex := exchange()
	ex.Response.BodyBytes, ex.Response.Truncated = 5000, true
	e := har.EntryOf(ex)
	assert.Equal(t, int64(5000), e.Response.BodySize)
	assert.Equal(t, "truncated: 12 of 5000 bytes kept", e.Response.Content.Comment)

	ex.Response.Truncated, ex.Response.OverLimit = false, true
	assert.Contains(t, har.EntryOf(ex).Response.Content.Comment, "more than the read limit")
}

func TestEntryOfAnUnparsableURLHasAnEmptyQueryString(t *testing.T) {
	ex := exchange()
	ex.Request.URL = "http://[::1"
	assert.Equal(t, []har.NameValue{}, har.EntryOf(ex).Request.QueryString)
}
