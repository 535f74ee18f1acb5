package loadbench

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// PrismPackage is the npm package the load compares with: Stoplight's Prism CLI, major version 5.
const PrismPackage = "@stoplight/prism-cli@5"

// Prism is Prism's CLI installed in a folder of its own.
type Prism struct {
	// Bin is the prism executable.
	Bin string
	// Version is what `prism --version` printed, e.g. 5.14.2.
	Version string
	// Node is what `node --version` printed, e.g. v20.20.2.
	Node string
}

// InstallPrism installs PrismPackage into dir with npm (found on PATH), bounded by ctx, and asks the
// installed CLI its version. The error says what to do when npm is missing or the registry cannot be
// reached.
func InstallPrism(ctx context.Context, dir string) (Prism, error) {
	npm, err := exec.LookPath("npm")
	if err != nil {
		return Prism{}, fmt.Errorf("npm is not on PATH: install Node.js and npm to compare Prism, or pass --prism off: %w", err)
	}
	out := &Tail{}
	cmd := exec.CommandContext(ctx, npm, NPMInstallArgs(dir)...)
	inOwnGroup(cmd)
	cmd.Cancel = func() error { return signalGroup(cmd.Process, syscall.SIGKILL) }
	cmd.WaitDelay = processWaitDelay
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return Prism{}, fmt.Errorf("npm did not install %s in time (%w): is the npm registry reachable (npm config get registry)? %s", PrismPackage, ctx.Err(), out)
		}
		return Prism{}, fmt.Errorf("npm could not install %s (%w): check that the npm registry is reachable (npm config get registry): %s", PrismPackage, err, out)
	}
	return prismIn(ctx, dir)
}

// InstalledPrism is the Prism CLI already installed in dir (`npm ci --prefix dir`, as make deps does
// for the repository's tools/prism), asked its version; nothing is fetched. The error says how to
// install it when dir has none.
func InstalledPrism(ctx context.Context, dir string) (Prism, error) {
	bin := prismBin(dir)
	if _, err := os.Stat(bin); err != nil {
		return Prism{}, fmt.Errorf("no Prism CLI installed in %s: run npm ci --prefix %s (make deps does for tools/prism): %w", dir, dir, err)
	}
	return prismIn(ctx, dir)
}

// prismBin is where npm puts the prism executable of a package installed into dir.
func prismBin(dir string) string { return filepath.Join(dir, "node_modules", ".bin", "prism") }

// prismIn is the Prism installed in dir with its and Node's versions.
func prismIn(ctx context.Context, dir string) (Prism, error) {
	p := Prism{Bin: prismBin(dir)}
	var err error
	if p.Version, err = versionOf(ctx, p.Bin); err != nil {
		return Prism{}, err
	}
	if node, err := exec.LookPath("node"); err == nil {
		p.Node, _ = versionOf(ctx, node)
	}
	return p, nil
}

// NPMInstallArgs are npm's arguments installing PrismPackage into dir, quietly and without touching
// any project's package.json or lock file.
func NPMInstallArgs(dir string) []string {
	return []string{"install", "--prefix", dir, "--no-save", "--no-package-lock", "--no-audit", "--no-fund", "--loglevel", "error", PrismPackage}
}

// versionOf runs program --version and returns its first line.
func versionOf(ctx context.Context, program string) (string, error) {
	out, err := exec.CommandContext(ctx, program, "--version").Output()
	if err != nil {
		return "", fmt.Errorf("ask %s its version: %w", program, err)
	}
	line, _, _ := strings.Cut(strings.TrimSpace(string(out)), "\n")
	if line == "" {
		return "", errors.New(program + " --version printed nothing")
	}
	return line, nil
}

// WriteSpec writes the OpenAPI description Prism serves to dir and returns its path.
func WriteSpec(dir string, description []byte) (string, error) {
	path := filepath.Join(dir, "openapi.yaml")
	if err := os.WriteFile(path, description, 0o600); err != nil {
		return "", fmt.Errorf("write the OpenAPI description for Prism: %w", err)
	}
	return path, nil
}

// PrismMockArgs are the arguments of `prism mock` serving spec on 127.0.0.1:port: violations answered
// as errors (as serve --strict does), only errors logged.
func PrismMockArgs(spec string, port int) []string {
	return append([]string{"mock", spec}, prismFlags(port)...)
}

// PrismProxyArgs are the arguments of `prism proxy --errors` in front of upstream (the URL of its
// version root) on 127.0.0.1:port, only errors logged.
func PrismProxyArgs(spec, upstream string, port int) []string {
	return append([]string{"proxy", spec, upstream}, prismFlags(port)...)
}

func prismFlags(port int) []string {
	return []string{"--host", "127.0.0.1", "--port", strconv.Itoa(port), "--errors", "--verboseLevel", "error"}
}
