package guid_test

import (
	"regexp"
	"testing"

	"github.com/graphconform/graphconform/internal/guid"
)

func TestNewIsARandomVersion4UUID(t *testing.T) {
	canonical := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	a, b := guid.New(), guid.New()
	for _, id := range []string{a, b} {
		if !canonical.MatchString(id) {
			t.Errorf("%q is not a canonical version-4 UUID", id)
		}
	}
	if a == b {
		t.Errorf("two calls gave the same id %q", a)
	}
}
