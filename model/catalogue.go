package model

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
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

// LoadCatalogue reads and checks a catalogue in the JSON form of
// catalogue.json. Unknown keys, unknown sources, dangling OS names,
// duplicate SKUs and extras without choices are errors naming the place.
func LoadCatalogue(r io.Reader) (*Catalogue, error) {
	dec := json.NewDecoder(io.LimitReader(r, 4<<20))
	dec.DisallowUnknownFields()
	var c Catalogue
	if err := dec.Decode(&c); err != nil {
		return nil, fmt.Errorf("catalogue: %w", err)
	}
	if err := c.check(); err != nil {
		return nil, fmt.Errorf("catalogue: %w", err)
	}
	return &c, nil
}

func (c *Catalogue) check() error {
	if c.Version == "" {
		return fmt.Errorf("version is missing")
	}
	if !c.Currency.Valid() {
		return fmt.Errorf("currency %q is not GBP, EUR or USD", c.Currency)
	}
	oses := map[string]bool{}
	for i, o := range c.OSes {
		if o.Name == "" || o.Display == "" {
			return fmt.Errorf("oses[%d]: name and display are required", i)
		}
		if oses[o.Name] {
			return fmt.Errorf("oses[%d]: %s listed twice", i, o.Name)
		}
		if !o.Source.Valid() {
			return fmt.Errorf("oses[%d] %s: source is missing", i, o.Name)
		}
		oses[o.Name] = true
	}
	seen := map[ProductID]bool{}
	for _, p := range c.Products {
		if p == nil {
			return fmt.Errorf("products: null entry")
		}
		m, ok := CreateMethods[p.ID]
		if !ok {
			return fmt.Errorf("product %q: unknown product id (want one of %s)", p.ID, productIDList())
		}
		if seen[p.ID] {
			return fmt.Errorf("product %q listed twice", p.ID)
		}
		seen[p.ID] = true
		p.Method = m
		if err := p.check(oses); err != nil {
			return fmt.Errorf("product %s: %w", p.ID, err)
		}
	}
	return nil
}

func (p *Product) check(oses map[string]bool) error {
	if p.Name == "" {
		return fmt.Errorf("name is missing")
	}
	switch p.Kind {
	case KindServer, KindStorage, KindCloud, KindTopUp:
	default:
		return fmt.Errorf("kind %q is not server, storage, cloud or topup", p.Kind)
	}
	switch p.Billing {
	case BillingMonthly, BillingHourly, BillingOneOff:
	default:
		return fmt.Errorf("billing %q is not monthly, hourly or one-off", p.Billing)
	}
	if !p.Source.Valid() || !p.JobTypeSource.Valid() {
		return fmt.Errorf("source and job_type_source are required")
	}
	if p.JobType == "" || len(p.JobStages) < 2 {
		return fmt.Errorf("job_type and at least two job_stages are required")
	}
	if p.Kind != KindTopUp && len(p.SKUs) == 0 {
		return fmt.Errorf("no skus")
	}
	if p.Kind == KindTopUp && p.TargetParam == "" {
		return fmt.Errorf("a top-up needs target_param")
	}
	skus := map[string]bool{}
	for _, s := range p.SKUs {
		if s.Code == "" || skus[s.Code] {
			return fmt.Errorf("sku %q empty or listed twice", s.Code)
		}
		if !s.Source.Valid() || !s.PriceSource.Valid() {
			return fmt.Errorf("sku %s: source and price_source are required", s.Code)
		}
		if s.Price < 0 || s.Setup < 0 {
			return fmt.Errorf("sku %s: negative price", s.Code)
		}
		skus[s.Code] = true
	}
	if p.Kind == KindServer && len(p.OSes) == 0 {
		return fmt.Errorf("a server product needs oses")
	}
	for _, o := range p.OSes {
		if !oses[o] {
			return fmt.Errorf("os %q is not in the catalogue's oses", o)
		}
	}
	params := map[string]bool{"sku": true, "os": true, "dry_run": true, "add_to_next_bill": true, "discount_code": true}
	for _, e := range p.Extras {
		if e.Param == "" || params[e.Param] {
			return fmt.Errorf("extra %q empty or clashing with another parameter", e.Param)
		}
		params[e.Param] = true
		if !e.Source.Valid() {
			return fmt.Errorf("extra %s: source is missing", e.Param)
		}
		switch e.Type {
		case ExtraChoice:
			if len(e.Choices) == 0 {
				return fmt.Errorf("extra %s: a choice needs choices", e.Param)
			}
			if !e.ChoicesSource.Valid() {
				return fmt.Errorf("extra %s: choices_source is missing", e.Param)
			}
			if e.Default != "" {
				if _, ok := e.Choice(e.Default); !ok {
					return fmt.Errorf("extra %s: default %q is not a choice", e.Param, e.Default)
				}
			}
		case ExtraNumber:
			if e.Min > e.Max {
				return fmt.Errorf("extra %s: min above max", e.Param)
			}
		case ExtraText:
		default:
			return fmt.Errorf("extra %s: type %q is not choice, number or text", e.Param, e.Type)
		}
	}
	if p.TargetParam != "" && params[p.TargetParam] {
		return fmt.Errorf("target_param %q clashes with an extra", p.TargetParam)
	}
	return nil
}

func productIDList() string {
	ids := make([]string, 0, len(CreateMethods))
	for id := range CreateMethods {
		ids = append(ids, string(id))
	}
	sort.Strings(ids)
	return strings.Join(ids, ", ")
}
