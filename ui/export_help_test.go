package ui

import "charm.land/bubbles/v2/key"

// HelpLineKeys are the keys the help line shows now (the quit question's
// when it is asked; none on the too-small screen).
func (m Model) HelpLineKeys() []key.Binding {
	switch {
	case m.small():
		return nil
	case m.confirmQuit:
		_, ks := m.quitQuestion()
		return ks
	}
	return m.footerKeys(m.env(), m.width)
}

// HelpScreenKeys are the keys the help screen lists now, enabled or not.
func (m Model) HelpScreenKeys() []key.Binding {
	step, global := m.helpSections(m.env())
	return append(step, global...)
}

// HelpOpen reports whether the help screen is up.
func (m Model) HelpOpen() bool { return m.helpOpen }

// QuitAsked reports whether the quit question is asked.
func (m Model) QuitAsked() bool { return m.confirmQuit }

// Typing reports whether letters are text now.
func (m Model) Typing() bool { return m.typing() }
