package api

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strings"

	"github.com/memset-order/memset-order/model"
)

// Run says whether a create call only asks the price (DryRun, the zero
// value, so a forgotten field is the safe one) or places a real order.
type Run int

// The two kinds of create call.
const (
	// DryRun asks for a quote with dry_run=1: nothing is ordered.
	DryRun Run = iota
	// RealOrder sends dry_run=0: Memset creates an invoice and a job.
	RealOrder
)

// String names the run for people.
func (r Run) String() string {
	switch r {
	case DryRun:
		return "dry run"
	case RealOrder:
		return "real order"
	}
	return fmt.Sprintf("Run(%d)", int(r))
}

// Quote asks the price of an order: it calls the order's create method
// (create.monthly_miniserver, create.hourly_miniserver,
// create.monthly_fullserver, create.memstore, create.openstack or
// create.bandwidth_bank, as the catalogue maps o.Product) with dry_run=1.
// Nothing is ordered, so transient failures are retried. A refusal such as
// Windows on a 1 GB plan is an *Error with IsBadParameters true and Param
// naming the field.
func (c *Client) Quote(ctx context.Context, o model.Order) (model.Quote, error) {
	if err := c.usable(ctx); err != nil {
		return model.Quote{}, err
	}
	method, params, err := c.orderParams(o)
	if err != nil {
		return model.Quote{}, err
	}
	params.Set(model.ParamDryRun, "1")
	var w wireQuote
	if err := c.read(ctx, method, params, &w); err != nil {
		return model.Quote{}, err
	}
	q := w.toModel()
	if err := c.checkQuote(method, o, q, true); err != nil {
		if !q.DryRun && (q.InvoiceRef != 0 || q.Job != nil) {
			var p *ProtocolError
			errors.As(err, &p)
			return model.Quote{}, &OrderedOnDryRunError{Method: method, Answer: q, Err: p}
		}
		return model.Quote{}, err
	}
	return q, nil
}

// Place places a real order: it calls the order's create method (as for
// Quote) with dry_run=0, exactly once, never retried. The answer carries
// the invoice reference and the setup job.
//
// If the request may have reached Memset but its answer was lost — a
// timeout, a dropped connection, a 5xx, an unreadable answer — the error is
// an *OutcomeUnknownError: the order may exist, and the caller must check
// invoice.list and the journal before ordering again. A refusal (4xx with
// Memset's error body) is an *Error; a failure that provably sent nothing
// (connection refused, unknown host) is a *NetworkError with NotSent.
func (c *Client) Place(ctx context.Context, o model.Order) (model.Quote, error) {
	if err := c.usable(ctx); err != nil {
		return model.Quote{}, err
	}
	method, params, err := c.orderParams(o)
	if err != nil {
		return model.Quote{}, err
	}
	params.Set(model.ParamDryRun, "0")
	var w wireQuote
	if err := c.sendOnce(ctx, method, params, &w); err != nil {
		return model.Quote{}, err
	}
	q := w.toModel()
	if err := c.checkQuote(method, o, q, false); err != nil {
		return model.Quote{}, c.outcomeUnknown(method, params, err)
	}
	return q, nil
}

// orderParams maps an order to its create method and parameters.
func (c *Client) orderParams(o model.Order) (model.Method, url.Values, error) {
	p, ok := c.catalogue.Product(o.Product)
	if !ok {
		return "", nil, fmt.Errorf("api: unknown product %q (the catalogue has %s)", clip(string(o.Product), 40), productList(c.catalogue))
	}
	if err := checkMethod(p.Method); err != nil {
		return "", nil, err
	}
	own := map[string]bool{model.ParamSKU: true, model.ParamOS: true, model.ParamDiscountCode: true, model.ParamAddToNextBill: true, model.ParamDryRun: true}
	if p.TargetParam != "" {
		own[p.TargetParam] = true
	}
	for k := range o.Extras {
		switch {
		case own[k]:
			return "", nil, fmt.Errorf("api: extra %q clashes with a parameter the order sets itself", k)
		case k == "" || strings.EqualFold(k, "api_key"):
			return "", nil, fmt.Errorf("api: extra %q is not a parameter that may be sent", clip(k, 40))
		}
	}
	params := url.Values{}
	for k, v := range o.Params(p) {
		params.Set(k, v)
	}
	return p.Method, params, nil
}

