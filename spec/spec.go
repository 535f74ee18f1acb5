// Package spec embeds graphconform's OpenAPI description of the Graph device-update operations and the
// documentation pages it is built from, so that every binary carries the contract it checks.
package spec

import (
	"context"
	"embed"
	"fmt"

	"github.com/getkin/kin-openapi/openapi3"
)

// OpenAPI is the OpenAPI 3 description, as committed in spec/openapi.yaml.
//
//go:embed openapi.yaml
var OpenAPI []byte

// Docs holds the Graph API reference pages the description is built from, under docs/.
//
//go:embed docs
var Docs embed.FS

// Load parses the embedded description and validates it as an OpenAPI 3 document.
func Load(ctx context.Context) (*openapi3.T, error) {
	return Parse(ctx, OpenAPI)
}

// Parse parses and validates an OpenAPI 3 document given as YAML or JSON.
func Parse(ctx context.Context, data []byte) (*openapi3.T, error) {
	loader := openapi3.NewLoader()
	loader.Context = ctx
	doc, err := loader.LoadFromData(data)
	if err != nil {
		return nil, fmt.Errorf("parse the OpenAPI description: %w", err)
	}
	if err := doc.Validate(ctx); err != nil {
		return nil, fmt.Errorf("the OpenAPI description is invalid: %w", err)
	}
	return doc, nil
}
