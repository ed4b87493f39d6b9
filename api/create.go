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
		var pe *ProtocolError
		if errors.As(err, &pe) && pe.ordered != nil {
			return model.Quote{}, &OrderedOnDryRunError{Method: method, Answer: *pe.ordered, Err: pe}
		}
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
	return orderParams(c.catalogue, o)
}

// orderParams maps an order to its create method, as catalogue cat names
// it, and the parameters a create call sends (without dry_run).
func orderParams(cat *model.Catalogue, o model.Order) (model.Method, url.Values, error) {
	p, ok := cat.Product(o.Product)
	if !ok {
		return "", nil, fmt.Errorf("api: unknown product %q (the catalogue has %s)", clip(string(o.Product), 40), productList(cat))
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

// quoteFor runs a typed wrapper: it fixes the product and asks the price.
// The wrappers only ever ask prices: a real order has one way out of this
// program, Client.Place, called only by the order package.
func (c *Client) quoteFor(ctx context.Context, product model.ProductID, o model.Order) (model.Quote, error) {
	if o.Product != "" && o.Product != product {
		return model.Quote{}, fmt.Errorf("api: the order is for %q, not %q", clip(string(o.Product), 40), product)
	}
	o.Product = product
	return c.Quote(ctx, o)
}

// CreateMonthlyMiniserver asks create.monthly_miniserver the price of a
// Miniserver VM paid monthly (dry_run=1).
func (c *Client) CreateMonthlyMiniserver(ctx context.Context, o model.Order) (model.Quote, error) {
	return c.quoteFor(ctx, model.ProductMonthlyMiniserver, o)
}

// CreateHourlyMiniserver asks create.hourly_miniserver (deprecated by
// Memset) the price of a Miniserver billed by the hour (dry_run=1).
func (c *Client) CreateHourlyMiniserver(ctx context.Context, o model.Order) (model.Quote, error) {
	return c.quoteFor(ctx, model.ProductHourlyMiniserver, o)
}

// CreateMonthlyFullserver asks create.monthly_fullserver the price of a
// dedicated server paid monthly (dry_run=1).
func (c *Client) CreateMonthlyFullserver(ctx context.Context, o model.Order) (model.Quote, error) {
	return c.quoteFor(ctx, model.ProductMonthlyFullserver, o)
}

// CreateMemstore asks create.memstore (an inferred name, see model.Methods)
// the price of a Memstore instance (dry_run=1).
func (c *Client) CreateMemstore(ctx context.Context, o model.Order) (model.Quote, error) {
	return c.quoteFor(ctx, model.ProductMemstore, o)
}

// CreateOpenStack asks create.openstack (an inferred name, see
// model.Methods) the price of a Cloud IaaS project (dry_run=1).
func (c *Client) CreateOpenStack(ctx context.Context, o model.Order) (model.Quote, error) {
	return c.quoteFor(ctx, model.ProductOpenStack, o)
}

// CreateBandwidthBank asks create.bandwidth_bank (an inferred name, see
// model.Methods) the price of adding GB to a metered server's bandwidth
// bank; o.Target is the server (dry_run=1).
func (c *Client) CreateBandwidthBank(ctx context.Context, o model.Order) (model.Quote, error) {
	return c.quoteFor(ctx, model.ProductBandwidthBank, o)
}
