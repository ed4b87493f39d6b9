package api

import (
	"strings"

	"github.com/memset-order/memset-order/model"
)

// The conversions from wire types to model values. They run only on
// values whose check passed, so required keys are present.

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func boolean(p *wireBool) bool { return p != nil && bool(*p) }

func amount(p *wireAmount) model.Amount {
	if p == nil {
		return 0
	}
	return model.Amount(*p)
}

func integer(p *wireInt) int64 {
	if p == nil {
		return 0
	}
	return int64(*p)
}

// currency reads a code check has accepted.
func currency(s string) model.Currency {
	c, err := wireCurrency(s)
	if err != nil {
		return model.Currency(s)
	}
	return c
}

func (w *wireQuote) toModel() model.Quote {
	cur := currency(*w.Currency)
	q := model.Quote{
		SKU:        str(w.SKU),
		Currency:   cur,
		DryRun:     bool(*w.DryRun),
		NetSetup:   model.Money{Amount: amount(w.NetSetup), Currency: cur},
		NetTotal:   model.Money{Amount: amount(w.NetTotal), Currency: cur},
		InvoiceRef: int(integer(w.InvoiceRef)),
	}
	if w.Job != nil {
		j := w.Job.toModel()
		q.Job = &j
	}
	return q
}

func (w *wireJob) toModel() model.Job {
	return model.Job{
		ID:       strings.ToLower(*w.ID),
		Type:     str(w.Type),
		Status:   *w.Status,
		Service:  str(w.Service),
		Finished: bool(*w.Finished),
		Error:    bool(*w.Error),
	}
}

func (w *wireOffer) toModel() model.Offer {
	o := model.Offer{
		Product:     model.ProductID(*w.Service),
		Method:      model.Method(str(w.Method)),
		Name:        *w.Name,
		Description: str(w.Description),
		Deprecated:  boolean(w.Deprecated),
		SKUs:        w.SKUs,
	}
	if o.Method == "" {
		o.Method = model.CreateMethods[o.Product]
	}
	return o
}

func (w *wireDiscount) toModel() model.DiscountCode {
	d := model.DiscountCode{
		Code:        *w.Code,
		Description: str(w.Description),
		PercentOff:  int(integer(w.PercentOff)),
		Expires:     str(w.Expires),
	}
	for _, p := range w.Products {
		d.Products = append(d.Products, model.ProductID(p))
	}
	return d
}

func (w *wireSnapshot) toModel() model.Snapshot {
	s := model.Snapshot{
		Name:       str(w.Name),
		OSOption:   *w.OSOption,
		Status:     str(w.Status),
		Miniserver: str(w.Miniserver),
		ImageType:  str(w.ImageType),
		Comment:    str(w.Comment),
		Date:       str(w.Date),
		DiskBytes:  integer(w.DiskSize),
	}
	if s.Name == "" {
		s.Name = s.OSOption
	}
	return s
}

func (w *wireServer) toModel() model.Server {
	return model.Server{
		Name:          *w.Name,
		Nickname:      str(w.Nickname),
		OS:            str(w.OS),
		SKU:           str(w.SKU),
		BandwidthType: str(w.BandwidthType),
	}
}

func (w *wirePaymentMethod) toModel() model.PaymentMethod {
	return model.PaymentMethod{
		ID:      *w.ID,
		Type:    model.PaymentType(*w.Type),
		Default: bool(*w.Default),
		Status:  str(w.Status),
		Name:    str(w.Name),
	}
}

func (w *wireServiceInfo) toModel() model.ServiceInfo {
	s := model.ServiceInfo{
		Name:         *w.Name,
		Status:       *w.Status,
		Nickname:     str(w.Nickname),
		Type:         str(w.Type),
		StartDate:    str(w.StartDate),
		ExpiryDate:   str(w.ExpiryDate),
		NetworkZones: w.NetworkZones,
		DataZone:     str(w.DataZone),
	}
	if w.RenewalCurrency != nil {
		cur := currency(*w.RenewalCurrency)
		s.RenewalPrice = model.Money{Amount: amount(w.RenewalAmount), Currency: cur}
		s.RenewalVAT = model.Money{Amount: amount(w.RenewalVAT), Currency: cur}
	}
	return s
}

func (w *wireInvoice) toModel() model.Invoice {
	cur := currency(*w.Currency)
	inv := model.Invoice{
		Ref:           int(*w.Ref),
		Amount:        model.Money{Amount: amount(w.Amount), Currency: cur},
		VAT:           model.Money{Amount: amount(w.VAT), Currency: cur},
		Status:        *w.Status,
		Proforma:      boolean(w.Proforma),
		PaymentMethod: str(w.PaymentMethod),
		Date:          str(w.Date),
	}
	for _, it := range w.Items {
		inv.Items = append(inv.Items, model.InvoiceItem{
			Description: it.Description,
			Amount:      model.Money{Amount: model.Amount(it.Amount), Currency: cur},
			Period:      it.Period,
		})
	}
	return inv
}

// listToModel converts every item of a checked list.
func listToModel[T any, M any](items []T, conv func(*T) M) []M {
	out := make([]M, 0, len(items))
	for i := range items {
		out = append(out, conv(&items[i]))
	}
	return out
}
