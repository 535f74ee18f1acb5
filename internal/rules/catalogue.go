// Package rules is graphconform's rule catalogue: every promise it checks, of the server or of the
// client, declared once with its stable ID, level, side, source, description and the doc it comes
// from. Findings, the mock's violations, the reports and 'graphconform rules' all read it, and a
// finding can only name a rule through an ID this package declares.
//
// Adding a rule is one step: add an entry to the var block below, in the group of its source, and
// use the variable where the rule is checked.
//
//	// ClientPollsLocation: the client polls the Location of a 202 rather than re-sending the update.
//	ClientPollsLocation = declare("client-polls-location", Rule{
//		Level: Error, Side: Client, Source: Traffic,
//		Description: "After a 202, the client polls the Location instead of sending the update again.",
//		Doc:         Doc{Page: "spec/docs/teamworkdevice-updatesoftware.md", Line: 58},
//	})
//
// An exchange rule carries its Check (a function of internal/conformance) and runs on every exchange;
// a rule of another source is checked where its source says (internal/contract, the steps, the mock).
// The tests refuse an ID that is not kebab-case or repeats another, a rule without a description, and
// a doc page that does not exist.
package rules

import "github.com/graphconform/graphconform/internal/conformance"

// The operations some exchange rules are limited to.
const (
	opGetOperation             = "teamworkDevice.getOperation"
	opUpdateSoftware           = "teamworkDevice.updateSoftware"
	opListOperations           = "teamworkDevice.listOperations"
	opUpdateWindowsUpdateState = "windowsUpdateState.update"
)

// The docs the rules quote.
const (
	specPage      = "spec/openapi.yaml"
	errorsPage    = "spec/docs/errors.md"
	updatePage    = "spec/docs/teamworkdevice-updatesoftware.md"
	upgradePage   = "spec/docs/userscopeteamsappinstallation-upgrade.md"
	patchPage     = "spec/docs/intune-deviceconfig-windowsupdatestate-update.md"
	operationPage = "spec/docs/teamworkdeviceoperation.md"
	listPage      = "spec/docs/teamworkdevice-list-operations.md"
	getStatePage  = "spec/docs/intune-deviceconfig-windowsupdatestate-get.md"
)

