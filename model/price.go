package model

import (
	"fmt"
	"strconv"
)

// Price is the sandbox's sample price of an order. It is computed from the
// catalogue's sample prices and is never shown as a real price: the wizard
// shows only what a dry run answers.
type Price struct {
	Currency Currency
	// Setup is charged once.
	Setup Amount
	// Recurring is per billing unit (month, hour); for one-off products it is
	// the charge itself.
	Recurring Amount
	// Period is the number of units paid in advance (months; 1 otherwise).
	Period int
	// Discount is what a discount code takes off Recurring×Period.
	Discount Amount
	// Total is Setup + Recurring×Period − Discount: net_total.
	Total Amount
}

// SamplePrice prices an order from the catalogue's sample prices, with an
// optional discount code. The order must have passed Check. acct resolves
// an os that names one of its snapshots (see ResolveImage): a Windows
// snapshot pays the Windows licence (WindowsSnapshotLicence); with an
// unknown account a snapshot adds no licence.
func SamplePrice(c *Catalogue, o Order, d *DiscountCode, acct Account) (Price, error) {
	p, ok := c.Product(o.Product)
	if !ok {
		return Price{}, fmt.Errorf("unknown product %q", o.Product)
	}
	pr := Price{Currency: c.Currency, Period: 1}
	if s, ok := p.SKU(o.SKU); ok {
		pr.Setup = s.Setup
		pr.Recurring = s.Price
	} else if len(p.SKUs) > 0 {
		return Price{}, fmt.Errorf("unknown sku %q", o.SKU)
	}
	if im, ok := ResolveImage(c, o.OS, acct); ok {
		pr.Recurring += im.Licence(c, p)
	}
	for _, e := range p.Extras {
		v, sent := o.Extras[e.Param]
		if !sent && Excluded(p, o, e.Param) == "" {
			v = e.Default
		}
		if v == "" {
			continue
		}
		switch e.Type {
		case ExtraChoice:
			if e.Multiplier {
				n, err := strconv.Atoi(v)
				if err != nil || n < 1 {
					return Price{}, fmt.Errorf("%s: %q is not a number of units", e.Param, v)
				}
				pr.Period = n
				continue
			}
			if ch, ok := e.Choice(v); ok {
				pr.Recurring += ch.Price
			}
		case ExtraNumber:
			n, err := strconv.Atoi(v)
			if err != nil {
				return Price{}, fmt.Errorf("%s: %q is not a whole number", e.Param, v)
			}
			pr.Recurring += e.UnitPrice.Mul(int64(n))
		}
	}
	gross := pr.Recurring.Mul(int64(pr.Period))
	if d != nil && d.AppliesTo(p.ID) {
		pr.Discount = gross.PercentOf(int64(d.PercentOff))
		if p.Billing != BillingHourly {
			pr.Discount = pr.Discount.RoundToMinor()
		}
	}
	pr.Total = pr.Setup + gross - pr.Discount
	return pr, nil
}
