package ui_test

import (
	"image/color"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/memset-order/memset-order/model"
	"github.com/memset-order/memset-order/ui"
)

// fullRun drives every kind of screen: a server with a discount code to
// Done, then a top-up to its Target step.
func fullRun(d *driver, w *world) {
	d.settle()
	d.press("enter")
	d.settle()
	d.press("enter")
	d.settle()
	d.pressN("down", 14)
	d.press("enter", "f")
	d.settle()
	d.press("enter", "down", "down", "enter", "down")
	d.settle()
	d.press("enter", "home", "enter")
	d.typeText("NOPE")
	d.press("enter")
	d.settle()
	d.press("ctrl+x")
	d.typeText("WELCOME10")
	d.press("enter")
	d.settle()
	d.press("enter")
	d.settle()
	d.placeOrder()
	d.advance(time.Second)
	w.payAll(d.t.(*testing.T))
	w.clock.Advance(time.Minute)
	d.advance(time50s)
}

func (d *driver) pressN(k string, n int) {
	for range n {
		d.press(k)
	}
}

// checkFits fails for any screen with a line wider than w or more than h
// lines: nothing may be cut off by the terminal.
func checkFits(t *testing.T, screens []string, w, h int) {
	t.Helper()
	for _, s := range screens {
		ls := strings.Split(s, "\n")
		if len(ls) > h {
			t.Fatalf("%d lines at %dx%d:\n%s", len(ls), w, h, s)
		}
		for _, l := range ls {
			if n := ansi.StringWidth(l); n > w {
				t.Fatalf("a line of %d cells at %dx%d: %q", n, w, h, l)
			}
		}
	}
}

// TestEveryScreenFits: at every size from the smallest supported to
// 200×60, every screen of a whole order fits the terminal.
func TestEveryScreenFits(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {100, 30}, {200, 60}, {60, 18}, {59, 30}, {120, 17}} {
		w := newWorld(t)
		d := newDriver(t, w.config(), size[0], size[1])
		fullRun(d, w)
		if size[0] >= 60 && size[1] >= 18 {
			d.must("Your new service is ready")
		} else {
			d.must("needs a terminal")
			if d.model().Step() != ui.StepService {
				t.Fatalf("keys acted on a screen too small to see: %v", d.model().Step())
			}
		}
		checkFits(t, d.views, size[0], size[1])
	}
}

// TestResizesLive: a WindowSizeMsg mid-order re-lays the screen: the quote
// pane is the strip under the header at every size, its rule as wide as
// the terminal, and the screen fits.
func TestResizesLive(t *testing.T) {
	w := newWorld(t)
	d := newDriver(t, w.config(), 80, 24)
	d.settle()
	d.press("enter")
	d.settle()
	for _, size := range [][2]int{{200, 60}, {80, 24}, {100, 30}} {
		d.send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		screen := d.screen()
		lines := strings.Split(screen, "\n")
		if len(lines) < 5 || !strings.HasPrefix(lines[3], "── Price") || ansi.StringWidth(lines[3]) != size[0] {
			t.Fatalf("at %dx%d the pane's rule should be the line under the header, %d wide:\n%s", size[0], size[1], size[0], screen)
		}
		checkFits(t, []string{screen}, size[0], size[1])
	}
}

var colourSGR = regexp.MustCompile(`\x1b\[[0-9;]*[34]8;`)

// TestNoColor: with NO_COLOR (from main, or in the environment the program
// reports) no colour is drawn; attributes remain.
func TestNoColor(t *testing.T) {
	w := newWorld(t)
	d := newDriver(t, w.config(), 80, 24)
	d.settle()
	d.press("enter")
	d.settle()
	if !colourSGR.MatchString(d.m.View().Content) {
		t.Fatal("the coloured screen has no colour: the test would prove nothing")
	}

	cfg := w.config()
	cfg.NoColor = true
	d2 := newDriver(t, cfg, 80, 24)
	d2.settle()
	d2.press("enter")
	d2.settle()
	if c := d2.m.View().Content; colourSGR.MatchString(c) {
		t.Fatalf("NoColor screen has colour: %q", c)
	}

	d3 := newDriver(t, w.config(), 80, 24)
	d3.send(tea.EnvMsg{"NO_COLOR=yes", "TERM=xterm-256color"})
	d3.settle()
	d3.press("enter")
	d3.settle()
	if c := d3.m.View().Content; colourSGR.MatchString(c) {
		t.Fatalf("NO_COLOR=yes in the environment still gave colour: %q", c)
	}
}

// TestLightBackground: the styles follow the terminal's background.
func TestLightBackground(t *testing.T) {
	w := newWorld(t)
	d := newDriver(t, w.config(), 80, 24)
	d.settle()
	dark := d.m.View().Content
	d.send(tea.BackgroundColorMsg{Color: color.White})
	light := d.m.View().Content
	if dark == light {
		t.Fatal("a light background did not change the colours")
	}
	if ansi.Strip(dark) != ansi.Strip(light) {
		t.Fatal("a light background changed the text")
	}
}

// TestBadConfigDoesNotCrash: no backend, or an empty catalogue, gives a
// wizard that says what is wrong and keeps working.
func TestBadConfigDoesNotCrash(t *testing.T) {
	d := newDriver(t, ui.Config{}, 80, 24)
	d.settle()
	d.press("enter")
	d.settle()
	d.must("no backend is configured")
	d.press("enter", "enter", "enter", "enter", "p", "esc", "esc", "q")
	d.settle()
	d.must("Leave without ordering?")
	d.press("y")
	d.settle()
	if !d.quit {
		t.Fatal("q, then y, did not quit")
	}

	empty := ui.Config{Catalogue: &model.Catalogue{Version: "x", Currency: model.GBP}}
	d2 := newDriver(t, empty, 80, 24)
	d2.press("enter", "down", "up", "enter")
	d2.settle()
	d2.must("What would you like to order?")
}
