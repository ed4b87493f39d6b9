package ui

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

func itoa(n int) string { return strconv.Itoa(n) }

// truncate cuts s to width cells, ending in "…" when it had to cut.
func truncate(s string, width int) string {
	if width <= 0 {
		return ""
	}
	if cellWidth(s) <= width {
		// What ansi.Truncate returns too, after measuring s itself.
		return s
	}
	return ansi.Truncate(s, width, "…")
}

// cellWidth is ansi.StringWidth(s), in cells, without its cost for the
// plain parts of styled text. s is cut at its colour sequences (sgrLen),
// where the parser is back in its ground state and no grapheme cluster
// goes on (ESC is a control: clusters break before it): a piece is then
// measured alone, a piece of printable ASCII being as wide as it is long
// and any other by ansi.StringWidth. A string with another escape or
// control character, or with invalid UTF-8 before a colour sequence, is
// measured whole by ansi.StringWidth.
func cellWidth(s string) int {
	w, start, ascii := 0, 0, true
	for i := 0; i < len(s); {
		switch c := s[i]; {
		case c == 0x1b:
			n := sgrLen(s[i:])
			if n == 0 || !ascii && !utf8.ValidString(s[start:i]) {
				return ansi.StringWidth(s)
			}
			w += pieceWidth(s[start:i], ascii)
			i += n
			start, ascii = i, true
		case c < 0x20 || c == 0x7f:
			return ansi.StringWidth(s)
		default:
			ascii = ascii && c < utf8.RuneSelf
			i++
		}
	}
	return w + pieceWidth(s[start:], ascii)
}

// pieceWidth is the width of a piece of text with no escape or control
// character: its length when it is ASCII. (Invalid UTF-8 can swallow the
// escape after it, so cellWidth does not cut there.)
func pieceWidth(p string, ascii bool) int {
	if ascii {
		return len(p)
	}
	return ansi.StringWidth(p)
}

// sgrLen is the length of the colour sequence s starts with (what sgr
// matches there), or 0.
func sgrLen(s string) int {
	if len(s) < 2 || s[0] != 0x1b || s[1] != '[' {
		return 0
	}
	for j := 2; j < len(s); j++ {
		switch c := s[j]; {
		case c == 'm':
			return j + 1
		case c >= '0' && c <= '9', c == ';', c == ':':
		default:
			return 0
		}
	}
	return 0
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
	w := cellWidth(s)
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
