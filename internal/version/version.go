// Package version says which graphconform is running: the module version, VCS revision and whether
// the working tree had local changes, as the Go toolchain stamped them into the binary.
package version

import (
	"fmt"
	"runtime/debug"
	"strings"
)

// Module is graphconform's module path.
const Module = "github.com/graphconform/graphconform"

// Info is the build information of the running binary.
type Info struct {
	// Version is the module version, e.g. "v1.2.0" for `go install …@v1.2.0`, a pseudo-version for a
	// build from a VCS checkout, or "(devel)" when the toolchain stamped none.
	Version string `json:"version"`
	// Revision is the VCS commit the binary was built from; empty when unknown (e.g. `go test`, or a
	// module downloaded from the proxy).
	Revision string `json:"revision,omitempty"`
	// Modified reports that the working tree had uncommitted changes at build time.
	Modified bool `json:"modified,omitempty"`
	// Time is the commit time of Revision (RFC 3339), when known.
	Time string `json:"time,omitempty"`
	// Go is the Go toolchain that built the binary, e.g. "go1.26.8".
	Go string `json:"go,omitempty"`
}

// Devel is the version of a build the toolchain stamped no version into.
const Devel = "(devel)"

// Current returns the running binary's build information.
func Current() Info {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return Info{Version: Devel}
	}
	return FromBuildInfo(bi)
}

// FromBuildInfo extracts graphconform's Info from bi: graphconform's module is bi.Main, or a dependency
// of it when another module (a team's own suite) embeds graphconform.
func FromBuildInfo(bi *debug.BuildInfo) Info {
	info := Info{Version: Devel, Go: bi.GoVersion}
	mod := &bi.Main
	if mod.Path != Module {
		for _, dep := range bi.Deps {
			if dep.Path == Module {
				mod = dep
				if dep.Replace != nil {
					mod = dep.Replace
				}
				break
			}
		}
	}
	if mod.Version != "" {
		info.Version = mod.Version
	}
	if mod != &bi.Main {
		// The VCS settings describe the main module, not a dependency.
		return info
	}
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			info.Revision = s.Value
		case "vcs.modified":
			info.Modified = s.Value == "true"
		case "vcs.time":
			info.Time = s.Value
		}
	}
	return info
}

// String is the one-line version, e.g. "v1.2.0 (revision 0123abc, modified, go1.26.8)".
func (i Info) String() string {
	var details []string
	if i.Revision != "" {
		details = append(details, "revision "+short(i.Revision))
	}
	if i.Modified {
		details = append(details, "modified")
	}
	if i.Go != "" {
		details = append(details, i.Go)
	}
	if len(details) == 0 {
		return i.Version
	}
	return fmt.Sprintf("%s (%s)", i.Version, strings.Join(details, ", "))
}

// short is the first 12 hex digits of a revision, as `git log --abbrev=12` prints it.
func short(revision string) string {
	if len(revision) > 12 {
		return revision[:12]
	}
	return revision
}
