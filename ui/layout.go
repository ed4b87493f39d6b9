package ui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// Layout: a header (product, breadcrumb, SANDBOX badge), the quote pane as
// a strip of its own lines under it (from the Plan step on), the step's
// body and the help line. The pane never shares a line with a list: the
// renderer rewrites a line from its first changed cell to its last, so a
// price beside the cursor's row would cost the whole row on every move
// (issue #15).
const (
	headerHeight = 3
	// paneStripHeight is the height of the pane: a titled rule naming
	// what is priced, and three lines (the price, the first payment, VAT);
	// on short terminals it is paneStripShort.
	paneStripHeight = 4
	paneStripShort  = 2
	minWidth        = 60
	minHeight       = 18
)

// bodyWidth is the step's width: the terminal's.
func (m *Model) bodyWidth() int { return max(m.width, minWidth) }

// bodyHeight is the body's height between the header and a footer of
// footerHeight lines. A help line that wraps takes more (render lays the
// body out with the footer it draws), so this is the most the body can
// have: what the steps page by, and what the prefetch window (shownRows)
// and the forms are sized for, whose windows of the most lines hold those
// of fewer.
func (m *Model) bodyHeight() int { return m.bodyHeightWith(m.footerHeight()) }

// bodyHeightWith is the body's height with a footer of footer lines.
func (m *Model) bodyHeightWith(footer int) int {
	h := max(m.height, minHeight) - headerHeight - footer - 1
	if m.quoting() {
		h -= m.stripHeightWith(footer) + 1
	}
	return max(h, 1)
}

// stripHeightWith is the height of the pane with a footer
// of footer lines: shorter when the terminal is too short to give the
// body ten lines otherwise.
func (m *Model) stripHeightWith(footer int) int {
	avail := max(m.height, minHeight) - headerHeight - footer - 1
	if avail-paneStripHeight-1 < 10 {
		return paneStripShort
	}
	return paneStripHeight
}

// footerHeight is the least height of the footer: the help line, and the
// quit question above it. The help line wraps onto more lines when its
// keys do not fit the width (helpView); only render, which draws it, knows
// by how many.
func (m *Model) footerHeight() int {
	if m.confirmQuit {
		return 2
	}
	return 1
}

// View draws the whole screen in the alternate screen.
func (m Model) View() tea.View { return m.view(m.render(), "memset-order") }

// render is the screen as a string, every line at most the terminal's
// width: the footer is drawn first, and the pane and the body share what
// its lines leave.
func (m Model) render() string {
	if m.small() {
		return tooSmall(m.glyphs(), m.width, m.height)
	}
	w := m.width
	e := m.env()
	footer := m.footer(e, w)
	fh := max(heightOf(footer), 1)
	e.height = m.bodyHeightWith(fh)
	body := m.stepView(e)
	body = m.glyphs().Fit(body, e.width)
	body = fitLines(body, e.height)
	// Not small, so e.width is w: the padded body fits, as does the
	// header (cut once, and kept while it is the same).
	body = padBlock(body, e.width, e.height)
	parts := []part{{m.header(w), true}}
	if m.quoting() {
		// The pane strip and a blank line.
		parts = append(parts, part{m.paneStrip(e, w, m.stripHeightWith(fh)), false}, part{"", true})
	}
	// The body, a blank line and the help line.
	parts = append(parts, part{body, true}, part{"", true}, part{footer, false})
	return m.screenOf(parts...)
}

// stepView is the current step's body, or the help screen over it.
func (m *Model) stepView(e *env) string {
	if m.helpOpen {
		return m.helpScreen(e)
	}
	if st := m.current(); st != nil {
		return st.view(e)
	}
	return e.st.Error.Render("unknown step " + m.step.String() + ": this is a bug")
}

