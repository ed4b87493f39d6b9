package ui

import (
	"regexp"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/memset-order/memset-order/model"
)

// frame is what every full-screen program of the package shares (the
// wizard and the job follower): the terminal's size, light or dark
// background, NO_COLOR and whether it shows UTF-8, the styles and glyphs
// built from them, the key map, and the screen's outline — header, body,
// help line, clipped to the terminal, or the too-small notice.
type frame struct {
	keys   KeyMap
	styles *Styles
	// cell holds the styles for the embedded forms' theme (see formTheme);
	// it is shared with the forms, so a restyle reaches them.
	cell    *styleCell
	isDark  bool
	noColor bool
	// ascii draws in ASCII only (Config.ASCII): the styles carry the
	// ASCII glyphs.
	ascii  bool
	width  int
	height int
	// redact hides the active API key (nil: nothing to hide).
	redact func(string) string
}

// newFrame is an 80×24 dark-background frame until the terminal says
// otherwise, drawn in ASCII when ascii is set; redact hides the active key
// from every frame (nil: nothing).
func newFrame(noColor, ascii bool, redact func(string) string) frame {
	f := frame{keys: DefaultKeyMap(), isDark: true, noColor: noColor, ascii: ascii, width: 80, height: 24, redact: redact}
	f.styles = newStyles(f.isDark, f.noColor, f.ascii)
	f.cell = &styleCell{st: f.styles}
	return f
}

// terminal takes the terminal's facts: its size, its background, and
// NO_COLOR from the environment it reports. handled says msg was one;
// restyled that the styles were rebuilt.
func (f *frame) terminal(msg tea.Msg) (handled, restyled bool) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		f.width, f.height = msg.Width, msg.Height
		return true, false
	case tea.BackgroundColorMsg:
		f.isDark = msg.IsDark()
		f.restyle()
		return true, true
	case tea.EnvMsg:
		if msg.Getenv("NO_COLOR") == "" || f.noColor {
			return true, false
		}
		f.noColor = true
		f.restyle()
		return true, true
	}
	return false, false
}

// restyle rebuilds the styles; open forms take the new theme at their next
// frame.
func (f *frame) restyle() {
	f.styles = newStyles(f.isDark, f.noColor, f.ascii)
	f.cell.st = f.styles
}

// glyphs is the glyph set the frame draws with.
func (f *frame) glyphs() *Glyphs { return &f.styles.Glyphs }

// small reports whether the terminal is below the minimum size.
func (f *frame) small() bool { return f.width < minWidth || f.height < minHeight }

// screen lays out a whole screen: the header, the body, a blank line and
// the footer, every line cut to the width and the whole to the height; or
// the too-small notice.
func (f *frame) screen(header, body, footer string) string {
	if f.small() {
		return tooSmall(f.glyphs(), f.width, f.height)
	}
	return clipBlock(header+"\n"+body+"\n\n"+footer, f.width, f.height)
}

// help is the help line of the given keys, on as many lines as they need.
func (f *frame) help(keys []key.Binding) string { return helpView(f.styles, f.width, keys) }

// sgr is a colour or text-style sequence, the only escape sequence the
// styles put in a frame.
var sgr = regexp.MustCompile(`\x1b\[[0-9;:]*m`)

// view is the frame's last word before the terminal: content keeps its
// line breaks and the styles' colour sequences, and everything else in it
// goes through model.Printable, so that no text from Memset, the journal
// or a file (a title change, a clipboard write, a screen clear) can reach
// the terminal even if a screen forgot to filter it; in ASCII, whatever a
// screen left in UTF-8 is rewritten (Glyphs.Fit); then the active key is
// hidden from the frame and from the window title.
func (f *frame) view(content, title string) tea.View {
	lines := strings.Split(content, "\n")
	for i, l := range lines {
		lines[i] = guardLine(l)
	}
	g := f.glyphs()
	content, title = g.Fit(strings.Join(lines, "\n"), max(f.width, 1)), g.Text(model.Printable(title))
	if f.redact != nil {
		content, title = f.redact(content), f.redact(title)
	}
	v := tea.NewView(content)
	v.AltScreen = true
	v.WindowTitle = title
	return v
}

// guardLine filters the text of one line between its colour sequences.
func guardLine(l string) string {
	if !strings.ContainsFunc(l, func(r rune) bool { return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) }) {
		return l
	}
	var b strings.Builder
	last := 0
	for _, m := range sgr.FindAllStringIndex(l, -1) {
		b.WriteString(model.Printable(l[last:m[0]]))
		b.WriteString(l[m[0]:m[1]])
		last = m[1]
	}
	b.WriteString(model.Printable(l[last:]))
	return b.String()
}
