package model

import (
	"bytes"
	_ "embed"
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
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

// lineColumn is the 1-based line and column (in characters) of byte off.
func lineColumn(data []byte, off int64) (line, col int) {
	off = max(0, min(off, int64(len(data))))
	before := data[:off]
	line = bytes.Count(before, []byte("\n")) + 1
	col = utf8.RuneCount(before[bytes.LastIndexByte(before, '\n')+1:]) + 1
	return line, col
}

var (
	jsonUnmarshalerType = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
)

// locateJSON finds the first value in data, in document order, that does
// not decode into a value of type t (unknown keys refused), and returns its
// path below path and the error decoding that value alone gives. The error
// is nil when data decodes. It runs only after a decode failed, so its
// re-decoding costs nothing on the way that matters.
func locateJSON(data []byte, t reflect.Type, path string) (string, error) {
	err := decodeStrict(data, t)
	if err == nil {
		return "", nil
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	pt := reflect.PointerTo(t)
	if pt.Implements(jsonUnmarshalerType) || pt.Implements(textUnmarshalerType) {
		return path, err
	}
	switch t.Kind() {
	case reflect.Struct:
		if p, e := locateInObject(data, t, path); e != nil {
			return p, e
		}
	case reflect.Slice, reflect.Array:
		var items []json.RawMessage
		if json.Unmarshal(data, &items) == nil {
			for i, raw := range items {
				if p, e := locateJSON(raw, t.Elem(), fmt.Sprintf("%s[%d]", path, i)); e != nil {
					return p, e
				}
			}
		}
	}
	return path, err
}

// locateInObject is locateJSON for the members of an object decoded into
// struct type t; the error is nil when no member is at fault.
func locateInObject(data []byte, t reflect.Type, path string) (string, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return "", nil
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return "", nil
		}
		key, _ := tok.(string)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return "", nil
		}
		f, name, ok := jsonField(t, key)
		if !ok {
			return path, fmt.Errorf("unknown field %q", key)
		}
		if path != "" {
			name = path + "." + name
		}
		if p, e := locateJSON(raw, f.Type, name); e != nil {
			return p, e
		}
	}
	return "", nil
}

// jsonField is the field of struct type t that encoding/json fills from
// key (an exact match first, then one ignoring case), and its JSON name.
func jsonField(t reflect.Type, key string) (reflect.StructField, string, bool) {
	var (
		fold     reflect.StructField
		foldName string
		folded   bool
	)
	for i := range t.NumField() {
		f := t.Field(i)
		name := jsonName(f)
		switch {
		case name == "":
		case name == key:
			return f, name, true
		case !folded && strings.EqualFold(name, key):
			fold, foldName, folded = f, name, true
		}
	}
	return fold, foldName, folded
}

// jsonName is the key encoding/json uses for f, "" for a field it skips.
func jsonName(f reflect.StructField) string {
	if !f.IsExported() {
		return ""
	}
	name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	switch name {
	case "-":
		return ""
	case "":
		return f.Name
	}
	return name
}

// decodeStrict decodes data into a new value of type t, refusing unknown
// keys.
func decodeStrict(data []byte, t reflect.Type) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	return dec.Decode(reflect.New(t).Interface())
}

// valueError says what is wrong with the value at path: a JSON value of
// the wrong kind in words ("a number where a string is expected"),
// anything else as it is (wrapped, so ErrNegativeAmount stays visible).
func valueError(path string, err error) error {
	prefix := ""
	if path != "" {
		prefix = path + ": "
	}
	var typ *json.UnmarshalTypeError
	if errors.As(err, &typ) {
		return fmt.Errorf("%s%s where %s is expected", prefix, jsonValueWords(typ.Value), jsonTypeWords(typ.Type))
	}
	if path == "" {
		return err
	}
	return fmt.Errorf("%s%w", prefix, err)
}

// jsonValueWords names a JSON value as json.UnmarshalTypeError describes
// it ("number", "number 1.5", "string", "array"…).
func jsonValueWords(v string) string {
	switch v {
	case "number":
		return "a number"
	case "string":
		return "a string"
	case "bool":
		return "true or false"
	case "array":
		return "a list"
	case "object":
		return "an object"
	}
	if n, ok := strings.CutPrefix(v, "number "); ok {
		return "the number " + n
	}
	return v
}

