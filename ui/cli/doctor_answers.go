package cli

import (
	"errors"
	"fmt"
	"maps"
	"slices"

	"github.com/memset-order/memset-order/api"
	"github.com/memset-order/memset-order/model"
)

// What the doctor's answers say beyond the methods: the error types
// memset-order does not know, and the services list against the
// catalogue.

// errorTypes reports the error types the answers carried that
// memset-order does not know, with the override for those whose code (or
// else HTTP status) is one of its own types' alone.
func (d *doctor) errorTypes() {
	d.r.suggested.ErrorTypes = maps.Clone(d.b.Overrides.ErrorTypes)
	if d.r.suggested.ErrorTypes == nil {
		d.r.suggested.ErrorTypes = map[string]model.ErrorType{}
	}
	seen := map[model.ErrorType]bool{}
	errs := []error{d.listErr}
	for _, info := range model.Methods {
		errs = append(errs, d.outcomes[info.Name].err)
	}
	for _, err := range errs {
		var e *api.Error
		if !errors.As(err, &e) || e.Type == "" || seen[e.Type] {
			continue
		}
		seen[e.Type] = true
		if _, known := model.LookupErrorType(e.Type); known {
			continue
		}
		what := fmt.Sprintf("%s answered %s (code %d, HTTP %d), which memset-order does not know", e.Method, e.Type, e.Code, e.Status)
		ours, by := likelyErrorType(e)
		if ours == "" {
			d.r.add("error_type", string(e.Type), statusWarn, what+"; its code and status match none of memset-order's error types alone, so nothing is suggested", nil)
			continue
		}
		d.r.suggested.ErrorTypes[string(e.Type)] = ours
		d.r.add("error_type", string(e.Type), statusWarn, fmt.Sprintf("%s; by its %s it is %s", what, by, ours), newOverride("error_types", string(e.Type), string(ours)))
	}
}

// likelyErrorType is the one of memset-order's error types that e's code
// names, or else its HTTP status, when one alone does; by says which.
func likelyErrorType(e *api.Error) (ours model.ErrorType, by string) {
	only := func(match func(model.ErrorTypeInfo) bool) model.ErrorType {
		var found []model.ErrorType
		for _, info := range model.ErrorTypes {
			if match(info) {
				found = append(found, info.Type)
			}
		}
		if len(found) == 1 {
			return found[0]
		}
		return ""
	}
	if t := only(func(i model.ErrorTypeInfo) bool { return e.Code != 0 && i.Code == e.Code }); t != "" {
		return t, "code"
	}
	if t := only(func(i model.ErrorTypeInfo) bool { return i.Status == e.Status }); t != "" {
		return t, "HTTP status"
	}
	return "", ""
}

// services compares the services list with the catalogue: the services
// and SKUs one has and the other lacks.
func (d *doctor) services() {
	if !d.world.offered {
		return // the services list's own line says why
	}
	cat := d.b.Catalogue
	before := len(d.r.Findings)
	offeredSKUs := map[string]model.ProductID{}
	listsSKUs := map[model.ProductID]bool{}
	for _, o := range d.world.offers {
		if _, ok := cat.Product(o.Product); !ok {
			d.r.add("services", string(o.Product), statusWarn, fmt.Sprintf("Memset offers this service (%s), but the catalogue lacks it: memset-order cannot order it", o.Method), nil)
		}
		for _, sku := range o.SKUs {
			offeredSKUs[sku] = o.Product
		}
		listsSKUs[o.Product] = listsSKUs[o.Product] || len(o.SKUs) > 0
	}
	catSKUs := map[string]bool{}
	for _, p := range cat.Products {
		if !slices.ContainsFunc(d.world.offers, func(o model.Offer) bool { return o.Product == p.ID }) {
			d.r.add("services", string(p.ID), statusWarn, "the catalogue has this product, but Memset's services list does not: the wizard shows it as not offered to this account", nil)
		}
		for _, s := range p.SKUs {
			catSKUs[s.Code] = true
			if _, ok := offeredSKUs[s.Code]; !ok && listsSKUs[p.ID] {
				d.r.add("services", s.Code, statusWarn, fmt.Sprintf("the catalogue offers this plan of %s, but Memset's services list does not: ordering it may be refused (remove it from a catalogue file: memset-order catalogue export, then --catalogue FILE)", p.ID), nil)
			}
		}
	}
	for _, sku := range slices.Sorted(maps.Keys(offeredSKUs)) {
		if !catSKUs[sku] {
			d.r.add("services", sku, statusWarn, fmt.Sprintf("Memset offers this plan of %s, but the catalogue lacks it (add it to a catalogue file: memset-order catalogue export, then --catalogue FILE)", offeredSKUs[sku]), nil)
		}
	}
	if len(d.r.Findings) == before {
		d.r.add("services", "", statusOK, fmt.Sprintf("Memset's services list and the catalogue agree: %s, %s", count(len(d.world.offers), "service", "services"), count(len(offeredSKUs), "plan", "plans")), nil)
	}
}
