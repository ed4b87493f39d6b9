package ui

import (
	"errors"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/memset-order/memset-order/api/order"
	"github.com/memset-order/memset-order/model"
)

// outcome is how an order ended.
type outcome int

const (
	outcomeDone outcome = iota + 1
	outcomeFailed
	// outcomeUnknown: the create call's answer was lost; the order may or
	// may not exist. Never retried.
	outcomeUnknown
	// outcomeNoJob: placed, but Memset returned no job to follow.
	outcomeNoJob
	// outcomeHalted: a dry run was answered with a real order; nothing
	// more is sent.
	outcomeHalted
	// outcomeStopped: the order is placed but its job cannot be followed
	// (Memset gave a job id the client refuses to send).
	outcomeStopped
)

// doneStep is the last screen: what was ordered and where it stands.
type doneStep struct {
	stepDefaults
	outcome outcome
	follow  followingStep
	// unknown is what is known of an order whose answer was lost.
	unknown unknownOutcome
	// halt is why nothing more is sent (outcomeHalted).
	halt *order.Halt
}

func (s *doneStep) keys(e *env) []key.Binding {
	return []key.Binding{with(e.keys.Next, "exit", true), with(e.keys.Quit, "exit", true)}
}

func (s *doneStep) view(e *env) string {
	st, w := e.st, e.width
	j := s.follow.job()
	var out []string
	switch s.outcome {
	case outcomeDone:
		out = append(out, st.Success.Render(truncate("✓ Your new service is ready: "+orDash(j.Service), w)), "")
	case outcomeFailed:
		out = append(out, st.Error.Render(truncate("✗ The setup job failed"+s.follow.failedAfter(), w)), "",
			wrap("Memset reported an error for this job. Nothing more will happen on its own: contact Memset support with the job id and invoice below.", w), "")
	case outcomeNoJob:
		out = append(out, st.Success.Render(truncate("✓ Order placed", w)), "",
			wrap("Memset returned no job to follow for this order.", w), "")
	case outcomeStopped:
		out = append(out, st.Warning.Render(truncate("✓ Order placed, but its job cannot be followed", w)), "",
			wrap("Memset's answer gave a job id that cannot be asked about ("+describe(s.follow.t.EndErr)+"). The order stands: check its set-up in the Memset control panel.", w), "")
	case outcomeUnknown:
		return fitLines(s.unknown.view(e), e.height)
	case outcomeHalted:
		return fitLines(haltView(e, s.halt), e.height)
	}
	if j.ID != "" {
		out = append(out, st.Label.Render("Job     ")+" "+truncate(j.ID, w-9))
		out = append(out, st.Label.Render("Type    ")+" "+truncate(j.Type+" · "+j.State().String(), w-9))
	}
	out = append(out, st.Label.Render("Invoice ")+" "+invoiceText(s.follow.t.Invoice))
	if j.ID != "" && !s.follow.t.Start.IsZero() {
		out = append(out, st.Label.Render("Took    ")+" "+elapsed(s.follow.t.Now.Sub(s.follow.t.Start)))
	}
	if d := s.follow.placement.Differences; len(d) > 0 {
		out = append(out, "", st.Error.Render(wrap(priceDiffers(d), w)))
	}
	if e.sandbox {
		out = append(out, "", st.Subtle.Render(wrap("Ordered in the sandbox: nothing real was created or charged.", w)))
	}
	if s.follow.journalWarn != nil {
		out = append(out, st.Warning.Render(wrap("The journal could not record the outcome ("+describe(s.follow.journalWarn)+").", w)))
	}
	return fitLines(strings.Join(out, "\n"), e.height)
}

// finish moves to Done once the job has ended, and writes the end into
// the order's journal entry.
func (m *Model) finish() tea.Cmd {
	f := *m.following
	j := f.job()
	m.result.Service, m.result.State = j.Service, j.State()
	out := outcomeDone
	switch {
	case f.t.EndErr != nil:
		out = outcomeStopped
	case j.State() == model.JobFailed:
		out = outcomeFailed
		m.result.Stage, _ = f.t.LastStage()
		m.result.Err = errors.New("job " + j.ID + " failed at " + j.Status)
	}
	*m.done = doneStep{outcome: out, follow: f}
	m.step = transition(m.prod, m.step, evJobEnded)
	return m.recordEndCmd(f.placement.JournalID, f.t)
}

// haltView says that a price check came back as a real order: what came
// back, where it is journalled, and that nothing more is sent.
func haltView(e *env, h *order.Halt) string {
	st, w := e.st, e.width
	out := []string{st.Error.Render(truncate("✗ A price check came back as a real order", w)), "",
		wrap("Memset answered a dry run (a price check, which never orders) with an invoice or a job. memset-order has stopped: it sends nothing more to Memset in this run, neither price checks nor orders.", w), ""}
	for _, s := range h.Orders {
		line := "Came back: " + s.Describe()
		if s.JournalID != "" {
			line += " · journal entry " + s.JournalID
		} else if s.JournalErr != nil {
			line += " · not journalled (" + describe(s.JournalErr) + "): note the numbers"
		}
		out = append(out, st.Warning.Render(wrap(line, w)))
	}
	out = append(out, "", wrap("Check your invoices in the Memset control panel and cancel the order there if you did not want it. `memset-order orders` lists it.", w))
	return strings.Join(out, "\n")
}
