package docspec

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"

	"github.com/getkin/kin-openapi/openapi3"
)

// DefaultSourcePrefix is what Build puts before a page's name in x-ms-docs-source: the pages live
// in spec/docs/ of the repository.
const DefaultSourcePrefix = "spec/docs/"

// Options tune BuildResult.
type Options struct {
	// SourcePrefix is put before a page's name in x-ms-docs-source, e.g. "spec/docs/".
	SourcePrefix string
}

// Result is what BuildResult derives from the pages.
type Result struct {
	// YAML is the OpenAPI 3.0.3 description, deterministic for the same pages.
	YAML []byte
	// Pages are the reference pages read, in file order.
	Pages []*Page
	// Disagreements are the decisions the builder took, sorted by page and line.
	Disagreements []Disagreement
	// Sources maps the JSON pointer of each part of the description (an operation such as
	// "/paths/~1teamwork~1devices~1{teamworkDeviceId}~1updateSoftware/post", a path item, a component
	// such as "/components/schemas/teamworkSoftwareType") to the pages it was derived from.
	Sources map[string][]string
}

// Build reads the API-reference pages (*.md) of fsys and returns the OpenAPI 3.0.3 description as
// deterministic YAML. Markdown without front matter (a README) is skipped.
func Build(fsys fs.FS) ([]byte, error) {
	res, err := BuildResult(fsys, Options{SourcePrefix: DefaultSourcePrefix})
	if err != nil {
		return nil, err
	}
	return res.YAML, nil
}

// BuildResult is Build with options, returning the decisions taken and where each part of the
// description comes from as well. It runs the pipeline's stages in order:
//
//  1. read: every page, into a Page (ReadPages);
//  2. model: the pages read literally, into operations, parameters, bodies, responses and
//     schemas (newModel);
//  3. decide: every decision of decisionTable finds where the pages are silent or disagree and
//     changes the model (decide);
//  4. check: the examples against the decided model (checkExamples, checkPaths);
//  5. emit: the model as YAML (emitDocument), validated with kin-openapi.
func BuildResult(fsys fs.FS, opts Options) (*Result, error) {
	pages, err := ReadPages(fsys)
	if err != nil {
		return nil, err
	}
	return buildPages(pages, opts)
}

// buildPages runs the stages after the first on pages read.
func buildPages(pages []*Page, opts Options) (*Result, error) {
	m, err := newModel(pages, opts)
	if err != nil {
		return nil, err
	}
	disagreements := decide(m, decisionTable)
	if err := m.checkExamples(); err != nil {
		return nil, err
	}
	if err := m.checkPaths(); err != nil {
		return nil, err
	}
	out, err := m.emitDocument()
	if err != nil {
		return nil, err
	}
	if err := validate(out); err != nil {
		return nil, err
	}
	return &Result{YAML: out, Pages: pages, Disagreements: disagreements, Sources: m.sources.sorted()}, nil
}

// ReadPages reads every *.md file of fsys, in lexical order, and returns the reference pages among
// them; markdown without front matter is skipped.
func ReadPages(fsys fs.FS) ([]*Page, error) {
	var pages []*Page
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("walk the pages at %s: %w", name, err)
		}
		if d.IsDir() || path.Ext(name) != ".md" {
			return nil
		}
		src, err := fs.ReadFile(fsys, name)
		if err != nil {
			return fmt.Errorf("read page %s: %w", name, err)
		}
		p, err := ReadPage(name, src)
		if errors.Is(err, ErrNotReferencePage) {
			return nil
		}
		if err != nil {
			return err
		}
		pages = append(pages, p)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(pages) == 0 {
		return nil, fmt.Errorf("no API-reference page found: put the pages (markdown with front matter) in the folder given")
	}
	return pages, nil
}

// validate loads the built description with kin-openapi and validates it, examples included.
func validate(data []byte) error {
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(data)
	if err != nil {
		return fmt.Errorf("the built description does not load (%w): a page produced something OpenAPI 3.0 refuses", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		return fmt.Errorf("the built description is invalid (%w): fix the page the named part comes from", err)
	}
	return nil
}
