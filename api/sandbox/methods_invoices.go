package sandbox

import (
	"encoding/json"
	"slices"
	"time"

	"github.com/memset-order/memset-order/model"
)

// invoiceJSON is invoice.info's answer (all keys documented); items are
// [description, amount, period] triples.
type invoiceJSON struct {
	Ref           int            `json:"ref"`
	Amount        json.Number    `json:"amount"`
	Currency      model.Currency `json:"currency"`
	VAT           json.Number    `json:"vat"`
	Status        string         `json:"status"`
	Proforma      bool           `json:"proforma"`
	PaymentMethod string         `json:"payment_method"`
	Items         [][3]any       `json:"items"`
	Date          string         `json:"date"`
}

func toInvoiceJSON(inv model.Invoice) invoiceJSON {
	items := make([][3]any, 0, len(inv.Items))
	for _, it := range inv.Items {
		items = append(items, [3]any{it.Description, number(it.Amount.Amount), it.Period})
	}
	return invoiceJSON{
		Ref: inv.Ref, Amount: number(inv.Amount.Amount), Currency: inv.Amount.Currency, VAT: number(inv.VAT.Amount),
		Status: inv.Status, Proforma: inv.Proforma, PaymentMethod: inv.PaymentMethod, Items: items, Date: inv.Date,
	}
}

// invoiceInfo answers invoice.info(ref).
func (s *Sandbox) invoiceInfo(c *call) (any, *apiError) {
	if err := c.allow("ref"); err != nil {
		return nil, err
	}
	ref, err := c.integer("ref")
	if err != nil {
		return nil, err
	}
	inv, ok := s.findInvoice(ref)
	if !ok {
		return nil, notFound("Couldn't find invoice with ref '%d'", ref)
	}
	return toInvoiceJSON(inv.model()), nil
}

// invoiceList answers invoice.list([date_gte][, date_lte][, status]): the
// matching invoices in order of ref, an empty list when none match.
func (s *Sandbox) invoiceList(c *call) (any, *apiError) {
	if err := c.allow("date_gte", "date_lte", "status"); err != nil {
		return nil, err
	}
	from, hasFrom, err := c.date("date_gte")
	if err != nil {
		return nil, err
	}
	to, hasTo, err := c.date("date_lte")
	if err != nil {
		return nil, err
	}
	status, hasStatus := c.params["status"]
	if hasStatus && !slices.Contains(invoiceStatuses, status) {
		return nil, badParam("status", "Please select a valid choice. %s is not one of the available choices.", echo(status))
	}
	out := make([]invoiceJSON, 0, len(s.invoices))
	for _, inv := range s.invoices {
		day, _ := time.Parse(dateLayout, inv.created.UTC().Format(dateLayout))
		switch {
		case hasFrom && day.Before(from), hasTo && day.After(to), hasStatus && inv.status != status:
			continue
		}
		out = append(out, toInvoiceJSON(inv.model()))
	}
	return out, nil
}
