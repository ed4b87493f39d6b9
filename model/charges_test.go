package model

import "testing"

func TestChargesOf(t *testing.T) {
	gbp := func(s string) Money { return Money{Amount: MustAmount(s), Currency: GBP} }
	quote := func(setup, total string) Quote {
		return Quote{Currency: GBP, NetSetup: gbp(setup), NetTotal: gbp(total)}
	}
	tests := []struct {
		name                            string
		q                               Quote
		billing                         Billing
		months                          int
		recurring, setup, first, perMon string
		vat, gross                      string
	}{
		{"documented example", quote("0", "7.50"), BillingMonthly, 1, "7.50", "0", "7.50", "7.50", "1.50", "9.00"},
		{"setup fee kept apart", quote("50.00", "139.00"), BillingMonthly, 1, "89.00", "50.00", "139.00", "89.00", "27.80", "166.80"},
		{"three months in advance", quote("50.00", "317.00"), BillingMonthly, 3, "89.00", "50.00", "317.00", "89.00", "63.40", "380.40"},
		{"hourly estimate over 730 h", quote("0", "0.0104"), BillingHourly, 1, "0.0104", "0", "0.0104", "7.59", "0.00", "0.01"},
		{"hourly ignores months", quote("0", "0.05"), BillingHourly, 12, "0.05", "0", "0.05", "36.50", "0.01", "0.06"},
		{"one-off", quote("0", "2.50"), BillingOneOff, 1, "2.50", "0", "2.50", "2.50", "0.50", "3.00"},
		{"discounted months that do not divide evenly", quote("0", "100.00"), BillingMonthly, 3, "33.333333", "0", "100.00", "33.333333", "20.00", "120.00"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := ChargesOf(tc.q, tc.billing, tc.months)
			check := func(what string, got Money, want string) {
				t.Helper()
				if got.Amount != MustAmount(want) || got.Currency != GBP {
					t.Errorf("%s = %s %s, want %s GBP", what, got.Amount, got.Currency, want)
				}
			}
			check("recurring", c.Recurring, tc.recurring)
			check("setup", c.Setup, tc.setup)
			check("first", c.First, tc.first)
			check("monthly estimate", c.MonthlyEstimate(), tc.perMon)
			vat, gross := c.FirstWithVAT()
			check("VAT", vat, tc.vat)
			check("gross", gross, tc.gross)
		})
	}
}
