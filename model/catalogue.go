package model

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"sort"
)

// ProductID names one of the six orderable things.
type ProductID string

// The orderable products.
const (
	ProductMonthlyMiniserver ProductID = "monthly_miniserver"
	ProductHourlyMiniserver  ProductID = "hourly_miniserver"
	ProductMonthlyFullserver ProductID = "monthly_fullserver"
	ProductMemstore          ProductID = "memstore"
	ProductOpenStack         ProductID = "openstack"
	ProductBandwidthBank     ProductID = "bandwidth_bank"
)

// Kind is what sort of thing a product is; it decides which wizard steps
// apply.
type Kind string

// The kinds of product.
const (
	KindServer  Kind = "server"  // needs a plan, an OS and extras
	KindStorage Kind = "storage" // Memstore: a plan
	KindCloud   Kind = "cloud"   // an OpenStack project: a plan and extras
	KindTopUp   Kind = "topup"   // bandwidth bank: a server and an amount
)

// Billing says how a product is charged.
type Billing string

// The billing schemes.
const (
	BillingMonthly Billing = "monthly" // in advance, for a period of months
	BillingHourly  Billing = "hourly"  // in arrears, per hour
	BillingOneOff  Billing = "one-off" // a single charge
)

// InArrears reports whether the service is billed after use, which Memset
// only accepts with a card or billing account as payment method.
func (b Billing) InArrears() bool { return b == BillingHourly }

// Unit is the price unit shown after a recurring price: "/month", "/hour".
func (b Billing) Unit() string {
	switch b {
	case BillingMonthly:
		return "/month"
	case BillingHourly:
		return "/hour"
	}
	return ""
}

// OSFamily groups operating systems for display.
type OSFamily string

// The OS families.
const (
	FamilyDebian  OSFamily = "debian"
	FamilyUbuntu  OSFamily = "ubuntu"
	FamilyRHEL    OSFamily = "rhel" // CentOS, Rocky, Alma
	FamilyCPanel  OSFamily = "cpanel"
	FamilyWindows OSFamily = "windows"
)

// Title is the family's display name.
func (f OSFamily) Title() string {
	switch f {
	case FamilyDebian:
		return "Debian"
	case FamilyUbuntu:
		return "Ubuntu"
	case FamilyRHEL:
		return "Red Hat family"
	case FamilyCPanel:
		return "cPanel"
	case FamilyWindows:
		return "Windows Server"
	}
	return string(f)
}

// OS is a stock operating system image.
type OS struct {
	// Name is the API name passed as os, e.g. "debian_jessie_64".
	Name string `json:"name"`
	// Display is the name Memset shows, e.g. "Microsoft Windows 2012 Server R2, Standard Edition".
	Display string   `json:"display"`
	Family  OSFamily `json:"family"`
	Windows bool     `json:"windows,omitempty"`
	// CPanel marks the cPanel image (a chargeable extra, monthly servers only).
	CPanel bool `json:"cpanel,omitempty"`
	// EOL marks releases past their end of life: still orderable, shown last.
	EOL bool `json:"eol,omitempty"`
	// Monthly and Hourly are sample licence prices for the sandbox.
	Monthly Amount `json:"monthly"`
	Hourly  Amount `json:"hourly"`
	Source  Source `json:"source"`
}

// SKU is one plan of a product.
type SKU struct {
	Code string `json:"sku"`
	Name string `json:"name"`
	// RAMMB, DiskGB and VCPUs describe the plan. For Memstore DiskGB is the
	// storage quota; for an OpenStack project they are the project's quotas.
	RAMMB  int `json:"ram_mb,omitempty"`
	DiskGB int `json:"disk_gb,omitempty"`
	VCPUs  int `json:"vcpus,omitempty"`
	// Classic marks the old MS0… Miniservers, the only ones that accept the
	// deprecated disk/bandwidth parameters.
	Classic bool `json:"classic,omitempty"`
	// Price is per billing unit (month or hour); Setup is charged once.
	Price       Amount `json:"price"`
	Setup       Amount `json:"setup"`
	PriceSource Source `json:"price_source"`
	Source      Source `json:"source"`
}

