package model

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
)

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
	apiValuePattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$`) })
	// paramPattern is a create method's parameter name.
	paramPattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-z][a-z0-9_]{0,63}$`) })
	// familyPattern is an OS family.
	familyPattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-z][a-z0-9_-]{0,31}$`) })
	// prefixPattern is the start of new service names.
	prefixPattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-z]{1,8}$`) })
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
	case !apiValuePattern().MatchString(o.Name):
		return fmt.Errorf("%s.name: %q is not an API name (%s)", at, o.Name, apiValueRule)
	case o.Display == "":
		return fmt.Errorf("%s.display is missing", at)
	case o.Family == "":
		return fmt.Errorf("%s.family is missing", at)
	case !familyPattern().MatchString(string(o.Family)):
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
	case p.ServicePrefix != "" && !prefixPattern().MatchString(p.ServicePrefix):
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
	case p.TargetParam != "" && !paramPattern().MatchString(p.TargetParam):
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
		if !paramPattern().MatchString(e.Param) {
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
		case !apiValuePattern().MatchString(s.Code):
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
		case !apiValuePattern().MatchString(ch.Value):
			return fmt.Errorf("%s.value: %q is not an API value (%s)", cat, ch.Value, apiValueRule)
		case ch.Label == "":
			return fmt.Errorf("%s.label is missing", cat)
		case ch.RAMMB < 0:
			return fmt.Errorf("%s.ram_mb: %d is negative", cat, ch.RAMMB)
		case ch.DiskGB < 0:
			return fmt.Errorf("%s.disk_gb: %d is negative", cat, ch.DiskGB)
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
