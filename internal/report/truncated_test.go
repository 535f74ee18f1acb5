package report_test

import (
	"bytes"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/client"
	"github.com/graphconform/graphconform/internal/record"
	"github.com/graphconform/graphconform/internal/report"
)

// longTextExchange is an exchange whose text response of total bytes ("é" after one "x", so that a
// cut at an even length splits a character) the record cut to what the reports keep.
func longTextExchange(total int) *client.Exchange {
	body := append([]byte("x"), bytes.Repeat([]byte("é"), total/2)...)
	ex := &client.Exchange{
		Request:  client.RecordedRequest{Method: "GET", URL: "https://graph.example/beta/x", Header: http.Header{}},
		Response: client.RecordedResponse{Status: 200, Header: http.Header{"Content-Type": {"text/plain"}}, Body: body, BodyBytes: int64(len(body))},
		Started:  base, Elapsed: time.Millisecond,
	}
	return ex.ForReport(record.MaxReportBodyBytes)
}

func TestExchangeOfSaysTheRecordCutTheBody(t *testing.T) {
	ex := longTextExchange(200000)
	require.True(t, ex.Response.Truncated)
	got := report.ExchangeOf(record.CheckedExchange{Exchange: ex}).Response.Body
	require.NotEmpty(t, got.BodyText, "a text body cut inside a character is still text: %q", got.BodyOmitted)
	require.True(t, strings.HasPrefix(got.BodyText, "xéé"))
	require.Equal(t, "truncated: 65536 of 200001 bytes kept", got.BodyTruncated)
}

func TestHTMLSaysTheRecordCutTheBody(t *testing.T) {
	ex := longTextExchange(200000)
	run := record.Run{Scenarios: []record.Scenario{{Name: "long", URI: "x.feature", Passed: true, Exchanges: []record.CheckedExchange{{Operation: "op", Exchange: ex}}}}}
	page := formatHTML(t, report.Report{Run: run})
	require.Contains(t, page, "xééé", "a text body cut inside a character is still shown")
	require.Contains(t, page, "truncated: 65536 of 200001 bytes kept")
}
