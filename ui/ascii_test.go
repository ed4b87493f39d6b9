package ui_test

import (
	"io"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest/v2"
	"github.com/memset-order/memset-order/ui"
)

// envOf is an environment of NAME=value pairs, as getenv.
func envOf(pairs ...string) func(string) string {
	return func(name string) string {
		for _, p := range pairs {
			if k, v, _ := strings.Cut(p, "="); k == name {
				return v
			}
		}
		return ""
	}
}

// TestUTF8Locale: LC_ALL, else LC_CTYPE, else LANG decides, the first that
// is set and not empty; the codeset is UTF-8 in any spelling; nothing set
// is the C locale.
func TestUTF8Locale(t *testing.T) {
	for _, tc := range []struct {
		env  []string
		want bool
	}{
		{nil, false},
		{[]string{"LANG=C"}, false},
		{[]string{"LC_ALL=POSIX"}, false},
		{[]string{"LANG=en_GB.ISO-8859-1"}, false},
		{[]string{"LANG=en_GB"}, false},
		{[]string{"LANG=en_GB.UTF-8"}, true},
		{[]string{"LANG=C.utf8"}, true},
		{[]string{"LANG=de_DE.Utf-8@euro"}, true},
		{[]string{"LC_CTYPE=UTF-8"}, true},
		{[]string{"LANG=en_GB.UTF-8", "LC_ALL=C"}, false},
		{[]string{"LANG=C", "LC_CTYPE=en_GB.UTF-8"}, true},
		{[]string{"LANG=en_GB.UTF-8", "LC_CTYPE=C", "LC_ALL=C.UTF-8"}, true},
		{[]string{"LANG=en_GB.UTF-8", "LC_ALL="}, true},
	} {
		if got := ui.UTF8Locale(envOf(tc.env...)); got != tc.want {
			t.Errorf("UTF8Locale(%q) = %v, want %v", tc.env, got, tc.want)
		}
	}
}

// nonASCII returns the first line of s with a byte above 0x7f, or "".
func nonASCII(s string) string {
	for _, l := range strings.Split(s, "\n") {
		for i := 0; i < len(l); i++ {
			if l[i] >= 0x80 {
				return l
			}
		}
	}
	return ""
}

// asciiConfig is the wizard's configuration for this world in a C locale.
func asciiConfig(t *testing.T, w *world) ui.Config {
	t.Helper()
	cfg := fast(w.config())
	cfg.ASCII = !ui.UTF8Locale(envOf("LANG=C"))
	if !cfg.ASCII {
		t.Fatal("LANG=C is not taken for an ASCII terminal")
	}
	return cfg
}

// TestASCIIGoldens: with a C locale the plan list and Review are drawn in
// ASCII (money as "GBP 7.50", the pane's box in + - |) and no frame the
// program writes, window title included, has a byte above 0x7f.
func TestASCIIGoldens(t *testing.T) {
	atBothSizes(t, func(t *testing.T, w, h int) {
		wd := newWorld(t)
		s := start(t, asciiConfig(t, wd), w, h)
		s.waitIdle("What would you like to order?")
		s.press("enter")
		s.waitIdle("Choose a plan", "> MSVM001", "GBP 7.50/month - no setup fee")
		s.shot("plan")
		s.press("enter")
		s.waitIdle("Choose the operating system", "MSVM001 - Debian 13")
		s.press("enter")
		s.waitIdle("Extras for")
		s.press("enter")
		s.waitIdle("Discount code")
		s.press("enter")
		s.waitIdle("Review your order", "Payment", "GBP 9.00")
		s.shot("review")
		s.press("end")
		s.waitIdle("> Total")
		s.shot("review, cursor on Total")
		for _, screen := range s.history() {
			if l := nonASCII(screen); l != "" {
				t.Fatalf("an ASCII screen has a byte above 0x7f in %q:\n%s", l, screen)
			}
		}
		s.golden()
		_ = s.tm.Quit()
		out, err := io.ReadAll(s.tm.FinalOutput(t, teatest.WithFinalTimeout(10*time.Second)))
		if err != nil {
			t.Fatal(err)
		}
		if l := nonASCII(string(out)); l != "" {
			t.Fatalf("the program wrote a byte above 0x7f in ASCII: %q", l)
		}
	})
}

// TestASCIIFollow: `job follow` in a C locale draws its stages, marks and
// progress bar in ASCII.
func TestASCIIFollow(t *testing.T) {
	w := newWorld(t)
	q := w.placed(t)
	cfg := w.followConfig(q.Job.ID)
	cfg.ASCII = true
	d := newFollowDriver(t, cfg, 80, 24)
	d.must("> AWAITING-PAYMENT")
	w.payAll(t)
	for range 6 {
		w.stage(d)
	}
	d.must("+ Your new service is ready")
	for _, v := range append(d.views, d.m.View().WindowTitle) {
		if l := nonASCII(v); l != "" {
			t.Fatalf("a follower screen in ASCII has a byte above 0x7f in %q:\n%s", l, v)
		}
	}
}

// TestASCIIEveryScreen: in ASCII every screen of a whole order (a server
// with a fix, extras and a discount code, from Service to Done) has no
// byte above 0x7f and still fits the terminal, at the smallest size, the
// standard one and a large one.
func TestASCIIEveryScreen(t *testing.T) {
	for _, size := range [][2]int{{60, 18}, {80, 24}, {200, 60}} {
		w := newWorld(t)
		cfg := w.config()
		cfg.ASCII = true
		d := newDriver(t, cfg, size[0], size[1])
		fullRun(d, w)
		d.must("+ Your new service is ready")
		for _, v := range append(d.views, d.m.View().WindowTitle) {
			if l := nonASCII(v); l != "" {
				t.Fatalf("%dx%d: a screen in ASCII has a byte above 0x7f in %q:\n%s", size[0], size[1], l, v)
			}
		}
		checkFits(t, d.views, size[0], size[1])
	}
}
