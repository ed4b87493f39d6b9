package ui

import (
	"strings"
	"testing"
)

// guardLineRegexp is guardLine as it was before its byte scan (issue #15):
// a line with no control character is kept; any other is filtered between
// its colour sequences. guardLine must answer as it does on every line.
func guardLineRegexp(l string) string {
	if !strings.ContainsFunc(l, func(r rune) bool { return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) }) {
		return l
	}
	return filterBetweenColours(l)
}

// guardLineCases are styled and plain lines, and lines with what the
// filter is for: other escapes (a title change, a screen clear, OSC 52),
// C0 and C1 controls, DEL, and invalid UTF-8 with and without colour.
var guardLineCases = []string{
	"plain line",
	"\x1b[38;5;111;1m› \x1b[mMiniserver VM (monthly)",
	"name\x1b]0;owned\x07 from the API",
	"\x1b[2J\x1b[Hclear",
	"\x1b]52;c;ZWNobyBoaQ==\x07",
	"c1 \u009b31m control",
	"del \x7f here",
	"\xff\xfe invalid, no colour",
	"\x1b[1m\xff invalid inside colour\x1b[m",
	"\x1b[38:5:111mcolon\x1b[m",
	"\x1b[unfinished",
	"tab\tand newline\r",
}

// TestGuardLineAsBefore: the byte scan keeps and filters exactly the lines
// the regular expression did.
func TestGuardLineAsBefore(t *testing.T) {
	for _, l := range guardLineCases {
		if got, want := guardLine(l), guardLineRegexp(l); got != want {
			t.Errorf("guardLine(%q) = %q, before it was %q", l, got, want)
		}
	}
}

// FuzzGuardLine: for any line, guardLine answers as it did before.
func FuzzGuardLine(f *testing.F) {
	for _, l := range guardLineCases {
		f.Add(l)
	}
	f.Fuzz(func(t *testing.T, l string) {
		if got, want := guardLine(l), guardLineRegexp(l); got != want {
			t.Fatalf("guardLine(%q) = %q, before it was %q", l, got, want)
		}
	})
}
