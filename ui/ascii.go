package ui

import (
	"os"
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/spinner"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// UTF8Locale reports whether the locale of the environment getenv reads
// (nil: the process's, os.Getenv) has a UTF-8 codeset, so that the
// terminal can be expected to show box drawing, ✓, £ and the like. The
// locale is LC_ALL, else LC_CTYPE, else LANG: the first of them that is set
// and not empty, as setlocale(3) reads them. Its codeset is what follows
// the "." of language_territory.codeset@modifier, in any case, with or
// without the hyphen ("en_GB.UTF-8", "C.utf8"); a bare "UTF-8" (macOS
// Terminal's LC_CTYPE) counts too.
//
// With none of the three set the answer is false. POSIX says an unset
// locale is the "C" locale, whose codeset is ASCII, and drawing in ASCII is
// what is always safe: nothing turns into mojibake, at the price of plainer
// boxes. The usual ways in set one: desktop and macOS terminals export
// LANG, Debian's and macOS's ssh clients send LANG and LC_* (SendEnv) and
// Debian's sshd accepts them (AcceptEnv), and a login without them gets
// the system's default from /etc/default/locale. What is left with nothing
// set is mostly containers and cron, and there LANG=C.UTF-8 brings the
// glyphs back.
func UTF8Locale(getenv func(string) string) bool {
	if getenv == nil {
		getenv = os.Getenv
	}
	for _, name := range []string{"LC_ALL", "LC_CTYPE", "LANG"} {
		if v := getenv(name); v != "" {
			return utf8Codeset(v)
		}
	}
	return false
}

// utf8Codeset reports whether a locale name's codeset is UTF-8.
func utf8Codeset(locale string) bool {
	locale, _, _ = strings.Cut(locale, "@")
	if _, cs, ok := strings.Cut(locale, "."); ok {
		locale = cs
	}
	cs := strings.ReplaceAll(strings.ToLower(locale), "-", "")
	return cs == "utf8"
}

// Glyphs are the characters the screens draw besides words: borders and
// rules, marks, the spinner and the progress bar's cells, and how text
// with other non-ASCII characters (£, “quotes”, …) is shown. There are two
// sets, chosen once per program with the styles (Styles.Glyphs): Unicode,
// and ASCII for terminals whose locale is not UTF-8 (Config.ASCII).
type Glyphs struct {
	// FormBorder is the bar left of the focused form field.
	FormBorder lipgloss.Border
	// Rule is the cell of a horizontal rule (under the header, the pane
	// strip's title).
	Rule string
	// Cursor marks the row under the cursor ("› ").
	Cursor string
	// Sep separates the parts of a line (" · "); CrumbSep the breadcrumb's
	// steps (" › "); HelpSep the keys of the help line (" • ").
	Sep      string
	CrumbSep string
	HelpSep  string
	// Up and Down head the "↑ n more" and "↓ n more" lines of a list.
	Up, Down string
	// Ellipsis ends a line cut short.
	Ellipsis string
	// Check, Cross and Current mark what is done, refused or impossible,
	// and under way.
	Check, Cross, Current string
	// Spinner turns while something is in flight.
	Spinner spinner.Spinner
	// BarFull and BarEmpty are the progress bar's cells.
	BarFull, BarEmpty rune
	// text rewrites what a terminal without UTF-8 cannot show; nil shows
	// text as it is.
	text *strings.Replacer
	// keys rewrites the arrows of key names for the help line ("↑/k" is
	// "up/k"); nil leaves them.
	keys *strings.Replacer
}

// unicodeGlyphs is the set for UTF-8 terminals.
func unicodeGlyphs() Glyphs {
	return Glyphs{
		FormBorder: lipgloss.ThickBorder(),
		Rule:       "─", Cursor: "› ", Sep: " · ", CrumbSep: " › ", HelpSep: " • ",
		Up: "↑", Down: "↓", Ellipsis: "…",
		Check: "✓", Cross: "✗", Current: "▸",
		Spinner: spinner.MiniDot, BarFull: '█', BarEmpty: '░',
	}
}

// asciiGlyphs is the set for every other terminal: nothing it draws has a
// byte above 0x7f.
func asciiGlyphs() Glyphs {
	return Glyphs{
		FormBorder: lipgloss.Border{Left: "|"},
		Rule:       "-", Cursor: "> ", Sep: " - ", CrumbSep: " > ", HelpSep: " | ",
		Up: "^", Down: "v", Ellipsis: "...",
		Check: "+", Cross: "x", Current: ">",
		Spinner: spinner.Line, BarFull: '#', BarEmpty: '.',
		text: asciiText, keys: asciiKeys,
	}
}

// glyphsFor is the set for a terminal: ASCII when ascii is set.
func glyphsFor(ascii bool) Glyphs {
	if ascii {
		return asciiGlyphs()
	}
	return unicodeGlyphs()
}

// asciiText is how the ASCII set writes the characters the screens, the
// catalogue and the model use: money in its currency's code ("GBP 7.50",
// since a pound sign would be garbage), quotes and dashes plainly, arrows
// and marks as their nearest ASCII, boxes in + - |, and the spinner's
// braille as a turning line. Anything else becomes "?" (Text).
var asciiText = strings.NewReplacer(
	"£", "GBP ", "€", "EUR ",
	"…", "...", "↑↓", "up/down", "→", "->", "←", "<-", "↑", "^", "↓", "v",
	"≥", ">=", "≤", "<=", "×", "x", "−", "-", "–", "-", "—", "-",
	"“", `"`, "”", `"`, "‘", "'", "’", "'", "«", `"`, "»", `"`,
	"·", "-", "•", "*", "›", ">", "‹", "<", "▸", ">", "✓", "+", "✗", "x", "§", "S.",
	"─", "-", "━", "-", "═", "=", "│", "|", "┃", "|", "║", "|",
	"╭", "+", "╮", "+", "╰", "+", "╯", "+", "┌", "+", "┐", "+", "└", "+", "┘", "+",
	"├", "+", "┤", "+", "┬", "+", "┴", "+", "┼", "+",
	"█", "#", "▓", "#", "▒", ":", "░", ".",
	"⠋", "|", "⠙", "/", "⠹", "-", "⠸", `\`, "⠼", "|", "⠴", "/", "⠦", "-", "⠧", `\`, "⠇", "|", "⠏", "/",
	"\u00a0", " ",
)

// asciiKeys names arrow keys in words on the ASCII help line.
var asciiKeys = strings.NewReplacer("↑↓", "up/down", "↑", "up", "↓", "down")

// Text is s as the terminal can show it: as it is in the Unicode set; in
// the ASCII set with asciiText's replacements and "?" for any other
// character above 0x7f. Colour sequences pass unchanged (they are ASCII).
// The result may be wider than s ("£" is "GBP "), so text is rewritten
// before it is wrapped or cut to a width.
func (g *Glyphs) Text(s string) string {
	if g.text == nil || isASCII(s) {
		return s
	}
	s = g.text.Replace(s)
	if isASCII(s) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r >= utf8.RuneSelf {
			return '?'
		}
		return r
	}, s)
}

// Key is a key's name for the help line ("↑/k", or "up/k" in ASCII).
func (g *Glyphs) Key(k string) string {
	if g.keys == nil {
		return k
	}
	return g.Text(g.keys.Replace(k))
}

// Truncate cuts s to width cells, ending in the set's ellipsis when it
// had to cut.
func (g *Glyphs) Truncate(s string, width int) string {
	if width <= 0 {
		return ""
	}
	if cellWidth(s) <= width {
		return s
	}
	return ansi.Truncate(s, width, g.Ellipsis)
}

// Fit rewrites every line of a block drawn for width cells with Text and
// cuts the lines that Text made wider than width (a "£" near the end of a
// full line). The Unicode set returns the block as it is.
func (g *Glyphs) Fit(block string, width int) string {
	if g.text == nil || isASCII(block) {
		return block
	}
	ls := strings.Split(block, "\n")
	for i, l := range ls {
		l = g.Text(l)
		if cellWidth(l) > width {
			l = g.Truncate(l, width)
		}
		ls[i] = l
	}
	return strings.Join(ls, "\n")
}

// isASCII reports whether s has no byte above 0x7f.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// PlainText is what a front end without a screen (the line prompts) does
// to each line it writes: in ASCII, the same fallback the screens use
// (money as "GBP 7.50", dashes and ellipses spelled out, any other
// character above 0x7f as "?"); otherwise nothing (nil).
func PlainText(ascii bool) func(string) string {
	if !ascii {
		return nil
	}
	g := glyphsFor(true)
	return g.Text
}