// ExtraType is the kind of value an extra takes.
type ExtraType string

// The extra types.
const (
	ExtraChoice ExtraType = "choice" // one of Choices
	ExtraNumber ExtraType = "number" // a whole number in [Min, Max]
	ExtraText   ExtraType = "text"   // free text checked against Format
)

// TextFormat constrains an ExtraText value.
type TextFormat string

// The text formats.
const (
	FormatAny          TextFormat = ""
	FormatName         TextFormat = "name"           // 1–64 of A-Z a-z 0-9 - . _ (Memset service-name rule)
	FormatSSHPublicKey TextFormat = "ssh-public-key" // one OpenSSH public key line
)

// Choice is one value of a choice extra.
type Choice struct {
	Value string `json:"value"`
	Label string `json:"label"`
	// Price is what the choice adds per billing unit (sample).
	Price Amount `json:"price,omitempty"`
	// RAMMB, for a "ram" extra, is the memory this choice gives the server.
	RAMMB int `json:"ram_mb,omitempty"`
	// DiskGB, for a "disk" extra, is the usable storage this choice gives
	// the server (after RAID), replacing the plan's.
	DiskGB int `json:"disk_gb,omitempty"`
}

// Extra is one optional parameter of a create method.
type Extra struct {
	Param   string    `json:"param"`
	Label   string    `json:"label"`
	Help    string    `json:"help,omitempty"`
	Type    ExtraType `json:"type"`
	Choices []Choice  `json:"choices,omitempty"`
	// Default is the value Memset assumes when the parameter is not sent.
	Default string `json:"default,omitempty"`
	// Min, Max and UnitPrice apply to number extras; Unit names the unit ("GB").
	Min       int        `json:"min,omitempty"`
	Max       int        `json:"max,omitempty"`
	Unit      string     `json:"unit,omitempty"`
	UnitPrice Amount     `json:"unit_price,omitempty"`
	Format    TextFormat `json:"format,omitempty"`
	// Required extras must be given (e.g. the amount of a top-up).
	Required bool `json:"required,omitempty"`
	// AffectsPrice is true where Memset's page lists the parameter as
	// affecting the price.
	AffectsPrice bool `json:"affects_price,omitempty"`
	// ClassicOnly marks the parameters Memset deprecated and accepts only on
	// classic (MS0…) Miniservers.
	ClassicOnly bool `json:"classic_only,omitempty"`
	// Multiplier extras (the period in months) multiply the recurring price
	// instead of adding to it.
	Multiplier bool `json:"multiplier,omitempty"`
	// Source says whether the parameter name is documented; ChoicesSource
	// whether its values are.
	Source        Source `json:"source"`
	ChoicesSource Source `json:"choices_source,omitempty"`
}

// Choice returns the choice with value v.
func (e Extra) Choice(v string) (Choice, bool) {
	for _, c := range e.Choices {
		if c.Value == v {
			return c, true
		}
	}
	return Choice{}, false
}

// Product is one orderable thing.
type Product struct {
	ID      ProductID `json:"id"`
	Name    string    `json:"name"`
	Summary string    `json:"summary"`
	// Method is the create method that orders it; filled from CreateMethods.
	Method  Method  `json:"-"`
	Kind    Kind    `json:"kind"`
	Billing Billing `json:"billing"`
	// Deprecated, when set, is Memset's reason for deprecating the product.
	Deprecated string `json:"deprecated,omitempty"`
	// JobType is the type of the setup job a real order creates.
	JobType       string `json:"job_type"`
	JobTypeSource Source `json:"job_type_source"`
	// JobStages are the job statuses a setup goes through, in order, ending
	// with the finished status. Memset's status strings are free text; these
	// are what the sandbox uses and the wizard expects.
	JobStages []string `json:"job_stages"`
	// ServicePrefix starts the names of new services ("ms" for Memstore).
	ServicePrefix string `json:"service_prefix,omitempty"`
	// TargetParam names the parameter that picks an existing service (the
	// bandwidth bank's server), empty otherwise.
	TargetParam string `json:"target_param,omitempty"`
	SKUs        []SKU  `json:"skus,omitempty"`
	// skuIndex finds a plan by its code without a scan (a catalogue may
	// list thousands); SKU checks it and falls back to the list.
	skuIndex map[string]int
	// OSes lists the stock OS API names the product accepts; empty for
	// products that are not servers.
	OSes   []string `json:"oses,omitempty"`
	Extras []Extra  `json:"extras,omitempty"`
	// PriceParams is Memset's own list of parameters that affect the price.
	PriceParams []string `json:"price_params,omitempty"`
	Source      Source   `json:"source"`
}

