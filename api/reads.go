package api

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/memset-order/memset-order/model"
)

// AvailableServices calls create.available_services (an inferred name, see
// model.Methods): the services that can be provisioned through the API.
// Products this program does not know are returned too, with their ids as
// Memset gives them.
func (c *Client) AvailableServices(ctx context.Context) ([]model.Offer, error) {
	return readList(ctx, c, model.MethodServicesList, nil, (*wireOffer).toModel)
}

// VerifyDiscountCode calls create.verify_discount_code (an inferred name,
// see model.Methods) to check a discount code. A code that does not exist or
// is not valid for the account is an *Error with IsDoesNotExist true. To see
// the code's effect on a price, Quote an order carrying it.
func (c *Client) VerifyDiscountCode(ctx context.Context, code string) (model.DiscountCode, error) {
	if err := c.usable(ctx); err != nil {
		return model.DiscountCode{}, err
	}
	code = strings.TrimSpace(code)
	switch {
	case code == "":
		return model.DiscountCode{}, errors.New("api: the discount code is empty")
	case len(code) > 64:
		return model.DiscountCode{}, fmt.Errorf("api: the discount code is %d characters long; codes have at most 64", len(code))
	case strings.IndexFunc(code, unicode.IsControl) >= 0:
		return model.DiscountCode{}, errors.New("api: the discount code contains a control character")
	}
	var w wireDiscount
	if err := c.read(ctx, model.MethodDiscountCode, url.Values{"discount_code": {code}}, &w); err != nil {
		return model.DiscountCode{}, err
	}
	return w.toModel(), nil
}

// JobStatus calls job.status for the job with the given id (32 hex
// digits, checked before anything is sent).
func (c *Client) JobStatus(ctx context.Context, id string) (model.Job, error) {
	if err := c.usable(ctx); err != nil {
		return model.Job{}, err
	}
	id = strings.ToLower(strings.TrimSpace(id))
	if c.cred != nil && strings.EqualFold(id, c.cred.key) {
		return model.Job{}, refusedLocally("api: that job id is the API key, not a job id; it was not sent")
	}
	if !model.ValidJobID(id) {
		return model.Job{}, refusedLocally(c.redact(fmt.Sprintf("api: job id %q is not 32 hexadecimal digits", clip(id, 40))))
	}
	var w wireJob
	if err := c.read(ctx, model.MethodJobStatus, url.Values{"id": {id}}, &w); err != nil {
		return model.Job{}, err
	}
	j := w.toModel()
	if j.ID != id {
		return model.Job{}, c.mismatch(model.MethodJobStatus, fmt.Sprintf("with job %s although job %s was asked for", j.ID, id))
	}
	return j, nil
}

// SnapshotList calls server.snapshot_list: the account's server snapshots.
// A snapshot's OSOption is what to send as os to order a server from it.
func (c *Client) SnapshotList(ctx context.Context) ([]model.Snapshot, error) {
	return readList(ctx, c, model.MethodSnapshotList, nil, (*wireSnapshot).toModel)
}

// ServerList calls server.list: the account's servers.
func (c *Client) ServerList(ctx context.Context) ([]model.Server, error) {
	return readList(ctx, c, model.MethodServerList, nil, (*wireServer).toModel)
}

// PaymentMethods calls payment_method.available: the account's payment
// methods, the default among them.
func (c *Client) PaymentMethods(ctx context.Context) ([]model.PaymentMethod, error) {
	return readList(ctx, c, model.MethodPaymentMethods, nil, (*wirePaymentMethod).toModel)
}

// ServiceInfo calls service.info for the named service (checked locally:
// 1–64 of A-Z a-z 0-9 - . _).
func (c *Client) ServiceInfo(ctx context.Context, name string) (model.ServiceInfo, error) {
	if err := c.usable(ctx); err != nil {
		return model.ServiceInfo{}, err
	}
	name = strings.TrimSpace(name)
	if !model.ValidServiceName(name) {
		return model.ServiceInfo{}, c.redactErr(fmt.Errorf("api: %q is not a service name (1 to 64 letters, digits, '-', '.' or '_')", clip(name, 70)))
	}
	var w wireServiceInfo
	if err := c.read(ctx, model.MethodServiceInfo, url.Values{"name": {name}}, &w); err != nil {
		return model.ServiceInfo{}, err
	}
	return w.toModel(), nil
}

// InvoiceInfo calls invoice.info for the invoice with reference ref. An
// unknown ref is an *Error with IsDoesNotExist true.
func (c *Client) InvoiceInfo(ctx context.Context, ref int) (model.Invoice, error) {
	if err := c.usable(ctx); err != nil {
		return model.Invoice{}, err
	}
	if ref <= 0 {
		return model.Invoice{}, fmt.Errorf("api: invoice reference %d is not a positive number", ref)
	}
	var w wireInvoice
	if err := c.read(ctx, model.MethodInvoiceInfo, url.Values{"ref": {strconv.Itoa(ref)}}, &w); err != nil {
		return model.Invoice{}, err
	}
	inv := w.toModel()
	if inv.Ref != ref {
		return model.Invoice{}, c.mismatch(model.MethodInvoiceInfo, fmt.Sprintf("with invoice %d although invoice %d was asked for", inv.Ref, ref))
	}
	return inv, nil
}