// checkQuote checks that an answer is for the call that was made.
func (c *Client) checkQuote(method model.Method, o model.Order, q model.Quote, dryRun bool) error {
	mismatch := func(reason string) error { return c.mismatch(method, reason) }
	switch {
	case dryRun && !q.DryRun:
		job := ""
		if q.Job != nil {
			job = ", job " + q.Job.ID
		}
		return mismatch(fmt.Sprintf("with a REAL ORDER (invoice %d%s) although a dry run was asked for: check invoice.list before ordering", q.InvoiceRef, job))
	case !dryRun && q.DryRun:
		return mismatch("with a dry-run answer although a real order was sent")
	case o.SKU != "" && q.SKU != "" && q.SKU != o.SKU:
		return mismatch(fmt.Sprintf("with a quote for sku %q although %q was asked for", clip(q.SKU, 40), o.SKU))
	}
	return nil
}

func productList(cat *model.Catalogue) string {
	var ids []string
	for _, p := range cat.Products {
		ids = append(ids, string(p.ID))
	}
	sort.Strings(ids)
	if len(ids) == 0 {
		return "no products"
	}
	return strings.Join(ids, ", ")
}

// create runs a typed create wrapper: it fixes the product and picks Quote
// or Place.
func (c *Client) create(ctx context.Context, product model.ProductID, o model.Order, run Run) (model.Quote, error) {
	if o.Product != "" && o.Product != product {
		return model.Quote{}, fmt.Errorf("api: the order is for %q, not %q", clip(string(o.Product), 40), product)
	}
	o.Product = product
	switch run {
	case DryRun:
		return c.Quote(ctx, o)
	case RealOrder:
		return c.Place(ctx, o)
	}
	return model.Quote{}, fmt.Errorf("api: %s is neither DryRun nor RealOrder; nothing was sent", run)
}

// CreateMonthlyMiniserver calls create.monthly_miniserver: a Miniserver VM
// paid monthly. run picks a dry run (Quote) or a real order (Place).
func (c *Client) CreateMonthlyMiniserver(ctx context.Context, o model.Order, run Run) (model.Quote, error) {
	return c.create(ctx, model.ProductMonthlyMiniserver, o, run)
}

// CreateHourlyMiniserver calls create.hourly_miniserver (deprecated by
// Memset): a Miniserver billed by the hour. run picks a dry run (Quote) or
// a real order (Place).
func (c *Client) CreateHourlyMiniserver(ctx context.Context, o model.Order, run Run) (model.Quote, error) {
	return c.create(ctx, model.ProductHourlyMiniserver, o, run)
}

// CreateMonthlyFullserver calls create.monthly_fullserver: a dedicated
// server paid monthly. run picks a dry run (Quote) or a real order (Place).
func (c *Client) CreateMonthlyFullserver(ctx context.Context, o model.Order, run Run) (model.Quote, error) {
	return c.create(ctx, model.ProductMonthlyFullserver, o, run)
}

// CreateMemstore calls create.memstore (an inferred name, see
// model.Methods): a Memstore instance. run picks a dry run (Quote) or a real
// order (Place).
func (c *Client) CreateMemstore(ctx context.Context, o model.Order, run Run) (model.Quote, error) {
	return c.create(ctx, model.ProductMemstore, o, run)
}

// CreateOpenStack calls create.openstack (an inferred name, see
// model.Methods): a Cloud IaaS project. run picks a dry run (Quote) or a
// real order (Place).
func (c *Client) CreateOpenStack(ctx context.Context, o model.Order, run Run) (model.Quote, error) {
	return c.create(ctx, model.ProductOpenStack, o, run)
}

// CreateBandwidthBank calls create.bandwidth_bank (an inferred name, see
// model.Methods): adds GB to a metered server's bandwidth bank; o.Target is
// the server. run picks a dry run (Quote) or a real order (Place).
func (c *Client) CreateBandwidthBank(ctx context.Context, o model.Order, run Run) (model.Quote, error) {
	return c.create(ctx, model.ProductBandwidthBank, o, run)
}
