package ui

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/memset-order/memset-order/api/order"
	"github.com/memset-order/memset-order/model"
)

// Commands: every call to the Backend or the order desk happens inside one of
// these, with its own context and timeout. They only read what they are
// given and return a message; the model changes only in Update.

// quoteCmd asks for a dry run of o. The parent context belongs to the
// caller, who cancels it when a newer request replaces this one.
func (m *Model) quoteCmd(parent context.Context, o model.Order, seq int, prefetch bool) tea.Cmd {
	desk, key := m.desk, o.Key()
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(parent, quoteTimeout)
		defer cancel()
		q, err := desk.Quote(ctx, o)
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
		return accountMsg{acct: a.Printable(), err: err}
	}
}

// servicesCmd reads the services the API offers.
func (m *Model) servicesCmd() tea.Cmd {
	b, d := m.cfg.Backend, readTimeout
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), d)
		defer cancel()
		offers, err := b.AvailableServices(ctx)
		for i := range offers {
			offers[i] = offers[i].Printable()
		}
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
		return verifyMsg{code: code, dc: dc.Printable(), err: err}
	}
}

// placeCmd hands the order to the desk, which records the intent, sends
// the one create and records the outcome (order.Desk.PlaceOnce); confirmed is
// the price the person confirmed.
func (m *Model) placeCmd(o model.Order, acct model.Account, confirmed model.Quote) tea.Cmd {
	desk, d := m.desk, placeTimeout
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), d)
		defer cancel()
		p := desk.PlaceOnce(ctx, o, acct, confirmed)
		p.Answer = p.Answer.Printable()
		return placedMsg{p: p}
	}
}

// settleCmd looks, once, for the invoices a create whose answer was lost
// may have raised (order.Desk.Settle), which records them in the journal.
func (m *Model) settleCmd(p order.Placement) tea.Cmd {
	desk, d := m.desk, readTimeout
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), d)
		defer cancel()
		s, err := desk.Settle(ctx, p.JournalID, p.Order, p.At)
		for i := range s.Invoices {
			s.Invoices[i] = s.Invoices[i].Printable()
		}
		return settledMsg{s: s, err: err}
	}
}

// recordEndCmd writes how the job ended into the order's journal entry.
func (m *Model) recordEndCmd(journalID string, t order.Tracker) tea.Cmd {
	return recordEnd(m.desk, journalID, t)
}

// recordEnd writes how the job ended into journal record journalID.
func recordEnd(desk *order.Desk, journalID string, t order.Tracker) tea.Cmd {
	if journalID == "" {
		return nil
	}
	return func() tea.Msg {
		return endRecordedMsg{err: desk.RecordEnd(journalID, t)}
	}
}

// jobCmd reads the job's status.
func (m *Model) jobCmd(id string) tea.Cmd { return jobStatusCmd(m.desk, id) }

// pollAfter schedules the next job poll.
func (m *Model) pollAfter(d time.Duration, seq int) tea.Cmd { return pollAfter(m.cfg.Tick, d, seq) }

// clockAfter schedules the next elapsed-time refresh, a second away.
func (m *Model) clockAfter(seq int) tea.Cmd { return clockAfter(m.cfg.Tick, seq) }

// jobReader reads a job: the order desk, or a FollowBackend.
type jobReader interface {
	JobStatus(ctx context.Context, id string) (model.Job, error)
}

// deliveredCmd reads what d says was delivered (server.info,
// service.info or bandwidth.info, by the kind of product), every text
// through the printable filter.
func deliveredCmd(b DeliveredReader, d delivered) tea.Cmd {
	dur := readTimeout
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), dur)
		defer cancel()
		msg := deliveredMsg{service: d.service}
		switch d.kind {
		case model.KindServer:
			s, err := b.ServerInfo(ctx, d.service)
			msg.server, msg.err = s.Printable(), err
		case model.KindTopUp:
			bw, err := b.BandwidthInfo(ctx, d.service)
			msg.bank, msg.err = bw.Printable(), err
		default:
			info, err := b.ServiceInfo(ctx, d.service)
			msg.info, msg.err = info.Printable(), err
		}
		return msg
	}
}

// jobStatusCmd reads job id's status from b.
func jobStatusCmd(b jobReader, id string) tea.Cmd {
	d := readTimeout
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), d)
		defer cancel()
		j, err := b.JobStatus(ctx, id)
		return jobMsg{job: j.Printable(), err: err}
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
