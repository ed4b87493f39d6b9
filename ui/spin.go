package ui

import (
	"time"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
)

// busy reports whether something is in flight, which is when the spinner
// turns.
func (m *Model) busy() bool {
	return m.acctLoading || !m.offersDone || m.q.debouncing ||
		len(m.q.inflight) > 0 || m.discount.status == discChecking || m.step == StepPlacing ||
		(m.step == StepDone && m.done.unknown.checking)
}

// Busy reports whether the wizard is still waiting for something that will
// change the screen without a key press: a backend answer, a debounce or
// list-price timer, or a job it is following. Scripted drivers and tests
// wait for it to turn false before reading the screen.
func (m Model) Busy() bool {
	return m.busy() || m.q.idleArmed || m.q.prefetching || m.step == StepFollowing
}

// startSpinner starts the spinner's ticks unless they already run.
func (m *Model) startSpinner() tea.Cmd {
	if m.spinning {
		return nil
	}
	m.spinning = true
	return m.startSpinnerCmd()
}

// startSpinnerCmd is the first tick (Init starts the spinner this way, New
// having marked it as spinning).
func (m Model) startSpinnerCmd() tea.Cmd {
	return m.cfg.Tick(m.spin.Spinner.FPS, func(t time.Time) tea.Msg { return spinnerTickMsg{at: t} })
}

// tickSpinner advances the spinner while busy and stops it otherwise. The
// spinner's own timer is not used: ticks come from cfg.Tick, so tests
// control them. Its frames are the glyph set's (a turning line in ASCII;
// the first frame, before a tick, is rewritten like any text).
func (m *Model) tickSpinner() tea.Cmd {
	if !m.busy() {
		m.spinning = false
		return nil
	}
	m.spin.Spinner = m.glyphs().Spinner
	m.spin, _ = m.spin.Update(spinner.TickMsg{ID: m.spin.ID()})
	return m.startSpinnerCmd()
}
