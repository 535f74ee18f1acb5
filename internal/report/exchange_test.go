package report_test

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/client"
	"github.com/graphconform/graphconform/internal/record"
	"github.com/graphconform/graphconform/internal/report"
)

func TestExchangeOfKeepsBodiesReadableAndTimesInMilliseconds(t *testing.T) {
	ex := exchange(0, 12345678*time.Nanosecond, "POST", "/beta/teamwork/devices/d1/updateSoftware",
		`{"softwareType": "teamsClient"}`, 409, http.Header{"Content-Type": {"application/json"}, "Set-Cookie": {"s=1"}}, "queued, try later")
	ex.Request.Header.Set("authorization", "Bearer secret-token")
	got, err := json.Marshal(report.ExchangeOf(record.CheckedExchange{Operation: opUpdate, Exchange: ex, RetriedAfter: 1500 * time.Millisecond}))
	require.NoError(t, err)
	want := `{"exchange":"POST https://graph.example/beta/teamwork/devices/d1/updateSoftware → 409 (teamworkDevice.updateSoftware)","operation":"teamworkDevice.updateSoftware",` +
		`"request":{"method":"POST","url":"https://graph.example/beta/teamwork/devices/d1/updateSoftware","headers":{"Authorization":["[redacted]"],"Content-Type":["application/json"]},"body":{"softwareType":"teamsClient"}},` +
		`"response":{"status":409,"headers":{"Content-Type":["application/json"],"Request-Id":["00000000-0000-0000-0000-000000000001"],"Set-Cookie":["[redacted]"]},"bodyText":"queued, try later"},` +
		`"startedAt":"2026-01-02T03:04:05Z","elapsedMs":12.346,"retriedAfterMs":1500}`
	require.JSONEq(t, want, string(got))
	require.NotContains(t, string(got), "secret-token")
}

func TestExchangeOfSaysWhatItLeftOutOfABinaryBody(t *testing.T) {
	ex := &client.Exchange{Response: client.RecordedResponse{Status: 200, Body: []byte{0xff, 0xfe, 0x00}}}
	got := report.ExchangeOf(record.CheckedExchange{Exchange: ex})
	require.Equal(t, report.Body{BodyOmitted: "3 bytes that are not text"}, got.Response.Body)
}

func TestExchangeLabelNamesTheRequestAndItsStatus(t *testing.T) {
	ex := exchange(0, time.Millisecond, "GET", "/beta/x", "", 404, nil, "")
	got := report.ExchangeOf(record.CheckedExchange{Operation: "op", Exchange: ex}).Label
	require.Equal(t, "GET https://graph.example/beta/x → 404 (op)", got)
}
