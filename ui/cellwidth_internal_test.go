package ui

import (
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// cellWidthCases are lines of the kinds the screens draw: plain and styled
// ASCII, the glyphs, money, wide and combining characters, emoji, and the
// edges cellWidth must hand to ansi.StringWidth (other escapes, controls,
// invalid UTF-8 before a colour sequence).
var cellWidthCases = []string{
	"",
	"  MSVM001  1 GB   25 GB   1          £7.50   none",
	"\x1b[38;5;111;1m› \x1b[mMiniserver VM (monthly)",
	"\x1b[38;5;239m────────\x1b[m Price · sample price",
	"\x1b[1m£12.00/month · no setup fee\x1b[m",
	"日本語のサーバー名",
	"e\u0301cole (combining accent)",
	"👩‍💻 nickname",
	"\x1b[2m\x1b[m",
	"\x1b]0;title\x07after an OSC",
	"tab\there",
	"\xff\x1b[1mbold after invalid UTF-8",
	"\x1b[38:5:111mcolon form\x1b[m",
	"\x1b[unfinished",
	"ends with ESC \x1b",
}

// TestCellWidthIsStringWidth: the fast width count gives ansi.StringWidth's
// answer on every kind of line the screens draw.
func TestCellWidthIsStringWidth(t *testing.T) {
	for _, s := range cellWidthCases {
		if got, want := cellWidth(s), ansi.StringWidth(s); got != want {
			t.Errorf("cellWidth(%q) = %d, ansi.StringWidth says %d", s, got, want)
		}
	}
}

// FuzzCellWidth: for any text, cellWidth agrees with ansi.StringWidth
// (text from the API reaches the screens, filtered, but the count must not
// depend on that).
func FuzzCellWidth(f *testing.F) {
	for _, s := range cellWidthCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := cellWidth(s), ansi.StringWidth(s); got != want {
			t.Fatalf("cellWidth(%q) = %d, ansi.StringWidth says %d", s, got, want)
		}
	})
}
