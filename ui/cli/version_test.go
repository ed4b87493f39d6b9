package cli

import (
	"context"
	"runtime/debug"
	"strings"
	"testing"

	"charm.land/fang/v2"
)

// TestVersion: --version prints the -ldflags version when set, otherwise
// the module's version from the build information, with the commit, its
// time and "modified" when built from a changed checkout.
func TestVersion(t *testing.T) {
	checkout := &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
		{Key: "vcs.revision", Value: "739c99f25ed8d13e48ba94ec6a4a0102"},
		{Key: "vcs.time", Value: "2026-11-27T09:30:00Z"},
		{Key: "vcs.modified", Value: "true"},
	}}
	for _, tc := range []struct {
		set  string
		info *debug.BuildInfo
		want string
	}{
		{"v1.0.0", checkout, "v1.0.0"},
		{"", &debug.BuildInfo{Main: debug.Module{Version: "v1.2.3"}}, "v1.2.3"},
		{"", checkout, "devel (commit 739c99f25ed8, 2026-11-27T09:30:00Z, modified)"},
		{"", nil, "unknown (no build information)"},
	} {
		if got := versionOf(tc.set, tc.info); got != tc.want {
			t.Errorf("versionOf(%q, …) = %q, want %q", tc.set, got, tc.want)
		}
	}
	f, out, _ := testFactory(nil)
	root := NewCmdRoot(f)
	root.SetArgs([]string{"--version"})
	if s := Execute(context.Background(), f, root, fang.WithVersion(versionOf("", checkout))); s != StatusDone ||
		!strings.Contains(out.String(), "devel (commit 739c99f25ed8, 2026-11-27T09:30:00Z, modified)") {
		t.Errorf("--version: exit %d, %q", s, out)
	}
}
