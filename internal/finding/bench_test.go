package finding_test

import (
	"net/http"
	"testing"

	"github.com/graphconform/graphconform/internal/client"
	"github.com/graphconform/graphconform/internal/finding"
)

// benchExchanges are conforming exchanges of the operations a proxy sees most, as the mock answers
// them: a PATCH of a windowsUpdateState and its echo, an updateSoftware and its 202, the GET of the
// operation it started.
var benchExchanges = []struct {
	name, operation string
	ex              client.Exchange
}{
	{"PATCH echo", "windowsUpdateState.update", client.Exchange{
		Request: client.RecordedRequest{
			Method: http.MethodPatch,
			Path:   "/beta/deviceManagement/deviceConfigurations/c1/microsoft.graph.windowsUpdateForBusinessConfiguration/deviceUpdateStates/s1",
			URL:    "https://graph.example/beta/deviceManagement/deviceConfigurations/c1/microsoft.graph.windowsUpdateForBusinessConfiguration/deviceUpdateStates/s1",
			Header: http.Header{"Content-Type": {"application/json"}},
			Body:   []byte(`{"status":"pendingReboot","lastScanDateTime":"2026-11-22T08:15:00.5+01:00"}`),
		},
		Response: client.RecordedResponse{
			Status: http.StatusOK,
			Header: http.Header{"Content-Type": {"application/json"}, "Request-Id": {"6f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f"}},
			Body: []byte(`{"@odata.context":"https://graph.microsoft.com/beta/$metadata#deviceManagement/deviceConfigurations('c1')/microsoft.graph.windowsUpdateForBusinessConfiguration/deviceUpdateStates/$entity",` +
				`"@odata.type":"#microsoft.graph.windowsUpdateState","id":"s1","deviceId":"0c8e6f3a-2b1d-4c5e-8f7a-9b0c1d2e3f4a","userId":"5b649834-7412-4cce-9e69-176e95a394f5",` +
				`"deviceDisplayName":"ADELE-LAPTOP-01","userPrincipalName":"adele.vance@contoso.example","status":"pendingReboot","qualityUpdateVersion":"10.0.22631.3447",` +
				`"featureUpdateVersion":"23H2","lastScanDateTime":"2026-11-22T08:15:00.5+01:00","lastSyncDateTime":"2024-04-09T07:20:03.7654321Z"}`),
		},
	}},
	{"POST 202", "teamworkDevice.updateSoftware", client.Exchange{
		Request: client.RecordedRequest{
			Method: http.MethodPost,
			Path:   "/beta/teamwork/devices/d1/updateSoftware",
			URL:    "https://graph.example/beta/teamwork/devices/d1/updateSoftware",
			Header: http.Header{"Content-Type": {"application/json"}},
			Body:   []byte(`{"softwareType":"teamsClient","softwareVersion":"1.0.96.22"}`),
		},
		Response: client.RecordedResponse{
			Status: http.StatusAccepted,
			Header: http.Header{"Location": {"/teamwork/devices/d1/operations/00000000-0000-4000-8000-000000000000"}, "Content-Length": {"0"},
				"Request-Id": {"6f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f"}},
		},
	}},
	{"GET operation", "teamworkDevice.getOperation", client.Exchange{
		Request: client.RecordedRequest{
			Method: http.MethodGet,
			Path:   "/beta/teamwork/devices/d1/operations/00000000-0000-4000-8000-000000000000",
			URL:    "https://graph.example/beta/teamwork/devices/d1/operations/00000000-0000-4000-8000-000000000000",
			Header: http.Header{},
		},
		Response: client.RecordedResponse{
			Status: http.StatusOK,
			Header: http.Header{"Content-Type": {"application/json"}, "Request-Id": {"6f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f"}},
			Body: []byte(`{"@odata.context":"https://graph.microsoft.com/beta/$metadata#teamwork/devices('d1')/operations/$entity",` +
				`"@odata.type":"#microsoft.graph.teamworkDeviceOperation","id":"00000000-0000-4000-8000-000000000000","operationType":"softwareUpdate","status":"succeeded",` +
				`"startedDateTime":"2026-11-22T08:15:00Z","completedDateTime":"2026-11-22T08:15:02Z","createdDateTime":"2026-11-22T08:15:00Z","lastActionDateTime":"2026-11-22T08:15:02Z",` +
				`"createdBy":{"application":null,"device":null,"user":{"id":"5b649834-7412-4cce-9e69-176e95a394f5","displayName":"Adele Vance"}},` +
				`"lastActionBy":{"application":null,"device":null,"user":{"id":"5b649834-7412-4cce-9e69-176e95a394f5","displayName":"Adele Vance"}},"error":null}`),
		},
	}},
}

// BenchmarkOfExchange is what the catalogue's exchange rules cost on one conforming exchange of each
// operation. Each run judges a fresh copy of the exchange, as every exchange a proxy sees is new.
func BenchmarkOfExchange(b *testing.B) {
	for _, bc := range benchExchanges {
		b.Run(bc.name, func(b *testing.B) {
			template := bc.ex
			if got := finding.OfExchange(bc.operation, &template); len(got) != 0 {
				b.Fatalf("the exchange is meant to conform: %v", got)
			}
			b.ReportAllocs()
			for b.Loop() {
				ex := bc.ex
				if got := finding.OfExchange(bc.operation, &ex); len(got) != 0 {
					b.Fatal(got)
				}
			}
		})
	}
}
