package mockgraph_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/graphconform/graphconform/internal/mockgraph"
)

func TestUpgradeWithoutABodyButContentEncodingGzipIs204(t *testing.T) {
	f := newFixture(t, mockgraph.Timeline{})
	rec := f.send(t, request{method: http.MethodPost, path: upgradePath("v1.0", adeleID, adeleApp),
		header: map[string]string{"Content-Encoding": "gzip"}})
	assert.Equal(t, http.StatusNoContent, rec.Code, "a request without a body has nothing gzipped to read: %s", rec.Body.String())
}

func TestGetWithContentEncodingGzipAndNoBodyIs200(t *testing.T) {
	f := newFixture(t, mockgraph.Timeline{})
	rec := f.send(t, request{method: http.MethodGet, path: statePath(configA, docsState),
		header: map[string]string{"Content-Encoding": "gzip"}})
	assert.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
}
