package docspec

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const upgradePath = "/users/{user-id}/teamwork/installedApps/{userScopeTeamsAppInstallation-id}/upgrade"
const updateSoftwarePath = "/teamwork/devices/{teamworkDeviceId}/updateSoftware"
const operationPath = "/teamwork/devices/{teamworkDeviceId}/operations/{teamworkDeviceOperationId}"
const listOperationsPath = "/teamwork/devices/{teamworkDeviceId}/operations"
const windowsUpdateStatePath = "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/microsoft.graph.windowsUpdateForBusinessConfiguration/deviceUpdateStates/{windowsUpdateStateId}"

func hasDecision(ds []Disagreement, id, page string) *Disagreement {
	for i := range ds {
		if ds[i].ID == id && ds[i].Page == page {
			return &ds[i]
		}
	}
	return nil
}

func TestUserIDAlternativesBecomeOneParameterNamedUserID(t *testing.T) {
	item := builtDoc(t).Paths.Value(upgradePath)
	require.NotNil(t, item)
	p := item.Parameters.GetByInAndName("path", "user-id")
	require.NotNil(t, p)
	assert.Contains(t, p.Description, "user-principal-name")
	assert.Nil(t, item.Parameters.GetByInAndName("path", "user-principal-name"))
}

func TestAppInstallationIDIsRenamedAfterTheBoundType(t *testing.T) {
	res := buildDocs(t)
	assert.NotNil(t, loadDoc(t, res.YAML).Paths.Value(upgradePath).Parameters.GetByInAndName("path", "userScopeTeamsAppInstallation-id"))
	d := hasDecision(res.Disagreements, DecisionPathParameterRenamed, "userscopeteamsappinstallation-upgrade.md")
	require.NotNil(t, d)
	assert.Contains(t, d.Description, "{app-installation-id}")
}

func TestLocationIsRequiredOnThe202(t *testing.T) {
	r := builtDoc(t).Paths.Value(updateSoftwarePath).Post.Responses.Value("202").Value
	loc := r.Headers["Location"]
	require.NotNil(t, loc)
	assert.True(t, loc.Value.Required)
	assert.Equal(t, uint64(1), loc.Value.Schema.Value.MinLength)
	assert.Equal(t, "/teamwork/devices/0f3ce432-e432-0f3c-32e4-3c0f32e43c0f/operations/119eb06d-0c4b-4fb3-a754-33dd0d6b618c", loc.Value.Example)
	assert.Empty(t, r.Content, "the 202 has no body")
}

func TestConflictIsTheGraphErrorBodyWithoutRetryAfter(t *testing.T) {
	doc := builtDoc(t)
	r := doc.Paths.Value(updateSoftwarePath).Post.Responses.Value("409")
	assert.Equal(t, "#/components/responses/conflict", r.Ref)
	assert.Equal(t, "#/components/schemas/odataError", r.Value.Content.Get("application/json").Schema.Ref)
	assert.NotContains(t, r.Value.Headers, "Retry-After")
	assert.Contains(t, doc.Components.Responses["error"].Value.Headers, "Retry-After")
}

func TestTeamworkSoftwareTypeGainsUnknownFutureValue(t *testing.T) {
	res := buildDocs(t)
	s := schemaOf(t, loadDoc(t, res.YAML), "teamworkSoftwareType")
	assert.Equal(t, []any{"adminAgent", "operatingSystem", "teamsClient", "firmware", "partnerAgent", "companyPortal", "unknownFutureValue"}, s.Enum)
	d := hasDecision(res.Disagreements, DecisionEnumMembersDiffer, "teamworkdevice-updatesoftware.md")
	require.NotNil(t, d)
	assert.Equal(t, 51, d.Line)
	assert.Equal(t, []Location{{Page: "enums.md", Line: 16}}, d.Conflicts)
}

func TestWindowsUpdateStatusHasNoUnknownFutureValue(t *testing.T) {
	s := schemaOf(t, builtDoc(t), "windowsUpdateStatus")
	assert.Equal(t, []any{"upToDate", "pendingInstallation", "pendingReboot", "failed"}, s.Enum)
}

