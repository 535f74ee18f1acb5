package docspec

import (
	"errors"
	"fmt"
	"strings"
)

// ErrNotReferencePage is returned by ReadPage for markdown without front matter, such as a README:
// the builder skips such files.
var ErrNotReferencePage = errors.New("not an API-reference page: it has no front matter")

// Page is one API-reference page as the builder reads it.
type Page struct {
	// Name is the page's path in the file system the pages are read from, e.g.
	// "teamworkdevice-updatesoftware.md".
	Name string
	// Meta is the page's front matter.
	Meta FrontMatter
	// Title is the text of the page's first-level heading.
	Title string
	// TitleLine is the page line of that heading.
	TitleLine int
	// Intro is the page's opening prose: the paragraphs between the title and the first section,
	// without the namespace line, includes and notes.
	Intro string
	// Beta is true when the page includes the beta disclaimer or its text.
	Beta bool
	// Operation is what an API page says about its operation; nil for other pages.
	Operation *OperationDoc
	// Types are the resource types the page defines ("X resource type" headings).
	Types []*TypeDoc
	// Enums are the enumerations the page defines ("X values" or "X enum type" headings).
	Enums []*EnumDoc
	// Errors is set on the page that describes Graph's error responses (a status code table).
	Errors *ErrorsDoc

	blocks []block
}

// OperationDoc is what an API page says about its operation.
type OperationDoc struct {
	// Requests are the lines of the `## HTTP request` block.
	Requests []requestLine
	// Permissions is the permissions table.
	Permissions Permissions
	// Query are the OData query parameters the `## Optional query parameters` section names, in
	// page order; nil when it names none.
	Query []QueryParam
	// ContentType is the Content-Type the request headers table asks for, e.g. "application/json".
	ContentType string
	// BodyIntro are the paragraphs of the `## Request body` section before its table.
	BodyIntro []ProseLine
	// Body are the rows of the request body table.
	Body []Property
	// NoBody is true when the page says not to supply a request body.
	NoBody bool
	// Responses are the responses the `## Response` prose names.
	Responses []ResponseDoc
	// StatusWords are status values the response prose gives for a linked resource.
	StatusWords []StatusWords
	// ResponseLine is the page line of the first paragraph of the `## Response` section.
	ResponseLine int
	// Examples are the example request and response pairs.
	Examples []Example
}

// ProseLine is a paragraph and the page line it starts on.
type ProseLine struct {
	// Text is the paragraph as plain text.
	Text string
	// Line is the page line the paragraph starts on.
	Line int
}

// Example is one example of an API page: a request and the response that follows it.
type Example struct {
	// Title is the heading of the example, e.g. "Example 2: Upgrade a specific app ...", or the
	// page's title when the page has a single example.
	Title string
	// Name is the "name" of the request's annotation, e.g. "teamworkdevice_updatesoftware".
	Name string
	// Request is the example request.
	Request *HTTPMessage
	// Response is the example response that follows it; nil when the page shows none.
	Response *HTTPMessage
}

// TypeDoc is a resource type a page defines.
type TypeDoc struct {
	// Name is the type's name, e.g. "teamworkDeviceOperation".
	Name string
	// Description is the prose under the type's heading.
	Description string
	// ODataType is the "@odata.type" of the resource annotation, e.g.
	// "microsoft.graph.teamworkDeviceOperation".
	ODataType string
	// Key is the annotation's "keyProperty"; an entity type has one.
	Key string
	// BaseType is the annotation's "baseType", or "microsoft.graph.entity" for a page that says
	// "Inherits from [entity]".
	BaseType string
	// Properties are the rows of the Properties table.
	Properties []Property
	// Line is the page line of the type's heading.
	Line int
}

// Entity tells whether the type is an entity type: it has a key.
func (t *TypeDoc) Entity() bool { return t.Key != "" }

// EnumDoc is an enumeration a page defines.
type EnumDoc struct {
	// Name is the enumeration's name, e.g. "teamworkSoftwareType".
	Name string
	// Members are the members of its Member table, in page order.
	Members []string
	// Line is the page line of the enumeration's heading.
	Line int
}

