package ui

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/memset-order/memset-order/model"
)

// Commands: every call to the Backend or the Journal happens inside one of
// these, with its own context and timeout. They only read what they are
// given and return a message; the model changes only in Update.

// quoteCmd asks for a dry run of o. The parent context belongs to the
// caller, who cancels it when a newer request replaces this one.
func (m *Model) quoteCmd(parent context.Context, o model.Order, seq int, prefetch bool) tea.Cmd {
	b, key := m.cfg.Backend, o.Key()
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(parent, quoteTimeout)
		defer cancel()
		q, err := b.Quote(ctx, o)
		return quoteMsg{key: key, seq: seq, prefetch: prefetch, quote: q, err: err}
	}
}

// accountCmd reads the account context.
func (m *Model) accountCmd() tea.Cmd {
	b, d := m.cfg.Backend, readTimeout
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), d)
		defer cancel()
		a, err := b.Account(ctx)
		return accountMsg{acct: a, err: err}
	}
}

// servicesCmd reads the services the API offers.
func (m *Model) servicesCmd() tea.Cmd {
	b, d := m.cfg.Backend, readTimeout
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), d)
		defer cancel()
		offers, err := b.AvailableServices(ctx)
		return servicesMsg{offers: offers, err: err}
	}
}

// verifyCmd checks a discount code.
func (m *Model) verifyCmd(code string) tea.Cmd {
	b, d := m.cfg.Backend, readTimeout
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), d)
		defer cancel()
		dc, err := b.VerifyDiscountCode(ctx, code)
		return verifyMsg{code: code, dc: dc, err: err}
	}
}

// placeCmd places the order: the journal's intent first (no intent, no
// order), then the one create call, then the journal's outcome, all in this
// one command so that nothing can come between them.
func (m *Model) placeCmd(o model.Order) tea.Cmd {
	b, j, endpoint, d := m.cfg.Backend, m.cfg.Journal, m.cfg.Endpoint, placeTimeout
	return func() tea.Msg {
		var id string
		if j != nil {
			var err error
			id, err = j.Intent(o, endpoint)
			if err != nil {
				return placedMsg{journalErr: err}
			}
		}
		ctx, cancel := context.WithTimeout(context.Background(), d)
		defer cancel()
		q, err := b.Place(ctx, o)
		out := placedMsg{quote: q, err: err, journalID: id}
		if j != nil {
			var qp *model.Quote
			if err == nil {
				qp = &q
			}
			out.outcomeErr = j.Outcome(id, qp, err)
		}
		return out
	}
}

// jobCmd reads the job's status.
func (m *Model) jobCmd(id string) tea.Cmd {
	b, d := m.cfg.Backend, readTimeout
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), d)
		defer cancel()
		j, err := b.JobStatus(ctx, id)
		return jobMsg{job: j, err: err}
	}
}

// pollAfter schedules the next job poll.
func (m *Model) pollAfter(d time.Duration, seq int) tea.Cmd {
	return m.cfg.Tick(d, func(time.Time) tea.Msg { return pollMsg{seq: seq} })
}

// clockAfter schedules the next elapsed-time refresh, a second away.
func (m *Model) clockAfter(seq int) tea.Cmd {
	return m.cfg.Tick(time.Second, func(time.Time) tea.Msg { return clockMsg{seq: seq} })
}
