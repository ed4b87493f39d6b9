package order

import (
	"fmt"
	"strings"

	"github.com/memset-order/memset-order/api"
	"github.com/memset-order/memset-order/api/journal"
	"github.com/memset-order/memset-order/model"
)

// Halt is why a desk sends no more creates: a dry run was answered with a
// real order. It is returned as the error of every later Quote and PlaceOnce.nce.
type Halt struct {
	// Orders are the real orders that came back from dry runs, first
	// first (several when dry runs were in flight together).
	Orders []Stray
}

// Stray is a real order that came back from a dry run.
type Stray struct {
	// Order is the configuration that was priced.
	Order model.Order
	// Answer is what came back: its invoice and job.
	Answer model.Quote
	// JournalID is its journal record; JournalErr why there is none.
	JournalID  string
	JournalErr error
	// Err is the client's description of the answer (for details views).
	Err error
}

// Error says what happened and what to do, in a customer's words.
func (h *Halt) Error() string {
	var what []string
	for _, s := range h.Orders {
		what = append(what, s.Describe())
	}
	return "Memset answered a price check with a real order (" + strings.Join(what, "; ") +
		"). Nothing more will be sent in this run: check your invoices in the Memset control panel, and cancel the order there if you did not want it"
}

// Describe names the stray order: "invoice 100291, job 739c…".
func (s Stray) Describe() string {
	var parts []string
	if s.Answer.InvoiceRef != 0 {
		parts = append(parts, fmt.Sprintf("invoice %d", s.Answer.InvoiceRef))
	}
	if s.Answer.Job != nil && s.Answer.Job.ID != "" {
		parts = append(parts, "job "+s.Answer.Job.ID)
	}
	if len(parts) == 0 {
		return "no invoice or job number given"
	}
	return strings.Join(parts, ", ")
}

// Halted returns why the desk stopped sending creates, or nil.
func (d *Desk) Halted() *Halt {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.halt == nil {
		return nil
	}
	return &Halt{Orders: append([]Stray(nil), d.halt.Orders...)}
}

// trip halts the desk at a dry run answered with an order and journals
// what came back.
func (d *Desk) trip(o model.Order, od *api.OrderedOnDryRunError) *Halt {
	s := Stray{Order: o.Clone(), Answer: od.Answer, Err: od}
	if j := d.cfg.Journal; j != nil {
		id, err := j.Intent(o, d.cfg.Endpoint, nil)
		if err == nil {
			a := od.Answer
			err = j.Outcome(id, journal.StateDryRunOrder, &a, od.Error(), "")
		}
		s.JournalID, s.JournalErr = id, err
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.halt == nil {
		d.halt = &Halt{}
	}
	d.halt.Orders = append(d.halt.Orders, s)
	return &Halt{Orders: append([]Stray(nil), d.halt.Orders...)}
}
