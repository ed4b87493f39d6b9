package sandbox

import (
	"encoding/json"
	"maps"
	"strings"

	"github.com/memset-order/memset-order/model"
)

// quoteJSON is a create method's answer, with the documented keys in the
// documented order. invoice_ref and job come with real orders only; sku is
// left out for products that have no SKUs.
type quoteJSON struct {
	SKU           string         `json:"sku,omitempty"`
	Currency      model.Currency `json:"currency"`
	DryRun        bool           `json:"dry_run"`
	InvoiceRef    int            `json:"invoice_ref,omitempty"`
	Job           *jobJSON       `json:"job,omitempty"`
	NetSetupPrice json.Number    `json:"net_setup_price"`
	NetTotal      json.Number    `json:"net_total"`
}

// number writes an amount as a JSON number with at least two decimals
// (7.50, 0.0104): exact, never through a float.
func number(a model.Amount) json.Number { return json.Number(a.Decimal()) }

// create answers a create method: a quote for a dry run, or a real order
// with an invoice and a job.
func (s *Sandbox) create(c *call, p *model.Product) (any, *apiError) {
	o, dryRun, err := s.orderFromParams(c, p)
	if err != nil {
		return nil, err
	}
	if pr := firstProblem(model.Check(s.cat, o, s.modelAccount())); pr != nil {
		if c.as != c.method { // the method as the client called it (WithMethodName)
			pr.Message = strings.ReplaceAll(pr.Message, string(c.method), string(c.as))
		}
		return nil, problemError(*pr)
	}
	if e := s.nameTaken(p, o); e != nil {
		return nil, e
	}
	var code *model.DiscountCode
	if o.DiscountCode != "" {
		d, ok := s.discountCode(o.DiscountCode, c.now)
		if !ok {
			return nil, badParam("discount_code", "Discount code %s does not exist or is not valid for this account.", echo(o.DiscountCode))
		}
		if !d.AppliesTo(p.ID) {
			return nil, badParam("discount_code", "Discount code %s is not valid for %s.", echo(d.Code), p.Name)
		}
		code = &d
	}
	price, perr := model.SamplePrice(s.cat, o, code, s.modelAccount())
	if perr != nil {
		return nil, internalError("The sandbox could not price the order: %v", perr)
	}
	q := quoteJSON{
		SKU:           o.SKU,
		Currency:      s.currency(),
		DryRun:        dryRun,
		NetSetupPrice: number(price.Setup),
		NetTotal:      number(price.Total),
	}
	if dryRun {
		return q, nil
	}
	j, inv := s.placeOrder(p, o, price, code, c)
	q.InvoiceRef = inv.ref
	q.Job = toJobJSON(j.view(c.now, s.stageDur))
	return q, nil
}

// orderFromParams builds the order exactly as sent: extras keep their values
// even when they equal the default, and parameters the product does not take
// go into Extras, where model.Check names them.
func (s *Sandbox) orderFromParams(c *call, p *model.Product) (model.Order, bool, *apiError) {
	dryRun, err := c.boolean("dry_run", false)
	if err != nil {
		return model.Order{}, false, err
	}
	o := model.Order{Product: p.ID, Extras: map[string]string{}}
	if _, sent := c.params["add_to_next_bill"]; sent {
		next, err := c.boolean("add_to_next_bill", true)
		if err != nil {
			return model.Order{}, false, err
		}
		o.BillTo = model.BillNow
		if next {
			o.BillTo = model.BillNextBill
		}
	}
	for k, v := range c.params {
		switch {
		case k == "dry_run" || k == "add_to_next_bill":
		case k == "sku":
			o.SKU = v
		case k == "os":
			o.OS = v
		case k == "discount_code":
			o.DiscountCode = strings.TrimSpace(v)
		case p.TargetParam != "" && k == p.TargetParam:
			o.Target = v
		default:
			o.Extras[k] = v
		}
	}
	return o, dryRun, nil
}

// firstProblem is the problem the API answers: a parameter the method does
// not take comes first (it is a client bug that would otherwise hide behind
// the problems it causes), then the first problem in the wizard's order.
func firstProblem(ps []model.Problem) *model.Problem {
	for i := range ps {
		if ps[i].Code == model.ProblemUnknownParam {
			return &ps[i]
		}
	}
	if len(ps) > 0 {
		return &ps[0]
	}
	return nil
}

// placeOrder records a real order: its job, its invoice and the order
// itself. s.mu must be held.
func (s *Sandbox) placeOrder(p *model.Product, o model.Order, price model.Price, code *model.DiscountCode, c *call) (*job, *invoice) {
	s.nextJob++
	j := &job{
		id:      jobID(s.idSeed, s.nextJob),
		typ:     p.JobType,
		stages:  p.JobStages,
		failAt:  s.acct.FailJobsAt,
		outcome: pending{product: p, order: o, price: price},
	}
	if p.Kind == model.KindTopUp {
		j.topUp, j.service = true, o.Target
		j.outcome.gb = o.ExtraInt("gb", 0)
	} else {
		j.service = s.serviceName(p.ServicePrefix)
	}
	// A service billed in arrears (inferred) waits for no payment: like a
	// charge on the next consolidated bill, its invoice is NEW (to be billed
	// after use) and the set-up starts at once.
	chargedNow := s.modelAccount().ChargedNow(o.BillTo) && !p.Billing.InArrears()
	inv := s.raiseInvoice(p, o, price, code, chargedNow, c.now, j)
	if !chargedNow {
		j.started, j.startedAt = true, c.now
	}
	s.jobs = append(s.jobs, j)
	s.orders = append(s.orders, Order{Method: c.method, Params: maps.Clone(c.params), InvoiceRef: inv.ref, JobID: j.id, At: c.now})
	return j, inv
}
