package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/graphconform/graphconform/internal/loadbench"
	"github.com/graphconform/graphconform/spec"
)

// Bounds of comparing Prism: installing it with npm, and each Prism server's start.
const (
	prismInstallTimeout = 3 * time.Minute
	prismReadyTimeout   = time.Minute
)

// prismTarget is the least multiple of Prism's throughput graphconform's servers must reach.
const prismTarget = 20

// Names of Prism's servers in the report.
const (
	prismMockServer  = "prism mock --errors"
	prismProxyServer = "prism proxy --errors"
)

// loadCases loads a server whose version root is root with every operation, as cases like c.
type loadCases func(c loadbench.Case, root string) error

// prismPeer is Prism installed in a scratch folder, loaded round after round beside graphconform's
// servers.
type prismPeer struct {
	required    bool
	dir, bin    string
	description string
	// down names the Prism servers that did not start, loaded no more.
	down   map[string]bool
	report *loadbench.Report
	stderr io.Writer
}

// installPrism installs Prism into a temporary folder, or takes the one installed in installed when
// that is set, and adds its version, the comparisons and its notes to report. When Prism cannot be
// had, the error is returned if required, else noted in the report and the peer is nil. Call remove
// when done.
func installPrism(ctx context.Context, rig benchRig, required bool, installed string, report *loadbench.Report, stderr io.Writer) (*prismPeer, error) {
	p := &prismPeer{required: required, down: map[string]bool{}, report: report, stderr: stderr}
	// The scratch folder holds the description Prism serves, and Prism itself unless installed.
	dir, err := os.MkdirTemp("", "graphconform-prism-")
	if err != nil {
		return nil, p.unavailable(fmt.Errorf("make a scratch folder for Prism: %w", err))
	}
	p.dir = dir
	var prism loadbench.Prism
	from := loadbench.PrismPackage
	if installed != "" {
		from = "installed in " + installed
		prism, err = loadbench.InstalledPrism(ctx, installed)
	} else {
		fmt.Fprintf(stderr, "graphconform bench: installing %s with npm into %s (at most %s)\n", loadbench.PrismPackage, dir, prismInstallTimeout)
		installCtx, cancel := context.WithTimeout(ctx, prismInstallTimeout)
		prism, err = loadbench.InstallPrism(installCtx, dir)
		cancel()
	}
	if err == nil {
		p.bin = prism.Bin
		p.description, err = loadbench.WriteSpec(dir, spec.OpenAPI)
	}
	if err != nil {
		p.remove()
		return nil, p.unavailable(err)
	}
	report.Peers = append(report.Peers, fmt.Sprintf("Prism %s (%s, Node %s)", prism.Version, from, prism.Node))
	report.Comparisons = append(report.Comparisons,
		loadbench.Comparison{Server: serveStrictServer, Peer: prismMockServer, Plain: report.BareServer, Target: prismTarget},
		loadbench.Comparison{Server: proxyServer, Peer: prismProxyServer, Plain: forwarderServer, Target: prismTarget})
	report.Notes = append(report.Notes,
		"prism mock --errors: `prism mock <embedded description> --errors --verboseLevel error` (answers the description's examples, validates requests, keeps no state), loaded at its root (the description's servers are relative, which Prism ignores).",
		"prism proxy --errors: `prism proxy <embedded description> <bare>/beta --errors --verboseLevel error`, validating request and response of every exchange.",
		prismWhere(rig),
		"plain × peer: the req/s of graphconform's server's plain counterpart (the bare net/http server for serve --strict, the bare reverse proxy for proxy: the same work without checks, state or log) over the peer's, on the same operation. Where it is below the target, the target is above what plain net/http reaches against that peer on this machine.")
	return p, nil
}

// unavailable is err as an error when Prism is required, else nil with err noted in the report.
func (p *prismPeer) unavailable(err error) error {
	if p.required {
		return &exitError{code: 1, err: fmt.Errorf("compare Prism: %w", err)}
	}
	fmt.Fprintf(p.stderr, "graphconform bench: Prism is not compared: %v\n", err)
	p.report.Notes = append(p.report.Notes, "Prism is not compared: "+err.Error())
	return nil
}

// remove deletes Prism's scratch folder.
func (p *prismPeer) remove() { _ = os.RemoveAll(p.dir) }

// loadRound loads `prism mock` and `prism proxy` in front of the bare upstream (bareRoot) once each
// with load. What went wrong while Prism served is returned as problems.
func (p *prismPeer) loadRound(ctx context.Context, rig benchRig, load loadCases, bareRoot string) ([]string, error) {
	var problems []string
	servers := []struct {
		name string
		args func(port int) []string
	}{
		{prismMockServer, func(port int) []string { return loadbench.PrismMockArgs(p.description, port) }},
		{prismProxyServer, func(port int) []string { return loadbench.PrismProxyArgs(p.description, bareRoot, port) }},
	}
	for _, s := range servers {
		if p.down[s.name] {
			continue
		}
		if err := rig.loadProgram(ctx, p.bin, s.args, prismReadyTimeout, false, func(url string) error {
			return load(loadbench.Case{Server: s.name, Peer: true}, url)
		}); err != nil {
			if errors.Is(err, errNotServing) {
				p.down[s.name] = true
				if err := p.unavailable(fmt.Errorf("%s: %w", s.name, err)); err != nil {
					return nil, err
				}
				continue
			}
			problems = append(problems, s.name+": "+err.Error())
		}
	}
	return problems, nil
}

// errNotServing marks a peer that did not start serving.
var errNotServing = errors.New("the server did not start")

// prismWhere says where Prism ran and what it logged.
func prismWhere(rig benchRig) string {
	if rig.pinned {
		return fmt.Sprintf("Prism runs as its own Node process bound to CPU %d alone, as graphconform's servers are, logging errors only; graphconform's servers keep their access logs.", rig.cpus.Server)
	}
	return "Prism runs as its own Node process on the same CPUs, logging errors only; graphconform's servers keep their access logs."
}