func TestUpgradeExampleApplicationIsAcceptedAndDecided(t *testing.T) {
	res := buildDocs(t)
	s := schemaOf(t, loadDoc(t, res.YAML), "teamsAppResourceSpecificPermissionType")
	assert.Equal(t, []any{"delegated", "application", "unknownFutureValue", "Delegated", "Application", nil}, s.Enum)
	assert.True(t, s.Nullable)
	d := hasDecision(res.Disagreements, DecisionEnumExampleCase, "userscopeteamsappinstallation-upgrade.md")
	require.NotNil(t, d)
	assert.Equal(t, 111, d.Line)
	assert.True(t, d.Contradiction)
}

func TestUpdateSoftwareExampleKeepsItsPageSpelling(t *testing.T) {
	fsys := docsMapFS(t)
	page := string(fsys["teamworkdevice-updatesoftware.md"].Data)
	fsys["teamworkdevice-updatesoftware.md"] = &fstest.MapFile{Data: []byte(strings.Replace(page, `"softwareType": "teamsClient"`, `"softwareType": "TeamsKlient"`, 1))}
	_, err := Build(fsys)
	require.Error(t, err, "a value that is no member in any case is an error, not a decision")
	assert.Contains(t, err.Error(), "teamworkdevice-updatesoftware.md: line 78")
	assert.Contains(t, err.Error(), "fix the example or the enumeration")
}

func TestGetExampleWrappedInValueIsUnwrapped(t *testing.T) {
	res := buildDocs(t)
	doc := loadDoc(t, res.YAML)
	for _, c := range []struct{ path, page, example string }{
		{operationPath, "teamworkdeviceoperation-get.md", "get_teamworkdeviceoperation"},
		{windowsUpdateStatePath, "intune-deviceconfig-windowsupdatestate-get.md", "get_windowsupdatestate"},
	} {
		mt := doc.Paths.Value(c.path).Get.Responses.Value("200").Value.Content.Get("application/json")
		ex := mt.Examples[c.example].Value.Value.(map[string]any)
		assert.NotContains(t, ex, "value", c.page)
		assert.Contains(t, ex, "id", c.page)
		assert.NotNil(t, hasDecision(res.Disagreements, DecisionExampleValueWrapper, c.page), c.page)
	}
}

func TestPatchBodyRefusesUnknownPropertiesAndRequiresNone(t *testing.T) {
	res := buildDocs(t)
	doc := loadDoc(t, res.YAML)
	body := doc.Paths.Value(windowsUpdateStatePath).Patch.RequestBody.Value
	assert.True(t, body.Required)
	s := body.Content.Get("application/json").Schema
	assert.Equal(t, "#/components/schemas/windowsUpdateStateUpdate", s.Ref)
	assert.False(t, *s.Value.AdditionalProperties.Has)
	assert.Empty(t, s.Value.Required)
	assert.Equal(t, uint64(1), s.Value.MinProps)
	assert.Equal(t, []any{"#microsoft.graph.windowsUpdateState"}, s.Value.Properties["@odata.type"].Value.Enum)
	assert.NotNil(t, hasDecision(res.Disagreements, DecisionPatchTableSaysCreate, "intune-deviceconfig-windowsupdatestate-update.md"))
}

func TestOperationStatusStaysAFreeString(t *testing.T) {
	res := buildDocs(t)
	s := schemaOf(t, loadDoc(t, res.YAML), "teamworkDeviceOperation")
	status := s.Properties["status"].Value
	assert.Empty(t, status.Enum)
	assert.Contains(t, status.Description, "queued, succeeded, failed")
	assert.Contains(t, status.Description, "Queued, Scheduled, InProgress, Successful, Cancelled, Failed")
	assert.Contains(t, status.Description, "successful")
	assert.ElementsMatch(t, []string{"id", "status", "operationType"}, s.Required)
	d := hasDecision(res.Disagreements, DecisionStatusVocabulary, "teamworkdevice-updatesoftware.md")
	require.NotNil(t, d)
	assert.Equal(t, []Location{{Page: "teamworkdeviceoperation.md", Line: 37}, {Page: "teamworkdevice-list-operations.md", Line: 85}, {Page: "teamworkdeviceoperation-get.md", Line: 80}}, d.Conflicts,
		"the resource page, then every example that shows another spelling, the list's items among them")
}

