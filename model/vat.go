package model

// VATPercent is the VAT rate memset-order adds to a net price to say what
// an invoice will come to. INFERRED, and this is the one place it lives:
// Memset's dry runs answer net prices (net_total, net_setup_price) and its
// invoices and renewal prices include VAT (invoice.info's amount and vat,
// service.info's renewal_price_amount "including VAT"), but no answer states
// the rate. 20% is the UK standard rate, which applies to a UK supplier's
// customers in the UK; an account outside it may be charged differently,
// which is why screens name the rate and call the result an estimate only
// where it matters (see ui's price words).
const VATPercent = 20

// WithVAT returns the VAT on a net amount and the gross amount, each
// rounded to whole minor units as an invoice states them.
func WithVAT(net Money) (vat, gross Money) {
	v := net.Amount.PercentOf(VATPercent).RoundToMinor()
	return Money{Amount: v, Currency: net.Currency},
		Money{Amount: (net.Amount + v).RoundToMinor(), Currency: net.Currency}
}
