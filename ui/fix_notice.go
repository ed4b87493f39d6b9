package ui

// fixNotice is the one line that says what the fix key just changed
// ("Switched to MSVM002 (2 GB RAM) so Windows fits"). The step the fix
// lands on shows it at the top of its detail area until the next key.
type fixNotice struct{ text string }

// noticeBoard is a step that can show a fix notice.
type noticeBoard interface {
	showNotice(text string)
	clearNotice()
}

func (n *fixNotice) showNotice(text string) { n.text = text }
func (n *fixNotice) clearNotice()           { n.text = "" }

// lines is the notice as detail lines: none when there is nothing to say.
func (n fixNotice) lines(e *env) []string {
	if n.text == "" {
		return nil
	}
	return []string{e.st.Success.Render(wrap("✓ "+n.text, e.width))}
}

// showNotice puts text on the step on screen, when it can show one.
func (m *Model) showNotice(text string) {
	if b, ok := m.current().(noticeBoard); ok && text != "" {
		b.showNotice(text)
	}
}

// clearNotices takes every fix notice down: a key was pressed.
func (m *Model) clearNotices() {
	for _, st := range m.byStep {
		if b, ok := st.(noticeBoard); ok {
			b.clearNotice()
		}
	}
}