// InvoiceFilter narrows invoice.list. Empty fields do not filter.
type InvoiceFilter struct {
	// From and To bound the invoice date, inclusive, as YYYY-MM-DD
	// (date_gte and date_lte).
	From, To string
	// Status is one of NEW, AWAITING-PAYMENT, RENEWAL, REFUND, CANCELLED,
	// DONE, PROCESSING.
	Status string
}

// invoiceStatuses are the statuses invoice.list documents.
var invoiceStatuses = []string{"NEW", "AWAITING-PAYMENT", "RENEWAL", "REFUND", "CANCELLED", "DONE", "PROCESSING"}

// params checks the filter and returns invoice.list's parameters.
func (f InvoiceFilter) params() (url.Values, error) {
	v := url.Values{}
	var from, to time.Time
	for _, d := range []struct {
		name, param, value string
		t                  *time.Time
	}{{"From", "date_gte", f.From, &from}, {"To", "date_lte", f.To, &to}} {
		s := strings.TrimSpace(d.value)
		if s == "" {
			continue
		}
		t, err := time.Parse(time.DateOnly, s)
		if err != nil {
			return nil, fmt.Errorf("api: invoice filter %s %q is not a date like 2026-11-27", d.name, clip(s, 40))
		}
		*d.t = t
		v.Set(d.param, s)
	}
	if !from.IsZero() && !to.IsZero() && to.Before(from) {
		return nil, fmt.Errorf("api: invoice filter From %s is after To %s", f.From, f.To)
	}
	if s := strings.ToUpper(strings.TrimSpace(f.Status)); s != "" {
		if !slices.Contains(invoiceStatuses, s) {
			return nil, fmt.Errorf("api: invoice status %q is not one of %s", clip(f.Status, 40), strings.Join(invoiceStatuses, ", "))
		}
		v.Set("status", s)
	}
	return v, nil
}

// InvoiceList calls invoice.list: the account's invoices that match f
// (an empty list when none do).
func (c *Client) InvoiceList(ctx context.Context, f InvoiceFilter) ([]model.Invoice, error) {
	params, err := f.params()
	if err != nil {
		return nil, c.redactErr(err)
	}
	return readList(ctx, c, model.MethodInvoiceList, params, (*wireInvoice).toModel)
}

// readList calls a method that answers a list, checks every item and
// converts it with conv.
func readList[T any, P interface {
	*T
	checker
}, M any](ctx context.Context, c *Client, method model.Method, params url.Values, conv func(*T) M) ([]M, error) {
	if err := c.usable(ctx); err != nil {
		return nil, err
	}
	var w wireList[T, P]
	if err := c.read(ctx, method, params, &w); err != nil {
		return nil, err
	}
	return listToModel(w, conv), nil
}

// Account calls payment_method.available, server.snapshot_list and
// server.list (at the same time) and returns them as one
// model.Account{Known: true}. An account without snapshots storage, for
// which server.snapshot_list answers ApiErrorDoesNotExist, has no
// snapshots. Whether the account has consolidated billing comes from the
// inferred billing read (AccountBilling, at the same time); when that
// fails, BillingKnown is false and the caller must not present "goes on
// the next bill" as known.
func (c *Client) Account(ctx context.Context) (model.Account, error) {
	if err := c.usable(ctx); err != nil {
		return model.Account{}, err
	}
	var (
		wg                         sync.WaitGroup
		pms                        []model.PaymentMethod
		snaps                      []model.Snapshot
		servers                    []model.Server
		pmErr, snapErr, serversErr error
	)
	var (
		billing    Billing
		billingErr error
	)
	wg.Add(4)
	go func() { defer wg.Done(); billing, billingErr = c.AccountBilling(ctx) }()
	go func() { defer wg.Done(); pms, pmErr = c.PaymentMethods(ctx) }()
	go func() { defer wg.Done(); snaps, snapErr = c.SnapshotList(ctx) }()
	go func() { defer wg.Done(); servers, serversErr = c.ServerList(ctx) }()
	wg.Wait()
	if IsDoesNotExist(snapErr) {
		snaps, snapErr = nil, nil
	}
	for _, err := range []error{pmErr, snapErr, serversErr} {
		if err != nil {
			return model.Account{}, err
		}
	}
	a := model.Account{Known: true, PaymentMethods: pms, Snapshots: snaps, Servers: servers}
	if billingErr == nil {
		// The billing read is inferred (model.MethodAccountInfo): when it
		// fails the setting stays unknown, and nothing else is lost.
		a.BillingKnown, a.ConsolidatedBilling, a.Currency = true, billing.ConsolidatedBilling, billing.Currency
	}
	return a, nil
}

// redactErr scrubs the key from a locally made error that repeats input.
func (c *Client) redactErr(err error) error {
	s := err.Error()
	if r := c.redact(s); r != s {
		return errors.New(r)
	}
	return err
}
