package order

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/memset-order/memset-order/api"
	"github.com/memset-order/memset-order/api/journal"
	"github.com/memset-order/memset-order/model"
)

// Outcome is how a real create ended.
type Outcome int

// The outcomes. Only Placed and PriceDiffers mean Memset answered with an
// order; Unknown means it may exist.
const (
	// NotSent: nothing left this machine (a rule, the journal, a halt or an
	// unreachable endpoint stopped it). Confirming again is safe.
	NotSent Outcome = iota + 1
	// Refused: the create was sent and Memset refused it; nothing was
	// ordered. Confirming again after a fix is safe.
	Refused
	// Placed: Memset answered with the order, at the confirmed price.
	Placed
	// PriceDiffers: Memset answered with the order, but its price or
	// currency differs from what was confirmed (Placement.Differences).
	PriceDiffers
	// Unknown: the create was sent and its answer was lost (or the front
	// end left before it came). The order may exist; never send it again
	// without Settle.
	Unknown
)

// String names the outcome.
func (o Outcome) String() string {
	switch o {
	case NotSent:
		return "not sent"
	case Refused:
		return "refused"
	case Placed:
		return "placed"
	case PriceDiffers:
		return "placed at a different price"
	case Unknown:
		return "unknown"
	}
	return fmt.Sprintf("Outcome(%d)", int(o))
}

// Ordered reports whether Memset answered with an order.
func (o Outcome) Ordered() bool { return o == Placed || o == PriceDiffers }

// journalState is the journal's state for an outcome.
func (o Outcome) journalState() string {
	switch o {
	case Placed:
		return journal.StatePlaced
	case PriceDiffers:
		return journal.StateMismatch
	case Unknown:
		return journal.StateUnknown
	}
	return journal.StateRefused
}

// Placement is one real create and how it ended.
type Placement struct {
	Outcome Outcome
	// Order is the configuration as sent; At is when PlaceOnce began.
	Order model.Order
	At    time.Time
	// JournalID is the journal record ("" without a journal).
	JournalID string
	// Confirmed is the dry run the person confirmed; Answer is Memset's
	// answer (for Placed and PriceDiffers).
	Confirmed model.Quote
	Answer    model.Quote
	// Differences say how Answer differs from Confirmed, one phrase each
	// ("the total is $750.00, not £7.50"), for PriceDiffers.
	Differences []string
	// Err is why it was not placed (NotSent, Refused) or why its outcome is
	// unknown.
	Err error
	// JournalErr is, for NotSent, why the intent could not be written;
	// otherwise why the outcome could not be (the order stands as Outcome
	// says).
	JournalErr error
	// Blocked is the rule that stopped it before anything was sent.
	Blocked *model.Problem
}

// Errors of PlaceOnce that stop an order before anything is sent.
var (
	// ErrNoConfirmedPrice: PlaceOnce was given no dry-run price to compare the
	// answer with.
	ErrNoConfirmedPrice = errors.New("no dry-run price was confirmed for this order")
	// ErrBusy: another order is being placed by this desk.
	ErrBusy = errors.New("another order is being placed; wait for its answer")
)

// PlaceOnce sends the real order o once: the rules (Check) first, then the
// journal's intent (nothing is sent if it cannot be written), then exactly
// one create, then the journal's outcome. confirmed is the dry run the
// person confirmed; Memset's answer is compared with it. It is the only
// caller of the backend's Place in the program.
func (d *Desk) PlaceOnce(ctx context.Context, o model.Order, acct model.Account, confirmed model.Quote) Placement {
	p := Placement{Order: o.Clone(), At: d.cfg.Now(), Confirmed: confirmed}
	notSent := func(err error) Placement { p.Outcome, p.Err = NotSent, err; return p }
	if h := d.Halted(); h != nil {
		return notSent(h)
	}
	if ps := d.Check(o, acct); len(ps) > 0 {
		p.Blocked = &ps[0]
		return notSent(ps[0])
	}
	if !confirmed.DryRun || confirmed.Currency == "" {
		return notSent(ErrNoConfirmedPrice)
	}
	f, err := d.takeOff(p)
	if err != nil {
		return notSent(err)
	}
	if j := d.cfg.Journal; j != nil {
		c := confirmed
		id, err := j.Intent(o, d.cfg.Endpoint, &c)
		if err != nil {
			p.JournalErr = err
			p = notSent(fmt.Errorf("the order journal could not record it: %w", err))
			d.land(f, p)
			return p
		}
		p.JournalID = id
		d.mu.Lock()
		f.p.JournalID = id
		left := f.abandoned
		d.mu.Unlock()
		if left {
			// The front end left before anything was sent: send nothing.
			p.Outcome, p.Err = NotSent, ErrLeft
			p.JournalErr = j.Outcome(id, journal.StateRefused, nil, "not sent: "+ErrLeft.Error(), "")
			d.land(f, p)
			return p
		}
	}
	ans, err := d.cfg.Backend.Place(ctx, o)
	p.Outcome, p.Err = classify(err)
	if p.Outcome.Ordered() {
		p.Answer = ans
		if p.Differences = Differences(confirmed, ans); len(p.Differences) > 0 {
			p.Outcome = PriceDiffers
		}
	}
	// From here Abandon waits for the outcome line and then returns this
	// placement instead of writing "unknown" after it.
	f.jmu.Lock()
	d.mu.Lock()
	f.answered, f.p = true, p
	d.mu.Unlock()
	if j := d.cfg.Journal; j != nil && p.JournalID != "" {
		var a *model.Quote
		if p.Outcome.Ordered() {
			a = &p.Answer
		}
		text := ""
		if p.Err != nil {
			text = p.Err.Error()
		}
		p.JournalErr = j.Outcome(p.JournalID, p.Outcome.journalState(), a, text, strings.Join(p.Differences, "; "))
	}
	d.mu.Lock()
	f.p = p
	d.mu.Unlock()
	f.jmu.Unlock()
	d.land(f, p)
	return p
}