// ReadPage reads one page. It returns ErrNotReferencePage for markdown without front matter and
// an error naming the page line and what to fix for a page it cannot read.
func ReadPage(name string, src []byte) (*Page, error) {
	fm, body, ok, err := splitFrontMatter(src)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if !ok {
		return nil, fmt.Errorf("%s: %w", name, ErrNotReferencePage)
	}
	blocks, err := parseBlocks(body)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	p := &Page{Name: name, Meta: fm, blocks: blocks}
	if err := p.read(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return p, nil
}

func (p *Page) read() error {
	var intro []string
	for i := range p.blocks {
		b := &p.blocks[i]
		if b.Kind == headingBlock && b.Level == 1 && p.Title == "" {
			p.Title, p.TitleLine = b.Text, b.Line
			continue
		}
		if b.Kind == paragraphBlock && strings.Contains(b.Text, "!INCLUDE") {
			for _, l := range b.Links {
				if strings.Contains(l.Dest, "beta-disclaimer") {
					p.Beta = true
				}
			}
			continue
		}
		if b.Kind == paragraphBlock && b.Quote && strings.Contains(b.Text, "under the /beta version are subject to change") {
			p.Beta = true
		}
		if b.Kind == paragraphBlock && !b.Quote && len(b.Path) == 1 && !strings.HasPrefix(b.Text, "Namespace:") {
			intro = append(intro, b.Text)
		}
	}
	if p.Title == "" {
		return fmt.Errorf("the page has no '# Title' heading: add one")
	}
	p.Intro = stripTicks(strings.Join(intro, "\n\n"))
	if err := p.readTypes(); err != nil {
		return err
	}
	p.readEnums()
	if err := p.readErrors(); err != nil {
		return err
	}
	if p.Meta.DocType != "apiPageType" {
		return p.checkNotAnAPIPage()
	}
	op, err := p.readOperation()
	if err != nil {
		return err
	}
	p.Operation = op
	return nil
}

// checkNotAnAPIPage refuses a page whose front matter does not say apiPageType but which has an
// `## HTTP request` section: its operation would be left out of the description without a word.
func (p *Page) checkNotAnAPIPage() error {
	for _, b := range p.blocks {
		if b.Kind != headingBlock || b.Level != 2 || !strings.EqualFold(b.Text, "http request") {
			continue
		}
		said := ""
		if p.Meta.DocType != "" {
			said = fmt.Sprintf(" (it says %q)", p.Meta.DocType)
		}
		return fmt.Errorf("line %d: the page has an '## HTTP request' section but its front matter has no doc_type apiPageType%s: write 'doc_type: apiPageType' in the front matter, or remove the section", b.Line, said)
	}
	return nil
}

// sectionBlocks returns the blocks under the second-level heading with the given name
// (case-insensitive), excluding the heading itself.
func (p *Page) sectionBlocks(names ...string) []block {
	var out []block
	for _, b := range p.blocks {
		if b.Kind == headingBlock && b.Level <= 2 {
			continue
		}
		s := strings.ToLower(b.section(2))
		for _, n := range names {
			if s == n {
				out = append(out, b)
				break
			}
		}
	}
	return out
}

func (p *Page) readOperation() (*OperationDoc, error) {
	op := &OperationDoc{}
	for _, b := range p.sectionBlocks("http request") {
		if b.Kind == fenceBlock {
			reqs, err := parseRequestLines(b.Fence)
			if err != nil {
				return nil, err
			}
			op.Requests = append(op.Requests, reqs...)
		}
	}
	if len(op.Requests) == 0 {
		return nil, fmt.Errorf("line %d: the API page has no '## HTTP request' section with a ``` http block: add one with the request line", p.TitleLine)
	}
	found := false
	for _, b := range p.sectionBlocks("permissions") {
		if b.Kind == tableBlock && !found {
			perms, err := parsePermissions(b.Table)
			if err != nil {
				return nil, err
			}
			op.Permissions, found = perms, true
		}
	}
	if !found {
		return nil, fmt.Errorf("line %d: the API page has no permissions table under '## Permissions': add one", p.TitleLine)
	}
	query, err := parseQueryParameters(p.sectionBlocks("optional query parameters", "query parameters"))
	if err != nil {
		return nil, err
	}
	op.Query = query
	for _, b := range p.sectionBlocks("request headers") {
		if b.Kind != tableBlock {
			continue
		}
		nameCol := b.Table.col("name", "header")
		valueCol := b.Table.col("description", "value")
		for _, r := range b.Table.Rows {
			if strings.EqualFold(r.at(nameCol).Text, "Content-Type") {
				v, _, _ := strings.Cut(r.at(valueCol).Text, ". ")
				op.ContentType = strings.TrimSuffix(strings.TrimSpace(v), ".")
			}
		}
	}
	for _, b := range p.sectionBlocks("request body") {
		switch b.Kind {
		case paragraphBlock:
			if op.Body == nil {
				op.BodyIntro = append(op.BodyIntro, ProseLine{Text: b.Text, Line: b.Line})
			}
			l := strings.ToLower(b.Text)
			if strings.Contains(l, "do not supply a request body") || strings.Contains(l, "don't supply a request body") {
				op.NoBody = true
			}
		case tableBlock:
			props, ok, err := parsePropertyTable(b.Table)
			if err != nil {
				return nil, err
			}
			if ok && op.Body == nil {
				op.Body = props
			}
		}
	}
	var paras []block
	for _, b := range p.sectionBlocks("response") {
		if b.Kind == paragraphBlock && !b.Quote {
			paras = append(paras, b)
			if op.ResponseLine == 0 {
				op.ResponseLine = b.Line
			}
		}
	}
	op.Responses, op.StatusWords = parseResponses(paras)
	if len(op.Responses) == 0 {
		return nil, fmt.Errorf("line %d: the '## Response' section names no status: write e.g. 'If successful, this method returns a `200 OK` response code'", max(op.ResponseLine, p.TitleLine))
	}
	examples, err := p.readExamples()
	if err != nil {
		return nil, err
	}
	op.Examples = examples
	return op, nil
}

func (p *Page) readExamples() ([]Example, error) {
	var out []Example
	for _, b := range p.sectionBlocks("example", "examples") {
		if b.Kind != fenceBlock {
			continue
		}
		kind, _ := b.Fence.Annotation["blockType"].(string)
		if kind != "request" && kind != "response" {
			if kind != "" || !strings.EqualFold(b.Fence.Info, "http") {
				continue
			}
		}
		m, err := parseHTTPMessage(b.Fence)
		if err != nil {
			return nil, err
		}
		if m.Method != "" {
			title := p.Title
			for _, h := range b.Path {
				if h.Level == 3 && strings.HasPrefix(strings.ToLower(h.Text), "example") {
					title = h.Text
				}
			}
			name, _ := m.Annotation["name"].(string)
			out = append(out, Example{Title: title, Name: name, Request: m})
			continue
		}
		if len(out) == 0 || out[len(out)-1].Response != nil {
			return nil, fmt.Errorf("line %d: the example response has no example request before it: add the request block", m.Line)
		}
		out[len(out)-1].Response = m
	}
	return out, nil
}

func (p *Page) readTypes() error {
	var cur *TypeDoc
	level := 0
	for _, b := range p.blocks {
		if b.Kind == headingBlock {
			if cur != nil && b.Level <= level {
				cur = nil
			}
			if name, ok := strings.CutSuffix(b.Text, " resource type"); ok && isIdentifier(name) {
				cur = &TypeDoc{Name: name, Line: b.Line}
				level = b.Level
				p.Types = append(p.Types, cur)
			}
			continue
		}
		if cur == nil {
			continue
		}
		switch b.Kind {
		case paragraphBlock:
			if strings.HasPrefix(b.Text, "Inherits from") {
				for _, l := range b.Links {
					if l.Text == "entity" && cur.BaseType == "" {
						cur.BaseType = "microsoft.graph.entity"
					}
				}
				continue
			}
			if !b.Quote && !strings.HasPrefix(b.Text, "Namespace:") && !strings.Contains(b.Text, "!INCLUDE") && b.section(level+1) == "" && cur.Description == "" {
				cur.Description = stripTicks(b.Text)
			}
		case tableBlock:
			if cur.Properties != nil {
				continue
			}
			props, ok, err := parsePropertyTable(b.Table)
			if err != nil {
				return err
			}
			if ok && b.Table.col("type") >= 0 && b.Table.col("description") >= 0 && b.Table.col("property") == 0 {
				cur.Properties = props
			}
		case fenceBlock:
			if kind, _ := b.Fence.Annotation["blockType"].(string); kind == "resource" {
				cur.ODataType, _ = b.Fence.Annotation["@odata.type"].(string)
				cur.Key, _ = b.Fence.Annotation["keyProperty"].(string)
				if base, _ := b.Fence.Annotation["baseType"].(string); base != "" {
					cur.BaseType = base
				}
			}
		}
	}
	// A "X resource type" section without a properties table is prose about the type (such as the
	// error page's "Error resource type"), unless its JSON representation declares a resource.
	var kept []*TypeDoc
	for _, t := range p.Types {
		switch {
		case t.Properties != nil:
			kept = append(kept, t)
		case t.ODataType != "":
			return fmt.Errorf("line %d: the resource type %s has no Property|Type|Description table: add one under '## Properties'", t.Line, t.Name)
		}
	}
	p.Types = kept
	return nil
}

func (p *Page) readEnums() {
	var cur *EnumDoc
	for _, b := range p.blocks {
		if b.Kind == headingBlock {
			cur = nil
			name, ok := strings.CutSuffix(b.Text, " values")
			if !ok {
				name, ok = strings.CutSuffix(b.Text, " enum type")
			}
			if ok && isIdentifier(name) {
				cur = &EnumDoc{Name: name, Line: b.Line}
				p.Enums = append(p.Enums, cur)
			}
			continue
		}
		if cur == nil || b.Kind != tableBlock || cur.Members != nil {
			continue
		}
		col := b.Table.col("member")
		if col < 0 {
			continue
		}
		for _, r := range b.Table.Rows {
			if m := strings.Trim(r.at(col).Text, "` "); isIdentifier(m) {
				cur.Members = append(cur.Members, m)
			}
		}
	}
	// An enum page's "X enum type" title heading is followed by a "Members" heading; keep the
	// members with the enum.
	var kept []*EnumDoc
	for i, e := range p.Enums {
		if e.Members == nil && strings.HasSuffix(p.Title, " enum type") && i == 0 {
			for _, b := range p.blocks {
				if b.Kind == tableBlock && b.Table.col("member") >= 0 {
					col := b.Table.col("member")
					for _, r := range b.Table.Rows {
						if m := strings.Trim(r.at(col).Text, "` "); isIdentifier(m) {
							e.Members = append(e.Members, m)
						}
					}
					break
				}
			}
		}
		if e.Members != nil {
			kept = append(kept, e)
		}
	}
	p.Enums = kept
}

func (p *Page) readErrors() error {
	for _, b := range p.blocks {
		if b.Kind != tableBlock {
			continue
		}
		rows, ok := parseStatusTable(b.Table)
		if !ok {
			continue
		}
		if len(rows) == 0 {
			return fmt.Errorf("line %d: the status code table lists no status: add rows such as '|400|Bad Request|...|'", b.Line)
		}
		var paras []block
		for _, c := range p.blocks {
			if c.Kind == paragraphBlock {
				paras = append(paras, c)
			}
		}
		desc := ""
		for _, c := range paras {
			if len(c.Path) == 1 && !c.Quote {
				desc = stripTicks(c.Text)
				break
			}
		}
		p.Errors = &ErrorsDoc{Description: desc, Statuses: rows, RetryAfter: retryAfterSentence(paras), Line: b.Line}
		return nil
	}
	return nil
}
