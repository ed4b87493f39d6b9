package order

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/memset-order/memset-order/api"
	"github.com/memset-order/memset-order/model"
)

// Likelihood is how likely the invoices a settlement found are the order.
// It is never certainty: only Memset's answer to the create was.
type Likelihood int

// The likelihoods.
const (
	// NoInvoice: invoice.list has no invoice from the day of the attempt
	// that the journal does not already tie to another order. The order was
	// probably not placed, but an invoice can appear later.
	NoInvoice Likelihood = iota + 1
	// Possible: there are invoices from that day, none naming the plan (or
	// the top-up's server); any of them may be the order.
	Possible
	// Likely: an invoice from that day names the plan (or server); the
	// order was most likely placed.
	Likely
)

// String names the likelihood.
func (l Likelihood) String() string {
	switch l {
	case NoInvoice:
		return "probably not placed"
	case Possible:
		return "possibly placed"
	case Likely:
		return "most likely placed"
	}
	return fmt.Sprintf("Likelihood(%d)", int(l))
}

// Settlement is what Settle found for an order whose outcome is unknown.
type Settlement struct {
	// From is the first invoice date searched (YYYY-MM-DD, UTC): the day of
	// the attempt.
	From string
	// Term is what the invoices' items were searched for: the plan code,
	// or a top-up's server ("" when the order has neither).
	Term string
	// Invoices are the candidates: those naming Term when Likely, every
	// invoice of the day otherwise.
	Invoices   []model.Invoice
	Likelihood Likelihood
	// Excluded are invoices of the day left out because the journal ties
	// them to other orders.
	Excluded []int
	// Recorded is true once the journal holds the candidates; JournalErr
	// says why it does not.
	Recorded   bool
	JournalErr error
}

// Refs are the candidates' invoice references.
func (s Settlement) Refs() []int {
	out := make([]int, 0, len(s.Invoices))
	for _, inv := range s.Invoices {
		out = append(out, inv.Ref)
	}
	return out
}

// Sentence says what the settlement found, for people, as a likelihood.
func (s Settlement) Sentence() string {
	switch s.Likelihood {
	case Likely:
		if len(s.Invoices) == 1 {
			return fmt.Sprintf("Invoice %d mentions %s: the order was most likely placed. Do not order it again.", s.Invoices[0].Ref, s.Term)
		}
		return fmt.Sprintf("%d invoices from %s mention %s: the order was most likely placed. Do not order it again.", len(s.Invoices), s.From, s.Term)
	case Possible:
		refs := make([]string, 0, len(s.Invoices))
		for _, r := range s.Refs() {
			refs = append(refs, fmt.Sprint(r))
		}
		return fmt.Sprintf("No invoice from %s mentions %s, but %s may be the order: check before ordering again.", s.From, orDash(s.Term), strings.Join(refs, ", "))
	}
	return fmt.Sprintf("No invoice dated from %s could be this order. It was probably not placed, but an invoice can appear later: check the control panel before ordering again.", s.From)
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// SearchTerm is what Settle looks for in invoice items: the plan code, or
// for a top-up its server.
func (d *Desk) SearchTerm(o model.Order) string {
	if o.SKU != "" {
		return o.SKU
	}
	if p, ok := d.cfg.Catalogue.Product(o.Product); ok && p.TargetParam != "" {
		return o.Target
	}
	return ""
}

// Settle looks in invoice.list, from the day of the attempt, for the
// invoices that may be order o sent at at (journal record journalID, ""
// for none), leaves out the invoices the journal ties to other orders, and
// records the candidates in the journal. It never sends the order.
func (d *Desk) Settle(ctx context.Context, journalID string, o model.Order, at time.Time) (Settlement, error) {
	s := Settlement{From: at.UTC().Format(time.DateOnly), Term: d.SearchTerm(o)}
	invs, err := d.cfg.Backend.InvoiceList(ctx, api.InvoiceFilter{From: s.From})
	if err != nil {
		return s, err
	}
	var tied map[int]bool
	if j := d.cfg.Journal; j != nil {
		if tied, err = j.Tied(journalID); err != nil {
			// Not knowing which invoices are other orders' makes every
			// invoice a candidate: say more, never less.
			tied = nil
		}
	}
	var free []model.Invoice
	for _, inv := range invs {
		if tied[inv.Ref] {
			s.Excluded = append(s.Excluded, inv.Ref)
			continue
		}
		free = append(free, inv)
	}
	s.Invoices, s.Likelihood = candidates(s.Term, free)
	if j := d.cfg.Journal; j != nil && journalID != "" && len(s.Invoices) > 0 {
		s.JournalErr = j.Candidates(journalID, s.Refs())
		s.Recorded = s.JournalErr == nil
	}
	return s, nil
}

// candidates picks the invoices that name term in an item; when none
// does, every invoice given is possible.
func candidates(term string, invs []model.Invoice) ([]model.Invoice, Likelihood) {
	if len(invs) == 0 {
		return nil, NoInvoice
	}
	if term != "" {
		t := strings.ToLower(term)
		var found []model.Invoice
		for _, inv := range invs {
			for _, it := range inv.Items {
				if strings.Contains(strings.ToLower(it.Description), t) {
					found = append(found, inv)
					break
				}
			}
		}
		if len(found) > 0 {
			return found, Likely
		}
	}
	return invs, Possible
}
