package sandbox

import (
	"slices"

	"github.com/memset-order/memset-order/model"
)

// The services list of a real account need not match memset-order's
// catalogue: Memset may offer a plan the catalogue lacks, and leave out one
// it has. These options give the sandbox such a list, so that the wizard's
// handling of it can be tested. Both edit a copy of the sandbox's own
// catalogue, which its services list, dry runs and orders all read; give
// them after WithCatalogue, which replaces the catalogue whole.

// WithExtraSKU makes the sandbox sell plan s of product as well: its
// services list offers it, dry runs price it at s's Price and Setup (sample
// prices), and orders for it are accepted. s's specs (RAMMB, …) are the
// sandbox's own knowledge of it, used by its rules; the services list
// carries only the code, as Memset's does. An unknown product, an empty code
// or a code the product already has leaves the sandbox as it was.
func WithExtraSKU(product model.ProductID, s model.SKU) Option {
	return func(sb *Sandbox) {
		editProduct(sb, product, func(p *model.Product) bool {
			if s.Code == "" {
				return false
			}
			if _, dup := p.SKU(s.Code); dup {
				return false
			}
			if s.PriceSource == "" {
				s.PriceSource = model.SourceSample
			}
			if s.Source == "" {
				s.Source = model.SourceSample
			}
			p.SKUs = append(slices.Clone(p.SKUs), s)
			return true
		})
	}
}

// WithoutSKU makes the sandbox stop selling plan code of product: its
// services list leaves it out, and a dry run or order for it is refused
// (ApiErrorBadParameters "sku: Please select a valid choice. … is not one
// of the available choices."), as a plan Memset does not offer would be.
func WithoutSKU(product model.ProductID, code string) Option {
	return func(sb *Sandbox) {
		editProduct(sb, product, func(p *model.Product) bool {
			i := slices.IndexFunc(p.SKUs, func(s model.SKU) bool { return s.Code == code })
			if i < 0 {
				return false
			}
			p.SKUs = slices.Delete(slices.Clone(p.SKUs), i, i+1)
			return true
		})
	}
}

// editProduct gives edit a copy of product's entry in the sandbox's
// catalogue (the default one until WithCatalogue sets another) and, when
// edit reports a change, puts the copy in a copy of the catalogue, so the
// catalogue the sandbox was given is never changed.
func editProduct(sb *Sandbox, product model.ProductID, edit func(*model.Product) bool) {
	cat := sb.cat
	if cat == nil {
		cat = model.DefaultCatalogue()
	}
	i := slices.IndexFunc(cat.Products, func(p *model.Product) bool { return p.ID == product })
	if i < 0 {
		return
	}
	p := *cat.Products[i]
	if !edit(&p) {
		return
	}
	c := *cat
	c.Products = slices.Clone(cat.Products)
	c.Products[i] = &p
	sb.cat = &c
}
