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
	// delivered is what a done job delivered, as Memset's reads say (its
	// kind is empty when there was nothing to read).
	delivered delivered
	// unknown is what is known of an order whose answer was lost.
	unknown unknownOutcome
	// halt is why nothing more is sent (outcomeHalted).
	halt *order.Halt
}

func (s *doneStep) keys(e *env) []key.Binding {
	return []key.Binding{with(e.keys.Next, "exit", true), with(e.keys.Quit, "exit", true)}
}

func (s *doneStep) view(e *env) string {
	switch s.outcome {
	case outcomeUnknown:
		return fitLines(s.unknown.view(e), e.height)
	case outcomeHalted:
		return fitLines(haltView(e, s.halt), e.height)
	}
	return fitLines(strings.Join(endLines(e, s.outcome, &s.follow, &s.delivered), "\n"), e.height)
}

// endLines are the Done screen of an order whose job has ended or cannot
// be followed, and of a job followed by id that has ended: the wizard and
// `memset-order job follow` end on the same lines. A done job shows what
// it delivered; a failed one keeps its stage list, the failing stage
// marked, and says how to reach Memset's support.
func endLines(e *env, out outcome, f *followingStep, d *delivered) []string {
	st, w := e.st, e.width
	j := f.job()
	var lines []string
	switch out {
	case outcomeDone:
		title := "✓ The job is done"
		switch {
		case d.kind != "":
			title = d.title(j)
		case j.Service != "":
			title = "✓ Your new service is ready: " + j.Service
		}
		lines = append(lines, st.Success.Render(truncate(title, w)), "")
		if d.kind != "" {
			lines = append(append(lines, d.view(e)...), "")
		}
	case outcomeFailed:
		lines = append(lines, st.Error.Render(truncate("✗ The setup job failed"+f.failedAt(), w)), "")
		prog := f.t.Progress()
		lines = append(append(lines, stageLines(e, prog, f.t.Start)...), "")
		if prog.FailedStageUnknown {
			lines = append(lines, st.Warning.Render(wrap(stageUnknownNote, w)))
		}
		lines = append(lines, wrap(failedNote(f.t.Invoice != 0), w), "")
	case outcomeNoJob:
		lines = append(lines, st.Success.Render(truncate("✓ Order placed", w)), "",
			wrap("Memset returned no job to follow for this order.", w), "")
	case outcomeStopped:
		lines = append(lines, st.Warning.Render(truncate("✓ Order placed, but its job cannot be followed", w)), "",
			wrap("Memset's answer gave a job id that cannot be asked about ("+describe(f.t.EndErr)+"). The order stands: check its set-up in the Memset control panel.", w), "")
	}
	if j.ID != "" {
		lines = append(lines, labelled(e, "Job", j.ID)...)
		typ := j.Type + " · " + j.State().String()
		switch {
		case f.t.Start.IsZero():
		case f.t.ByID:
			typ += " · followed for " + elapsed(f.t.Now.Sub(f.t.Start))
		default:
			typ += " · took " + elapsed(f.t.Now.Sub(f.t.Start))
		}
		lines = append(lines, labelled(e, "Type", typ)...)
	}
	if !f.t.ByID || f.t.Invoice != 0 {
		lines = append(lines, labelled(e, "Invoice", invoiceText(f.t.Invoice))...)
	}
	if diff := f.placement.Differences; len(diff) > 0 {
		lines = append(lines, "", st.Error.Render(wrap(priceDiffers(diff), w)))
	}
	if e.sandbox && !f.t.ByID {
		lines = append(lines, "", st.Subtle.Render(wrap("Ordered in the sandbox: nothing real was created or charged.", w)))
	}
	if f.journalWarn != nil {
		lines = append(lines, st.Warning.Render(wrap("The journal could not record the outcome ("+describe(f.journalWarn)+").", w)))
	}
	return lines
}

// jobEnded records how the job ended (in the result and the journal) and
// moves to Done, first reading what a done job delivered: Done follows
// when that read answers (gotDelivered).
func (m *Model) jobEnded() tea.Cmd {
	f := m.following
	j := f.job()
	m.result.Service, m.result.State = j.Service, j.State()
	if j.State() == model.JobFailed && f.t.EndErr == nil {
		m.result.Stage, _ = f.t.LastStage()
		m.result.Err = errors.New("job " + j.ID + " failed at " + j.Status)
	}
	rec := m.recordEndCmd(f.placement.JournalID, f.t)
	o := f.placement.Order
	if o.Product == "" {
		o = m.order
	}
	if d, ok := planDelivered(m.prod, o, j); ok && f.t.EndErr == nil {
		f.reading = true
		m.done.delivered = d
		return tea.Batch(rec, deliveredCmd(m.cfg.Backend, d))
	}
	m.finish(delivered{})
	return rec
}

// gotDelivered takes what was read of a done job's delivery and moves to
// Done.
func (m *Model) gotDelivered(msg deliveredMsg) {
	if m.step != StepFollowing || !m.following.reading {
		return
	}
	d := m.done.delivered
	d.got(msg)
	m.following.reading = false
	m.finish(d)
}

// finish moves to Done with what was delivered (d's kind is empty when
// nothing was read).
func (m *Model) finish(d delivered) {
	f := *m.following
	out := outcomeDone
	switch {
	case f.t.EndErr != nil:
		out = outcomeStopped
	case f.job().State() == model.JobFailed:
		out = outcomeFailed
	}
	*m.done = doneStep{outcome: out, follow: f, delivered: d}
	m.step = transition(m.prod, m.step, evJobEnded)
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
