package main_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestVersionComesFromTheBuild builds the binary as `go build` (and so `go install`) does and checks
// that --version prints what the toolchain stamped: in a git checkout, the commit it was built from.
func TestVersionComesFromTheBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go is not on the PATH: cannot build the binary")
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	require.NoError(t, err)
	bin := filepath.Join(t.TempDir(), "graphconform")
	build := exec.Command(goBin, "build", "-buildvcs=auto", "-o", bin, ".")
	// The environment may turn stamping off (GOFLAGS=-buildvcs=false); this test is about it being on.
	build.Env = append(os.Environ(), "GOFLAGS=")
	out, err := build.CombinedOutput()
	require.NoError(t, err, "go build:\n%s", out)

	out, err = exec.Command(bin, "--version").CombinedOutput()
	require.NoError(t, err, "graphconform --version:\n%s", out)
	got := strings.TrimSpace(string(out))
	require.True(t, strings.HasPrefix(got, "graphconform "), "--version prints the program's name first: %q", got)

	// The toolchain stamps the revision only when the module sits in a git repository whose .git is a
	// directory (a clone; not a `git worktree`, whose .git is a file) and git is installed.
	info, statErr := os.Stat(filepath.Join(root, ".git"))
	head, gitErr := exec.Command("git", "-C", root, "rev-parse", "HEAD").Output()
	if statErr != nil || !info.IsDir() || gitErr != nil {
		require.Contains(t, got, "(devel)", "without VCS information the version is (devel)")
		t.Logf("no git clone at %s: checked only the unstamped version %q", root, got)
		return
	}
	require.Contains(t, got, strings.TrimSpace(string(head))[:12], "--version names the commit the binary was built from")
	dirty, err := exec.Command("git", "-C", root, "status", "--porcelain").Output()
	require.NoError(t, err)
	require.Equal(t, len(strings.TrimSpace(string(dirty))) > 0, strings.Contains(got, "modified"),
		"--version says modified exactly when the checkout has uncommitted changes: %q", got)
}

// TestREADMEStatesTheGoVersionOfGoMod keeps the README's "Go 1.x.y" in step with go.mod's go line.
func TestREADMEStatesTheGoVersionOfGoMod(t *testing.T) {
	mod, err := os.ReadFile(filepath.Join("..", "..", "go.mod"))
	require.NoError(t, err)
	m := regexp.MustCompile(`(?m)^go (\S+)$`).FindSubmatch(mod)
	require.NotNil(t, m, "go.mod has no go line")
	want := string(m[1])
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	require.NoError(t, err)
	stated := regexp.MustCompile(`\bGo (1\.\d+(?:\.\d+)?)\b`).FindAllSubmatch(readme, -1)
	require.NotEmpty(t, stated, "the README states no Go version")
	for _, s := range stated {
		require.Equal(t, want, string(s[1]), "the README states Go %s; go.mod says go %s", s[1], want)
	}
}