// classify turns the create's error into an outcome: no error is an
// order; Memset's own error answer is a refusal; a request that provably
// never left is not sent; anything else may have ordered.
func classify(err error) (Outcome, error) {
	if err == nil {
		return Placed, nil
	}
	if api.IsOutcomeUnknown(err) {
		return Unknown, err
	}
	var e *api.Error
	if errors.As(err, &e) {
		return Refused, err
	}
	var n *api.NetworkError
	if errors.As(err, &n) && n.NotSent {
		return NotSent, err
	}
	return Unknown, err
}

// Differences compares Memset's answer for a real order with the dry run
// that was confirmed: currency, net total and setup price. Empty means the
// same.
func Differences(confirmed, answer model.Quote) []string {
	var out []string
	if answer.Currency != confirmed.Currency {
		out = append(out, fmt.Sprintf("the currency is %s, not %s", orNone(string(answer.Currency)), orNone(string(confirmed.Currency))))
	}
	if answer.NetTotal.Amount != confirmed.NetTotal.Amount || answer.NetTotal.Currency != confirmed.NetTotal.Currency {
		out = append(out, fmt.Sprintf("the total is %s, not %s", answer.NetTotal, confirmed.NetTotal))
	}
	if answer.NetSetup.Amount != confirmed.NetSetup.Amount {
		out = append(out, fmt.Sprintf("the setup fee is %s, not %s", answer.NetSetup, confirmed.NetSetup))
	}
	if confirmed.SKU != "" && answer.SKU != "" && answer.SKU != confirmed.SKU {
		out = append(out, fmt.Sprintf("the plan is %s, not %s", answer.SKU, confirmed.SKU))
	}
	return out
}

func orNone(s string) string {
	if s == "" {
		return "not given"
	}
	return s
}

// takeOff registers the create about to be sent; one at a time.
func (d *Desk) takeOff(p Placement) (*flight, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.flight != nil {
		return nil, ErrBusy
	}
	d.flight = &flight{done: make(chan struct{}), p: p}
	return d.flight, nil
}

// land ends the flight with its placement.
func (d *Desk) land(f *flight, p Placement) {
	d.mu.Lock()
	f.p = p
	d.flight = nil
	d.last = &p
	d.mu.Unlock()
	close(f.done)
}

// InFlight reports whether a real create has been sent and not answered.
func (d *Desk) InFlight() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.flight != nil
}

// Last returns the latest placement that has ended.
func (d *Desk) Last() (Placement, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.last == nil {
		return Placement{}, false
	}
	return *d.last, true
}

// Wait waits, until ctx ends, for the real create in flight to be
// answered, and returns how it ended; ok is false when nothing was in
// flight or ctx ended first.
func (d *Desk) Wait(ctx context.Context) (p Placement, ok bool) {
	d.mu.Lock()
	f := d.flight
	d.mu.Unlock()
	if f == nil {
		return Placement{}, false
	}
	select {
	case <-f.done:
		return f.p, true
	case <-ctx.Done():
		return Placement{}, false
	}
}

// ErrLeft is why an order's outcome is unknown when the front end left
// before Memset answered.
var ErrLeft = errors.New("the program was left before Memset answered the order")

// Abandon is for a front end that leaves while a create is in flight: if
// its answer has not come, the journal records the outcome as unknown
// (ErrLeft), and the placement as it stands is returned with Outcome
// Unknown. Should the answer still come before the process ends, PlaceOnce
// records it after this, and the journal reads the later line. Once the
// answer is in, Abandon waits for its outcome line and returns that
// placement, writing nothing.
func (d *Desk) Abandon() (Placement, bool) {
	d.mu.Lock()
	f := d.flight
	d.mu.Unlock()
	if f == nil {
		return Placement{}, false
	}
	// Wait for an outcome line being written; once the answer is in, it is
	// what the front end is told and what the journal keeps.
	f.jmu.Lock()
	defer f.jmu.Unlock()
	d.mu.Lock()
	if f.abandoned || f.answered {
		p := f.p
		d.mu.Unlock()
		return p, true
	}
	f.abandoned = true
	p := f.p
	d.mu.Unlock()
	p.Outcome, p.Err = Unknown, ErrLeft
	if j := d.cfg.Journal; j != nil && p.JournalID != "" {
		p.JournalErr = j.Outcome(p.JournalID, journal.StateUnknown, nil, ErrLeft.Error(), "")
	}
	d.mu.Lock()
	f.p = p
	d.mu.Unlock()
	return p, true
}

// Leave is for a front end that is ending while a create may be in flight:
// it waits until ctx ends (a few seconds is kind) for Memset's answer and
// returns the placement as it ended; if no answer came, the outcome is
// recorded as unknown (Abandon). ok is false when nothing was in flight
// and no placement had ended.
func (d *Desk) Leave(ctx context.Context) (Placement, bool) {
	if p, ok := d.Wait(ctx); ok {
		return p, true
	}
	if p, ok := d.Abandon(); ok {
		return p, true
	}
	return d.Last()
}
