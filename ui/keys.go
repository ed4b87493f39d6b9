package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// KeyMap is every key the wizard understands. All matching goes through
// key.Matches against these bindings, and the help line is generated from
// them, per step, showing only the keys that work there.
type KeyMap struct {
	// Up, Down, PageUp, PageDown, Home and End move a list's cursor; on
	// Plan, Image and the top-up's server list the cursor is the choice.
	Up       key.Binding
	Down     key.Binding
	PageUp   key.Binding
	PageDown key.Binding
	Home     key.Binding
	End      key.Binding
	// Next is enter: choose, continue, open, check a code, jump.
	Next key.Binding
	// Back is esc: the previous step, answers kept; closes an open editor.
	Back key.Binding
	// Fix applies the one-step fix of the option under the cursor.
	Fix key.Binding
	// Retry asks the backend again after a failure.
	Retry key.Binding
	// Place starts the deliberate confirmation on Review.
	Place key.Binding
	// Bill cycles add_to_next_bill on Review.
	Bill key.Binding
	// Script opens (and closes) Review's view of the order as a script: the
	// memset-order command, the API request and a curl line. CopyCommand
	// and CopyCurl copy its command and its curl line (OSC 52).
	Script      key.Binding
	CopyCommand key.Binding
	CopyCurl    key.Binding
	// Clear removes the discount code.
	Clear key.Binding
	// Switch moves between the fields of the top-up step.
	Switch key.Binding
	// Yes and No answer the quit confirmation.
	Yes key.Binding
	No  key.Binding
	// Help opens (and closes) the help screen: every key of the step on
	// screen and the ones that work everywhere.
	Help key.Binding
	// Quit leaves, asking first once a product is chosen and nothing is
	// ordered yet, or while an order is being placed; ForceQuit is ctrl+c,
	// which works even while typing and asks only while placing.
	Quit      key.Binding
	ForceQuit key.Binding
}

// DefaultKeyMap returns the wizard's keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:          key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:        key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		PageUp:      key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
		PageDown:    key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdn", "page down")),
		Home:        key.NewBinding(key.WithKeys("home"), key.WithHelp("home", "first")),
		End:         key.NewBinding(key.WithKeys("end"), key.WithHelp("end", "last")),
		Next:        key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "next")),
		Back:        key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		Fix:         key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "fix")),
		Retry:       key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "retry")),
		Place:       key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "place order")),
		Bill:        key.NewBinding(key.WithKeys("b"), key.WithHelp("b", "billing")),
		Script:      key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "script")),
		CopyCommand: key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "copy command")),
		CopyCurl:    key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "copy curl")),
		Clear:       key.NewBinding(key.WithKeys("ctrl+x"), key.WithHelp("ctrl+x", "clear code")),
		Switch:      key.NewBinding(key.WithKeys("tab", "shift+tab"), key.WithHelp("tab", "switch field")),
		Yes:         key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "yes, quit")),
		No:          key.NewBinding(key.WithKeys("n", "esc"), key.WithHelp("n", "no, stay")),
		Help:        key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Quit:        key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		ForceQuit:   key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
	}
}

// with returns a copy of b with another help text and the given enabled
// state, so a step can say "enter choose" where another says "enter next"
// without touching the shared map.
func with(b key.Binding, desc string, enabled bool) key.Binding {
	b.SetHelp(b.Help().Key, desc)
	b.SetEnabled(enabled)
	return b
}

// navKeys are the cursor keys of a list (listKeys), as one entry of the
// help line; the help screen lists them one by one (cursorKeys).
func (k KeyMap) navKeys() key.Binding {
	return k.nav(k.Up, k.Down, k.PageUp, k.PageDown, k.Home, k.End)
}

// nav is the help line's one "↑↓ move" entry for the cursor keys bs.
func (k KeyMap) nav(bs ...key.Binding) key.Binding {
	var keys []string
	for _, b := range bs {
		keys = append(keys, b.Keys()...)
	}
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp("↑↓", "move"))
}

// cursorKeys are the cursor bindings of the map, in the order the help
// screen lists them.
func (k KeyMap) cursorKeys() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Home, k.End}
}

// keyMsg is a key press.
type keyMsg = tea.KeyPressMsg

// matches reports whether msg is one of the bindings' keys.
func matches(msg keyMsg, b ...key.Binding) bool { return key.Matches(msg, b...) }
