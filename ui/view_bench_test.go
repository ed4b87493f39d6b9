package ui_test

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// viewCase is a step a person sees before ordering, reached from a fresh
// wizard by keys, at a terminal size.
type viewCase struct {
	name string
	w, h int
	// keys are pressed one group at a time, the wizard settling (every
	// debounced quote and prefetch answered) after each.
	keys [][]string
	// want is on the screen when the step is reached.
	want string
}

// viewCases are the steps before ordering at 200×60, and the two list
// steps at the smaller sizes too.
var viewCases = []viewCase{
	{"Service", 200, 60, nil, "What would you like to order?"},
	{"Plan", 200, 60, [][]string{{"enter"}}, "› MSVM001"},
	{"Image", 200, 60, [][]string{{"enter"}, {"enter"}}, "Choose the operating system"},
	{"Extras", 200, 60, [][]string{{"enter"}, {"enter"}, {"enter"}}, "Extras for"},
	{"Discount", 200, 60, [][]string{{"enter"}, {"enter"}, {"enter"}, {"enter"}}, "Discount code"},
	{"Review", 200, 60, [][]string{{"enter"}, {"enter"}, {"enter"}, {"enter"}, {"enter"}}, "Review your order"},
	{"Plan100x30", 100, 30, [][]string{{"enter"}}, "› MSVM001"},
	{"Image100x30", 100, 30, [][]string{{"enter"}, {"enter"}}, "Choose the operating system"},
	{"Plan80x24", 80, 24, [][]string{{"enter"}}, "› MSVM001"},
	{"Image80x24", 80, 24, [][]string{{"enter"}, {"enter"}}, "Choose the operating system"},
}

// BenchmarkView times the whole frame (the root model's View, as Bubble
// Tea calls it once per frame) on each step, on the embedded sandbox with
// every price on screen already answered (issue #15: at most 1 ms at
// 200×60).
func BenchmarkView(b *testing.B) {
	for _, c := range viewCases {
		b.Run(c.name, func(b *testing.B) {
			m := reach(b, c)
			b.ReportAllocs()
			for b.Loop() {
				_ = m.View()
			}
		})
	}
}

// reach drives a fresh wizard at c's size to c's step and returns it once
// nothing is in flight.
func reach(b *testing.B, c viewCase) tea.Model {
	b.Helper()
	d := newDriver(b, newWorld(b).config(), c.w, c.h)
	d.settle()
	for _, ks := range c.keys {
		d.press(ks...)
		d.settle()
	}
	if s := d.screen(); !strings.Contains(s, c.want) || d.model().Busy() {
		b.Fatalf("%s: not on the step (busy %v):\n%s", c.name, d.model().Busy(), s)
	}
	return d.m
}