// header is the product, the breadcrumb and the badge, then a rule, each
// line cut to w: drawn once, and again only when one of them changes.
func (m *Model) header(w int) string {
	title := ""
	if m.prod != nil {
		title = m.prod.Name
	}
	steps := m.crumbSteps()
	crumbs := make([]byte, len(steps))
	for i, s := range steps {
		crumbs[i] = byte(s)
	}
	k := headerKey{w: w, title: title, crumbs: string(crumbs), cur: m.step, sandbox: m.cfg.Sandbox, live: m.cfg.Endpoint != ""}
	return m.memoHeader(k, func() string {
		crumb := crumbView(m.styles, w, steps, m.step)
		h := headerView(m.styles, w, title, crumb, k.sandbox, k.live)
		return clipBlock(h, w, strings.Count(h, "\n")+1)
	})
}

// headerView draws the header every screen shares: the program's name and
// a title, the SANDBOX or LIVE badge on the right, a breadcrumb and a rule.
func headerView(st *Styles, w int, title, crumb string, sandbox, live bool) string {
	g := &st.Glyphs
	left := st.Brand.Render("memset-order")
	if title != "" {
		left += st.Subtle.Render(g.Sep) + g.Text(title)
	}
	var badge string
	if sandbox {
		badge = st.Sandbox.Render("SANDBOX")
	} else if live {
		badge = st.Real.Render("LIVE")
	}
	gap := w - cellWidth(left) - cellWidth(badge)
	line1 := left
	if gap >= 1 {
		line1 = left + strings.Repeat(" ", gap) + badge
	} else {
		line1 = g.Truncate(left, w-cellWidth(badge)-1) + " " + badge
	}
	return line1 + "\n" + crumb + "\n" + st.Rule.Render(strings.Repeat(g.Rule, w))
}

// crumbSteps are the steps the breadcrumb lists: the product's, or, once
// the order is placed, those from Review on.
func (m *Model) crumbSteps() []Step {
	if m.step >= StepPlacing {
		return []Step{StepReview, StepPlacing, StepFollowing, StepDone}
	}
	return stepsFor(m.prod)
}

// crumbView draws steps with cur marked, those before it as done; when
// they do not fit, only the current one.
func crumbView(st *Styles, w int, steps []Step, cur Step) string {
	var parts []string
	plain := 0
	for i, s := range steps {
		name := s.String()
		plain += len(name)
		if i > 0 {
			plain += 3
		}
		switch {
		case s == cur:
			parts = append(parts, st.CrumbCurrent.Render(name))
		case s < cur:
			parts = append(parts, st.CrumbDone.Render(name))
		default:
			parts = append(parts, st.Crumb.Render(name))
		}
	}
	line := strings.Join(parts, st.Crumb.Render(st.Glyphs.CrumbSep))
	if plain > w {
		return st.CrumbCurrent.Render(st.Glyphs.Truncate(cur.String(), w))
	}
	return line
}

// footer is the help line for the current step, or the quit question.
func (m *Model) footer(e *env, w int) string {
	st := m.styles
	if m.confirmQuit {
		q, keys := m.quitQuestion()
		return st.Warning.Render(st.Glyphs.Truncate(q, w)) + "\n" + helpView(st, w, keys)
	}
	_, items := m.footerHelp(e, w)
	return strings.Join(helpLines(st, w, items), "\n")
}

// footerKeys are the keys the help line shows at width w.
func (m *Model) footerKeys(e *env, w int) []key.Binding {
	ks, _ := m.footerHelp(e, w)
	return ks
}

// footerHelp is footerKeys and their help items (helpItems), drawn once
// for both the choice of keys and the help line.
func (m *Model) footerHelp(e *env, w int) ([]key.Binding, []helpItem) {
	if m.helpOpen {
		k := &m.keys
		ks := []key.Binding{with(k.Help, "close", true), with(k.Back, "close", true), with(k.ForceQuit, "quit", true)}
		return ks, m.helpItems(ks)
	}
	ks := m.helpKeys(e)
	return navGivesWay(m.styles, w, ks, m.helpItems(ks), m.keys.navKeys())
}

