package ui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
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
	body = padBlock(body, e.width, e.height)
	if m.quoting() {
		body = m.paneStrip(e, w, m.stripHeightWith(fh)) + "\n\n" + body
	}
	return m.screen(m.header(w), body, footer)
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

// header is the product, the breadcrumb and the badge, then a rule.
func (m *Model) header(w int) string {
	title := ""
	if m.prod != nil {
		title = m.prod.Name
	}
	return headerView(m.styles, w, title, m.breadcrumb(w), m.cfg.Sandbox, m.cfg.Endpoint != "")
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
	gap := w - ansi.StringWidth(left) - ansi.StringWidth(badge)
	line1 := left
	if gap >= 1 {
		line1 = left + strings.Repeat(" ", gap) + badge
	} else {
		line1 = g.Truncate(left, w-ansi.StringWidth(badge)-1) + " " + badge
	}
	return line1 + "\n" + crumb + "\n" + st.Rule.Render(strings.Repeat(g.Rule, w))
}

// breadcrumb lists the product's steps with the current one marked.
func (m *Model) breadcrumb(w int) string {
	steps := stepsFor(m.prod)
	if m.step >= StepPlacing {
		steps = []Step{StepReview, StepPlacing, StepFollowing, StepDone}
	}
	return crumbView(m.styles, w, steps, m.step)
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
	return helpView(st, w, m.footerKeys(e, w))
}

// footerKeys are the keys the help line shows at width w.
func (m *Model) footerKeys(e *env, w int) []key.Binding {
	if m.helpOpen {
		k := &m.keys
		return []key.Binding{with(k.Help, "close", true), with(k.Back, "close", true), with(k.ForceQuit, "quit", true)}
	}
	return navGivesWay(m.styles, w, m.helpKeys(e), m.keys.navKeys())
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
// terminal every key is kept and the help wraps.
func navGivesWay(st *Styles, w int, ks []key.Binding, nav key.Binding) []key.Binding {
	if w < standardWidth || heightOf(helpView(st, w, ks)) <= 1 {
		return ks
	}
	for i, k := range ks {
		if slices.Equal(k.Keys(), nav.Keys()) {
			rest := slices.Delete(slices.Clone(ks), i, i+1)
			if heightOf(helpView(st, w, rest)) <= 1 {
				return rest
			}
			break
		}
	}
	return ks
}

// helpView is the help line of the given keys (disabled ones are left
// out), "key description" separated by Glyphs.HelpSep. Keys that do not
// fit the width go on to a second line (and a third…), whole: no key is
// ever cut from the help line. A single key wider than the line is cut.
func helpView(st *Styles, w int, keys []key.Binding) string {
	g := &st.Glyphs
	sep := st.Help.ShortSeparator.Inline(true).Render(g.HelpSep)
	sepW := ansi.StringWidth(g.HelpSep)
	var out []string
	line, lineW := "", 0
	for _, k := range keys {
		if !k.Enabled() {
			continue
		}
		item := st.Help.ShortKey.Inline(true).Render(g.Key(k.Help().Key)) + " " +
			st.Help.ShortDesc.Inline(true).Render(g.Text(k.Help().Desc))
		itemW := ansi.StringWidth(item)
		switch {
		case lineW == 0:
		case lineW+sepW+itemW <= w:
			line, lineW = line+sep, lineW+sepW
		default:
			out = append(out, line)
			line, lineW = "", 0
		}
		if itemW > w-lineW {
			item, itemW = g.Truncate(item, w-lineW), w-lineW
		}
		line, lineW = line+item, lineW+itemW
	}
	if lineW > 0 {
		out = append(out, line)
	}
	return strings.Join(out, "\n")
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

// padBlock makes s exactly w×h cells so columns line up.
func padBlock(s string, w, h int) string {
	ls := lines(s)
	for len(ls) < h {
		ls = append(ls, "")
	}
	for i, l := range ls {
		ls[i] = padRight(truncate(l, w), w)
	}
	return strings.Join(ls, "\n")
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
