package sandbox

import (
	"fmt"
	"strconv"
	"time"

	"github.com/memset-order/memset-order/model"
)

// Invoice statuses the sandbox uses. AWAITING-PAYMENT is documented as an
// invoice status; that a paid invoice is DONE and a charge put on the next
// consolidated bill is NEW are inferred from the documented list.
const (
	invoiceNew  = "NEW"
	invoicePaid = "DONE"
)

// invoiceStatuses are the statuses Memset documents for invoice.list.
var invoiceStatuses = []string{"NEW", model.StatusAwaitingPayment, "RENEWAL", "REFUND", "CANCELLED", "DONE", "PROCESSING"}

// withVAT returns the VAT on net and the gross amount, both in whole minor
// units as on an invoice. The invoice amount includes VAT; the rate is
// model.VATPercent (inferred, in that one place).
func withVAT(net model.Amount) (vat, gross model.Amount) {
	v, g := model.WithVAT(model.Money{Amount: net})
	return v.Amount, g.Amount
}

// invoice is one invoice the sandbox raised for a real order.
type invoice struct {
	ref       int
	currency  model.Currency
	net       model.Amount
	status    string
	proforma  bool
	payMethod string
	items     []model.InvoiceItem
	created   time.Time
	job       *job
}

// charged reports whether the invoice's payment method pays it without the
// customer doing anything: a card or a billing account. A bank transfer or
// a cheque waits for the customer (PayInvoice).
func (inv *invoice) charged() bool {
	t := model.PaymentType(inv.payMethod)
	return t == model.PayCard || t == model.PayAccount
}

// pay marks the invoice paid at t and starts its job then.
func (inv *invoice) pay(t time.Time) {
	inv.status = invoicePaid
	inv.proforma = false
	if inv.job != nil && !inv.job.started {
		inv.job.started = true
		inv.job.startedAt = t
	}
}

// model returns the invoice as invoice.info describes it.
func (inv *invoice) model() model.Invoice {
	vat, gross := withVAT(inv.net)
	items := make([]model.InvoiceItem, len(inv.items))
	copy(items, inv.items)
	return model.Invoice{
		Ref:           inv.ref,
		Amount:        model.Money{Amount: gross, Currency: inv.currency},
		VAT:           model.Money{Amount: vat, Currency: inv.currency},
		Status:        inv.status,
		Proforma:      inv.proforma,
		PaymentMethod: inv.payMethod,
		Items:         items,
		Date:          inv.created.UTC().Format(dateLayout),
	}
}

// raiseInvoice records the invoice of a real order. When chargedNow it
// awaits payment (a proforma); otherwise the charge goes on the next
// consolidated bill and the invoice is NEW. s.mu must be held.
func (s *Sandbox) raiseInvoice(p *model.Product, o model.Order, pr model.Price, d *model.DiscountCode, chargedNow bool, now time.Time, j *job) *invoice {
	inv := &invoice{
		ref:       s.nextRef,
		currency:  s.currency(),
		net:       pr.Total,
		status:    invoiceNew,
		payMethod: string(model.PayNotSet),
		items:     invoiceItems(p, o, pr, d, s.currency()),
		created:   now,
		job:       j,
	}
	s.nextRef++
	if m, ok := s.modelAccount().DefaultPaymentMethod(); ok {
		inv.payMethod = string(m.Type)
	}
	if chargedNow {
		inv.status = model.StatusAwaitingPayment
		inv.proforma = true
	}
	s.invoices = append(s.invoices, inv)
	return inv
}

// invoiceItems are the lines of an order's invoice: the service for its
// period, the setup fee if any, the discount if any. They add up to the
// quote's net_total.
func invoiceItems(p *model.Product, o model.Order, pr model.Price, d *model.DiscountCode, cur model.Currency) []model.InvoiceItem {
	money := func(a model.Amount) model.Money { return model.Money{Amount: a, Currency: cur} }
	desc := itemDescription(p, o)
	period := periodText(p.Billing, pr.Period)
	items := []model.InvoiceItem{{Description: desc, Amount: money(pr.Recurring.Mul(int64(pr.Period))), Period: period}}
	if pr.Setup != 0 {
		items = append(items, model.InvoiceItem{Description: "Setup: " + desc, Amount: money(pr.Setup), Period: "one-off"})
	}
	if pr.Discount != 0 && d != nil {
		items = append(items, model.InvoiceItem{Description: fmt.Sprintf("Discount %s (%d%% off)", d.Code, d.PercentOff), Amount: money(-pr.Discount), Period: period})
	}
	return items
}

// itemDescription names what was ordered: "Miniserver VM 1 GB (MSVM001),
// debian_jessie_64", or for a top-up "Bandwidth bank top-up for sandyaa1,
// 100 GB".
func itemDescription(p *model.Product, o model.Order) string {
	if p.Kind == model.KindTopUp {
		return fmt.Sprintf("%s for %s, %s GB", p.Name, o.Target, o.Extra("gb"))
	}
	desc := p.Name
	if sku, ok := p.SKU(o.SKU); ok {
		desc = fmt.Sprintf("%s (%s)", sku.Name, sku.Code)
	}
	if o.OS != "" {
		desc += ", " + o.OS
	}
	return desc
}

// periodText is an invoice line's period: "1 month", "3 months", "1 hour",
// "one-off".
func periodText(b model.Billing, n int) string {
	switch b {
	case model.BillingMonthly:
		if n == 1 {
			return "1 month"
		}
		return strconv.Itoa(n) + " months"
	case model.BillingHourly:
		return "1 hour"
	}
	return "one-off"
}

// findInvoice returns the invoice with ref. s.mu must be held.
func (s *Sandbox) findInvoice(ref int) (*invoice, bool) {
	for _, inv := range s.invoices {
		if inv.ref == ref {
			return inv, true
		}
	}
	return nil, false
}