// jsonTypeWords names the JSON a Go type is read from.
func jsonTypeWords(t reflect.Type) string {
	if t == nil {
		return "another value"
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if reflect.PointerTo(t).Implements(textUnmarshalerType) {
		return "a string"
	}
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.Struct, reflect.Map:
		return "an object"
	}
	return "a " + t.Kind().String()
}

// checkText refuses any string in v (a catalogue or part of one) that the
// printable filter would change: control characters, escape sequences.
// Paths name fields by their JSON keys.
func checkText(v reflect.Value, path string) error {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return nil
		}
		return checkText(v.Elem(), path)
	case reflect.String:
		if s := v.String(); Printable(s) != s {
			return fmt.Errorf("%s: holds control characters", path)
		}
	case reflect.Slice:
		for i := range v.Len() {
			if err := checkText(v.Index(i), fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
	case reflect.Struct:
		for i := range v.NumField() {
			name := jsonName(v.Type().Field(i))
			if name == "" {
				continue
			}
			if path != "" {
				name = path + "." + name
			}
			if err := checkText(v.Field(i), name); err != nil {
				return err
			}
		}
	}
	return nil
}

// productShape is what a product is, whatever a catalogue file says: the
// kind its create method takes, and the billings its name allows.
type productShape struct {
	kind     Kind
	billings []Billing
}

// productShapes holds the shape of every product in CreateMethods.
var productShapes = map[ProductID]productShape{
	ProductMonthlyMiniserver: {KindServer, []Billing{BillingMonthly}},
	ProductHourlyMiniserver:  {KindServer, []Billing{BillingHourly}},
	ProductMonthlyFullserver: {KindServer, []Billing{BillingMonthly}},
	ProductMemstore:          {KindStorage, []Billing{BillingMonthly, BillingHourly}},
	ProductOpenStack:         {KindCloud, []Billing{BillingMonthly, BillingHourly}},
	ProductBandwidthBank:     {KindTopUp, []Billing{BillingOneOff}},
}

// fixedParams are the parameters every create method has, which no extra
// and no target may take; api_key is never a parameter.
var fixedParams = []string{ParamSKU, ParamOS, ParamDryRun, ParamAddToNextBill, ParamDiscountCode, "api_key"}

