package docspec

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// These tests pin what the builder does with pages it has not seen: it builds what they say, or
// stops naming the page, the line and what to write.

func TestAPIPageWithoutDocTypeIsAnError(t *testing.T) {
	page := strings.Replace(minimalPage, "doc_type: apiPageType\n", "", 1)
	_, err := ReadPage("poke.md", []byte(page))
	require.ErrorContains(t, err, "poke.md: line 17: the page has an '## HTTP request' section but its front matter has no doc_type apiPageType: write 'doc_type: apiPageType'")
}

func TestAPIPageWithAnotherDocTypeIsAnError(t *testing.T) {
	page := strings.Replace(minimalPage, "doc_type: apiPageType", "doc_type: APIPageType", 1)
	_, err := ReadPage("poke.md", []byte(page))
	require.ErrorContains(t, err, `poke.md: line 18: the page has an '## HTTP request' section but its front matter has no doc_type apiPageType (it says "APIPageType")`)
}
