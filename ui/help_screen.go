package ui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// The help screen (KeyMap.Help, "?") lists every key of the step on screen
// and the keys that work everywhere, generated from the same bindings as
// the help line: the step's keys(e), its "↑↓ move" entry spelled out as
// the KeyMap's cursor bindings, and the global ones. Keys the step has but
// that do nothing in its present state are listed dimmed, "not now".

// helpSections are the help screen's two lists: the step's keys (retry
// among them when something failed) and the keys that work everywhere.
func (m *Model) helpSections(e *env) (step, global []key.Binding) {
	k := &m.keys
	for _, b := range m.current().keys(e) {
		step = append(step, spellOut(k, b)...)
	}
	if m.step >= StepPlacing {
		force := "quit at once"
		if m.step == StepPlacing {
			force = "quit (asks first)"
		}
		return step, []key.Binding{with(k.Help, "help: open and close this screen", true), with(k.ForceQuit, force, true)}
	}
	if !m.typing() && m.canRetry() {
		step = append(step, with(k.Retry, "retry what failed", true))
	}
	back := m.step != StepService && !m.current().ownsBack()
	quit := "quit"
	if m.unplaced() {
		quit = "quit (asks first: the order is not kept)"
	}
	global = []key.Binding{
		with(k.Back, "back to the previous step, answers kept", back),
		with(k.Help, "help: open and close this screen", true),
		with(k.Quit, quit, !m.typing()),
		with(k.ForceQuit, "quit at once", true),
	}
	return step, global
}

// spellOut is b as the help screen lists it: a help line's cursor entry
// ("↑↓ move", KeyMap.nav) becomes the KeyMap's cursor bindings whose keys
// it holds, each with its own words and b's enabled state; any other
// binding is itself.
func spellOut(k *KeyMap, b key.Binding) []key.Binding {
	if b.Help().Key != k.navKeys().Help().Key {
		return []key.Binding{b}
	}
	var out []key.Binding
	for _, c := range k.cursorKeys() {
		if holdsAll(b.Keys(), c.Keys()) {
			out = append(out, with(c, c.Help().Desc, b.Enabled()))
		}
	}
	return out
}

// holdsAll reports whether every one of want is in have.
func holdsAll(have, want []string) bool {
	for _, w := range want {
		if !slices.Contains(have, w) {
			return false
		}
	}
	return true
}

// helpScreen draws the two lists in the body: one above the other when
// they fit its height, side by side when they do not and the width
// allows, else cut.
func (m *Model) helpScreen(e *env) string {
	st, w := e.st, e.width
	step, global := m.helpSections(e)
	left := helpList(st, "Keys on the "+m.step.String()+" step", step, w)
	right := helpList(st, "Keys that work everywhere", global, w)
	if heightOf(left)+1+heightOf(right) <= e.height {
		return left + "\n\n" + right
	}
	const gap = 4
	if lipgloss.Width(left)+gap+lipgloss.Width(right) <= w {
		return fitLines(lipgloss.JoinHorizontal(lipgloss.Top, left, strings.Repeat(" ", gap), right), e.height)
	}
	return fitLines(left+"\n"+right, e.height)
}

// helpList is a titled list of keys, one a line: the key, then what it
// does; a disabled key dimmed, with "not now".
func helpList(st *Styles, title string, keys []key.Binding, w int) string {
	g := &st.Glyphs
	keyW := 0
	for _, k := range keys {
		keyW = max(keyW, ansi.StringWidth(g.Key(k.Help().Key)))
	}
	out := []string{st.Title.Render(g.Truncate(title, w))}
	for _, k := range keys {
		label := padRight(g.Key(k.Help().Key), keyW)
		desc := g.Text(k.Help().Desc)
		if !k.Enabled() {
			out = append(out, st.Disabled.Render(g.Truncate("  "+label+"  "+desc+" (not now)", w)))
			continue
		}
		desc = g.Truncate(desc, max(w-2-keyW-2, 1))
		out = append(out, "  "+st.Key.Render(label)+"  "+desc)
	}
	return strings.Join(out, "\n")
}
