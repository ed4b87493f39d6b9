package model

// HoursPerMonth is the number of hours an hourly price is multiplied by to
// estimate a month: 365 × 24 / 12 = 730, the usual cloud convention.
const HoursPerMonth = 730

// Charges is a dry run's answer told the way a customer compares prices:
// what it costs per month (or hour), what is charged once, and what the
// first payment is. Memset answers only net_total and net_setup_price; the
// recurring price is derived from them (inferred: net_total is the setup
// fee plus the recurring price for the months paid in advance, which holds
// for Memset's documented example, 7.50 with no setup for one month).
type Charges struct {
	Billing Billing
	// Months is how many months the first payment covers (monthly
	// billing; 1 otherwise).
	Months int
	// Recurring is the net price per month (monthly), per hour (hourly), or
	// the charge itself (one-off), after any discount.
	Recurring Money
	// Setup is the one-off setup fee, net.
	Setup Money
	// First is what the order costs when it is placed (net_total), net:
	// for hourly billing, the price of one hour.
	First Money
}

// ChargesOf reads a quote for a product billed as b, whose first payment
// covers months months (ignored unless b is monthly).
func ChargesOf(q Quote, b Billing, months int) Charges {
	if b != BillingMonthly || months < 1 {
		months = 1
	}
	cur := q.NetTotal.Currency
	if cur == "" {
		cur = q.Currency
	}
	rec := q.NetTotal.Amount - q.NetSetup.Amount
	if b != BillingOneOff {
		rec = divRound(rec, int64(months))
	}
	return Charges{
		Billing:   b,
		Months:    months,
		Recurring: Money{Amount: rec, Currency: cur},
		Setup:     Money{Amount: q.NetSetup.Amount, Currency: cur},
		First:     Money{Amount: q.NetTotal.Amount, Currency: cur},
	}
}

// MonthlyEstimate is an hourly price for HoursPerMonth hours, rounded to
// minor units; for monthly billing it is the monthly price.
func (c Charges) MonthlyEstimate() Money {
	if c.Billing != BillingHourly {
		return c.Recurring
	}
	return Money{Amount: c.Recurring.Amount.Mul(HoursPerMonth).RoundToMinor(), Currency: c.Recurring.Currency}
}

// FirstWithVAT is the first payment with VAT added (see VATPercent).
func (c Charges) FirstWithVAT() (vat, gross Money) { return WithVAT(c.First) }

// divRound divides a by n (n ≥ 1), rounding half away from zero to the
// nearest millionth.
func divRound(a Amount, n int64) Amount {
	q, r := int64(a)/n, int64(a)%n
	if 2*r >= n {
		q++
	} else if 2*r <= -n {
		q--
	}
	return Amount(q)
}
