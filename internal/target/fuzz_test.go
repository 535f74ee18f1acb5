package target_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/graphconform/graphconform/internal/target"
)

// FuzzParseProfile: a profile either fails to parse with an error or passes its own Check. Seeded
// with every profile in fixtures/targets.
func FuzzParseProfile(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("..", "..", "fixtures", "targets", "*.yaml"))
	if err != nil || len(files) == 0 {
		f.Fatalf("no profiles in fixtures/targets: %v", err)
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("teamworkDevices: [a, a]\n"))
	f.Add([]byte("appInstallations:\n  - user: u\n"))
	f.Add([]byte("&a [*a, *a]"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := target.ParseProfile(data, builtinKinds)
		if err != nil {
			return
		}
		if err := p.Check(builtinKinds); err != nil {
			t.Fatalf("ParseProfile accepted a profile its Check refuses: %v", err)
		}
	})
}