func TestSoftwareTypeIsRequiredAndSoftwareVersionOptional(t *testing.T) {
	res := buildDocs(t)
	s := schemaOf(t, loadDoc(t, res.YAML), "updateSoftwareRequest")
	assert.Equal(t, []string{"softwareType"}, s.Required)
	assert.True(t, s.Properties["softwareVersion"].Value.Nullable)
	assert.False(t, *s.AdditionalProperties.Has)
	assert.NotNil(t, hasDecision(res.Disagreements, DecisionEnumParameterRequired, "teamworkdevice-updatesoftware.md"))
}

func TestV1PageIsServedUnderBetaToo(t *testing.T) {
	res := buildDocs(t)
	item := loadDoc(t, res.YAML).Paths.Value(upgradePath)
	assert.Equal(t, []string{"/v1.0", "/beta"}, serverURLs(item.Servers))
	assert.Contains(t, item.Post.ExternalDocs.URL, "view=graph-rest-1.0")
	assert.NotNil(t, hasDecision(res.Disagreements, DecisionV1AlsoBeta, "userscopeteamsappinstallation-upgrade.md"))
}

func TestPolledOperationDeclaresRetryAfter(t *testing.T) {
	res := buildDocs(t)
	r := loadDoc(t, res.YAML).Paths.Value(operationPath).Get.Responses.Value("200").Value
	h := r.Headers["Retry-After"]
	require.NotNil(t, h)
	assert.Equal(t, "#/components/headers/Retry-After", h.Ref)
	assert.False(t, h.Value.Required)
	d := hasDecision(res.Disagreements, DecisionPollRetryAfter, "teamworkdeviceoperation-get.md")
	require.NotNil(t, d)
	assert.Equal(t, []Location{{Page: "teamworkdevice-updatesoftware.md", Line: 117}}, d.Conflicts)
}

func TestOperationIDOfAContainedTypeIsNamedOnItsContainer(t *testing.T) {
	doc := builtDoc(t)
	assert.Equal(t, "teamworkDevice.getOperation", doc.Paths.Value(operationPath).Get.OperationID)
	assert.Equal(t, "teamworkDevice.listOperations", doc.Paths.Value(listOperationsPath).Get.OperationID)
	assert.Equal(t, "windowsUpdateState.get", doc.Paths.Value(windowsUpdateStatePath).Get.OperationID)
	assert.Equal(t, "windowsUpdateState.update", doc.Paths.Value(windowsUpdateStatePath).Patch.OperationID)
}

func TestOperationsNameTheirPage(t *testing.T) {
	op := builtDoc(t).Paths.Value(updateSoftwarePath).Post
	assert.Equal(t, "spec/docs/teamworkdevice-updatesoftware.md", op.Extensions["x-ms-docs-source"])
	assert.Equal(t, "https://learn.microsoft.com/graph/api/teamworkdevice-updatesoftware?view=graph-rest-beta", op.ExternalDocs.URL)
	assert.Equal(t, "This API triggers a long-running operation.", op.Description)
}

func TestIntunePermissionSubRowsBelongToTheirType(t *testing.T) {
	src := readFile(t, docsDir+"/intune-deviceconfig-windowsupdatestate-update.md")
	p, err := ReadPage("update.md", src)
	require.NoError(t, err)
	assert.Equal(t, []string{"DeviceManagementConfiguration.ReadWrite.All"}, p.Operation.Permissions.Delegated)
	assert.Equal(t, []string{"DeviceManagementConfiguration.ReadWrite.All"}, p.Operation.Permissions.Application)
	assert.Empty(t, p.Operation.Permissions.Personal)
}

const minimalPage = `---
title: "thing: poke"
description: "Poke a thing."
doc_type: apiPageType
---

# thing: poke

[!INCLUDE [beta-disclaimer](../../includes/beta-disclaimer.md)]

## Permissions

|Permission type|Permissions (from most to least privileged)|
|:---|:---|
|Delegated (work or school account)|Thing.ReadWrite.All, Thing.Read.All|
|Application|Not supported.|

## HTTP request

` + "``` http" + `
POST /things/{thingId}/poke
POST /me/things/{thingId}/poke
` + "```" + `

## Response

If successful, this method returns a ` + "`204 No Content`" + ` response code.
`

