package docspec

import (
	"context"
	"io/fs"
	"os"
	"testing"
	"testing/fstest"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/require"
)

// docsDir is the folder of the pages the committed description is built from.
const docsDir = "../../spec/docs"

func docsFS() fs.FS { return os.DirFS(docsDir) }

func buildDocs(t testing.TB) *Result {
	t.Helper()
	res, err := BuildResult(docsFS(), Options{SourcePrefix: DefaultSourcePrefix})
	require.NoError(t, err)
	return res
}

func loadDoc(t testing.TB, data []byte) *openapi3.T {
	t.Helper()
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(data)
	require.NoError(t, err)
	require.NoError(t, doc.Validate(context.Background()))
	return doc
}

func builtDoc(t testing.TB) *openapi3.T {
	t.Helper()
	return loadDoc(t, buildDocs(t).YAML)
}

func readFile(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(name)
	require.NoError(t, err)
	return data
}

// docsMapFS copies the pages into a MapFS the test can change.
func docsMapFS(t testing.TB) fstest.MapFS {
	t.Helper()
	out := fstest.MapFS{}
	require.NoError(t, fs.WalkDir(docsFS(), ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(docsFS(), name)
		out[name] = &fstest.MapFile{Data: data}
		return err
	}))
	return out
}

func schemaOf(t testing.TB, doc *openapi3.T, name string) *openapi3.Schema {
	t.Helper()
	s := doc.Components.Schemas[name]
	require.NotNil(t, s, "schema %s", name)
	return s.Value
}