// quitQuestion is the question q asks and the keys that answer it: while
// placing, whether to leave an order that may exist; before, whether to
// leave the configured order unplaced.
func (m *Model) quitQuestion() (string, []key.Binding) {
	k := &m.keys
	if m.step == StepPlacing {
		return "The order is being placed and may already exist. Quit anyway?", []key.Binding{k.Yes, k.No}
	}
	return "Leave without ordering? Your answers are not kept.",
		[]key.Binding{with(k.Yes, "leave", true), with(k.No, "stay", true)}
}

// standardWidth is the width of the standard terminal, 80 columns.
const standardWidth = 80

// navGivesWay drops the cursor keys nav ("↑↓ move", which every list
// shows and whose "↑ n more" lines hint at them) when that keeps the help
// on one line of a terminal at least standardWidth wide, so that the body
// keeps the line: Review's own keys fill 80 columns. On a narrower
// terminal every key is kept and the help wraps. items are the keys'
// help items (helpItems); it returns the keys kept and theirs, so that
// the keys are drawn once, however many layouts are tried, and the help
// line is laid out from the same items.
func navGivesWay(st *Styles, w int, ks []key.Binding, items []helpItem, nav key.Binding) ([]key.Binding, []helpItem) {
	sepW := cellWidth(st.Glyphs.HelpSep)
	if _, n := helpLayout(w, sepW, items); w < standardWidth || n <= 1 {
		return ks, items
	}
	for i, k := range ks {
		if slices.Equal(k.Keys(), nav.Keys()) {
			rest := slices.Delete(slices.Clone(ks), i, i+1)
			restItems := slices.Delete(slices.Clone(items), i, i+1)
			if _, n := helpLayout(w, sepW, restItems); n <= 1 {
				return rest, restItems
			}
			break
		}
	}
	return ks, items
}

// helpView is the help line of the given keys (disabled ones are left
// out), "key description" separated by Glyphs.HelpSep. Keys that do not
// fit the width go on to a second line (and a third…), whole: no key is
// ever cut from the help line. A single key wider than the line is cut.
func helpView(st *Styles, w int, keys []key.Binding) string {
	return strings.Join(helpLines(st, w, helpItems(st, keys)), "\n")
}

// helpItem is one key of the help line drawn ("key description") and its
// width; off for a disabled key, which the line leaves out.
type helpItem struct {
	text  string
	width int
	off   bool
}

// helpItems draws keys for the help line, one item per key.
func helpItems(st *Styles, keys []key.Binding) []helpItem {
	items := make([]helpItem, len(keys))
	for i, k := range keys {
		items[i] = drawHelpItem(st, k)
	}
	return items
}

// drawHelpItem is k's help item in st.
func drawHelpItem(st *Styles, k key.Binding) helpItem {
	if !k.Enabled() {
		return helpItem{off: true}
	}
	g := &st.Glyphs
	text := st.Help.ShortKey.Inline(true).Render(g.Key(k.Help().Key)) + " " +
		st.Help.ShortDesc.Inline(true).Render(g.Text(k.Help().Desc))
	return helpItem{text: text, width: cellWidth(text)}
}

// helpLines lays the help items out in lines of w cells (see helpView).
func helpLines(st *Styles, w int, items []helpItem) []string {
	g := &st.Glyphs
	sep := st.Help.ShortSeparator.Inline(true).Render(g.HelpSep)
	at, n := helpLayout(w, cellWidth(g.HelpSep), items)
	out := make([]string, n)
	for i, it := range items {
		p := at[i]
		if it.off || p.line >= n {
			// A last line of nothing but empty keys is left out.
			continue
		}
		if p.sep {
			out[p.line] += sep
		}
		text := it.text
		if p.width < it.width {
			text = g.Truncate(text, p.width)
		}
		out[p.line] += text
	}
	return out
}