// NeedsOS reports whether an os parameter is required.
func (p *Product) NeedsOS() bool { return p.Kind == KindServer }

// AllowsCPanel reports whether the cPanel image may be ordered (monthly
// servers only).
func (p *Product) AllowsCPanel() bool {
	return p.Kind == KindServer && p.Billing == BillingMonthly
}

// SKU returns the plan with the given code.
func (p *Product) SKU(code string) (SKU, bool) {
	if i, ok := p.skuIndex[code]; ok && i < len(p.SKUs) && p.SKUs[i].Code == code {
		return p.SKUs[i], true
	}
	for _, s := range p.SKUs {
		if s.Code == code {
			return s, true
		}
	}
	return SKU{}, false
}

// Extra returns the extra with the given parameter name.
func (p *Product) Extra(param string) (Extra, bool) {
	for _, e := range p.Extras {
		if e.Param == param {
			return e, true
		}
	}
	return Extra{}, false
}

// OffersOS reports whether the stock OS name is in the product's list.
func (p *Product) OffersOS(name string) bool { return slices.Contains(p.OSes, name) }

// Catalogue is everything that can be ordered.
type Catalogue struct {
	// Version identifies the data; it changes whenever the data does.
	Version  string     `json:"version"`
	Currency Currency   `json:"currency"`
	OSes     []OS       `json:"oses"`
	Products []*Product `json:"products"`
	// Notes explains the data's provenance.
	Notes []string `json:"notes,omitempty"`
}

// Product returns the product with the given id.
func (c *Catalogue) Product(id ProductID) (*Product, bool) {
	for _, p := range c.Products {
		if p.ID == id {
			return p, true
		}
	}
	return nil, false
}

// ProductByMethod returns the product ordered by the given create method.
func (c *Catalogue) ProductByMethod(m Method) (*Product, bool) {
	for _, p := range c.Products {
		if p.Method == m {
			return p, true
		}
	}
	return nil, false
}

// OS returns the stock OS with the given API name.
func (c *Catalogue) OS(name string) (OS, bool) {
	for _, o := range c.OSes {
		if o.Name == name {
			return o, true
		}
	}
	return OS{}, false
}

// OSGroups returns the OSes a product offers, grouped by family in a stable
// order (families in catalogue order; current releases before EOL ones).
func (c *Catalogue) OSGroups(p *Product) []OSGroup {
	var groups []OSGroup
	idx := map[OSFamily]int{}
	for _, o := range c.OSes {
		if !p.OffersOS(o.Name) {
			continue
		}
		i, ok := idx[o.Family]
		if !ok {
			i = len(groups)
			idx[o.Family] = i
			groups = append(groups, OSGroup{Family: o.Family})
		}
		groups[i].OSes = append(groups[i].OSes, o)
	}
	for i := range groups {
		sort.SliceStable(groups[i].OSes, func(a, b int) bool {
			return !groups[i].OSes[a].EOL && groups[i].OSes[b].EOL
		})
	}
	return groups
}

