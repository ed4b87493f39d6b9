package ui

import (
	"context"
	"errors"

	"github.com/memset-order/memset-order/api"
	"github.com/memset-order/memset-order/model"
)

// Backend is what the wizard needs from the Memset API. It is declared on
// the consumer side; *api.Client satisfies it, whether it talks to
// api.memset.com or to the embedded sandbox.
type Backend interface {
	// Quote is a dry run of the order's create method.
	Quote(ctx context.Context, o model.Order) (model.Quote, error)
	// Place is the real order; it is called at most once per confirmation.
	Place(ctx context.Context, o model.Order) (model.Quote, error)
	// AvailableServices lists what the API can provision for this account.
	AvailableServices(ctx context.Context) ([]model.Offer, error)
	// VerifyDiscountCode checks a discount code.
	VerifyDiscountCode(ctx context.Context, code string) (model.DiscountCode, error)
	// JobStatus reads a job.
	JobStatus(ctx context.Context, id string) (model.Job, error)
	// Account reads the account context: payment methods, snapshots, servers.
	Account(ctx context.Context) (model.Account, error)
	// InvoiceList lists the account's invoices; the wizard calls it once
	// after a create whose answer was lost, to find the order's invoice.
	InvoiceList(ctx context.Context, f api.InvoiceFilter) ([]model.Invoice, error)
}

// Journal records real orders so that a killed terminal loses no invoice
// reference or job id (design §5.2). The wizard calls Intent before Place
// and Outcome after it, inside the same tea.Cmd as Place. A nil Journal
// records nothing.
type Journal interface {
	// Intent records that o is about to be sent to endpoint. When it fails
	// the order is not placed and the error is shown.
	Intent(o model.Order, endpoint string) (id string, err error)
	// Outcome records how the create call ended: q is the answer (nil when
	// there is none) and placeErr the error, if any.
	Outcome(id string, q *model.Quote, placeErr error) error
	// Candidates records the invoices that may be the order of record id,
	// found with invoice.list after its outcome was unknown.
	Candidates(id string, invoiceRefs []int) error
}

// errNoBackend is every answer of a wizard built without a Backend.
var errNoBackend = errors.New("no backend is configured (ui.Config.Backend is nil)")

// noBackend stands in for a missing Backend so that the wizard shows the
// mistake on every screen that needs an answer instead of crashing.
type noBackend struct{}

func (noBackend) Quote(context.Context, model.Order) (model.Quote, error) {
	return model.Quote{}, errNoBackend
}
func (noBackend) Place(context.Context, model.Order) (model.Quote, error) {
	return model.Quote{}, errNoBackend
}
func (noBackend) AvailableServices(context.Context) ([]model.Offer, error) {
	return nil, errNoBackend
}
func (noBackend) VerifyDiscountCode(context.Context, string) (model.DiscountCode, error) {
	return model.DiscountCode{}, errNoBackend
}
func (noBackend) JobStatus(context.Context, string) (model.Job, error) {
	return model.Job{}, errNoBackend
}
func (noBackend) Account(context.Context) (model.Account, error) {
	return model.Account{}, errNoBackend
}
func (noBackend) InvoiceList(context.Context, api.InvoiceFilter) ([]model.Invoice, error) {
	return nil, errNoBackend
}
