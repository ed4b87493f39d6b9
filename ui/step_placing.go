package ui

import (
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/memset-order/memset-order/model"
)

// placingStep is on screen while the one create call is out. Quitting now
// asks first: the order may already exist.
type placingStep struct {
	order model.Order
	// at is when it was sent, by the wizard's clock.
	at time.Time
}

func (s placingStep) keys(e *env) []key.Binding {
	return []key.Binding{with(e.keys.Quit, "quit (asks first)", true)}
}

func (s placingStep) view(e *env) string {
	st, w := e.st, e.width
	method := ""
	if e.prod != nil {
		method = string(e.prod.Method)
	}
	var out []string
	out = append(out, st.Title.Render(truncate(e.spinner+" Placing your order…", w)), "")
	out = append(out, wrap("Sending "+method+" once. If the answer is lost it is not sent again: you will be told what to check instead.", w))
	if e.sandbox {
		out = append(out, "", st.Subtle.Render(wrap("This is the sandbox: nothing real is ordered or charged.", w)))
	}
	return fitLines(strings.Join(out, "\n"), e.height)
}

// place starts the one create call, after checking once more that the
// order is possible and that the price on screen is this order's.
func (m Model) place() (tea.Model, tea.Cmd) {
	if why := placeBlocker(m.env()); why != "" {
		m.review.refused = why
		return m, nil
	}
	m.placeErr = nil
	m.placing = placingStep{order: m.order.Clone(), at: m.cfg.Now()}
	m.step = transition(m.prod, StepReview, evNext)
	if m.q.cancel != nil {
		m.q.cancel()
		m.q.cancel = nil
	}
	return m, tea.Batch(m.placeCmd(m.placing.order), m.startSpinner())
}

// gotPlaced moves on from the create call: follow the job, report an
// unknown outcome, or go back to Review with the refusal on its field.
func (m *Model) gotPlaced(msg placedMsg) tea.Cmd {
	if m.step != StepPlacing {
		return nil
	}
	switch {
	case msg.journalErr != nil:
		m.placeErr = &refusal{headline: "The order was not sent: ", detail: "the order journal could not record it: " + describe(msg.journalErr)}
		m.step = transition(m.prod, m.step, evRefused)
		return nil
	case msg.err != nil && placedNothing(msg.err):
		m.result.Err = msg.err
		if r, ok := refusalOf(msg.err); ok {
			m.placeErr = r
		} else {
			m.placeErr = &refusal{headline: "The order was not sent: ", detail: describe(msg.err)}
		}
		m.step = transition(m.prod, m.step, evRefused)
		m.review = m.review.enter(m.env())
		return nil
	case msg.err != nil:
		return m.startUnknown(msg)
	}
	m.result.Placed, m.result.InvoiceRef, m.result.Err = true, msg.quote.InvoiceRef, nil
	if msg.quote.Job == nil {
		m.done = doneStep{outcome: outcomeNoJob, follow: followingStep{invoice: msg.quote.InvoiceRef, journalWarn: msg.outcomeErr}}
		m.step = transition(m.prod, m.step, evPlacedNoJob)
		return nil
	}
	m.result.JobID = msg.quote.Job.ID
	m.result.State = msg.quote.Job.State()
	f, cmd := m.following.start(msg.quote, m)
	f.journalWarn = msg.outcomeErr
	m.following = f
	m.step = transition(m.prod, m.step, evPlaced)
	if st := f.job.State(); st == model.JobDone || st == model.JobFailed {
		return m.finish(f)
	}
	return cmd
}