func TestMostToLeastPrivilegedIsReversed(t *testing.T) {
	p, err := ReadPage("poke.md", []byte(minimalPage))
	require.NoError(t, err)
	assert.Equal(t, []string{"Thing.Read.All", "Thing.ReadWrite.All"}, p.Operation.Permissions.Delegated)
	assert.Empty(t, p.Operation.Permissions.Application)
}

func TestHTTPRequestBlockEveryLineIsAnOperation(t *testing.T) {
	res, err := BuildResult(fstest.MapFS{"poke.md": {Data: []byte(minimalPage)}}, Options{})
	require.NoError(t, err)
	doc := loadDoc(t, res.YAML)
	assert.Equal(t, "thing.poke", doc.Paths.Value("/things/{thingId}/poke").Post.OperationID)
	assert.Equal(t, "thing.poke-2", doc.Paths.Value("/me/things/{thingId}/poke").Post.OperationID)
	assert.Nil(t, doc.Paths.Value("/things/{thingId}/poke").Post.Responses.Value("4XX"), "no error page, no ranges")
}

func TestTabMarkersAreNotHeadings(t *testing.T) {
	// The updateSoftware page puts "# [HTTP](#tab/http)" tab markers inside its examples; the
	// example response after them still belongs to the Examples section.
	p, err := ReadPage("u.md", readFile(t, docsDir+"/teamworkdevice-updatesoftware.md"))
	require.NoError(t, err)
	require.Len(t, p.Operation.Examples, 1)
	require.NotNil(t, p.Operation.Examples[0].Response)
	assert.Equal(t, 202, p.Operation.Examples[0].Response.Status)
	assert.Equal(t, "teamworkDevice: updateSoftware", p.Title)
}

func TestFrontMatterNeverClosedIsAnError(t *testing.T) {
	_, err := ReadPage("bad.md", []byte("---\ntitle: x\n# x\n"))
	require.ErrorContains(t, err, "bad.md: the front matter opened on line 1 is never closed")
}

func TestPageWithoutFrontMatterIsNotAReferencePage(t *testing.T) {
	_, err := ReadPage("README.md", []byte("# Readme\n"))
	require.ErrorIs(t, err, ErrNotReferencePage)
}

func TestAnnotationThatIsNotJSONIsAnError(t *testing.T) {
	page := strings.Replace(minimalPage, "## HTTP request\n", "## HTTP request\n\n<!-- { \"blockType\": ignored } -->\n", 1)
	_, err := ReadPage("poke.md", []byte(page))
	require.ErrorContains(t, err, "poke.md: line 20: the <!-- { ... } --> annotation is not a JSON object")
}

func TestRequestLineThatIsNotARequestIsAnError(t *testing.T) {
	page := strings.Replace(minimalPage, "POST /me/things/{thingId}/poke", "POST things/{thingId}", 1)
	_, err := ReadPage("poke.md", []byte(page))
	require.ErrorContains(t, err, "poke.md: line 22: \"POST things/{thingId}\" is not an HTTP request line: write it as 'METHOD /path/{parameter}'")
}

func TestUnbalancedPathParameterIsAnError(t *testing.T) {
	page := strings.Replace(minimalPage, "POST /me/things/{thingId}/poke", "POST /me/things/{thingId/poke", 1)
	_, err := ReadPage("poke.md", []byte(page))
	require.ErrorContains(t, err, "opens a parameter it never closes")
}

func TestResponseProseWithoutStatusIsAnError(t *testing.T) {
	page := strings.Replace(minimalPage, "returns a `204 No Content` response code", "returns nothing", 1)
	_, err := ReadPage("poke.md", []byte(page))
	require.ErrorContains(t, err, "names no status")
}

func TestEnumMembersWithoutBackticksAreRead(t *testing.T) {
	members := enumMembers(cell{Text: "Windows udpate status. Possible values are: upToDate, pendingInstallation, pendingReboot, failed."})
	assert.Equal(t, []string{"upToDate", "pendingInstallation", "pendingReboot", "failed"}, members)
}
