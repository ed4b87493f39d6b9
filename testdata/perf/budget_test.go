package main

import (
	"path/filepath"
	"strconv"
	"testing"
)

// Ceilings are today's bytes per Down (go run ./testdata/perf, medians of
// 7 runs) plus 10%, never above issue #15's targets (main.go): the test
// fails when a view change makes a keystroke cost more.
const (
	ceilingService   = 32  // today 32 (before issue #15: 69); target 32
	ceilingExtras    = 30  // today 27 (255); target 60
	ceilingPlan      = 80  // today 73 (252); target 100
	ceilingBilling   = 87  // today 79 (236); target 100
	ceilingOS        = 294 // today 267 (705); target 300
	ceilingPlanFetch = 404 // today 367 (821); no target
)

// TestByteBudgets drives the built binary once through the scripted
// session (about 10 s) and checks each list's bytes per Down against its
// ceiling. Byte counts are deterministic; no timing is asserted.
func TestByteBudgets(t *testing.T) {
	if testing.Short() {
		t.Skip("drives the built binary in a pseudo-terminal")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "memset-order")
	root, err := moduleRoot()
	if err != nil {
		t.Fatal(err)
	}
	if err := goBuild(root, bin, "github.com/memset-order/memset-order"); err != nil {
		t.Fatal(err)
	}
	s, err := session(bin, false)
	if err != nil {
		t.Fatal(err)
	}
	f := medians([]sample{s})
	for _, c := range []struct {
		list            string
		got, ceil, goal int
	}{
		{"service list", f.service, ceilingService, targetService},
		{"extras", f.extras, ceilingExtras, targetExtras},
		{"plan list, cached prices", f.plan, ceilingPlan, targetPlan},
		{"billing period, first move", f.billing, ceilingBilling, targetBilling},
		{"OS list until the price shows", f.osFetch, ceilingOS, targetOS},
		{"plan move until the price shows", f.planFetch, ceilingPlanFetch, 0},
	} {
		t.Logf("%s: %d bytes per Down (ceiling %d, target %s)", c.list, c.got, c.ceil, target(c.goal))
		if c.got > c.ceil {
			t.Errorf("%s: %d bytes per Down, more than today's ceiling of %d", c.list, c.got, c.ceil)
		}
	}
	if s.dryRuns > s.configs {
		t.Errorf("%d dry runs sent for %d distinct configurations", s.dryRuns, s.configs)
	}
}

// target names a target budget; 0 is none.
func target(n int) string {
	if n == 0 {
		return "none"
	}
	return "≤ " + strconv.Itoa(n)
}