// helpPlace is where helpLayout puts an item: its line, whether a
// separator goes before it, and its width there (less than its own when
// it is cut to the line).
type helpPlace struct {
	line  int
	sep   bool
	width int
}

// helpLayout places the help items, separators sepW wide, in n lines of
// w cells: one after the other while they fit; a key that does not fit
// starts the next line, and a key wider than a line is cut. Disabled
// keys are left out. navGivesWay counts the lines without drawing them.
func helpLayout(w, sepW int, items []helpItem) (at []helpPlace, n int) {
	at = make([]helpPlace, len(items))
	line, lineW := 0, 0
	for i, it := range items {
		if it.off {
			continue
		}
		itemW, sep := it.width, false
		switch {
		case lineW == 0:
		case lineW+sepW+itemW <= w:
			sep, lineW = true, lineW+sepW
		default:
			line, lineW = line+1, 0
		}
		itemW = min(itemW, w-lineW)
		at[i] = helpPlace{line: line, sep: sep, width: itemW}
		lineW += itemW
		if lineW > 0 {
			n = line + 1
		}
	}
	return at, n
}

// tooSmall is the screen shown when the terminal is below the minimum.
func tooSmall(g *Glyphs, w, h int) string {
	msg := g.Text("memset-order needs a terminal of at least " + itoa(minWidth) + "×" + itoa(minHeight) +
		"; this one is " + itoa(w) + "×" + itoa(h) + ". Make it larger, or press ctrl+c to quit.")
	return clipBlock(wrap(msg, max(w, 1)), max(w, 1), max(h, 1))
}

// helpKeys are the keys that work on the current step, then (before an
// order is placed) retry, back and quit.
func (m *Model) helpKeys(e *env) []key.Binding {
	ks := m.current().keys(e)
	if m.step >= StepPlacing {
		return append(ks, m.keys.Help)
	}
	if !m.typing() && m.canRetry() {
		desc := "retry price"
		switch {
		case m.acctErr != nil && m.quoteFailed():
			desc = "retry"
		case m.acctErr != nil:
			desc = "reload account"
		}
		ks = append(ks, with(m.keys.Retry, desc, true))
	}
	return append(ks, m.globalKeys()...)
}

// globalKeys are the keys, besides retry, that work on every step before
// an order is placed: back, help and quit (ctrl+c while typing).
func (m *Model) globalKeys() []key.Binding {
	back := m.step != StepService && !m.current().ownsBack()
	ks := []key.Binding{with(m.keys.Back, "back", back)}
	if m.typing() {
		return append(ks, m.keys.ForceQuit)
	}
	return append(ks, m.keys.Help, m.keys.Quit)
}

// padBlock makes s exactly w×h cells so columns line up. Each line is
// measured once: it is cut only when wider than w (truncate), and padded
// by what the measure left.
func padBlock(s string, w, h int) string {
	ls := lines(s)
	var b strings.Builder
	b.Grow(len(s) + max(len(ls), h)*(max(w, 0)+1))
	for i := 0; i < len(ls) || i < h; i++ {
		if i > 0 {
			b.WriteByte('\n')
		}
		l := ""
		if i < len(ls) {
			l = ls[i]
		}
		padLine(&b, l, w)
	}
	return b.String()
}

// padLine writes l to b cut to w cells when wider, else padded with
// spaces to w: padRight(truncate(l, w), w), measuring l once.
func padLine(b *strings.Builder, l string, w int) {
	lw := cellWidth(l)
	if lw > w {
		b.WriteString(padRight(truncate(l, w), w))
		return
	}
	b.WriteString(l)
	for range w - lw {
		b.WriteByte(' ')
	}
}

// clipBlock cuts every line to w cells and the block to h lines; it is the
// last guard against a line the terminal would wrap.
func clipBlock(s string, w, h int) string {
	ls := lines(s)
	if len(ls) > h {
		ls = ls[:h]
	}
	for i, l := range ls {
		ls[i] = truncate(l, w)
	}
	return strings.Join(ls, "\n")
}
