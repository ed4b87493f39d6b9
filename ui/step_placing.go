package ui

import (
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/memset-order/memset-order/api/order"
	"github.com/memset-order/memset-order/model"
)

// placingStep is on screen while the one create call is out. Quitting now
// asks first: the order may already exist.
type placingStep struct {
	stepDefaults
	order model.Order
	// at is when it was sent, by the wizard's clock.
	at time.Time
}

func (s *placingStep) keys(e *env) []key.Binding {
	return []key.Binding{with(e.keys.Quit, "quit (asks first)", true)}
}

func (s *placingStep) view(e *env) string {
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
func (m *Model) place() tea.Cmd {
	e := m.env()
	if why := placeBlocker(e); why != "" {
		m.review.refused = why
		return nil
	}
	confirmed, _ := e.quoteFor(m.order)
	m.placeErr = nil
	*m.placing = placingStep{order: m.order.Clone(), at: m.cfg.Now()}
	m.step = transition(m.prod, StepReview, evNext)
	m.result.Sent = true
	m.q.cancelMain()
	return tea.Batch(m.placeCmd(m.placing.order, m.acct, confirmed), m.startSpinner())
}

// gotPlaced moves on from the create call: follow the job, report an
// unknown outcome, or go back to Review with the refusal on its field.
func (m *Model) gotPlaced(msg placedMsg) tea.Cmd {
	if m.step != StepPlacing {
		return nil
	}
	p := msg.p
	m.result.Placement = p
	switch p.Outcome {
	case order.NotSent:
		m.result.Sent = false
		m.result.Err = p.Err
		m.placeErr = &refusal{headline: "The order was not sent: ", detail: describe(p.Err)}
		m.step = transition(m.prod, m.step, evRefused)
		m.review.enter(m.env())
		return nil
	case order.Refused:
		m.result.Err = p.Err
		if r, ok := refusalOf(p.Err); ok {
			m.placeErr = r
		} else {
			m.placeErr = &refusal{headline: "Memset refused the order, so nothing was ordered: ", detail: describe(p.Err)}
		}
		m.step = transition(m.prod, m.step, evRefused)
		m.review.enter(m.env())
		return nil
	case order.Unknown:
		return m.startUnknown(p)
	}
	q := p.Answer
	m.result.Placed, m.result.InvoiceRef, m.result.Err = true, q.InvoiceRef, nil
	if q.Job == nil {
		*m.done = doneStep{outcome: outcomeNoJob, follow: followingStep{t: order.FromAnswer(q, m.prod, m.cfg.Now(), m.backoff()), journalWarn: p.JournalErr, placement: p}}
		m.step = transition(m.prod, m.step, evPlacedNoJob)
		return nil
	}
	m.result.JobID = q.Job.ID
	m.result.State = q.Job.State()
	*m.following = followingStep{journalWarn: p.JournalErr}
	cmd := m.following.start(p, m.prod, m)
	m.step = transition(m.prod, m.step, evPlaced)
	if m.following.ended() {
		return m.jobEnded()
	}
	return cmd
}
