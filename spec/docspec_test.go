package spec_test

import (
	"bytes"
	"errors"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/docspec"
	"github.com/graphconform/graphconform/spec"
)

func docs(t *testing.T) fs.FS {
	t.Helper()
	sub, err := fs.Sub(spec.Docs, "docs")
	require.NoError(t, err)
	return sub
}

// spec/openapi.yaml is a build product of spec/docs: building the embedded pages gives the
// embedded description byte for byte.
func TestCommittedSpecIsWhatTheDocsBuild(t *testing.T) {
	err := docspec.CheckDrift(docs(t), spec.OpenAPI)
	var drift *docspec.Drift
	if errors.As(err, &drift) {
		t.Fatal(drift.Error())
	}
	require.NoError(t, err)
}

// Deleting one line of a page's status prose changes the built description, and the drift message
// names that page, and only it, and says how to fix it.
func TestDriftNamesThePageWhoseStatusProseLostALine(t *testing.T) {
	const page = "teamworkdevice-updatesoftware.md"
	changed := fstest.MapFS{}
	require.NoError(t, fs.WalkDir(docs(t), ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(docs(t), name)
		changed[name] = &fstest.MapFile{Data: data}
		return err
	}))
	src := string(changed[page].Data)
	line := "This method also returns a `409 Conflict` response code if the operation is already in queued state.\n"
	require.Contains(t, src, line)
	changed[page] = &fstest.MapFile{Data: []byte(strings.Replace(src, line, "", 1))}

	built, err := docspec.Build(changed)
	require.NoError(t, err)
	assert.False(t, bytes.Equal(built, spec.OpenAPI), "the output must change")
	assert.NotContains(t, string(built), "\"409\":")

	err = docspec.CheckDrift(changed, spec.OpenAPI)
	var drift *docspec.Drift
	require.ErrorAs(t, err, &drift)
	assert.Equal(t, []string{"spec/docs/" + page}, drift.Pages)
	assert.Contains(t, drift.Parts, "/paths/~1teamwork~1devices~1{teamworkDeviceId}~1updateSoftware/post")
	assert.Contains(t, drift.Error(), "spec/docs/"+page)
	assert.Contains(t, drift.Error(), "POST /teamwork/devices/{teamworkDeviceId}/updateSoftware")
	assert.Contains(t, drift.Error(), "run `make spec`")
}

// A hand edit of the committed description is drift too, named by the operation's page.
func TestDriftCatchesAHandEditOfTheSpec(t *testing.T) {
	edited := bytes.Replace(spec.OpenAPI, []byte("minLength: 1"), []byte("minLength: 2"), 1)
	require.False(t, bytes.Equal(edited, spec.OpenAPI))
	err := docspec.CheckDrift(docs(t), edited)
	var drift *docspec.Drift
	require.ErrorAs(t, err, &drift)
	assert.Equal(t, []string{"spec/docs/teamworkdevice-updatesoftware.md"}, drift.Pages)
}
