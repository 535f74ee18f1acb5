package mockgraph_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/graphconform/graphconform/internal/mockgraph"
)

// TestPercentEncodedLettersInAPathSegmentRouteAsTheLetters pins that a path segment whose letters,
// digits or '-', '.', '_', '~' are percent-encoded is the same segment (RFC 3986 §6.2.2.2), as Graph
// decodes the path before routing it, instead of a 400 naming a segment that looks right.
func TestPercentEncodedLettersInAPathSegmentRouteAsTheLetters(t *testing.T) {
	f := newFixture(t, mockgraph.Timeline{})
	rec := f.send(t, request{method: http.MethodPost, path: "/beta/teamwork/devices/" + docsDevice + "/update%53oftware", body: softwareBody})
	assert.Equal(t, http.StatusAccepted, rec.Code, rec.Body.String())
	assert.True(t, strings.HasPrefix(rec.Header().Get("Location"), "/teamwork/devices/"+docsDevice+"/operations/"), rec.Header().Get("Location"))

	rec = f.send(t, request{method: http.MethodGet, path: "/beta/deviceManagement/deviceConfigurations/" + configA +
		"/microsoft%2egraph%2EwindowsUpdateForBusinessConfiguration/deviceUpdateStates/" + docsState})
	assert.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
}

func TestAnEscapedSlashInAPathSegmentStaysPartOfTheSegment(t *testing.T) {
	f := newFixture(t, mockgraph.Timeline{})
	rec := f.send(t, request{method: http.MethodPost, path: "/beta/teamwork/devices/" + docsDevice + "%2FupdateSoftware/updateSoftware", body: softwareBody})
	body := decodeError(t, rec, http.StatusNotFound, mockgraph.CodeNotFound)
	assert.Contains(t, body.Error.Message, "'"+docsDevice+"/updateSoftware'")
}
