package cli

import (
	"io"
	"strings"

	"github.com/memset-order/memset-order/model"
)

// catalogueView is the -o json shape of `memset-order catalogue` (its
// Long help documents it). Every string is filtered (model.Printable).
type catalogueView struct {
	Version   string        `json:"version"`
	Currency  string        `json:"currency"`
	PriceNote string        `json:"price_note"`
	Products  []productView `json:"products"`
}

// productView is one product of catalogueView.
type productView struct {
	ID          string      `json:"id"`
	Name        string      `json:"name"`
	Summary     string      `json:"summary"`
	Kind        string      `json:"kind"`
	Billing     string      `json:"billing"`
	PriceUnit   string      `json:"price_unit"`
	Method      string      `json:"method"`
	Deprecated  string      `json:"deprecated"`
	NeedsOS     bool        `json:"needs_os"`
	TargetParam string      `json:"target_param"`
	TargetHelp  string      `json:"target_help"`
	SKUs        []skuView   `json:"skus"`
	OSes        []osView    `json:"oses"`
	Extras      []extraView `json:"extras"`
}

// skuView is one plan of productView.
type skuView struct {
	SKU         string `json:"sku"`
	Name        string `json:"name"`
	RAMMB       int    `json:"ram_mb"`
	DiskGB      int    `json:"disk_gb"`
	VCPUs       int    `json:"vcpus"`
	Classic     bool   `json:"classic"`
	Price       string `json:"price"`
	Setup       string `json:"setup"`
	PriceSource string `json:"price_source"`
}

// osView is one OS of productView.
type osView struct {
	Name    string `json:"name"`
	Display string `json:"display"`
	Family  string `json:"family"`
	Windows bool   `json:"windows"`
	CPanel  bool   `json:"cpanel"`
	EOL     bool   `json:"eol"`
	Price   string `json:"price"`
}

// extraView is one setting of productView.
type extraView struct {
	Param       string       `json:"param"`
	Label       string       `json:"label"`
	Help        string       `json:"help"`
	Type        string       `json:"type"`
	Default     string       `json:"default"`
	Required    bool         `json:"required"`
	ClassicOnly bool         `json:"classic_only"`
	Multiplier  bool         `json:"multiplier"`
	Choices     []choiceView `json:"choices"`
	Min         int          `json:"min"`
	Max         int          `json:"max"`
	Unit        string       `json:"unit"`
	UnitPrice   string       `json:"unit_price"`
	Format      string       `json:"format"`
}

// choiceView is one value of a choice extraView.
type choiceView struct {
	Value string `json:"value"`
	Label string `json:"label"`
	Price string `json:"price"`
}

// writeCatalogueJSON writes products of cat in the catalogueView shape.
func writeCatalogueJSON(w io.Writer, cat *model.Catalogue, products []*model.Product) error {
	v := catalogueView{Version: oneLine(cat.Version), Currency: oneLine(string(cat.Currency)), PriceNote: samplePricesNote, Products: []productView{}}
	for _, p := range products {
		v.Products = append(v.Products, viewProduct(cat, p))
	}
	return encodeJSON(w, v, "  ")
}

// viewProduct is p as the -o json shape shows it.
func viewProduct(cat *model.Catalogue, p *model.Product) productView {
	v := productView{ID: oneLine(string(p.ID)), Name: oneLine(p.Name), Summary: oneLine(p.Summary), Kind: oneLine(string(p.Kind)),
		Billing: oneLine(string(p.Billing)), PriceUnit: strings.TrimPrefix(p.Billing.Unit(), "/"), Method: oneLine(string(p.Method)),
		Deprecated: oneLine(p.Deprecated), NeedsOS: p.NeedsOS(), TargetParam: oneLine(p.TargetParam), TargetHelp: targetHelp(p),
		SKUs: []skuView{}, OSes: []osView{}, Extras: []extraView{}}
	for _, s := range p.SKUs {
		v.SKUs = append(v.SKUs, skuView{SKU: oneLine(s.Code), Name: oneLine(s.Name), RAMMB: s.RAMMB, DiskGB: s.DiskGB, VCPUs: s.VCPUs,
			Classic: s.Classic, Price: s.Price.Decimal(), Setup: s.Setup.Decimal(), PriceSource: oneLine(string(s.PriceSource))})
	}
	for _, o := range productOSes(cat, p) {
		v.OSes = append(v.OSes, osView{Name: oneLine(o.Name), Display: oneLine(o.Display), Family: oneLine(string(o.Family)),
			Windows: o.Windows, CPanel: o.CPanel, EOL: o.EOL, Price: osLicence(o, p).Decimal()})
	}
	for _, e := range p.Extras {
		ev := extraView{Param: oneLine(e.Param), Label: oneLine(e.Label), Help: oneLine(e.Help), Type: oneLine(string(e.Type)),
			Default: oneLine(e.Default), Required: e.Required, ClassicOnly: e.ClassicOnly, Multiplier: e.Multiplier,
			Choices: []choiceView{}, UnitPrice: model.Amount(0).Decimal()}
		for _, c := range e.Choices {
			ev.Choices = append(ev.Choices, choiceView{Value: oneLine(c.Value), Label: oneLine(c.Label), Price: c.Price.Decimal()})
		}
		switch e.Type {
		case model.ExtraNumber:
			ev.Min, ev.Max, ev.Unit, ev.UnitPrice = e.Min, e.Max, oneLine(e.Unit), e.UnitPrice.Decimal()
		case model.ExtraText:
			ev.Format = textFormat(e.Format)
		}
		v.Extras = append(v.Extras, ev)
	}
	return v
}
