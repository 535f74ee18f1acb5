// Package docspec builds graphconform's OpenAPI 3.0.3 description from Microsoft Graph API-reference
// pages written in the markdown source format of the public Graph docs: front matter, `<!-- {
// "blockType": ... } -->` annotations, a permissions table, an `## HTTP request` block, request-header
// and request-body tables, response prose and example request and response blocks. Resource pages
// (a "X resource type" heading, a Properties table and a JSON representation) give component schemas,
// enum sections (a "X values" heading and a Member table) give enumerations, and an error page (an
// HTTP status code table and the error resource types) gives the Graph error response.
//
// Pages are parsed with goldmark and its table extension: the builder walks the markdown AST and
// reads text only inside one table cell or one paragraph at a time.
//
// The builder is a pipeline (see BuildResult): pages are read (page.go and the parsers beside it),
// then read literally into a typed model of operations, parameters, bodies, responses and schemas
// (model.go, operations.go, requestbody.go, responses.go, schemas.go); where the pages are silent
// or contradict themselves or each other, a named decision of the table Decisions (decisions.go,
// one decision_*.go file each) finds the place and changes the model, and Lint lists where; the
// examples are checked against the decided model (examples.go); and the model is emitted as YAML
// (document.go, emit.go). Build is deterministic: the same pages give the same bytes, which a test
// compares with the committed spec/openapi.yaml (see CheckDrift).
package docspec
