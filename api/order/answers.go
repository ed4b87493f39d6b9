package order

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/memset-order/memset-order/api"
	"github.com/memset-order/memset-order/model"
)

// Answers are an order's answers as a script gives them: the flags of
// `memset-order order PRODUCT`, or a plan file's. Every answer the wizard
// takes has one: the plan (SKU), the OS or snapshot (OS), each extra and a
// top-up's server (Set, as NAME=VALUE), the discount code and the billing
// choice.
type Answers struct {
	// Product is a catalogue product id, e.g. "monthly_miniserver".
	Product string
	SKU     string
	// OS is a stock OS's API name or a snapshot's os_option.
	OS string
	// Set holds NAME=VALUE pairs: any extra, or the product's target
	// parameter (a top-up's server, "name").
	Set      []string
	Discount string
	// BillTo is "", "default", "next-bill" or "invoice-now".
	BillTo string
}

// The flag names, as `memset-order order` spells them.
const (
	FlagSKU      = "--sku"
	FlagOS       = "--os"
	FlagSet      = "--set"
	FlagDiscount = "--discount"
	FlagBillTo   = "--bill-to"
	// ArgProduct names the PRODUCT argument in messages.
	ArgProduct = "PRODUCT"
)

// The --bill-to values, in the order of model.BillTo.
var billToWords = []string{"default", "next-bill", "invoice-now"}

// BillToWords are the values --bill-to takes.
func BillToWords() []string { return append([]string(nil), billToWords...) }

// BillToWord is b as --bill-to spells it.
func BillToWord(b model.BillTo) string {
	if int(b) >= 0 && int(b) < len(billToWords) {
		return billToWords[b]
	}
	return billToWords[0]
}

// AnswerError is one answer that is wrong or missing, named by its flag.
type AnswerError struct {
	// Flag is the flag at fault ("--sku", "--set period", "PRODUCT").
	Flag string
	// Value is what was given ("" when it is missing).
	Value string
	// Reason says what is wrong, in a customer's words.
	Reason string
	// Missing is set when the answer was not given at all.
	Missing bool
	// Problem is the rule behind it, when a rule found it.
	Problem *model.Problem
}

// Error is "--sku MSX: no such plan for Monthly Miniserver (…)", on one
// printable line: the values said back are the person's own typing.
func (e AnswerError) Error() string {
	if e.Value == "" || e.Missing {
		return model.Printable(e.Flag + ": " + e.Reason)
	}
	sep := " "
	if strings.HasPrefix(e.Flag, FlagSet+" ") {
		sep = "="
	}
	return model.Printable(e.Flag + sep + clipWord(e.Value) + ": " + e.Reason)
}

// clipWord keeps a value said back in a message short.
func clipWord(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:59]) + "…"
	}
	return s
}

// Build turns answers into an order. Only what the answers can say about
// themselves is checked here (a known product, NAME=VALUE pairs naming its
// parameters, a --bill-to word); Problems checks the order against the
// rules. Every error is returned, not only the first.
func Build(cat *model.Catalogue, a Answers) (model.Order, []AnswerError) {
	p, ok := cat.Product(model.ProductID(a.Product))
	if !ok {
		reason := "not a product; use one of " + strings.Join(ProductIDs(cat), ", ")
		if a.Product == "" {
			return model.Order{}, []AnswerError{{Flag: ArgProduct, Missing: true, Reason: "missing; use one of " + strings.Join(ProductIDs(cat), ", ")}}
		}
		return model.Order{}, []AnswerError{{Flag: ArgProduct, Value: a.Product, Reason: reason}}
	}
	o := model.Order{Product: p.ID}
	var errs []AnswerError
	if a.SKU != "" {
		o.SKU = a.SKU
	}
	if a.OS != "" {
		o.OS = a.OS
	}
	seen := map[string]bool{}
	for _, kv := range a.Set {
		name, value, found := strings.Cut(kv, "=")
		name = strings.TrimSpace(name)
		switch {
		case !found || name == "":
			errs = append(errs, AnswerError{Flag: FlagSet, Value: kv, Reason: "give NAME=VALUE, e.g. --set " + exampleSet(p)})
			continue
		case name == model.ParamSKU || name == model.ParamOS || name == model.ParamDiscountCode || name == model.ParamAddToNextBill:
			errs = append(errs, AnswerError{Flag: FlagSet, Value: kv, Reason: "use " + FlagFor(p, name) + " for " + name})
			continue
		case seen[name]:
			errs = append(errs, AnswerError{Flag: FlagSet + " " + name, Value: value, Reason: "given more than once"})
			continue
		}
		seen[name] = true
		if _, isExtra := p.Extra(name); !isExtra && name != p.TargetParam {
			errs = append(errs, AnswerError{Flag: FlagSet, Value: kv, Reason: name + " is not a setting of " + string(p.ID) + "; " + settingsList(p)})
			continue
		}
		if value == "" {
			errs = append(errs, AnswerError{Flag: FlagSet + " " + name, Missing: true, Reason: "give a value"})
			continue
		}
		o = o.With(p, name, value)
	}
	if a.Discount != "" {
		o = o.With(p, model.ParamDiscountCode, a.Discount)
	}
	switch b := strings.TrimSpace(a.BillTo); b {
	case "", billToWords[0]:
	case billToWords[1]:
		o.BillTo = model.BillNextBill
	case billToWords[2]:
		o.BillTo = model.BillNow
	default:
		errs = append(errs, AnswerError{Flag: FlagBillTo, Value: b, Reason: "use " + strings.Join(billToWords, ", ")})
	}
	return o, errs
}

