package journal

import (
	"fmt"

	"github.com/memset-order/memset-order/api"
	"github.com/memset-order/memset-order/model"
)

// OrderLog adapts a Journal to what the wizard and the order commands
// need: it knows the catalogue (for the create method and parameters of an
// order) and how the api package reports outcomes.
type OrderLog struct {
	Journal   *Journal
	Catalogue *model.Catalogue
}

// Intent records that o is about to be sent to endpoint.
func (l OrderLog) Intent(o model.Order, endpoint string) (string, error) {
	p, ok := l.Catalogue.Product(o.Product)
	if !ok {
		return "", fmt.Errorf("journal: unknown product %q", o.Product)
	}
	return l.Journal.Intent(p.Method, o, o.Params(p), endpoint)
}

// Outcome records how the create of record id ended, classifying placeErr:
// nil is placed, an api outcome-unknown error is unknown, anything else is
// refused.
func (l OrderLog) Outcome(id string, q *model.Quote, placeErr error) error {
	state := StatePlaced
	text := ""
	switch {
	case placeErr == nil && q == nil:
		state, text = StateUnknown, "no answer was recorded"
	case placeErr == nil:
	case api.IsOutcomeUnknown(placeErr):
		state, text = StateUnknown, placeErr.Error()
	default:
		state, text = StateRefused, placeErr.Error()
	}
	return l.Journal.Outcome(id, state, q, text)
}

// Candidates records invoices that may be the order of record id.
func (l OrderLog) Candidates(id string, invoiceRefs []int) error {
	return l.Journal.Candidates(id, invoiceRefs)
}
