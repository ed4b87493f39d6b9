package ui

import (
	"errors"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
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
)

// doneStep is the last screen: what was ordered and where it stands.
type doneStep struct {
	outcome outcome
	follow  followingStep
	// unknown is what is known of an order whose answer was lost.
	unknown unknownOutcome
}

func (s doneStep) keys(e *env) []key.Binding {
	return []key.Binding{with(e.keys.Next, "exit", true), with(e.keys.Quit, "exit", true)}
}

func (s doneStep) view(e *env) string {
	st, w := e.st, e.width
	j := s.follow.job
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
	case outcomeUnknown:
		return fitLines(s.unknown.view(e), e.height)
	}
	if j.ID != "" {
		out = append(out, st.Label.Render("Job     ")+" "+truncate(j.ID, w-9))
		out = append(out, st.Label.Render("Type    ")+" "+truncate(j.Type+" · "+j.State().String(), w-9))
	}
	out = append(out, st.Label.Render("Invoice ")+" "+invoiceText(s.follow.invoice))
	if j.ID != "" && !s.follow.placedAt.IsZero() {
		out = append(out, st.Label.Render("Took    ")+" "+elapsed(s.follow.now.Sub(s.follow.placedAt)))
	}
	if e.sandbox {
		out = append(out, "", st.Subtle.Render(wrap("Ordered in the sandbox: nothing real was created or charged.", w)))
	}
	if s.follow.journalWarn != nil {
		out = append(out, st.Warning.Render(wrap("The journal could not record the outcome ("+describe(s.follow.journalWarn)+").", w)))
	}
	return fitLines(strings.Join(out, "\n"), e.height)
}

// finish moves to Done once the job has ended.
func (m *Model) finish(f followingStep) tea.Cmd {
	m.result.Service, m.result.State = f.job.Service, f.job.State()
	out := outcomeDone
	if f.job.State() == model.JobFailed {
		out = outcomeFailed
		m.result.Err = errors.New("job " + f.job.ID + " failed at " + f.job.Status)
	}
	m.done = doneStep{outcome: out, follow: f}
	m.step = transition(m.prod, m.step, evJobEnded)
	return nil
}
