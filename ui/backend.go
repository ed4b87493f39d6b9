package ui

import (
	"context"
	"errors"

	"github.com/memset-order/memset-order/api"
	"github.com/memset-order/memset-order/api/order"
	"github.com/memset-order/memset-order/model"
)

// Backend is what the wizard needs from the Memset API. It is declared on
// the consumer side; *api.Client satisfies it, whether it talks to
// api.memset.com or to the embedded sandbox. The order's own calls (dry
// runs, the real create, job.status, invoice.list) go through an
// order.Desk built on it; the wizard never calls Place itself.
type Backend interface {
	order.Backend
	// AvailableServices lists what the API can provision for this account.
	AvailableServices(ctx context.Context) ([]model.Offer, error)
	// VerifyDiscountCode checks a discount code.
	VerifyDiscountCode(ctx context.Context, code string) (model.DiscountCode, error)
	// Account reads the account context: payment methods, snapshots, servers.
	Account(ctx context.Context) (model.Account, error)
	DeliveredReader
}

// DeliveredReader reads what an order delivered, once its job has ended;
// *api.Client satisfies it.
type DeliveredReader interface {
	// ServerInfo describes a server: host name, addresses, OS.
	ServerInfo(ctx context.Context, name string) (model.ServerInfo, error)
	// ServiceInfo describes any service (a Memstore, an OpenStack project).
	ServiceInfo(ctx context.Context, name string) (model.ServiceInfo, error)
	// BandwidthInfo describes a service's bandwidth, a metered server's
	// bandwidth bank among it.
	BandwidthInfo(ctx context.Context, name string) (model.Bandwidth, error)
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
func (noBackend) ServerInfo(context.Context, string) (model.ServerInfo, error) {
	return model.ServerInfo{}, errNoBackend
}
func (noBackend) ServiceInfo(context.Context, string) (model.ServiceInfo, error) {
	return model.ServiceInfo{}, errNoBackend
}
func (noBackend) BandwidthInfo(context.Context, string) (model.Bandwidth, error) {
	return nil, errNoBackend
}

// *api.Client is what main gives the wizard and the follower.
var (
	_ Backend       = (*api.Client)(nil)
	_ FollowBackend = (*api.Client)(nil)
)
