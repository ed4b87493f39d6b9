package model

import "fmt"

// alternativeFor returns the product that can have what product p
// cannot (ok tells whether os may run there): the one with the same kind
// and set-up job, billed monthly — the monthly Miniserver for the hourly
// one.
func alternativeFor(c *Catalogue, p *Product, ok func(*Product) bool) (*Product, bool) {
	for _, q := range c.Products {
		if q.ID == p.ID || q.Kind != p.Kind || q.JobType != p.JobType || q.Billing != BillingMonthly {
			continue
		}
		if ok(q) {
			return q, true
		}
	}
	return nil, false
}

// SwitchProduct returns order o of product from as an order of product to,
// answers kept: the OS, the discount code, the billing choice, and every
// extra to also has with a value valid there. The plan is to's with the
// same memory as o's plan or the nearest larger (at least minRAMMB), among
// to's current plans.
func SwitchProduct(from, to *Product, o Order, minRAMMB int) Order {
	n := Order{Product: to.ID, OS: o.OS, DiscountCode: o.DiscountCode, BillTo: o.BillTo}
	if to.TargetParam != "" && from.TargetParam == to.TargetParam {
		n.Target = o.Target
	}
	want := minRAMMB
	if s, ok := from.SKU(o.SKU); ok {
		want = max(want, s.RAMMB)
	}
	sku, skuOK := nearestSKU(to, want)
	n.SKU = sku.Code
	for k, v := range o.Extras {
		e, ok := to.Extra(k)
		if !ok || checkExtraValue(to, e, v, sku, skuOK) != nil {
			continue
		}
		n = n.With(to, k, v)
	}
	for k := range n.Extras {
		if checkExclusion(to, n, k) != nil {
			delete(n.Extras, k)
		}
	}
	return n
}

// nearestSKU is p's current (not classic) plan with at least minMB of
// memory and the least such, else its largest.
func nearestSKU(p *Product, minMB int) (SKU, bool) {
	if s, ok := smallestSKUWithRAM(p, false, minMB); ok {
		return s, true
	}
	var best SKU
	found := false
	for _, s := range p.SKUs {
		if !s.Classic && (!found || s.RAMMB > best.RAMMB) {
			best, found = s, true
		}
	}
	return best, found
}

// switchFix is the fix that moves order o (which p cannot take, for
// reason why) to product to, answers kept.
func switchFix(p, to *Product, o Order, minRAMMB int, why string) *Fix {
	n := SwitchProduct(p, to, o, minRAMMB)
	plan := to.Name
	if s, ok := to.SKU(n.SKU); ok {
		plan = fmt.Sprintf("%s, %s (%s RAM)", to.Name, s.Code, formatRAM(s.RAMMB))
	}
	return &Fix{
		Label:   "Switch to " + plan + ", answers kept",
		Done:    "Switched to " + plan + ", your answers kept: " + why,
		Product: to.ID,
		to:      to,
		minRAM:  minRAMMB,
	}
}
