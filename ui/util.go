package ui

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

func itoa(n int) string { return strconv.Itoa(n) }

// truncate cuts s to width cells, ending in "…" when it had to cut.
func truncate(s string, width int) string {
	if width <= 0 {
		return ""
	}
	return ansi.Truncate(s, width, "…")
}

// wrap word-wraps s to width cells (long words are broken).
func wrap(s string, width int) string {
	if width <= 0 {
		return ""
	}
	return ansi.Wrap(s, width, "")
}

// lines splits a rendered block into its lines ("" gives none).
func lines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// fitLines keeps at most n lines of block, replacing the last kept line by
// "…" when some had to go, so a cut is visible rather than silent.
func fitLines(block string, n int) string {
	ls := lines(block)
	if n <= 0 {
		return ""
	}
	if len(ls) <= n {
		return block
	}
	ls = ls[:n]
	ls[n-1] = "…"
	return strings.Join(ls, "\n")
}

// padRight pads s with spaces to width cells.
func padRight(s string, width int) string {
	w := ansi.StringWidth(s)
	if w >= width {
		return s
	}
	return s + strings.Repeat(" ", width-w)
}

// lines2 is lines, but an empty string is one empty line.
func lines2(s string) []string {
	if s == "" {
		return []string{""}
	}
	return strings.Split(s, "\n")
}
