package version_test

import (
	"runtime/debug"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/version"
)

func TestFromBuildInfoReadsTheMainModuleAndItsVCSStamp(t *testing.T) {
	bi := &debug.BuildInfo{
		GoVersion: "go1.26.8",
		Main:      debug.Module{Path: version.Module, Version: "v1.2.0"},
		Settings: []debug.BuildSetting{
			{Key: "vcs", Value: "git"},
			{Key: "vcs.revision", Value: "0123456789abcdef0123456789abcdef01234567"},
			{Key: "vcs.time", Value: "2026-12-01T23:00:00Z"},
			{Key: "vcs.modified", Value: "true"},
		},
	}
	got := version.FromBuildInfo(bi)
	want := version.Info{Version: "v1.2.0", Revision: "0123456789abcdef0123456789abcdef01234567", Modified: true, Time: "2026-12-01T23:00:00Z", Go: "go1.26.8"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("FromBuildInfo (-want +got):\n%s", diff)
	}
	require.Equal(t, "v1.2.0 (revision 0123456789ab, modified, go1.26.8)", got.String())
}

func TestFromBuildInfoFindsGraphconformAsADependency(t *testing.T) {
	bi := &debug.BuildInfo{
		GoVersion: "go1.26.8",
		Main:      debug.Module{Path: "example.com/ourteam/suite", Version: version.Devel},
		Deps:      []*debug.Module{{Path: "github.com/cucumber/godog", Version: "v0.15.1"}, {Path: version.Module, Version: "v1.3.0"}},
		Settings:  []debug.BuildSetting{{Key: "vcs.revision", Value: "ffff"}, {Key: "vcs.modified", Value: "false"}},
	}
	got := version.FromBuildInfo(bi)
	want := version.Info{Version: "v1.3.0", Go: "go1.26.8"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("FromBuildInfo (-want +got): the VCS stamp is the embedding module's, not graphconform's:\n%s", diff)
	}
}

func TestFromBuildInfoWithoutAVersionSaysDevel(t *testing.T) {
	got := version.FromBuildInfo(&debug.BuildInfo{Main: debug.Module{Path: version.Module}})
	require.Equal(t, version.Info{Version: version.Devel}, got)
	require.Equal(t, "(devel)", got.String())
}
