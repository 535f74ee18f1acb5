package docspec

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// blockKind tells what a block of a page is.
type blockKind int

const (
	paragraphBlock blockKind = iota
	tableBlock
	fenceBlock
	headingBlock
)

// link is a markdown link: its text and destination.
type link struct {
	Text string
	Dest string
}

// codeSpan is an inline `code` span and the line it is on.
type codeSpan struct {
	Text string
	Line int
}

// heading is one enclosing heading of a block.
type heading struct {
	Level int
	Text  string
	Line  int
}

// fence is a fenced code block with the `<!-- { ... } -->` annotation that precedes it, if any.
type fence struct {
	Info string
	// Lines are the lines of the block, without their line ends.
	Lines []string
	// FirstLine is the page line of Lines[0] (the line after the opening fence).
	FirstLine int
	// Annotation is the JSON object of the comment right before the block, or nil.
	Annotation map[string]any
	// AnnotationLine is the page line the annotation starts on.
	AnnotationLine int
}

// block is one paragraph, table, fenced code block or heading of a page, in page order, with the
// headings it sits under.
type block struct {
	Kind  blockKind
	Line  int
	Level int // headings only
	// Text is the block's plain text: links become their text, code spans keep their backticks,
	// entities and backslash escapes are resolved, runs of white space become one space.
	Text  string
	Codes []codeSpan
	Links []link
	Quote bool // the paragraph sits in a block quote (a note)
	Table *table
	Fence *fence
	// Path holds the headings the block sits under, outermost first. Tab markers such as
	// "# [HTTP](#tab/http)" are not headings.
	Path []heading
}

// section returns the text of the enclosing heading of the given level, or "".
func (b *block) section(level int) string {
	for _, h := range b.Path {
		if h.Level == level {
			return h.Text
		}
	}
	return ""
}

// lineIndex maps byte offsets of a source to 1-based line numbers.
type lineIndex []int

func newLineIndex(src []byte) lineIndex {
	idx := lineIndex{0}
	for i, c := range src {
		if c == '\n' {
			idx = append(idx, i+1)
		}
	}
	return idx
}

func (l lineIndex) line(pos int) int {
	if pos < 0 {
		return 0
	}
	return sort.Search(len(l), func(i int) bool { return l[i] > pos })
}

var markdown = goldmark.New(goldmark.WithExtensions(extension.Table))

// parseBlocks parses src with goldmark and flattens the AST into blocks.
func parseBlocks(src []byte) ([]block, error) {
	doc := markdown.Parser().Parse(text.NewReader(src))
	w := &walker{src: src, lines: newLineIndex(src)}
	if err := w.walk(doc); err != nil {
		return nil, err
	}
	return w.blocks, nil
}

type walker struct {
	src     []byte
	lines   lineIndex
	path    []heading
	blocks  []block
	pending *fence // an annotation waiting for its code block
	quote   bool
}

func (w *walker) walk(parent ast.Node) error {
	for n := parent.FirstChild(); n != nil; n = n.NextSibling() {
		switch n := n.(type) {
		case *ast.Heading:
			w.pending = nil
			if isTabMarker(n) {
				continue
			}
			t, _, _ := w.inline(n)
			h := heading{Level: n.Level, Text: t, Line: w.lines.line(n.Pos())}
			for len(w.path) > 0 && w.path[len(w.path)-1].Level >= n.Level {
				w.path = w.path[:len(w.path)-1]
			}
			w.blocks = append(w.blocks, block{Kind: headingBlock, Line: h.Line, Level: h.Level, Text: t, Path: w.pathCopy()})
			w.path = append(w.path, h)
		case *ast.HTMLBlock:
			ann, line, err := w.annotation(n)
			if err != nil {
				return err
			}
			if ann != nil {
				w.pending = &fence{Annotation: ann, AnnotationLine: line}
			}
		case *ast.FencedCodeBlock:
			f := &fence{}
			if w.pending != nil {
				f = w.pending
				w.pending = nil
			}
			if n.Info != nil {
				f.Info = strings.TrimSpace(string(n.Info.Segment.Value(w.src)))
			}
			w.fill(f, n)
			w.blocks = append(w.blocks, block{Kind: fenceBlock, Line: w.lines.line(n.Pos()), Fence: f, Path: w.pathCopy()})
		case *ast.CodeBlock:
			w.pending = nil
			f := &fence{}
			w.fill(f, n)
			w.blocks = append(w.blocks, block{Kind: fenceBlock, Line: f.FirstLine, Fence: f, Path: w.pathCopy()})
		case *ast.Paragraph, *ast.TextBlock:
			w.pending = nil
			t, codes, links := w.inline(n)
			if t == "" {
				continue
			}
			w.blocks = append(w.blocks, block{Kind: paragraphBlock, Line: w.lines.line(n.Pos()), Text: t, Codes: codes, Links: links, Quote: w.quote, Path: w.pathCopy()})
		case *extast.Table:
			w.pending = nil
			w.blocks = append(w.blocks, block{Kind: tableBlock, Line: w.lines.line(n.Pos()), Table: w.table(n), Path: w.pathCopy()})
		case *ast.Blockquote:
			w.pending = nil
			saved := w.quote
			w.quote = true
			if err := w.walk(n); err != nil {
				return err
			}
			w.quote = saved
		case *ast.List, *ast.ListItem:
			w.pending = nil
			if err := w.walk(n); err != nil {
				return err
			}
		}
	}
	return nil
}

