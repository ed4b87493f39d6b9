package ui_test

import (
	"strings"
	"testing"
)

// TestFramesAreRedacted: with a Redact function, the key is hidden from
// every frame and from the window title, of the wizard and of the job
// follower, wherever it would otherwise appear (here: the id followed).
func TestFramesAreRedacted(t *testing.T) {
	hide := func(s string) string { return strings.ReplaceAll(s, testKey, "[key hidden]") }
	w := newWorld(t)
	cfg := w.followConfig(testKey)
	cfg.Redact = hide
	d := newFollowDriver(t, cfg, 80, 24)
	d.settle()
	v := d.m.View()
	if strings.Contains(v.Content, testKey) || strings.Contains(v.WindowTitle, testKey) {
		t.Fatalf("the follower shows the key:\ntitle %q\n%s", v.WindowTitle, v.Content)
	}
	if !strings.Contains(v.WindowTitle, "[key hidden]") {
		t.Fatalf("window title %q: the redaction did not run", v.WindowTitle)
	}
	wc := w.config()
	wc.Redact = func(s string) string { return strings.ReplaceAll(s, "Miniserver", "M*") }
	d2 := newDriver(t, wc, 80, 24)
	d2.settle()
	if s := d2.screen(); strings.Contains(s, "Miniserver") || !strings.Contains(s, "M*") {
		t.Fatalf("the wizard's frame is not redacted:\n%s", s)
	}
}