// Problems checks o against the rules and the account (model.Check) and
// says each problem as the flag that would fix it, with the fix when there
// is one. Payment problems are not about an answer and are left out: see
// PaymentProblem.
func Problems(cat *model.Catalogue, o model.Order, acct model.Account) []AnswerError {
	p, ok := cat.Product(o.Product)
	if !ok {
		return []AnswerError{{Flag: ArgProduct, Value: string(o.Product), Reason: "not a product"}}
	}
	var out []AnswerError
	for _, pr := range model.Check(cat, o, acct) {
		if pr.Code == model.ProblemPayment {
			continue
		}
		pr := pr
		e := AnswerError{Flag: FlagFor(p, pr.Param), Value: o.Get(p, pr.Param), Reason: pr.Reason, Problem: &pr}
		if pr.Code == model.ProblemRequired {
			e.Missing, e.Value = true, ""
			e.Reason = "missing: " + pr.Reason
			if choices := choicesOf(cat, p, pr.Param, acct); choices != "" {
				e.Reason += " (" + choices + ")"
			}
		} else if pr.Code == model.ProblemInvalid || pr.Code == model.ProblemUnknownParam {
			if choices := choicesOf(cat, p, pr.Param, acct); choices != "" {
				e.Reason += "; " + choices
			}
		}
		if pr.Fix != nil {
			e.Reason += "; " + fixWords(cat, p, *pr.Fix)
		}
		out = append(out, e)
	}
	return out
}

// PaymentProblem is the rules' payment problem for o, or nil.
func PaymentProblem(cat *model.Catalogue, o model.Order, acct model.Account) *model.Problem {
	for _, pr := range model.Check(cat, o, acct) {
		if pr.Code == model.ProblemPayment {
			return &pr
		}
	}
	return nil
}

// FlagFor is the flag of `memset-order order` that sets param.
func FlagFor(p *model.Product, param string) string {
	switch param {
	case model.ParamSKU:
		return FlagSKU
	case model.ParamOS:
		return FlagOS
	case model.ParamDiscountCode:
		return FlagDiscount
	case model.ParamAddToNextBill:
		return FlagBillTo
	case "":
		return ArgProduct
	}
	return FlagSet + " " + param
}

// fixWords says a rule's fix as the flags that make it.
func fixWords(cat *model.Catalogue, p *model.Product, f model.Fix) string {
	switch {
	case f.Product != "":
		return "order " + string(f.Product) + " instead"
	case f.Value == "":
		return "leave out " + FlagFor(p, f.Param)
	case f.Param == model.ParamSKU || f.Param == model.ParamOS:
		return FlagFor(p, f.Param) + " " + f.Value + " fixes it"
	}
	return FlagSet + " " + f.Param + "=" + f.Value + " fixes it"
}

// choicesOf lists the values param takes, for a message ("" when it takes
// free text).
func choicesOf(cat *model.Catalogue, p *model.Product, param string, acct model.Account) string {
	switch param {
	case model.ParamSKU:
		var codes []string
		for _, s := range p.SKUs {
			codes = append(codes, s.Code)
		}
		return "one of " + strings.Join(codes, ", ")
	case model.ParamOS:
		names := OSNames(cat, p)
		for _, s := range acct.Snapshots {
			if s.Usable() {
				names = append(names, s.OSOption)
			}
		}
		return "one of " + strings.Join(names, ", ")
	case p.TargetParam:
		var names []string
		for _, s := range acct.Servers {
			if s.Metered() {
				names = append(names, s.Name)
			}
		}
		if len(names) == 0 {
			return ""
		}
		return "a server with metered bandwidth: " + strings.Join(names, ", ")
	}
	e, ok := p.Extra(param)
	if !ok {
		return settingsList(p)
	}
	switch e.Type {
	case model.ExtraChoice:
		var vs []string
		for _, c := range e.Choices {
			vs = append(vs, c.Value)
		}
		return "one of " + strings.Join(vs, ", ")
	case model.ExtraNumber:
		return fmt.Sprintf("a whole number from %d to %d", e.Min, e.Max)
	}
	return ""
}

