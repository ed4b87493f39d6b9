package ui_test

import (
	"strings"
	"testing"
)

// layoutSizes are the sizes the layout and customer-words goldens are kept
// at: the standard terminal, the narrowest with the pane beside the body,
// and a wide one.
var layoutSizes = []struct {
	name string
	w, h int
}{{"80x24", 80, 24}, {"100x30", 100, 30}, {"200x60", 200, 60}}

// atLayoutSizes runs f once per layout size, as a subtest named after it.
func atLayoutSizes(t *testing.T, f func(t *testing.T, w, h int)) {
	for _, sz := range layoutSizes {
		t.Run(sz.name, func(t *testing.T) { f(t, sz.w, sz.h) })
	}
}

// noAPITerms fails when a customer screen names API parameters, methods,
// error types or HTTP statuses (issue #14, point 3).
func noAPITerms(t *testing.T, screen string) {
	t.Helper()
	for _, bad := range []string{"os=", "server.info", "service.info", "firewall_type", "snapshot_list", "ApiError", "HTTP ", "gave up after"} {
		if strings.Contains(screen, bad) {
			t.Errorf("the screen says %q:\n%s", bad, screen)
		}
	}
}

// noCutReason fails when a reason or badge is cut ("✗ only for classic
// Min…"): every line with a ✗ must end in whole words.
func noCutReason(t *testing.T, screen string) {
	t.Helper()
	for _, l := range strings.Split(screen, "\n") {
		if strings.Contains(l, "✗") && strings.Contains(l, "…") && !strings.Contains(l, "(MS0…)") {
			t.Errorf("a reason is cut: %q\n%s", l, screen)
		}
	}
}

// TestLayoutImageList: the image list of the monthly 1 GB plan, whose
// Windows rows and snapshots are impossible: every reason is whole
// (beside its row or wrapped under it), the detail line is in words, and
// on a tall terminal the pane stays right above the list, not across the
// screen from it.
func TestLayoutImageList(t *testing.T) {
	atLayoutSizes(t, func(t *testing.T, w, h int) {
		wd := newWorld(t)
		s := start(t, fast(wd.config()), w, h)
		s.press("enter")
		s.waitIdle("› MSVM001", "£7.50/month")
		s.press("enter")
		s.waitIdle("Choose the operating system")
		s.shot("image: Debian 13, in words")
		noAPITerms(t, s.screen())
		s.press("end")
		s.waitIdle("nightly")
		s.shot("image: the snapshots, reasons whole")
		noAPITerms(t, s.screen())
		noCutReason(t, s.screen())
		s.pressN("up", 3)
		s.waitIdle("› Microsoft Windows 2012")
		s.shot("image: Windows rows keep their ✗")
		noCutReason(t, s.screen())
		if ls := strings.Split(s.screen(), "\n"); len(ls) < 9 || !strings.HasPrefix(ls[3], "── Price") || !strings.Contains(ls[8], "Choose the operating system") {
			t.Errorf("the pane is not the strip right above the list:\n%s", s.screen())
		}
		s.golden()
	})
}

// TestLayoutPlanClassic: the monthly plans end with the classic ones; the
// word is explained once, on the Plan step, and the Extras list keeps its
// columns in line after a long value is typed, with its reasons whole.
func TestLayoutPlanClassic(t *testing.T) {
	atLayoutSizes(t, func(t *testing.T, w, h int) {
		wd := newWorld(t)
		s := start(t, fast(wd.config()), w, h)
		s.press("enter")
		s.waitIdle("› MSVM001", "£7.50/month")
		s.press("end")
		s.waitIdle("› MS0200")
		s.shot("plan: classic explained")
		if n := strings.Count(strings.Join(strings.Fields(s.screen()), " "), "classic: the older Miniserver range"); n != 1 {
			t.Errorf("classic is explained %d times, want once:\n%s", n, s.screen())
		}
		s.press("home", "enter")
		s.waitIdle("Choose the operating system")
		s.press("enter")
		s.waitIdle("Extras for")
		s.shot("extras: reasons whole and in line")
		noAPITerms(t, s.screen())
		noCutReason(t, s.screen())
		s.golden()
	})
}

// TestLayoutDiscountRefused: a refused code is named once, in Memset's
// words, without the API's error type or status.
func TestLayoutDiscountRefused(t *testing.T) {
	atLayoutSizes(t, func(t *testing.T, w, h int) {
		wd := newWorld(t)
		s := start(t, fast(wd.config()), w, h)
		s.reachDiscount()
		s.typeText("NOPE")
		s.press("enter")
		s.waitIdle("✗")
		s.shot("discount: NOPE refused")
		noAPITerms(t, s.screen())
		if n := strings.Count(s.screen(), "NOPE"); n != 2 { // the field and the sentence
			t.Errorf("NOPE is on screen %d times, want the field and once in the sentence:\n%s", n, s.screen())
		}
		s.golden()
	})
}

// TestLayoutExtrasAfterEdit: after a long value is typed into one extra,
// the rows below it stay in line — every "✗" reason of the classic-only
// settings starts in the same column (issue #14: "Disk size —  ✗ …").
func TestLayoutExtrasAfterEdit(t *testing.T) {
	atLayoutSizes(t, func(t *testing.T, w, h int) {
		wd := newWorld(t)
		s := start(t, fast(wd.config()), w, h)
		s.press("enter")
		s.waitIdle("› MSVM001", "£7.50/month")
		s.press("enter")
		s.waitIdle("Choose the operating system")
		s.press("enter")
		s.waitIdle("Extras for")
		s.pressN("down", 11)
		s.waitIdle("› VLAN")
		s.press("enter")
		s.typeText("vlan-office-backbone-0042")
		s.press("enter")
		s.waitIdle("› VLAN", "vlan-office-backbone-0042")
		s.press("down")
		s.waitIdle("› Disk type")
		s.shot("extras: after a long value, the reasons in line")
		col := -1
		for _, l := range strings.Split(s.screen(), "\n") {
			i := strings.Index(l, "✗")
			if i <= 0 || strings.Contains(l, "Windows") {
				// Not a row's reason: the detail line under the list
				// starts at the margin.
				continue
			}
			c := len([]rune(l[:i]))
			if col >= 0 && c != col {
				t.Errorf("a reason starts in column %d, another in %d:\n%s", c, col, s.screen())
				break
			}
			col = c
		}
		if col < 0 {
			t.Errorf("no classic-only reason on screen:\n%s", s.screen())
		}
		noCutReason(t, s.screen())
		s.golden()
	})
}
