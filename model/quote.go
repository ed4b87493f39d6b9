package model

// Quote is a create method's answer: a dry run's price, or a real order's
// price with its invoice and job.
type Quote struct {
	SKU      string
	Currency Currency
	DryRun   bool
	// NetSetup is net_setup_price; NetTotal is net_total (both net of VAT).
	NetSetup Money
	NetTotal Money
	// InvoiceRef and Job are set on real orders only (InvoiceRef may be 0 if
	// the charge went on a consolidated bill with no invoice yet).
	InvoiceRef int
	Job        *Job
}

// QuoteFor pairs a dry-run quote with the exact configuration it prices.
// The wizard only ever shows a QuoteFor whose Key equals the Key of the
// order on screen.
type QuoteFor struct {
	Key   string
	Quote Quote
}