// settingsList names the --set names a product takes.
func settingsList(p *model.Product) string {
	names := SetNames(p)
	if len(names) == 0 {
		return string(p.ID) + " takes no --set"
	}
	return "it takes " + strings.Join(names, ", ")
}

// exampleSet is a --set example for p.
func exampleSet(p *model.Product) string {
	for _, e := range p.Extras {
		if e.Type == model.ExtraChoice && len(e.Choices) > 0 {
			return e.Param + "=" + e.Choices[len(e.Choices)-1].Value
		}
	}
	return "NAME=VALUE"
}

// ProductIDs lists the catalogue's product ids, in catalogue order.
func ProductIDs(cat *model.Catalogue) []string {
	var out []string
	for _, p := range cat.Products {
		out = append(out, string(p.ID))
	}
	return out
}

// OSNames lists the stock OS names p offers, in catalogue order.
func OSNames(cat *model.Catalogue, p *model.Product) []string {
	var out []string
	for _, g := range cat.OSGroups(p) {
		for _, o := range g.OSes {
			out = append(out, o.Name)
		}
	}
	return out
}

// SetNames lists the names --set takes for p: its extras, then its target
// parameter.
func SetNames(p *model.Product) []string {
	var out []string
	for _, e := range p.Extras {
		out = append(out, e.Param)
	}
	if p.TargetParam != "" {
		out = append(out, p.TargetParam)
	}
	return out
}

// CommandArgs is o as the arguments of `memset-order order`, after the
// program's name: "order", the product, then one flag per answer given, in
// the wizard's order. Build(CommandArgs…) gives back an order with the same
// parameters.
func CommandArgs(cat *model.Catalogue, o model.Order) []string {
	args := []string{"order", string(o.Product)}
	p, ok := cat.Product(o.Product)
	if o.SKU != "" {
		args = append(args, FlagSKU, o.SKU)
	}
	if o.OS != "" {
		args = append(args, FlagOS, o.OS)
	}
	done := map[string]bool{}
	if ok {
		for _, e := range p.Extras {
			if v, sent := o.Extras[e.Param]; sent {
				args = append(args, FlagSet, e.Param+"="+v)
				done[e.Param] = true
			}
		}
		if p.TargetParam != "" && o.Target != "" {
			args = append(args, FlagSet, p.TargetParam+"="+o.Target)
		}
	}
	for _, k := range slices.Sorted(maps.Keys(o.Extras)) {
		if !done[k] {
			args = append(args, FlagSet, k+"="+o.Extras[k])
		}
	}
	if o.DiscountCode != "" {
		args = append(args, FlagDiscount, o.DiscountCode)
	}
	if o.BillTo != model.BillDefault {
		args = append(args, FlagBillTo, BillToWord(o.BillTo))
	}
	return args
}

// AnswersOf is o's answers (the inverse of Build).
func AnswersOf(cat *model.Catalogue, o model.Order) Answers {
	a := Answers{Product: string(o.Product), SKU: o.SKU, OS: o.OS, Discount: o.DiscountCode}
	if o.BillTo != model.BillDefault {
		a.BillTo = BillToWord(o.BillTo)
	}
	args := CommandArgs(cat, o)
	for i := 0; i+1 < len(args); i++ {
		if args[i] == FlagSet {
			a.Set = append(a.Set, args[i+1])
		}
	}
	return a
}

// CommandLine is o as a `memset-order order …` line for a shell, each word
// quoted (api.ShellQuote), with the flag that sends it where it was
// priced: --sandbox for the embedded sandbox (so the line never orders for
// real, whatever key is set), --api-url for an endpoint other than
// Memset's.
func CommandLine(cat *model.Catalogue, o model.Order, sandbox bool, endpoint string) string {
	args := append([]string{"memset-order"}, CommandArgs(cat, o)...)
	switch {
	case sandbox:
		args = append(args, "--sandbox")
	case endpoint != "" && endpoint != api.DefaultBaseURL:
		args = append(args, "--api-url", endpoint)
	}
	for i, a := range args {
		args[i] = api.ShellQuote(a)
	}
	return strings.Join(args, " ")
}