// FirstOS is the first OS p offers, in OSGroups' order, that keep accepts
// ("" when none does). It walks the catalogue without building the groups:
// a list asks it once per priced row.
func (c *Catalogue) FirstOS(p *Product, keep func(OS) bool) string {
	var seen []OSFamily
	for i, o := range c.OSes {
		if slices.Contains(seen, o.Family) || !p.OffersOS(o.Name) {
			continue
		}
		// The groups' families come in the order they first appear, and
		// a family's releases in catalogue order, current ones first.
		seen = append(seen, o.Family)
		var eol string
		for _, x := range c.OSes[i:] {
			if x.Family != o.Family || !p.OffersOS(x.Name) || !keep(x) {
				continue
			}
			if !x.EOL {
				return x.Name
			}
			if eol == "" {
				eol = x.Name
			}
		}
		if eol != "" {
			return eol
		}
	}
	return ""
}

// OSGroup is one family of OSes.
type OSGroup struct {
	Family OSFamily
	OSes   []OS
}

//go:embed catalogue.json
var defaultCatalogueJSON []byte

// DefaultCatalogue returns a fresh copy of the built-in catalogue. It panics
// only if the embedded data is broken, which a test guards.
func DefaultCatalogue() *Catalogue {
	c, err := LoadCatalogue(bytes.NewReader(defaultCatalogueJSON))
	if err != nil {
		panic("model: embedded catalogue: " + err.Error())
	}
	return c
}

// DefaultCatalogueJSON returns the built-in catalogue's source, for users
// who want a file to edit.
func DefaultCatalogueJSON() []byte { return slices.Clone(defaultCatalogueJSON) }

// MaxCatalogueBytes is the largest catalogue file LoadCatalogue reads (the
// built-in one is about 30 KiB).
const MaxCatalogueBytes = 4 << 20

// LoadCatalogue reads and checks a catalogue in the JSON form of
// catalogue.json. Everything in it is checked before it is used, and the
// first problem is the error, naming the field by its path in the file
// ("catalogue: oses[12].monthly: amount -92.50 is negative"): a file over
// MaxCatalogueBytes, JSON that does not parse, unknown keys, amounts that
// are not plain decimals or are negative (ErrNegativeAmount), a catalogue
// with no products, unknown products, kinds and billings a product's
// create method contradicts, missing names, sources and job stages,
// anything listed twice (OSes, products, plans, extras, choices, stages),
// OS names no product may use, defaults outside their choices or range,
// and text holding control characters.
func LoadCatalogue(r io.Reader) (*Catalogue, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxCatalogueBytes+1))
	if err != nil {
		return nil, fmt.Errorf("catalogue: %w", err)
	}
	if len(data) > MaxCatalogueBytes {
		return nil, fmt.Errorf("catalogue: the file is larger than the %d MiB cap on catalogue files", MaxCatalogueBytes>>20)
	}
	c, err := decodeCatalogue(data)
	if err != nil {
		return nil, fmt.Errorf("catalogue: %w", err)
	}
	if err := c.check(); err != nil {
		return nil, fmt.Errorf("catalogue: %w", err)
	}
	for _, p := range c.Products {
		p.skuIndex = make(map[string]int, len(p.SKUs))
		for i, s := range p.SKUs {
			p.skuIndex[s.Code] = i
		}
	}
	return c, nil
}

// decodeCatalogue decodes one JSON object, refusing unknown keys; an error
// names the place in the file.
func decodeCatalogue(data []byte) (*Catalogue, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, errors.New("the file is empty")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var c Catalogue
	if err := dec.Decode(&c); err != nil {
		var syn *json.SyntaxError
		switch {
		case errors.Is(err, io.ErrUnexpectedEOF):
			return nil, errors.New("the JSON ends early (is the file cut short?)")
		case errors.As(err, &syn):
			line, col := lineColumn(data, syn.Offset-1)
			return nil, fmt.Errorf("not JSON: %s (line %d, column %d)", syn.Error(), line, col)
		}
		path, leaf := locateJSON(data, reflect.TypeFor[Catalogue](), "")
		if leaf == nil {
			path, leaf = "", err
		}
		return nil, valueError(path, leaf)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("more data after the catalogue's JSON object")
	}
	return &c, nil
}
