package ui

import (
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"

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
	// memo keeps what is drawn the same on every frame (see drawMemo).
	memo *drawMemo
}

// newFrame is an 80×24 dark-background frame until the terminal says
// otherwise, drawn in ASCII when ascii is set; redact hides the active key
// from every frame (nil: nothing).
func newFrame(noColor, ascii bool, redact func(string) string) frame {
	f := frame{keys: DefaultKeyMap(), isDark: true, noColor: noColor, ascii: ascii, width: 80, height: 24, redact: redact, memo: &drawMemo{}}
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
	return f.screenOf(part{header, false}, part{body, false}, part{"", true}, part{footer, false})
}

// part is a block of a screen (see screenOf); fits says that its lines
// are known to be at most the terminal's width (padBlock made them so, or
// they were cut once and kept), so they are not measured again.
type part struct {
	text string
	fits bool
}

// screenOf is screen for a screen laid out by the caller: the parts, one
// below the other, cut to the height, and the lines of the parts that do
// not fit cut to the width. Measuring a line costs a pass over it, so the
// lines of the parts that fit are left as they are.
func (f *frame) screenOf(parts ...part) string {
	if f.small() {
		return tooSmall(f.glyphs(), f.width, f.height)
	}
	size := 0
	for _, p := range parts {
		size += len(p.text) + 1
	}
	var b strings.Builder
	b.Grow(size)
	n := 0
	for _, p := range parts {
		for l := range strings.SplitSeq(p.text, "\n") {
			if n == f.height {
				return b.String()
			}
			if !p.fits {
				l = truncate(l, f.width)
			}
			if n > 0 {
				b.WriteByte('\n')
			}
			b.WriteString(l)
			n++
		}
	}
	return b.String()
}

// help is the help line of the given keys, on as many lines as they need.
func (f *frame) help(keys []key.Binding) string { return helpView(f.styles, f.width, keys) }

// sgr is a colour or text-style sequence, the only escape sequence the
// styles put in a frame.
var sgr = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\x1b\[[0-9;:]*m`) })

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
	if guarded(l) {
		return l
	}
	return filterBetweenColours(l)
}

// filterBetweenColours passes the text of l between its colour sequences
// through model.Printable and keeps the sequences.
func filterBetweenColours(l string) string {
	var b strings.Builder
	last := 0
	for _, m := range sgr().FindAllStringIndex(l, -1) {
		b.WriteString(model.Printable(l[last:m[0]]))
		b.WriteString(l[m[0]:m[1]])
		last = m[1]
	}
	b.WriteString(model.Printable(l[last:]))
	return b.String()
}

// guarded reports whether guardLine leaves l as it is, without the
// regular expression: l has no control character but the ESC of colour
// sequences (sgr), and, when it has colour sequences, no invalid UTF-8
// between them either (model.Printable would rewrite it). A styled line
// always has colour sequences, so this is the case of nearly every line.
func guarded(l string) bool {
	colour, invalid := false, false
	for i := 0; i < len(l); {
		c := l[i]
		switch {
		case c == 0x1b:
			n := sgrLen(l[i:])
			if n == 0 {
				return false
			}
			colour = true
			i += n
		case c < 0x20 || c == 0x7f:
			return false
		case c < utf8.RuneSelf:
			i++
		default:
			r, w := utf8.DecodeRuneInString(l[i:])
			if r >= 0x80 && r < 0xa0 {
				return false
			}
			invalid = invalid || (r == utf8.RuneError && w == 1)
			i += w
		}
	}
	return !colour || !invalid
}

// drawMemo keeps, across frames, what is drawn the same way until the
// styles or the terminal change: the header, and rules by length. The
// copies of a model share it (frame holds it by pointer); a mutex guards
// it in case two copies are drawn at once.
type drawMemo struct {
	mu     sync.Mutex
	st     *Styles
	key    headerKey
	header string
	rules  map[int]string
	items  map[key.Help]helpItem
}

// headerKey is everything a header is drawn from, but the styles.
type headerKey struct {
	w             int
	title, crumbs string
	cur           Step
	sandbox, live bool
}

// maxRules bounds drawMemo.rules, and maxItems drawMemo.items: a resize
// leaves rules of lengths no longer drawn, a step keys no longer shown.
const (
	maxRules = 32
	maxItems = 64
)

// forStyles empties the memo when it holds drawings in other styles than
// st (restyle).
func (d *drawMemo) forStyles(st *Styles) {
	if d.st != st {
		d.st, d.key, d.header, d.rules, d.items = st, headerKey{}, "", nil, nil
	}
}

// memoHeader is draw(), the header of k, drawn again only when k or the
// styles have changed since the last frame.
func (f *frame) memoHeader(k headerKey, draw func() string) string {
	d := f.memo
	if d == nil {
		return draw()
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	d.forStyles(f.styles)
	if d.header == "" || d.key != k {
		d.key, d.header = k, draw()
	}
	return d.header
}

// rule is a rule of n Glyphs.Rule cells in the Rule style, drawn once per
// length.
func (f *frame) rule(n int) string {
	st := f.styles
	draw := func() string { return st.Rule.Render(strings.Repeat(st.Glyphs.Rule, n)) }
	d := f.memo
	if d == nil {
		return draw()
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	d.forStyles(st)
	r, ok := d.rules[n]
	if !ok {
		if len(d.rules) >= maxRules || d.rules == nil {
			d.rules = map[int]string{}
		}
		r = draw()
		d.rules[n] = r
	}
	return r
}

// helpItems is helpItems(f.styles, keys), each enabled key drawn once and
// kept: the help line shows the same keys frame after frame.
func (f *frame) helpItems(keys []key.Binding) []helpItem {
	d := f.memo
	if d == nil {
		return helpItems(f.styles, keys)
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	d.forStyles(f.styles)
	items := make([]helpItem, len(keys))
	for i, k := range keys {
		if !k.Enabled() {
			items[i].off = true
			continue
		}
		it, ok := d.items[k.Help()]
		if !ok {
			if len(d.items) >= maxItems || d.items == nil {
				d.items = map[key.Help]helpItem{}
			}
			it = drawHelpItem(f.styles, k)
			d.items[k.Help()] = it
		}
		items[i] = it
	}
	return items
}