func (w *walker) pathCopy() []heading {
	return append([]heading(nil), w.path...)
}

// isTabMarker tells a tab heading of the docs' example tabs ("# [HTTP](#tab/http)") from a heading.
func isTabMarker(h *ast.Heading) bool {
	l, ok := h.FirstChild().(*ast.Link)
	return ok && l.NextSibling() == nil && bytes.HasPrefix(l.Destination, []byte("#tab/"))
}

func (w *walker) fill(f *fence, n ast.Node) {
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		if i == 0 {
			f.FirstLine = w.lines.line(seg.Start)
		}
		f.Lines = append(f.Lines, strings.TrimRight(string(seg.Value(w.src)), "\r\n"))
	}
	if lines.Len() == 0 {
		f.FirstLine = w.lines.line(n.Pos()) + 1
	}
}

// annotation reads a `<!-- { ... } -->` comment. It returns nil for any other HTML block.
func (w *walker) annotation(n *ast.HTMLBlock) (map[string]any, int, error) {
	var buf bytes.Buffer
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		buf.Write(seg.Value(w.src))
	}
	if n.HasClosure() {
		buf.Write(n.ClosureLine.Value(w.src))
	}
	s := strings.TrimSpace(buf.String())
	line := w.lines.line(n.Pos())
	body, ok := strings.CutPrefix(s, "<!--")
	if !ok {
		return nil, 0, nil
	}
	body, _ = strings.CutSuffix(body, "-->")
	body = strings.TrimSpace(body)
	if !strings.HasPrefix(body, "{") {
		return nil, 0, nil
	}
	var ann map[string]any
	if err := json.Unmarshal([]byte(body), &ann); err != nil {
		return nil, 0, fmt.Errorf("line %d: the <!-- { ... } --> annotation is not a JSON object (%w): fix its JSON", line, err)
	}
	return ann, line, nil
}

// inline returns the plain text, code spans and links of a block's inline content.
func (w *walker) inline(n ast.Node) (string, []codeSpan, []link) {
	var sb strings.Builder
	var codes []codeSpan
	var links []link
	var visit func(ast.Node)
	visit = func(p ast.Node) {
		for c := p.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Text:
				sb.Write(resolve(c.Segment.Value(w.src)))
				if c.SoftLineBreak() || c.HardLineBreak() {
					sb.WriteByte(' ')
				}
			case *ast.String:
				sb.Write(resolve(c.Value))
			case *ast.CodeSpan:
				code := w.raw(c)
				codes = append(codes, codeSpan{Text: code, Line: w.lines.line(c.Pos())})
				sb.WriteString("`" + code + "`")
			case *ast.Link:
				start := sb.Len()
				visit(c)
				links = append(links, link{Text: strings.TrimSpace(sb.String()[start:]), Dest: string(c.Destination)})
			case *ast.AutoLink:
				sb.Write(c.URL(w.src))
			case *ast.RawHTML:
				sb.WriteByte(' ')
			default:
				visit(c)
			}
		}
	}
	visit(n)
	return normalizeSpace(sb.String()), codes, links
}

// raw returns the text of a code span as written.
func (w *walker) raw(n ast.Node) string {
	var sb strings.Builder
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok {
			sb.Write(t.Segment.Value(w.src))
		} else if s, ok := c.(*ast.String); ok {
			sb.Write(s.Value)
		}
	}
	return strings.TrimSpace(sb.String())
}

func (w *walker) table(n *extast.Table) *table {
	t := &table{Line: w.lines.line(n.Pos())}
	for r := n.FirstChild(); r != nil; r = r.NextSibling() {
		var cells []cell
		for c := r.FirstChild(); c != nil; c = c.NextSibling() {
			txt, codes, links := w.inline(c)
			indented := false
			if c.Lines().Len() > 0 {
				seg := c.Lines().At(0)
				v := seg.Value(w.src)
				indented = bytes.HasPrefix(v, []byte("&nbsp;")) || bytes.HasPrefix(v, []byte("\u00a0"))
			}
			cells = append(cells, cell{Text: txt, Codes: codes, Links: links, Indented: indented})
		}
		line := w.lines.line(r.Pos())
		if _, ok := r.(*extast.TableHeader); ok {
			t.Header = cells
			continue
		}
		t.Rows = append(t.Rows, row{Line: line, Cells: cells})
	}
	return t
}

// resolve turns backslash escapes and entity references of markdown text into characters.
func resolve(b []byte) []byte {
	return util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(b)))
}

// normalizeSpace trims s and turns every run of white space (no-break spaces included) into one space.
func normalizeSpace(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\u00a0", " ")), " ")
}
