package journal

import (
	"fmt"

	"github.com/memset-order/memset-order/model"
)

// OrderLog adapts a Journal to what the order package records (it
// satisfies order.Journal): it knows the catalogue, for the create method
// and parameters of an order. The order package decides each state; the
// log only writes it down.
type OrderLog struct {
	Journal   *Journal
	Catalogue *model.Catalogue
	// Origin, when set, is written with every intent: who placed the
	// order over SSH (`memset-order serve`).
	Origin Origin
}

// Intent records that o is about to be sent to endpoint, at the confirmed
// price when there is one.
func (l OrderLog) Intent(o model.Order, endpoint string, confirmed *model.Quote) (string, error) {
	p, ok := l.Catalogue.Product(o.Product)
	if !ok {
		return "", fmt.Errorf("journal: unknown product %q", o.Product)
	}
	return l.Journal.IntentFrom(p.Method, o, o.Params(p), endpoint, confirmed, l.Origin)
}

// Outcome records how the create of record id ended.
func (l OrderLog) Outcome(id, state string, answer *model.Quote, errText, mismatch string) error {
	return l.Journal.OutcomeMismatch(id, state, answer, errText, mismatch)
}

// Candidates records invoices that may be the order of record id.
func (l OrderLog) Candidates(id string, invoiceRefs []int) error {
	return l.Journal.Candidates(id, invoiceRefs)
}

// End records how the job of record id ended.
func (l OrderLog) End(id, state string, job model.Job, stage string) error {
	return l.Journal.End(id, state, job, stage)
}

// Tied returns the invoices the journal ties to orders other than record
// except: an invoice Memset answered with is that order's, so it cannot be
// another's. It reads only the records' briefs, however long the journal.
func (l OrderLog) Tied(except string) (map[int]bool, error) {
	sel, err := Select(l.Journal.Path(), Query{})
	if err != nil {
		return nil, err
	}
	defer sel.Close()
	out := map[int]bool{}
	sel.Briefs(func(_ int, b Brief) bool {
		if b.ID != except && b.InvoiceRef != 0 {
			out[b.InvoiceRef] = true
		}
		return true
	})
	return out, nil
}
