package ui

import (
	"github.com/memset-order/memset-order/api/order"
	"github.com/memset-order/memset-order/model"
)

// OrderFacts is what a front end without a screen (the `order` command)
// knows about an order when it says it in Review's words.
type OrderFacts struct {
	Catalogue *model.Catalogue
	Order     model.Order
	// Quote is the dry run for exactly Order, when there is one.
	Quote *model.Quote
	// Account is the account read for the order (Known set), or
	// AccountErr why it could not be.
	Account    model.Account
	AccountErr error
	// Discount is the checked discount code, when it was valid.
	Discount *model.DiscountCode
	// Sandbox, Endpoint and AccountLabel say where the order goes, as
	// Config's fields of the same names.
	Sandbox      bool
	Endpoint     string
	AccountLabel string
}

// Line is one labelled line of an order's summary.
type Line struct {
	Label, Value string
}

// Summary is Review's lines for an order — Service, Plan, Image, Extras,
// Discount, Billing, Account, Payment, Price and Total — in the same words
// the wizard's Review uses, as plain text (no styles).
func Summary(f OrderFacts) []Line {
	cat := f.Catalogue
	if cat == nil {
		cat = model.DefaultCatalogue()
	}
	p, ok := cat.Product(f.Order.Product)
	if !ok {
		return nil
	}
	e := &env{
		desk: order.New(order.Config{Catalogue: cat}), cat: cat, prod: p, order: f.Order,
		acct: f.Account, acctErr: f.AccountErr,
		sandbox: f.Sandbox, endpoint: f.Endpoint, label: f.AccountLabel, spinner: "·",
	}
	book := newQuoteBook()
	e.q = &book
	if f.Quote != nil {
		eff, _ := pricedOrder(cat, p, f.Order)
		book.cache[eff.Key()] = quoteEntry{quote: *f.Quote}
	}
	if f.Discount != nil {
		e.discount = discountState{code: f.Order.DiscountCode, status: discValid, dc: *f.Discount}
	}
	var out []Line
	for _, l := range reviewLines(e) {
		out = append(out, Line{Label: l.label, Value: model.Printable(l.value)})
	}
	return out
}
