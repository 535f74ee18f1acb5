package docspec

import (
	"bytes"
	"fmt"

	yaml "go.yaml.in/yaml/v3"
)

// FrontMatter is the YAML header of a page, between the two "---" lines that open it.
type FrontMatter struct {
	// Title is the page's title, e.g. "teamworkDevice: updateSoftware".
	Title string `yaml:"title"`
	// Description is the one-line summary of the page.
	Description string `yaml:"description"`
	// DocType is the kind of page: apiPageType, resourcePageType, enumPageType or conceptualPageType.
	DocType string `yaml:"doc_type"`
}

// splitFrontMatter returns the page's front matter and the source with the front matter blanked
// out line for line, so that positions in the rest of the page keep their line numbers. ok is false
// when the page does not open with a front matter block.
func splitFrontMatter(src []byte) (fm FrontMatter, body []byte, ok bool, err error) {
	rest, found := bytes.CutPrefix(src, []byte("\ufeff"))
	offset := len(src) - len(rest)
	if !found {
		offset = 0
	}
	first, _, _ := bytes.Cut(rest, []byte("\n"))
	if string(bytes.TrimRight(first, " \t\r")) != "---" {
		return FrontMatter{}, src, false, nil
	}
	// Find the closing "---" line.
	pos := len(first) + 1
	end := -1
	for pos <= len(rest) {
		line, _, _ := bytes.Cut(rest[pos:], []byte("\n"))
		if string(bytes.TrimRight(line, " \t\r")) == "---" {
			end = pos + len(line)
			break
		}
		if pos+len(line) >= len(rest) {
			break
		}
		pos += len(line) + 1
	}
	if end < 0 {
		return FrontMatter{}, src, false, fmt.Errorf("the front matter opened on line 1 is never closed: end it with a line '---'")
	}
	header := rest[len(first)+1 : pos]
	if err := yaml.Unmarshal(header, &fm); err != nil {
		return FrontMatter{}, src, false, fmt.Errorf("the front matter is not YAML (%w): fix the lines between the two '---'", err)
	}
	body = make([]byte, len(src))
	copy(body, src)
	for i := 0; i < offset+end; i++ {
		if body[i] != '\n' {
			body[i] = ' '
		}
	}
	return fm, body, true, nil
}
