package ui

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// Layout: a header (product, breadcrumb, SANDBOX badge), the step's body,
// the quote pane (a right-hand column from 100 columns, a strip under the
// body below that) and the help line.
const (
	wideWidth    = 100
	paneWidth    = 38
	headerHeight = 3
	// paneStripHeight is the height of the pane under the body: a titled
	// rule and three lines; on short terminals it is paneStripShort.
	paneStripHeight = 4
	paneStripShort  = 2
	minWidth        = 60
	minHeight       = 18
)

// paneRight reports whether the quote pane is a right-hand column.
func (m *Model) paneRight() bool { return m.width >= wideWidth }

func (m *Model) bodyWidth() int {
	w := max(m.width, minWidth)
	if m.quoting() && m.paneRight() {
		return w - paneWidth - 2
	}
	return w
}

func (m *Model) bodyHeight() int {
	h := max(m.height, minHeight) - headerHeight - m.footerHeight() - 1
	if m.quoting() && !m.paneRight() {
		h -= m.stripHeight() + 1
	}
	return max(h, 1)
}

// stripHeight is the height of the pane under the body: shorter when the
// terminal is too short to give the body ten lines otherwise.
func (m *Model) stripHeight() int {
	avail := max(m.height, minHeight) - headerHeight - m.footerHeight() - 1
	if avail-paneStripHeight-1 < 10 {
		return paneStripShort
	}
	return paneStripHeight
}

func (m *Model) footerHeight() int {
	if m.confirmQuit {
		return 2
	}
	return 1
}

// View draws the whole screen in the alternate screen.
func (m Model) View() tea.View { return m.view(m.render(), "memset-order") }

// render is the screen as a string, every line at most the terminal's width.
func (m Model) render() string {
	if m.small() {
		return tooSmall(m.width, m.height)
	}
	w := m.width
	e := m.env()
	body := m.stepView(e)
	body = fitLines(body, e.height)
	body = padBlock(body, e.width, e.height)
	if m.quoting() {
		if m.paneRight() {
			pane := m.paneBox(e)
			body = lipgloss.JoinHorizontal(lipgloss.Top, body, "  ", pane)
		} else {
			body = body + "\n\n" + m.paneStrip(e, w, m.stripHeight())
		}
	}
	return m.screen(m.header(w), body, m.footer(e, w))
}

// stepView is the current step's body.
func (m *Model) stepView(e *env) string {
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
	left := st.Brand.Render("memset-order")
	if title != "" {
		left += st.Subtle.Render(" · ") + title
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
		line1 = truncate(left, w-ansi.StringWidth(badge)-1) + " " + badge
	}
	return line1 + "\n" + crumb + "\n" + st.Rule.Render(strings.Repeat("─", w))
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
	line := strings.Join(parts, st.Crumb.Render(" › "))
	if plain > w {
		return st.CrumbCurrent.Render(truncate(cur.String(), w))
	}
	return line
}

// footer is the help line for the current step, or the quit question.
func (m *Model) footer(e *env, w int) string {
	st := m.styles
	if m.confirmQuit {
		q := st.Warning.Render(truncate("The order is being placed and may already exist. Quit anyway?", w))
		return q + "\n" + helpView(st, w, []key.Binding{m.keys.Yes, m.keys.No})
	}
	return helpView(st, w, m.helpKeys(e))
}

// helpView is the help line of the given keys (disabled ones are left out).
func helpView(st *Styles, w int, keys []key.Binding) string {
	h := help.New()
	h.Styles = st.Help
	h.SetWidth(w)
	return h.ShortHelpView(keys)
}

// tooSmall is the screen shown when the terminal is below the minimum.
func tooSmall(w, h int) string {
	msg := "memset-order needs a terminal of at least " + itoa(minWidth) + "×" + itoa(minHeight) +
		"; this one is " + itoa(w) + "×" + itoa(h) + ". Make it larger, or press ctrl+c to quit."
	return clipBlock(wrap(msg, max(w, 1)), max(w, 1), max(h, 1))
}

// helpKeys are the keys that work on the current step, then (before an
// order is placed) retry, back and quit.
func (m *Model) helpKeys(e *env) []key.Binding {
	ks := m.current().keys(e)
	if m.step >= StepPlacing {
		return ks
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
	back := m.step != StepService && !m.current().ownsBack()
	ks = append(ks, with(m.keys.Back, "back", back))
	if m.typing() {
		return append(ks, m.keys.ForceQuit)
	}
	return append(ks, m.keys.Quit)
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
