package ui

import (
	"github.com/memset-order/memset-order/model"
)

// The words for prices, in one place: the plan list, the pane, Review and
// the confirmation prompt all say a price with these functions, so a
// customer reads the same facts everywhere. A monthly product's price is
// three facts (per month, setup, first payment); an hourly one is per hour
// with a 730-hour month beside it; a one-off is the charge. Dry runs are
// net of VAT; the VAT-inclusive figure uses model.VATPercent (inferred).

// charges reads a dry run for the product on screen.
func (e *env) charges(q model.Quote) model.Charges {
	b := model.BillingMonthly
	if e.prod != nil {
		b = e.prod.Billing
	}
	return model.ChargesOf(q, b, e.period())
}

// recurringText is "£89.00/month", "£0.0104/hour" or "£2.50 one-off".
func recurringText(c model.Charges) string {
	switch c.Billing {
	case model.BillingHourly:
		return c.Recurring.String() + "/hour"
	case model.BillingOneOff:
		return c.First.String() + " one-off"
	}
	return c.Recurring.String() + "/month"
}

// setupFact is "£50.00 setup" or "no setup fee".
func setupFact(c model.Charges) string {
	if c.Setup.Amount == 0 {
		return "no setup fee"
	}
	return c.Setup.String() + " setup"
}

// monthsText is "1 month" or "3 months".
func monthsText(n int) string {
	if n == 1 {
		return "1 month"
	}
	return itoa(n) + " months"
}

// firstFact is the first payment ("first payment £139.00 for 1 month"),
// or for hourly billing the monthly estimate ("about £7.59/month (730 h)");
// "" for a one-off charge, which is its own first payment.
func firstFact(c model.Charges) string {
	switch c.Billing {
	case model.BillingHourly:
		return "about " + c.MonthlyEstimate().String() + "/month (" + itoa(model.HoursPerMonth) + " h)"
	case model.BillingOneOff:
		return ""
	}
	return "first payment " + c.First.String() + " for " + monthsText(c.Months)
}

// priceShort is the list column: the recurring price and, when there is
// one, the setup fee ("£89.00/month + £50.00 setup", "£7.50/month",
// "£0.0104/hour").
func priceShort(c model.Charges) string {
	s := recurringText(c)
	if c.Setup.Amount != 0 && c.Billing != model.BillingOneOff {
		s += " + " + setupFact(c)
	}
	return s
}

// priceLine is every fact on one line, for Review and the confirmation:
// "£89.00/month + £50.00 setup · first payment £139.00 for 1 month",
// "£7.50/month · no setup fee · first payment £7.50 for 1 month",
// "£0.0104/hour · no setup fee · about £7.59/month (730 h)",
// "£2.50 one-off".
func priceLine(c model.Charges) string {
	if c.Billing == model.BillingOneOff {
		return recurringText(c)
	}
	head := recurringText(c) + " · no setup fee"
	if c.Setup.Amount != 0 {
		head = recurringText(c) + " + " + setupFact(c)
	}
	return head + " · " + firstFact(c)
}

// paneFacts is the price in the pane, one fact per line: the recurring
// price with the setup fee, the first payment (or the monthly estimate),
// then what VAT makes of it.
func paneFacts(c model.Charges) (price string, rest []string) {
	if c.Billing == model.BillingOneOff {
		return recurringText(c), []string{vatFact(c)}
	}
	price = priceShort(c)
	if c.Setup.Amount == 0 {
		price += " · " + setupFact(c)
	}
	return price, []string{firstFact(c), vatFact(c)}
}

// vatFact says the prices are net and what VAT makes of the charge:
// "net of VAT; £166.80 with VAT", or for hourly billing "net of VAT;
// £9.11/month with VAT" (of the estimated month).
func vatFact(c model.Charges) string {
	if c.Billing == model.BillingHourly {
		_, g := model.WithVAT(c.MonthlyEstimate())
		return "net of VAT; " + g.String() + "/month with VAT"
	}
	_, g := c.FirstWithVAT()
	return "net of VAT; " + g.String() + " with VAT"
}

// totalLine is Review's net and VAT-inclusive totals: "£139.00 + £27.80 VAT
// (20%) = £166.80", for the first payment; for hourly billing the
// estimated month.
func totalLine(c model.Charges) string {
	net := c.First
	what := " first payment"
	switch c.Billing {
	case model.BillingHourly:
		net, what = c.MonthlyEstimate(), " for a 730-hour month, estimated"
	case model.BillingOneOff:
		what = ""
	}
	vat, gross := model.WithVAT(net)
	return net.String() + " + " + vat.String() + " VAT (" + itoa(model.VATPercent) + "%) = " + gross.String() + what
}

// grossNote says, where net and gross amounts meet (the unknown-outcome
// screen), which is which.
func grossNote(confirmed model.Quote) string {
	_, g := model.WithVAT(confirmed.NetTotal)
	return "You confirmed " + confirmed.NetTotal.String() + " net of VAT (" + g.String() +
		" with VAT); invoice amounts include VAT."
}
