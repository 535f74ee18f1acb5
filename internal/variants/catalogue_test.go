package variants_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/graphconform/graphconform/internal/variants"
)

func TestTheCatalogueHoldsAtLeast50BrokenAnd12FaithfulServers(t *testing.T) {
	broken, faithful := 0, 0
	names := map[string]bool{}
	for _, v := range variants.Catalogue() {
		assert.False(t, names[v.Name], "two variants are named %q", v.Name)
		names[v.Name] = true
		assert.NotEmpty(t, v.Promise, "%s: name the promise", v.Name)
		if v.Faithful {
			faithful++
			assert.Empty(t, v.Caught, "%s: a faithful server is caught by nothing", v.Name)
		} else {
			broken++
			assert.NotEmpty(t, v.Caught, "%s: name the scenarios and rules that catch it", v.Name)
		}
	}
	assert.GreaterOrEqual(t, broken, 50)
	assert.GreaterOrEqual(t, faithful, 12)
}

// Every variant names the one line of a doc page its promise comes from.
func TestEverySourceQuotesOneLineOfItsPage(t *testing.T) {
	for _, v := range variants.Catalogue() {
		if _, err := v.Source.Line(); err != nil {
			t.Errorf("%s: %v", v.Name, err)
		}
	}
}

func TestASourceThatQuotesNothingOrTwoLinesIsAnError(t *testing.T) {
	for _, s := range []variants.Source{
		{Page: "teamworkdevice-updatesoftware.md", Quote: "no page says this"},
		{Page: "teamworkdevice-updatesoftware.md", Quote: "updateSoftware"},
		{Page: "no-such-page.md", Quote: "202"},
	} {
		_, err := s.Line()
		assert.Error(t, err, "%s %q", s.Page, s.Quote)
	}
	line, err := variants.Source{Page: "teamworkdevice-updatesoftware.md", Quote: "This method also returns a `409 Conflict`"}.Line()
	assert.NoError(t, err)
	assert.Equal(t, 60, line)
}
