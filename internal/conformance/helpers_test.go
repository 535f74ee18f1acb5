package conformance_test

import (
	"net/http"

	"github.com/graphconform/graphconform/internal/client"
)

// answer is an exchange of method on path (below /beta) answered status, header and body.
func answer(method, path string, status int, header http.Header, body string) *client.Exchange {
	if header == nil {
		header = http.Header{}
	}
	ex := &client.Exchange{
		Request:  client.RecordedRequest{Method: method, URL: "https://graph.example/beta" + path, Path: "/beta" + path, Header: http.Header{}},
		Response: client.RecordedResponse{Status: status, Header: header},
	}
	if body != "" {
		ex.Response.Body = []byte(body)
	}
	return ex
}

// The paths of the exchanges the tests judge.
const (
	operationPath = "/teamwork/devices/d/operations/o"
	listPath      = "/teamwork/devices/d/operations"
	statePath     = "/deviceManagement/deviceConfigurations/c/microsoft.graph.windowsUpdateForBusinessConfiguration/deviceUpdateStates/s"
	updatePath    = "/teamwork/devices/d/updateSoftware"
)
