package ui

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/memset-order/memset-order/api"
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

// invoiceCheckCmd looks, once, for the invoices a create whose answer was
// lost may have raised: invoice.list from the day of the attempt, narrowed
// by candidates; the candidates go into the journal entry.
func (m *Model) invoiceCheckCmd(o model.Order, from, journalID string) tea.Cmd {
	b, j, d := m.cfg.Backend, m.cfg.Journal, readTimeout
	p, _ := m.cat.Product(o.Product)
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), d)
		defer cancel()
		invs, err := b.InvoiceList(ctx, api.InvoiceFilter{From: from})
		if err != nil {
			return invoicesMsg{err: err}
		}
		out := invoicesMsg{}
		out.found, out.mentioned = candidates(p, o, invs)
		if j != nil && journalID != "" && len(out.found) > 0 {
			out.journalErr = j.Candidates(journalID, invoiceRefs(out.found))
			out.recorded = out.journalErr == nil
		}
		return out
	}
}

// jobCmd reads the job's status.
func (m *Model) jobCmd(id string) tea.Cmd { return jobStatusCmd(m.cfg.Backend, id) }

// pollAfter schedules the next job poll.
func (m *Model) pollAfter(d time.Duration, seq int) tea.Cmd { return pollAfter(m.cfg.Tick, d, seq) }

// clockAfter schedules the next elapsed-time refresh, a second away.
func (m *Model) clockAfter(seq int) tea.Cmd { return clockAfter(m.cfg.Tick, seq) }

// jobStatusCmd reads job id's status from b.
func jobStatusCmd(b FollowBackend, id string) tea.Cmd {
	d := readTimeout
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), d)
		defer cancel()
		j, err := b.JobStatus(ctx, id)
		return jobMsg{job: j, err: err}
	}
}

// pollAfter schedules the poll numbered seq after d.
func pollAfter(tick tickFunc, d time.Duration, seq int) tea.Cmd {
	return tick(d, func(time.Time) tea.Msg { return pollMsg{seq: seq} })
}

// clockAfter schedules the elapsed-time refresh numbered seq, a second away.
func clockAfter(tick tickFunc, seq int) tea.Cmd {
	return tick(time.Second, func(time.Time) tea.Msg { return clockMsg{seq: seq} })
}