// The catalogue, in the order reports list it: the contract's rules, the exchange rules, the
// scenario expectations, then the rules of a client's traffic.
var (
	// OperationDocumented: the request matches an operation of the OpenAPI description.
	OperationDocumented = declare("operation-documented", Rule{
		Level: Error, Side: Client, Source: Contract,
		Description: "The request matches an operation of the OpenAPI description.",
		Doc:         Doc{Page: specPage},
	})
	// RequestParameter: the request's parameters are as the description declares.
	RequestParameter = declare("request-parameter", Rule{
		Level: Error, Side: Client, Source: Contract,
		Description: "The request's path, query and header parameters are as the description declares.",
		Doc:         Doc{Page: specPage},
	})
	// RequestBodySchema: the request body matches the operation's request schema.
	RequestBodySchema = declare("request-body-schema", Rule{
		Level: Error, Side: Client, Source: Contract,
		Description: "The request body matches the operation's request schema.",
		Doc:         Doc{Page: specPage},
	})
	// RequestContentType: the request's Content-Type is one the operation accepts.
	RequestContentType = declare("request-content-type", Rule{
		Level: Error, Side: Client, Source: Contract,
		Description: "The request's Content-Type is one the operation accepts.",
		Doc:         Doc{Page: updatePage, Line: 42},
	})
	// ResponseStatusDeclared: the response status is one the description declares.
	ResponseStatusDeclared = declare("response-status-declared", Rule{
		Level: Error, Side: Server, Source: Contract,
		Description: "The response status is one the description declares for the operation (explicitly or by a 4XX/5XX range).",
		Doc:         Doc{Page: specPage},
	})
	// ResponseHeader: the response carries the headers the description requires.
	ResponseHeader = declare("response-header", Rule{
		Level: Error, Side: Server, Source: Contract,
		Description: "The response carries the headers the description requires for its status, in their declared form.",
		Doc:         Doc{Page: specPage},
	})
	// ResponseContentType: the response's Content-Type is one the description declares.
	ResponseContentType = declare("response-content-type", Rule{
		Level: Error, Side: Server, Source: Contract,
		Description: "The response's Content-Type is one the description declares for its status.",
		Doc:         Doc{Page: specPage},
	})
	// ResponseBodySchema: the response body matches the schema declared for its status.
	ResponseBodySchema = declare("response-body-schema", Rule{
		Level: Error, Side: Server, Source: Contract,
		Description: "The response body matches the schema the description declares for its status.",
		Doc:         Doc{Page: specPage},
	})
	// ResponseBodyJSON: a JSON response body parses as JSON.
	ResponseBodyJSON = declare("response-body-json", Rule{
		Level: Error, Side: Server, Source: Contract,
		Description: "A JSON response body parses as JSON.",
		Doc:         Doc{Page: specPage},
	})

	// NoContentHasNoBody: "It doesn't return anything in the response body."
	NoContentHasNoBody = declare("no-content-has-no-body", Rule{
		Level: Error, Side: Server, Source: Exchange,
		Description: "A 204 No Content response has an empty body, no Content-Length but 0 and no JSON content type.",
		Doc:         Doc{Page: upgradePage, Line: 57},
		Check:       conformance.NoContentHasNoBody,
	})
	// AcceptedHasNoBody: a 202 carries its Location and an empty body, as the docs' example.
	AcceptedHasNoBody = declare("accepted-has-no-body", Rule{
		Level: Warning, Side: Server, Source: Exchange, Operation: opUpdateSoftware,
		Description: "A 202 Accepted of updateSoftware has an empty body: the docs promise the status and a Location header, and their example answers Content-Length: 0 (a warning: they do not forbid a body, and a client needs only the Location).",
		Doc:         Doc{Page: updatePage, Line: 58},
		Check:       conformance.AcceptedHasNoBody,
	})
	// PatchEchoesRequest: "returns a 200 OK response code and an updated windowsUpdateState object".
	PatchEchoesRequest = declare("patch-echoes-request", Rule{
		Level: Error, Side: Server, Source: Exchange, Operation: opUpdateWindowsUpdateState,
		Description: "A 200 answer to the PATCH of a windowsUpdateState holds every property sent, with the value sent (date-times as the same instant).",
		Doc:         Doc{Page: patchPage, Line: 73},
		Check:       conformance.PatchEchoesRequest,
	})
	// OperationStatusVocabulary: a teamworkDeviceOperation's status is one the docs name.
	OperationStatusVocabulary = declare("operation-status-vocabulary", Rule{
		Level: Error, Side: Server, Source: Exchange, Operation: opGetOperation,
		Description: "A teamworkDeviceOperation's status is one the docs name: queued, scheduled, inProgress, succeeded/successful, failed or cancelled (any case).",
		Doc:         Doc{Page: operationPage, Line: 37},
		Check:       conformance.OperationStatusVocabulary,
	})
	// OperationErrorOnlyWhenFailed: "Error details, available only in case of a failed status."
	OperationErrorOnlyWhenFailed = declare("operation-error-only-when-failed", Rule{
		Level: Error, Side: Server, Source: Exchange,
		Description: "A teamworkDeviceOperation (of an operation's GET, or of a page of a device's operations) carries a non-null error only when its status is failed: \"Error details, available only in case of a failed status.\"",
		Doc:         Doc{Page: operationPage, Line: 31},
		Check:       conformance.OperationErrorOnlyWhenFailed,
	})
	// RetryAfterFormat: a Retry-After holds seconds or an HTTP date.
	RetryAfterFormat = declare("retry-after-format", Rule{
		Level: Error, Side: Server, Source: Exchange,
		Description: "A Retry-After header holds seconds (possibly fractional) or an HTTP date, so clients can honour it.",
		Doc:         Doc{Page: errorsPage, Line: 34},
		Check:       conformance.RetryAfterFormat,
	})
	// ThrottledCarriesRetryAfter: a 429 carries a Retry-After.
	ThrottledCarriesRetryAfter = declare("throttled-carries-retry-after", Rule{
		Level: Error, Side: Server, Source: Exchange,
		Description: "A 429 Too Many Requests, of any operation, carries a Retry-After header: Graph \"returns 429 Too Many Requests with the code TooManyRequests, and a Retry-After header\" (503 and 504 only can).",
		Doc:         Doc{Page: errorsPage, Line: 34},
		Check:       conformance.ThrottledCarriesRetryAfter,
	})
	// ThrottledErrorCode: a 429's Graph error has the code TooManyRequests.
	ThrottledErrorCode = declare("throttled-error-code", Rule{
		Level: Error, Side: Server, Source: Exchange,
		Description: "The Graph error of a 429 Too Many Requests, of any operation, has the code TooManyRequests: Graph \"returns 429 Too Many Requests with the code TooManyRequests\"; as its codes come in camelCase as well as PascalCase, tooManyRequests is one too.",
		Doc:         Doc{Page: errorsPage, Line: 34},
		Check:       conformance.ThrottledErrorCode,
	})
	// RequestIDHeader: every response carries a request-id header.
	RequestIDHeader = declare("request-id-header", Rule{
		Level: Warning, Side: Server, Source: Exchange,
		Description: "Every response carries a request-id header, as Graph's do, so a failure can be traced.",
		Doc:         Doc{Page: errorsPage, Line: 30},
		Check:       conformance.RequestIDHeader,
	})
	// LocationNamesDeviceOperation: a 202's Location names the updated device's operation.
	LocationNamesDeviceOperation = declare("location-names-device-operation", Rule{
		Level: Error, Side: Server, Source: Exchange, Operation: opUpdateSoftware,
		Description: "The Location of a 202, one header, names the operations collection of the device that was updated, and an operation id as its last segment: /teamwork/devices/{device}/operations/{operation}, below the version the update was sent to when it names one, and without userinfo.",
		Doc:         Doc{Page: updatePage, Line: 58},
		Check:       conformance.LocationNamesDeviceOperation,
	})
	// OperationCarriesItsID: an operation's body carries the id its path names.
	OperationCarriesItsID = declare("operation-carries-its-id", Rule{
		Level: Error, Side: Server, Source: Exchange, Operation: opGetOperation,
		Description: "A teamworkDeviceOperation answered for a GET carries the id the path names.",
		Doc:         Doc{Page: operationPage},
		Check:       conformance.OperationCarriesItsID,
	})
	// PatchEchoCarriesIdentity: a PATCH echo is the windowsUpdateState the path names.
	PatchEchoCarriesIdentity = declare("patch-echo-carries-identity", Rule{
		Level: Error, Side: Server, Source: Exchange, Operation: opUpdateWindowsUpdateState,
		Description: "A 200 answer to the PATCH of a windowsUpdateState carries the id the path names.",
		Doc:         Doc{Page: patchPage, Line: 73},
		Check:       conformance.PatchEchoCarriesIdentity,
	})
	// ResourceODataType: a resource answered carries, when it carries one, its own @odata.type.
	ResourceODataType = declare("resource-odata-type", Rule{
		Level: Error, Side: Server, Source: Exchange,
		Description: "A resource a 200 answers carries, when it carries an @odata.type, the type the request asked for (\"returns a 200 OK response code and an updated windowsUpdateState object\"): #microsoft.graph.windowsUpdateState for the GET and the PATCH of a windowsUpdateState, #microsoft.graph.teamworkDeviceOperation for an operation's GET and each operation of a list page.",
		Doc:         Doc{Page: patchPage, Line: 73},
		Check:       conformance.ResourceODataType,
	})
	// NextLinkStaysOnTheCollection: an @odata.nextLink names the same device's operations.
	NextLinkStaysOnTheCollection = declare("next-link-stays-on-the-collection", Rule{
		Level: Error, Side: Server, Source: Exchange, Operation: opListOperations,
		Description: "An @odata.nextLink of a device's operations names the same device's operations collection, in the same version (link-on-target-origin judges where it points when it is followed).",
		Doc:         Doc{Page: listPage, Line: 40},
		Check:       conformance.NextLinkStaysOnTheCollection,
	})
	// NoRedirect: the target answers the request itself; a redirect is never followed.
	NoRedirect = declare("no-redirect", Rule{
		Level: Error, Side: Server, Source: Exchange,
		Description: "The target answers the request itself: a 3xx redirect is not a response the docs promise, and it is never followed (nor the token sent after it).",
		Doc:         Doc{Page: specPage},
		Check:       conformance.NoRedirect,
	})
	// ResponseBodyWithinLimit: a response body fits the harness's read limit.
	ResponseBodyWithinLimit = declare("response-body-within-limit", Rule{
		Level: Error, Side: Server, Source: Exchange,
		Description: "The response body is no larger than the harness's read limit; a larger one is cut there and never read further.",
		Doc:         Doc{Page: specPage},
		Check:       conformance.BodyWithinLimit,
	})

	// DocumentedStatus: the response has the status the docs promise for the situation.
	DocumentedStatus = declare("documented-status", Rule{
		Level: Error, Side: Server, Source: Scenario,
		Description: "The response has the status the docs promise for the situation (202, 409, 204, 200, 404, 400, 401).",
		Doc:         Doc{Page: updatePage, Line: 58},
	})
	// LocationResolves: the Location of a 202 resolves to the operation it names.
	LocationResolves = declare("location-resolves", Rule{
		Level: Error, Side: Server, Source: Scenario,
		Description: "The Location of a 202 resolves, relative to the version root or absolute, to the teamworkDeviceOperation whose id is its last segment.",
		Doc:         Doc{Page: updatePage, Line: 58},
	})
	// OperationCreatedByCaller: an operation's createdBy names the caller who started it.
	OperationCreatedByCaller = declare("operation-created-by-caller", Rule{
		Level: Error, Side: Server, Source: Scenario,
		Description: "The createdBy of an operation an update started, wherever an answer holds it (its GET, a poll, a list page), names the caller the update's bearer token named (\"Identity of the user who created the device operation.\"): the signed-in user (oid) of a delegated token, no user for an app-only one, and the token's application when it names one. Checked when the token is a JWT.",
		Doc:         Doc{Page: operationPage, Line: 29},
	})
	// OperationReachesTerminalStatus: polling the operation reaches a terminal status within the budget.
	OperationReachesTerminalStatus = declare("operation-reaches-terminal-status", Rule{
		Level: Error, Side: Server, Source: Scenario,
		Description: "Polling the operation, honouring Retry-After, reaches a terminal status (succeeded or failed) within the time budget.",
		Doc:         Doc{Page: updatePage, Line: 58},
	})
	// PatchPersists: a GET after a PATCH shows what was sent and every other property as it was.
	PatchPersists = declare("patch-persists", Rule{
		Level: Error, Side: Server, Source: Scenario,
		Description: "A GET after a PATCH shows what the PATCH sent and every other property as it was.",
		Doc:         Doc{Page: patchPage, Line: 17},
	})
	// OperationsListHoldsOperation: the device's operations list holds the operation an update started.
	OperationsListHoldsOperation = declare("operations-list-holds-operation", Rule{
		Level: Error, Side: Server, Source: Scenario,
		Description: "The device's operations list, followed page by page through @odata.nextLink, holds the operation an update started, and no page is longer than its $top.",
		Doc:         Doc{Page: listPage, Line: 40},
	})
	// LinkOnTargetOrigin: a Location or @odata.nextLink stays on the target's origin.
	LinkOnTargetOrigin = declare("link-on-target-origin", Rule{
		Level: Error, Side: Server, Source: Scenario,
		Description: "A Location or @odata.nextLink names a URL on the target's origin (same scheme, host and port); one elsewhere is never followed, so the token is never sent there.",
		Doc:         Doc{Page: updatePage, Line: 58},
	})
	// ResponseArrivesWhole: a response arrives whole within the per-request timeout.
	ResponseArrivesWhole = declare("response-arrives-whole", Rule{
		Level: Error, Side: Server, Source: Scenario,
		Description: "A response arrives whole within the per-request timeout: it neither breaks off mid-body nor trickles in.",
		Doc:         Doc{Page: specPage},
	})
	// RetryAfterWithinBudget: a Retry-After asks for no longer than is left of the scenario's budget.
	RetryAfterWithinBudget = declare("retry-after-within-budget", Rule{
		Level: Error, Side: Server, Source: Scenario,
		Description: "A Retry-After asks for no longer than is left of the scenario's time budget; a longer one is reported, not slept through.",
		Doc:         Doc{Page: errorsPage, Line: 34},
	})
	// GraphErrorBody: an error response carries the Graph error body.
	GraphErrorBody = declare("graph-error-body", Rule{
		Level: Error, Side: Server, Source: Scenario,
		Description: "An error response carries the Graph error body {\"error\": {\"code\", \"message\"}}.",
		Doc:         Doc{Page: errorsPage, Line: 30},
	})

	// RequestAuthenticated: every operation requires "Authorization: Bearer {token}".
	RequestAuthenticated = declare("request-authenticated", Rule{
		Level: Error, Side: Client, Source: Traffic,
		Description: "Every request carries \"Authorization: Bearer {token}\", which every operation requires.",
		Doc:         Doc{Page: updatePage, Line: 41},
	})
	// RequestPermitted: the token grants a permission the operation allows.
	RequestPermitted = declare("request-permitted", Rule{
		Level: Error, Side: Client, Source: Traffic,
		Description: "The token grants a permission the operation's x-ms-permissions allow (scp for delegated, roles for application tokens).",
		Doc:         Doc{Page: updatePage, Line: 19},
	})
	// RequestBodySize: a request body stays within the mock's limit.
	RequestBodySize = declare("request-body-size", Rule{
		Level: Error, Side: Client, Source: Traffic,
		Description: "A request body stays within 1 MiB; the mock answers a larger one with 413.",
		Doc:         Doc{Page: "README.md"},
	})
	// ClientHonoursRetryAfter: a client does not come back before Retry-After has passed.
	ClientHonoursRetryAfter = declare("client-honours-retry-after", Rule{
		Level: Error, Side: Client, Source: Traffic,
		Description: "After a 429, 503 or 504 with Retry-After, the same client does not send the same operation again before Retry-After has passed.",
		Doc:         Doc{Page: errorsPage, Line: 23},
	})
	// ClientPollsLocation: the client polls the Location of a 202 rather than sending the update again.
	ClientPollsLocation = declare("client-polls-location", Rule{
		Level: Error, Side: Client, Source: Traffic, Operation: opUpdateSoftware,
		Description: "After a 202 with a Location, the client polls the Location before it sends updateSoftware for the same device again (a 409 answers an update sent while one is queued).",
		Doc:         Doc{Page: updatePage, Line: 58},
	})
	// ClientFollowsLinks: the client requests the Location and @odata.nextLink it was given.
	ClientFollowsLinks = declare("client-follows-links", Rule{
		Level: Error, Side: Client, Source: Traffic,
		Description: "The client requests the @odata.nextLink and the Location it was given as they are, instead of building a $skiptoken, a $top or an operation id of its own.",
		Doc:         Doc{Page: listPage, Line: 40},
	})
	// ClientBodyWhereAllowed: a body only where the operation takes one.
	ClientBodyWhereAllowed = declare("client-body-where-allowed", Rule{
		Level: Error, Side: Client, Source: Traffic,
		Description: "A request carries a body only where the operation takes one (\"Do not supply a request body for this method.\"); a body goes with Content-Type: application/json (request-content-type).",
		Doc:         Doc{Page: getStatePage, Line: 58},
	})
	// ClientTopInRange: $top is a whole number within the documented range.
	ClientTopInRange = declare("client-top-in-range", Rule{
		Level: Error, Side: Client, Source: Traffic, Operation: opListOperations,
		Description: "$top is a whole number within the range the docs give: from 1 to 50 for a device's operations.",
		Doc:         Doc{Page: listPage, Line: 38},
	})
	// ClientLeastPrivilegedPermission: the token holds the least-privileged permission that suffices.
	ClientLeastPrivilegedPermission = declare("client-least-privileged-permission", Rule{
		Level: Warning, Side: Client, Source: Traffic,
		Description: "The token grants the operation's least-privileged permission (the first of its permissions table, delegated in scp or application in roles) rather than only a higher-privileged one.",
		Doc:         Doc{Page: updatePage, Line: 22},
	})
)
