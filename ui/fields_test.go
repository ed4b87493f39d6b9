package ui_test

import (
	"testing"

	tea "charm.land/bubbletea/v2"
)

// toExtraField opens the Extras row n rows below Continue on a monthly
// MSVM001 with Debian 13.
func (d *driver) toExtraField(n int) {
	d.press("enter")
	d.settle()
	d.press("enter")
	d.settle()
	d.press("enter")
	d.settle()
	d.must("Extras for")
	d.pressN("down", n)
	d.press("enter")
	d.settle()
}

// TestFieldEscCancels: esc closes a text field without changing the
// order; enter saves a value the rules accept.
func TestFieldEscCancels(t *testing.T) {
	w := newWorld(t)
	d := newDriver(t, w.config(), 80, 24)
	d.settle()
	d.toExtraField(11) // VLAN
	d.must("┃ VLAN", "┃ > ")
	d.typeText("backend")
	d.press("esc")
	d.settle()
	d.must("› VLAN                 —")
	if v := d.model().Order().Extra("vlan"); v != "" {
		t.Fatalf("esc put vlan=%q in the order", v)
	}
	d.press("enter")
	d.typeText("backend")
	d.press("enter")
	d.settle()
	d.must("› VLAN                 backend")
	d.press("enter")
	d.must("┃ > backend")
	d.typeText("-2")
	d.press("esc")
	d.settle()
	if v := d.model().Order().Extra("vlan"); v != "backend" {
		t.Fatalf("after esc vlan=%q, want the saved backend", v)
	}
}

// TestTargetAmountEscRestores: the top-up's amount is priced as it is
// typed; esc puts back the amount it had when the field opened, tab keeps
// the new one.
func TestTargetAmountEscRestores(t *testing.T) {
	w := newWorld(t)
	d := newDriver(t, w.config(), 80, 24)
	d.settle()
	d.press("end", "enter")
	d.settle()
	d.press("enter")
	d.typeText("100")
	d.settle()
	d.must("sandyaa1 · 100 GB", "£5.00 one-off")
	d.press("esc")
	d.settle()
	if v := d.model().Order().Extra("gb"); v != "" {
		t.Fatalf("esc left gb=%q in the order", v)
	}
	d.must("  GB > a whole number from 10 to 10000")
	d.press("tab")
	d.typeText("250")
	d.press("tab")
	d.settle()
	d.must("  GB > 250", "£12.50 one-off")
	d.press("enter")
	d.must("┃ GB > 250")
	d.typeText("0")
	d.settle()
	d.must("£125.00 one-off")
	d.press("esc")
	d.settle()
	d.must("  GB > 250", "£12.50 one-off")
	d.press("enter")
	d.press("backspace", "backspace", "backspace")
	d.typeText("5")
	d.press("enter")
	d.settle()
	d.must("✗ must be 10–10000 GB")
	if d.model().Step().String() != "Server" {
		t.Fatalf("an amount the rules refuse moved on to %v", d.model().Step())
	}
}

// TestOpenFieldResizes: an open form follows the terminal's size and
// never draws past it.
func TestOpenFieldResizes(t *testing.T) {
	w := newWorld(t)
	d := newDriver(t, w.config(), 80, 24)
	d.settle()
	d.toExtraField(10) // SSH public key
	d.typeText("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFAKEKEYFAKEKEYFAKEKEYFAKEKEYFAKEKEY you@host")
	for _, size := range [][2]int{{200, 60}, {60, 18}, {100, 30}, {80, 24}} {
		d.send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		d.must("┃ SSH public key", "┃ > ", "you@host") // the end, where the cursor is, stays in view
		checkFits(t, []string{d.screen()}, size[0], size[1])
	}
	d.press("enter")
	d.settle()
	d.must("› SSH public key       ssh-ed25519")
}