var (
	// apiValuePattern is an OS name, a plan code or a choice value.
	apiValuePattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$`)
	// paramPattern is a create method's parameter name.
	paramPattern = regexp.MustCompile(`^[a-z][a-z0-9_]{0,63}$`)
	// familyPattern is an OS family.
	familyPattern = regexp.MustCompile(`^[a-z][a-z0-9_-]{0,31}$`)
	// prefixPattern is the start of new service names.
	prefixPattern = regexp.MustCompile(`^[a-z]{1,8}$`)
)

const (
	apiValueRule = `letters, digits, ".", "-" and "_"`
	paramRule    = `lower-case letters, digits and "_"`
)

func (c *Catalogue) check() error {
	if err := checkText(reflect.ValueOf(c).Elem(), ""); err != nil {
		return err
	}
	if c.Version == "" {
		return errors.New("version is missing")
	}
	if !c.Currency.Valid() {
		return fmt.Errorf("currency %q is not GBP, EUR or USD", c.Currency)
	}
	if len(c.Products) == 0 {
		return errors.New("the catalogue has no products")
	}
	oses := map[string]bool{}
	firstOS := map[string]int{}
	for i, o := range c.OSes {
		at := fmt.Sprintf("oses[%d]", i)
		if err := o.check(at); err != nil {
			return err
		}
		if first, dup := firstOS[o.Name]; dup {
			return fmt.Errorf("%s.name: %q is listed twice (first at oses[%d])", at, o.Name, first)
		}
		firstOS[o.Name], oses[o.Name] = i, true
	}
	firstProduct := map[ProductID]int{}
	firstJobType := map[string]int{}
	for i, p := range c.Products {
		at := fmt.Sprintf("products[%d]", i)
		if p == nil {
			return fmt.Errorf("%s is null", at)
		}
		if p.ID == "" {
			return fmt.Errorf("%s.id is missing", at)
		}
		m, ok := CreateMethods[p.ID]
		if !ok {
			return fmt.Errorf("%s.id: unknown product id %q (want one of %s)", at, p.ID, productIDList())
		}
		if _, ok := LookupMethod(m); !ok {
			return fmt.Errorf("%s.id: the create method of %s, %s, is not in the method table", at, p.ID, m)
		}
		if first, dup := firstProduct[p.ID]; dup {
			return fmt.Errorf("%s.id: %q is listed twice (first at products[%d])", at, p.ID, first)
		}
		firstProduct[p.ID] = i
		p.Method = m
		if err := p.check(at, oses); err != nil {
			return err
		}
		if first, seen := firstJobType[p.JobType]; !seen {
			firstJobType[p.JobType] = i
		} else if !slices.Equal(c.Products[first].JobStages, p.JobStages) {
			return fmt.Errorf("%s.job_stages: differ from those of products[%d] (%s), which has the same job_type %q", at, first, c.Products[first].ID, p.JobType)
		}
	}
	return nil
}

func (o OS) check(at string) error {
	switch {
	case o.Name == "":
		return fmt.Errorf("%s.name is missing", at)
	case !apiValuePattern.MatchString(o.Name):
		return fmt.Errorf("%s.name: %q is not an API name (%s)", at, o.Name, apiValueRule)
	case o.Display == "":
		return fmt.Errorf("%s.display is missing", at)
	case o.Family == "":
		return fmt.Errorf("%s.family is missing", at)
	case !familyPattern.MatchString(string(o.Family)):
		return fmt.Errorf("%s.family: %q is not a family name (lower-case letters, digits, \"-\" and \"_\")", at, o.Family)
	case !o.Source.Valid():
		return fmt.Errorf("%s.source is missing", at)
	case o.Windows != (o.Family == FamilyWindows):
		return fmt.Errorf("%s.windows: %t, but the family is %q", at, o.Windows, o.Family)
	case o.CPanel != (o.Family == FamilyCPanel):
		return fmt.Errorf("%s.cpanel: %t, but the family is %q", at, o.CPanel, o.Family)
	}
	return nil
}

func (p *Product) check(at string, oses map[string]bool) error {
	shape := productShapes[p.ID]
	switch {
	case p.Name == "":
		return fmt.Errorf("%s.name is missing", at)
	case p.Kind != shape.kind:
		return fmt.Errorf("%s.kind: %s is a %s product, not %q", at, p.ID, shape.kind, p.Kind)
	case !slices.Contains(shape.billings, p.Billing):
		var want []string
		for _, b := range shape.billings {
			want = append(want, string(b))
		}
		return fmt.Errorf("%s.billing: %s is billed %s, not %q", at, p.ID, strings.Join(want, " or "), p.Billing)
	case !p.Source.Valid():
		return fmt.Errorf("%s.source is missing", at)
	case p.JobType == "":
		return fmt.Errorf("%s.job_type is missing", at)
	case !p.JobTypeSource.Valid():
		return fmt.Errorf("%s.job_type_source is missing", at)
	case p.ServicePrefix != "" && !prefixPattern.MatchString(p.ServicePrefix):
		return fmt.Errorf("%s.service_prefix: %q is not lower-case letters (at most 8)", at, p.ServicePrefix)
	}
	if err := p.checkStages(at); err != nil {
		return err
	}
	params := map[string]bool{}
	for _, f := range fixedParams {
		params[f] = true
	}
	switch {
	case p.Kind == KindTopUp && p.TargetParam == "":
		return fmt.Errorf("%s.target_param is missing (a top-up names the service it is for)", at)
	case p.Kind != KindTopUp && p.TargetParam != "":
		return fmt.Errorf("%s.target_param: only a top-up has one", at)
	case p.TargetParam != "" && !paramPattern.MatchString(p.TargetParam):
		return fmt.Errorf("%s.target_param: %q is not a parameter name (%s)", at, p.TargetParam, paramRule)
	case params[p.TargetParam]:
		return fmt.Errorf("%s.target_param: %q clashes with another parameter", at, p.TargetParam)
	case p.TargetParam != "":
		params[p.TargetParam] = true
	}
	if err := p.checkSKUs(at); err != nil {
		return err
	}
	if err := p.checkOSes(at, oses); err != nil {
		return err
	}
	multiplier := -1
	for i, e := range p.Extras {
		eat := fmt.Sprintf("%s.extras[%d]", at, i)
		if e.Param == "" {
			return fmt.Errorf("%s.param is missing", eat)
		}
		if !paramPattern.MatchString(e.Param) {
			return fmt.Errorf("%s.param: %q is not a parameter name (%s)", eat, e.Param, paramRule)
		}
		if params[e.Param] {
			return fmt.Errorf("%s.param: %q clashes with another parameter", eat, e.Param)
		}
		params[e.Param] = true
		if e.Multiplier && e.Type == ExtraChoice {
			if multiplier >= 0 {
				return fmt.Errorf("%s.multiplier: the product already has one (extras[%d])", eat, multiplier)
			}
			multiplier = i
		}
		if err := e.check(eat); err != nil {
			return err
		}
	}
	seen := map[string]bool{}
	for i, pp := range p.PriceParams {
		pat := fmt.Sprintf("%s.price_params[%d]", at, i)
		switch {
		case seen[pp]:
			return fmt.Errorf("%s: %q is listed twice", pat, pp)
		case !params[pp] || pp == ParamDryRun || pp == ParamAddToNextBill || pp == "api_key" || (pp == ParamOS && !p.NeedsOS()):
			return fmt.Errorf("%s: %q is not a parameter of %s", pat, pp, p.ID)
		}
		seen[pp] = true
	}
	return nil
}

// checkStages checks the job stages: at least two, none empty or twice,
// and not the status a job has before it starts.
func (p *Product) checkStages(at string) error {
	if len(p.JobStages) < 2 {
		return fmt.Errorf("%s.job_stages: at least two stages are needed, %d given", at, len(p.JobStages))
	}
	seen := map[string]bool{}
	for i, st := range p.JobStages {
		sat := fmt.Sprintf("%s.job_stages[%d]", at, i)
		switch {
		case st == "":
			return fmt.Errorf("%s is empty", sat)
		case st == StatusAwaitingPayment:
			return fmt.Errorf("%s: %q is the status before a job starts, not a stage", sat, st)
		case seen[st]:
			return fmt.Errorf("%s: %q is listed twice", sat, st)
		}
		seen[st] = true
	}
	return nil
}

// checkSKUs checks the plans: a top-up has none, every other product some,
// each with a code of its own, a name, its sources and, for a server, its
// memory.
func (p *Product) checkSKUs(at string) error {
	switch {
	case p.Kind == KindTopUp && len(p.SKUs) > 0:
		return fmt.Errorf("%s.skus: a top-up has no plans", at)
	case p.Kind != KindTopUp && len(p.SKUs) == 0:
		return fmt.Errorf("%s.skus: %s has no plans", at, p.ID)
	}
	first := map[string]int{}
	for i, s := range p.SKUs {
		sat := fmt.Sprintf("%s.skus[%d]", at, i)
		if f, dup := first[s.Code]; dup && s.Code != "" {
			return fmt.Errorf("%s.sku: %q is listed twice (first at skus[%d])", sat, s.Code, f)
		}
		first[s.Code] = i
		switch {
		case s.Code == "":
			return fmt.Errorf("%s.sku is missing", sat)
		case !apiValuePattern.MatchString(s.Code):
			return fmt.Errorf("%s.sku: %q is not an API value (%s)", sat, s.Code, apiValueRule)
		case s.Name == "":
			return fmt.Errorf("%s.name is missing", sat)
		case s.RAMMB < 0:
			return fmt.Errorf("%s.ram_mb: %d is negative", sat, s.RAMMB)
		case s.DiskGB < 0:
			return fmt.Errorf("%s.disk_gb: %d is negative", sat, s.DiskGB)
		case s.VCPUs < 0:
			return fmt.Errorf("%s.vcpus: %d is negative", sat, s.VCPUs)
		case p.Kind == KindServer && s.RAMMB == 0:
			return fmt.Errorf("%s.ram_mb: a server plan needs its memory", sat)
		case !s.Source.Valid():
			return fmt.Errorf("%s.source is missing", sat)
		case !s.PriceSource.Valid():
			return fmt.Errorf("%s.price_source is missing", sat)
		}
	}
	return nil
}

// checkOSes checks a product's OS names: a server has some, other products
// none, each in the catalogue's list once.
func (p *Product) checkOSes(at string, oses map[string]bool) error {
	switch {
	case p.Kind == KindServer && len(p.OSes) == 0:
		return fmt.Errorf("%s.oses: a server product needs at least one OS", at)
	case p.Kind != KindServer && len(p.OSes) > 0:
		return fmt.Errorf("%s.oses: only server products take an OS", at)
	}
	seen := map[string]bool{}
	for i, o := range p.OSes {
		switch {
		case !oses[o]:
			return fmt.Errorf("%s.oses[%d]: %q is not in the catalogue's oses", at, i, o)
		case seen[o]:
			return fmt.Errorf("%s.oses[%d]: %q is listed twice", at, i, o)
		}
		seen[o] = true
	}
	return nil
}

func (e Extra) check(at string) error {
	switch e.Type {
	case ExtraChoice, ExtraNumber, ExtraText:
	default:
		return fmt.Errorf("%s.type: %q is not choice, number or text", at, e.Type)
	}
	switch {
	case e.Label == "":
		return fmt.Errorf("%s.label is missing", at)
	case !e.Source.Valid():
		return fmt.Errorf("%s.source is missing", at)
	case e.Multiplier && e.Type != ExtraChoice:
		return fmt.Errorf("%s.multiplier: only a choice extra can multiply the price", at)
	case e.Type != ExtraChoice && len(e.Choices) > 0:
		return fmt.Errorf("%s.choices: only a choice extra has choices", at)
	case e.Type != ExtraNumber && e.UnitPrice != 0:
		return fmt.Errorf("%s.unit_price: only a number extra has one", at)
	case e.Type != ExtraNumber && e.Unit != "":
		return fmt.Errorf("%s.unit: only a number extra has one", at)
	case e.Type != ExtraNumber && (e.Min != 0 || e.Max != 0):
		return fmt.Errorf("%s.min: only a number extra has a range", at)
	case e.Type != ExtraText && e.Format != FormatAny:
		return fmt.Errorf("%s.format: only a text extra has one", at)
	}
	switch e.Type {
	case ExtraChoice:
		return e.checkChoices(at)
	case ExtraNumber:
		switch {
		case e.Min < 0:
			return fmt.Errorf("%s.min: %d is negative", at, e.Min)
		case e.Max <= 0:
			return fmt.Errorf("%s.max: a number extra needs a max above 0", at)
		case e.Min > e.Max:
			return fmt.Errorf("%s: min %d is above max %d", at, e.Min, e.Max)
		}
		if e.Default != "" {
			if n, err := strconv.Atoi(e.Default); err != nil || n < e.Min || n > e.Max {
				return fmt.Errorf("%s.default: %q is not a whole number from %d to %d", at, e.Default, e.Min, e.Max)
			}
		}
	case ExtraText:
		switch e.Format {
		case FormatAny, FormatName, FormatSSHPublicKey:
		default:
			return fmt.Errorf("%s.format: %q is not %s or %s", at, e.Format, FormatName, FormatSSHPublicKey)
		}
	}
	return nil
}

// checkChoices checks a choice extra: choices with values of their own and
// labels, a multiplier's values whole numbers of billing periods, and the
// default one of them.
func (e Extra) checkChoices(at string) error {
	if len(e.Choices) == 0 {
		return fmt.Errorf("%s.choices: a choice extra needs choices", at)
	}
	if !e.ChoicesSource.Valid() {
		return fmt.Errorf("%s.choices_source is missing", at)
	}
	first := map[string]int{}
	for i, ch := range e.Choices {
		cat := fmt.Sprintf("%s.choices[%d]", at, i)
		if f, dup := first[ch.Value]; dup && ch.Value != "" {
			return fmt.Errorf("%s.value: %q is listed twice (first at choices[%d])", cat, ch.Value, f)
		}
		first[ch.Value] = i
		switch {
		case ch.Value == "":
			return fmt.Errorf("%s.value is missing", cat)
		case !apiValuePattern.MatchString(ch.Value):
			return fmt.Errorf("%s.value: %q is not an API value (%s)", cat, ch.Value, apiValueRule)
		case ch.Label == "":
			return fmt.Errorf("%s.label is missing", cat)
		case ch.RAMMB < 0:
			return fmt.Errorf("%s.ram_mb: %d is negative", cat, ch.RAMMB)
		}
		if e.Multiplier {
			if n, err := strconv.Atoi(ch.Value); err != nil || n < 1 {
				return fmt.Errorf("%s.value: %q is not a whole number of billing periods (the extra multiplies the price)", cat, ch.Value)
			}
			if ch.Price != 0 {
				return fmt.Errorf("%s.price: a choice of a multiplier extra has no price", cat)
			}
		}
	}
	if e.Default != "" {
		if _, ok := e.Choice(e.Default); !ok {
			return fmt.Errorf("%s.default: %q is not one of the choices", at, e.Default)
		}
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
