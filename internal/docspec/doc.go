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
// Where the pages are silent or contradict themselves or each other, the builder takes a named,
// documented decision (see the Decision* constants) and records where; Lint lists them. Build is
// deterministic: the same pages give the same bytes, which a test compares with the committed
// spec/openapi.yaml (see CheckDrift).
package docspec
