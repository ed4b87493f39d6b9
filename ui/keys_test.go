package ui_test

import (
	"strings"
	"testing"
	"time"

	"github.com/memset-order/memset-order/ui"
)

// footer is the help line: the screen's last line.
func (d *driver) footer() string {
	ls := strings.Split(strings.TrimRight(d.screen(), "\n"), "\n")
	return ls[len(ls)-1]
}

// TestHelpShowsOnlyWorkingKeys: the help line lists the keys that do
// something on the current step, in its current state, and no others.
func TestHelpShowsOnlyWorkingKeys(t *testing.T) {
	w := newWorld(t)
	d := newDriver(t, w.config(), 100, 30)
	d.settle()
	check := func(state string, want, not []string) {
		t.Helper()
		f := d.footer()
		for _, k := range want {
			if !strings.Contains(f, k) {
				t.Errorf("%s: help %q lacks %q", state, f, k)
			}
		}
		for _, k := range not {
			if strings.Contains(f, k) {
				t.Errorf("%s: help %q offers %q, which does nothing here", state, f, k)
			}
		}
	}
	check("Service", []string{"enter choose", "q quit"}, []string{"esc", "f fix", "p place"})
	d.press("enter")
	d.settle()
	check("Plan", []string{"enter next", "esc back", "q quit"}, []string{"f fix", "p place", "ctrl+c"})
	d.press("enter")
	d.settle()
	d.pressN("down", 12)
	d.settle()
	check("Image on Windows with 1 GB", []string{"f fix", "esc back"}, []string{"p place"})
	d.press("up", "up")
	d.settle()
	check("Image on Linux", []string{"enter next"}, []string{"f fix"})
	d.press("enter")
	d.settle()
	check("Extras", []string{"enter select", "esc back"}, []string{"f fix"})
	d.press("down", "enter")
	check("Extras choice open", []string{"enter keep", "esc undo", "q quit"}, []string{"esc back"})
	d.press("esc", "home", "enter")
	d.settle()
	check("Discount, empty", []string{"enter skip", "esc back", "ctrl+c quit"}, []string{"q quit", "ctrl+x"})
	d.typeText("WELCOME10")
	check("Discount, typed", []string{"enter check code", "ctrl+x clear"}, []string{"q quit"})
	d.press("enter")
	d.settle()
	check("Discount, valid", []string{"enter next"}, nil)
	d.press("enter")
	d.settle()
	check("Review", []string{"p place order", "b billing", "esc back", "q quit"}, []string{"r retry"})
	d.press("p")
	check("Review, confirming", []string{"enter place order", "esc cancel", "ctrl+c quit"}, []string{"q quit", "p place"})
	d.typeText("order")
	d.press("enter")
	d.settle()
	check("Following", []string{"q quit (the job goes on)"}, []string{"esc", "enter"})
	w.payAll(t)
	w.clock.Advance(time.Hour)
	d.advance(time50s)
	check("Done", []string{"enter exit", "q exit"}, []string{"esc"})
	// Placing and its quit question are checked in TestQuitWhilePlacingAsksFirst,
	// which can hold the create call open.
	if d.model().Step() != ui.StepDone {
		t.Fatalf("ended on %v", d.model().Step())
	}
}
