package docspec

import (
	"slices"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func loadFixture(t *testing.T, name string) *openapi3.T {
	t.Helper()
	doc, err := openapi3.NewLoader().LoadFromFile("testdata/" + name)
	require.NoError(t, err)
	require.NoError(t, doc.Validate(t.Context()))
	return doc
}

// kindsAt returns "kind where ours theirs" for the differences of one operation.
func kindsAt(ds []Difference, operationID string) []string {
	var out []string
	for _, d := range ds {
		if d.OperationID == operationID {
			out = append(out, d.Kind+" "+d.Where+" "+d.Ours+"|"+d.Theirs)
		}
	}
	slices.Sort(out)
	return out
}

func TestDiffAgainstMicrosoftsPublishedDescription(t *testing.T) {
	ds := Diff(builtDoc(t), loadFixture(t, "msgraph-beta-openapi.yaml"))

	// updateSoftware: matched modulo {teamworkDevice-id}; the documented 202, its Location and the 409
	// exist only in the docs; Microsoft's 204 is not in ours; their softwareType is optional.
	assert.Equal(t, []string{
		"header-missing response 202 header Location Location|",
		"header-missing response 4XX header Retry-After Retry-After|",
		"header-missing response 5XX header Retry-After Retry-After|",
		"required-differs request body /softwareType required|optional",
		"status-by-range response 409 409|4XX",
		"status-extra response 204 |204",
		"status-missing response 202 202|",
	}, kindsAt(ds, "teamworkDevice.updateSoftware"))

	// getOperation: 2XX covers our 200 but not its Retry-After; the error body is the same structure
	// under another name (microsoft.graph.ODataErrors.ODataError), so it yields no difference, and
	// the @odata.type annotations Microsoft puts on every type are not compared.
	assert.Equal(t, []string{
		"header-missing response 200 header Retry-After Retry-After|",
		"header-missing response 4XX header Retry-After Retry-After|",
		"header-missing response 5XX header Retry-After Retry-After|",
		"required-differs response 200 body /id required|optional",
		"required-differs response 200 body /operationType required|optional",
		"required-differs response 200 body /status required|optional",
		"status-by-range response 200 200|2XX",
	}, kindsAt(ds, "teamworkDevice.getOperation"))

	// The user-scope upgrade is absent (only the chat-scope one is described), and so are
	// deviceUpdateStates.
	assert.Equal(t, []string{"path-missing  " + upgradePath + "|"}, kindsAt(ds, "userScopeTeamsAppInstallation.upgrade"))
	assert.Equal(t, []string{"path-missing  " + windowsUpdateStatePath + "|"}, kindsAt(ds, "windowsUpdateState.get"))
	assert.Equal(t, []string{"path-missing  " + windowsUpdateStatePath + "|"}, kindsAt(ds, "windowsUpdateState.update"))
}

func TestDiffAgainstAVendorDescription(t *testing.T) {
	ds := Diff(builtDoc(t), loadFixture(t, "vendor-openapi.yaml"))
	// Matched modulo {id} and the microsoft.graph. prefix of the action segment.
	got := kindsAt(ds, "teamworkDevice.updateSoftware")
	assert.Equal(t, []string{
		"enum-member-extra request body /softwareType |teamsRoomsApp",
		"enum-member-missing request body /softwareType companyPortal|",
		"enum-member-missing request body /softwareType unknownFutureValue|",
		"header-extra response 202 header X-Vendor-Trace |X-Vendor-Trace",
		"header-missing response 4XX header Retry-After Retry-After|",
		"header-missing response 5XX header Retry-After Retry-After|",
		"header-required response 202 header Location required|optional",
		"property-missing response 4XX body /error/details details|",
		"property-missing response 4XX body /error/innerError innerError|",
		"property-missing response 4XX body /error/target target|",
		"property-missing response 5XX body /error/details details|",
		"property-missing response 5XX body /error/innerError innerError|",
		"property-missing response 5XX body /error/target target|",
		"required-differs request body /softwareVersion optional|required",
		"status-by-range response 4XX 4XX|400",
		"status-by-range response 5XX 5XX|500",
		"status-missing response 409 409|",
	}, got)

	got = kindsAt(ds, "teamworkDevice.getOperation")
	assert.Contains(t, got, "property-extra response 200 body /progress |progress")
	assert.Contains(t, got, "property-missing response 200 body /lastActionBy lastActionBy|")
	assert.Contains(t, got, "enum-absent response 200 body /operationType deviceRestart, configUpdate, deviceDiagnostics, softwareUpdate, deviceManagementAgentConfigUpdate, remoteLogin, remoteLogout, unknownFutureValue|any string")
	assert.Contains(t, got, "status-by-range response 4XX 4XX|default")
	assert.NotContains(t, got, "status-extra response default |default", "their default takes our 4XX and 5XX")
}

func TestDiffOfADescriptionWithItselfIsEmpty(t *testing.T) {
	doc := builtDoc(t)
	assert.Empty(t, Diff(doc, builtDoc(t)))
}

func TestDifferenceReadsAsOneLine(t *testing.T) {
	d := Difference{OperationID: "teamworkDevice.updateSoftware", Method: "POST", Path: updateSoftwarePath, Kind: DiffStatusMissing, Where: "response 202", Ours: "202"}
	assert.Equal(t, "teamworkDevice.updateSoftware (POST /teamwork/devices/{teamworkDeviceId}/updateSoftware): status-missing at response 202: ours 202, theirs none", d.String())
}
