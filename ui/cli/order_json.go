package cli

import (
	"encoding/json"
	"io"

	"github.com/memset-order/memset-order/api/order"
	"github.com/memset-order/memset-order/model"
)

// The -o json document of `order` and `apply`, documented in the README
// ("The order command's JSON"); order_json_test.go keeps the two equal.
// Amounts are JSON numbers written as exact decimals ("7.50", "0.0104"),
// never through a float; every string from Memset or a file is filtered.

// orderJSON is the document.
type orderJSON struct {
	// Outcome is what happened: priced (a dry run), planned (saved with
	// --plan-out), placed, price_differs, refused, unknown or not_sent.
	Outcome string `json:"outcome"`
	Product string `json:"product"`
	// Method and Params are the create call as sent (dry_run left out);
	// URL is where it is POSTed.
	Method string            `json:"method"`
	Params map[string]string `json:"params"`
	URL    string            `json:"url"`
	// Curl is the same price check (dry_run=1) as a curl command line that
	// reads the key from $MEMSET_API_KEY.
	Curl string `json:"curl"`
	// Command is the same order as a memset-order command line.
	Command  string `json:"command"`
	Endpoint string `json:"endpoint"`
	// Sandbox: the embedded sandbox, whose prices are samples.
	Sandbox bool `json:"sandbox"`
	// Quote is Memset's answer as Memset gives it: the dry run, or the real
	// order with its invoice and job.
	Quote *quoteJSON `json:"quote,omitempty"`
	// Price is the quote read as a customer compares prices.
	Price *priceJSON `json:"price,omitempty"`
	// Differences say how a real order's answer differs from the price
	// confirmed (outcome price_differs).
	Differences []string `json:"differences,omitempty"`
	// JournalID is the journal entry of a real order.
	JournalID string `json:"journal_id,omitempty"`
	// JobEnd is the job's end, with --wait.
	JobEnd *jobEndJSON `json:"job_end,omitempty"`
	// PlanFile is where --plan-out saved the plan.
	PlanFile string `json:"plan_file,omitempty"`
}

// quoteJSON is a create method's answer, with Memset's field names.
type quoteJSON struct {
	SKU           string      `json:"sku,omitempty"`
	Currency      string      `json:"currency"`
	DryRun        bool        `json:"dry_run"`
	NetSetupPrice json.Number `json:"net_setup_price"`
	NetTotal      json.Number `json:"net_total"`
	InvoiceRef    int         `json:"invoice_ref,omitempty"`
	Job           *jobJSON    `json:"job,omitempty"`
}

// jobJSON is a job as job.status gives it.
type jobJSON struct {
	ID       string `json:"id"`
	Type     string `json:"type"`
	Status   string `json:"status"`
	Finished bool   `json:"finished"`
	Error    bool   `json:"error"`
}

// priceJSON is a dry run as a customer reads it (model.Charges).
type priceJSON struct {
	Currency string `json:"currency"`
	// Billing is monthly, hourly or one-off.
	Billing string `json:"billing"`
	// Months is how many months the first payment covers (monthly).
	Months int `json:"months,omitempty"`
	// Recurring is per month (monthly) or per hour (hourly), net of VAT.
	Recurring json.Number `json:"recurring"`
	Setup     json.Number `json:"setup"`
	// FirstPayment is what is charged when the order is placed (net of
	// VAT); for hourly billing the price of one hour.
	FirstPayment json.Number `json:"first_payment"`
	// MonthlyEstimate is, for hourly billing, a 730-hour month.
	MonthlyEstimate json.Number `json:"monthly_estimate,omitempty"`
	// VATPercent is the VAT rate assumed (inferred, model.VATPercent);
	// WithVAT is the first payment (hourly: the monthly estimate) with it.
	VATPercent int         `json:"vat_percent"`
	WithVAT    json.Number `json:"with_vat"`
}

// jobEndJSON is how a followed job ended.
type jobEndJSON struct {
	// State is done, failed or unknown (the following stopped first).
	State   string `json:"state"`
	Service string `json:"service,omitempty"`
	// Stage is where a failed job stopped.
	Stage string `json:"stage,omitempty"`
}

// num is an amount as an exact JSON number.
func num(a model.Amount) json.Number { return json.Number(a.Decimal()) }

// quoteOf is q with Memset's field names.
func quoteOf(q model.Quote) *quoteJSON {
	out := &quoteJSON{SKU: oneLine(q.SKU), Currency: oneLine(string(q.Currency)), DryRun: q.DryRun,
		NetSetupPrice: num(q.NetSetup.Amount), NetTotal: num(q.NetTotal.Amount), InvoiceRef: q.InvoiceRef}
	if j := q.Job; j != nil {
		out.Job = &jobJSON{ID: oneLine(j.ID), Type: oneLine(j.Type), Status: oneLine(j.Status), Finished: j.Finished, Error: j.Error}
	}
	return out
}

// priceOf reads q for product p.
func priceOf(p *model.Product, o model.Order, q model.Quote) *priceJSON {
	c := model.ChargesOf(q, p.Billing, o.ExtraInt("period", 1))
	out := &priceJSON{Currency: oneLine(string(c.First.Currency)), Billing: string(p.Billing),
		Recurring: num(c.Recurring.Amount), Setup: num(c.Setup.Amount), FirstPayment: num(c.First.Amount),
		VATPercent: model.VATPercent}
	if p.Billing == model.BillingMonthly {
		out.Months = c.Months
	}
	net := c.First
	if p.Billing == model.BillingHourly {
		net = c.MonthlyEstimate()
		out.MonthlyEstimate = num(net.Amount)
	}
	_, gross := model.WithVAT(net)
	out.WithVAT = num(gross.Amount)
	return out
}

// newOrderJSON is the document's description of o, before any outcome.
func newOrderJSON(b *Backend, o model.Order) *orderJSON {
	p, _ := b.Catalogue.Product(o.Product)
	doc := &orderJSON{Product: string(o.Product), Params: map[string]string{}, Endpoint: oneLine(b.Endpoint), Sandbox: b.Embedded,
		Command: order.CommandLine(b.Catalogue, o, b.Embedded, b.Endpoint)}
	if p != nil {
		doc.Method = string(p.Method)
		for k, v := range o.Params(p) {
			doc.Params[k] = oneLine(v)
		}
	}
	if r, err := b.Client.OrderRequest(o, true); err == nil {
		doc.URL, doc.Curl = oneLine(r.URL), r.Curl()
	}
	return doc
}

// outcomeWord is a placement's outcome as the document names it.
func outcomeWord(o order.Outcome) string {
	switch o {
	case order.Placed:
		return "placed"
	case order.PriceDiffers:
		return "price_differs"
	case order.Refused:
		return "refused"
	case order.Unknown:
		return "unknown"
	}
	return "not_sent"
}

// write prints the document, indented.
func (d *orderJSON) write(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(d)
}
