package model

import (
	"maps"
	"slices"
	"strconv"
	"strings"
)

// BillTo says where the charge for an order goes, i.e. the add_to_next_bill
// parameter.
type BillTo int

// The billing choices.
const (
	// BillDefault sends no add_to_next_bill: Memset puts the charge on the
	// next consolidated bill if the account has consolidated billing, and
	// invoices it now otherwise.
	BillDefault BillTo = iota
	// BillNextBill sends add_to_next_bill=1.
	BillNextBill
	// BillNow sends add_to_next_bill=0: invoiced at once, paid by the
	// default payment method.
	BillNow
)

// Next is the choice after b, in the order a toggle cycles through them:
// account default → next consolidated bill → invoice now → account default.
func (b BillTo) Next() BillTo {
	switch b {
	case BillDefault:
		return BillNextBill
	case BillNextBill:
		return BillNow
	}
	return BillDefault
}

// The parameters every create method shares, by Memset's names. A product's
// target parameter (Product.TargetParam) and its extras (Product.Extras)
// come from the catalogue.
const (
	ParamSKU           = "sku"
	ParamOS            = "os"
	ParamDiscountCode  = "discount_code"
	ParamAddToNextBill = "add_to_next_bill"
	ParamDryRun        = "dry_run"
)

// String names the choice for people.
func (b BillTo) String() string {
	switch b {
	case BillNextBill:
		return "next consolidated bill"
	case BillNow:
		return "invoice now"
	}
	return "account default"
}

// Order is one configuration of one product: everything a create call sends
// apart from dry_run. Extras holds only what the user chose; a parameter
// left at its default is absent (see Set), so two orders that would send the
// same request have the same Key.
type Order struct {
	Product ProductID
	SKU     string
	// OS is a stock OS API name or a snapshot's os_option.
	OS string
	// Extras maps parameter names to values, as sent.
	Extras map[string]string
	// Target is the existing service a top-up is for (the bandwidth bank's server).
	Target       string
	DiscountCode string
	BillTo       BillTo
}

// Clone returns a deep copy.
func (o Order) Clone() Order {
	o.Extras = maps.Clone(o.Extras)
	return o
}

// Extra returns the value sent for param, or "" when it is not sent.
func (o Order) Extra(param string) string { return o.Extras[param] }

// With returns a copy of o with one parameter changed: "sku", "os",
// "discount_code", the product's target parameter, or an extra. An empty
// value removes an extra. It is the one way the wizard and a Fix change an
// order.
func (o Order) With(p *Product, param, value string) Order {
	o = o.Clone()
	switch {
	case param == ParamSKU:
		o.SKU = value
	case param == ParamOS:
		o.OS = value
	case param == ParamDiscountCode:
		o.DiscountCode = strings.TrimSpace(value)
	case p != nil && param == p.TargetParam:
		o.Target = value
	default:
		o.setExtra(p, param, value)
	}
	return o
}

// Get returns the value o sends for param: the inverse of With ("" when
// it is not sent). add_to_next_bill reads as sent: "1", "0" or "".
func (o Order) Get(p *Product, param string) string {
	switch {
	case param == ParamSKU:
		return o.SKU
	case param == ParamOS:
		return o.OS
	case param == ParamDiscountCode:
		return o.DiscountCode
	case param == ParamAddToNextBill:
		return o.Params(p)[ParamAddToNextBill]
	case p != nil && p.TargetParam != "" && param == p.TargetParam:
		return o.Target
	}
	return o.Extras[param]
}

func (o *Order) setExtra(p *Product, param, value string) {
	if p != nil {
		if e, ok := p.Extra(param); ok && e.Default != "" && value == e.Default {
			value = ""
		}
	}
	if value == "" {
		delete(o.Extras, param)
		return
	}
	if o.Extras == nil {
		o.Extras = map[string]string{}
	}
	o.Extras[param] = value
}

// Params returns every parameter of the order as name → value, in the
// form a create call sends them (strings; booleans as "1"/"0"), without
// dry_run. p supplies the name of the target parameter, if any.
func (o Order) Params(p *Product) map[string]string {
	out := maps.Clone(o.Extras)
	if out == nil {
		out = map[string]string{}
	}
	if o.SKU != "" {
		out[ParamSKU] = o.SKU
	}
	if o.OS != "" {
		out[ParamOS] = o.OS
	}
	if o.DiscountCode != "" {
		out[ParamDiscountCode] = o.DiscountCode
	}
	if p != nil && p.TargetParam != "" && o.Target != "" {
		out[p.TargetParam] = o.Target
	}
	switch o.BillTo {
	case BillNextBill:
		out[ParamAddToNextBill] = "1"
	case BillNow:
		out[ParamAddToNextBill] = "0"
	}
	return out
}

// Key is a canonical text of the configuration: equal keys mean equal
// requests. The quote cache and the check that a price on screen belongs to
// the configuration on screen both use it.
func (o Order) Key() string {
	var b strings.Builder
	b.WriteString(string(o.Product))
	add := func(k, v string) {
		b.WriteByte('|')
		b.WriteString(k)
		b.WriteByte('=')
		b.WriteString(strconv.Quote(v))
	}
	add(ParamSKU, o.SKU)
	add(ParamOS, o.OS)
	add("target", o.Target)
	add(ParamDiscountCode, o.DiscountCode)
	add("bill", strconv.Itoa(int(o.BillTo)))
	for _, k := range slices.Sorted(maps.Keys(o.Extras)) {
		add(k, o.Extras[k])
	}
	return b.String()
}

// ExtraInt returns the extra's value as a whole number, or def when it is
// not sent or not a number.
func (o Order) ExtraInt(param string, def int) int {
	v, ok := o.Extras[param]
	if !ok {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return def
	}
	return n
}
