package model

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// ProblemCode classifies a Problem.
type ProblemCode int

// The problem codes.
const (
	// ProblemRequired: a required parameter is missing.
	ProblemRequired ProblemCode = iota + 1
	// ProblemUnknownParam: the product takes no such parameter.
	ProblemUnknownParam
	// ProblemInvalid: the value is not one the parameter accepts.
	ProblemInvalid
	// ProblemUnavailable: the value is valid on its own but not in this
	// configuration (Windows on 1 GB, cPanel on an hourly server).
	ProblemUnavailable
	// ProblemNotFound: the parameter names something that does not exist
	// (a server, a snapshot).
	ProblemNotFound
	// ProblemPayment: the account's payment method cannot pay for the order.
	ProblemPayment
)

// Problem is one reason an order cannot be placed, tied to the parameter it
// is about.
type Problem struct {
	Code ProblemCode
	// Param is the parameter at fault, "" for the order as a whole.
	Param string
	// Message is the text after "param: " in the API's error, written in
	// Memset's own style ("Please select a valid choice. …").
	Message string
	// Reason is the short cause for the wizard: "Windows requires at least 2 GB RAM".
	Reason string
	// Fix, when not nil, is a one-step change that removes the problem.
	Fix *Fix
}

// Error is the API's form: "os: Please select a valid choice. …".
func (p Problem) Error() string {
	if p.Param == "" {
		return p.Message
	}
	return p.Param + ": " + p.Message
}

// Fix is a one-step change that resolves a Problem: one parameter set or
// removed, or (Product set) the order moved to another product with its
// answers kept.
type Fix struct {
	// Label says what the fix does: "Switch to MSVM002 (2 GB RAM)".
	Label string
	// Done says what the fix did, for a notice once it is made:
	// "Switched to MSVM002 (2 GB RAM) so Windows fits".
	Done  string
	Param string
	// Value is the new value; "" removes the parameter.
	Value string
	// Product, when set, is the product the order moves to (see
	// SwitchProduct); Param and Value are then unused.
	Product ProductID
	// to is Product's catalogue entry; minRAM the least memory its plan
	// must have.
	to     *Product
	minRAM int
}

// Apply returns the order with the fix made. For a product switch the
// order returned is of the new product (its Product field says which).
func (f Fix) Apply(p *Product, o Order) Order {
	if f.Product != "" && f.to != nil && p != nil {
		return SwitchProduct(p, f.to, o, f.minRAM)
	}
	return o.With(p, f.Param, f.Value)
}

// WindowsMinRAMMB is the least memory a Windows server may have. It is the
// rule Memset's documented example states ("Windows requires at least 2 GB
// RAM").
const WindowsMinRAMMB = 2048

// NotOfferedReason is why a catalogue plan the services list does not offer
// cannot be chosen (see Account.OfferedSKUs).
const NotOfferedReason = "not offered to your account right now"

var (
	namePattern   = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`) })
	sshKeyPattern = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)|sk-ssh-ed25519@openssh\.com|sk-ecdsa-sha2-nistp256@openssh\.com) [A-Za-z0-9+/]{16,}={0,3}( [^\r\n]{0,200})?$`)
	})
)

// ValidServiceName reports whether s is a valid Memset service name (1–64
// of A-Z a-z 0-9 - . _).
func ValidServiceName(s string) bool { return namePattern().MatchString(s) }

// Check returns every problem of the order, in the order the wizard asks
// for things (plan, OS, extras, target, payment). An empty result means the
// order can be sent. Account rules (snapshots, servers, payment) apply only
// when acct.Known. The plan is judged by the catalogue, and also by the
// services list when acct.OfferedSKUs names the product's plans: a plan
// Memset offers that the catalogue lacks is accepted (the rules that need
// its specs are left to Memset), a catalogue plan it does not offer is
// ProblemUnavailable. Without that list Check is the catalogue's alone.
func Check(c *Catalogue, o Order, acct Account) []Problem {
	p, ok := c.Product(o.Product)
	if !ok {
		return []Problem{{Code: ProblemInvalid, Message: fmt.Sprintf("Unknown product %q.", o.Product), Reason: "unknown product"}}
	}
	var out []Problem
	add := func(pr *Problem) {
		if pr != nil {
			out = append(out, *pr)
		}
	}
	sku, skuOK := checkSKU(p, o, acct, &out)
	add(checkOS(c, p, o, acct, sku, skuOK))
	out = append(out, checkExtras(p, o, sku, skuOK)...)
	add(checkTarget(p, o, acct))
	add(checkPayment(p, acct))
	return out
}

// First returns the first problem of the order, or nil. It is what the
// API answers: one error per request.
func First(c *Catalogue, o Order, acct Account) *Problem {
	if ps := Check(c, o, acct); len(ps) > 0 {
		return &ps[0]
	}
	return nil
}

// For returns the problems about one parameter.
func For(ps []Problem, param string) []Problem {
	var out []Problem
	for _, p := range ps {
		if p.Param == param {
			out = append(out, p)
		}
	}
	return out
}

// WhyNot tells why setting param to value would make the order impossible:
// the first problem the change adds, or nil when the change is fine. The
// wizard uses it to disable an option and show the reason beside it.
func WhyNot(c *Catalogue, o Order, acct Account, param, value string) *Problem {
	p, ok := c.Product(o.Product)
	if !ok {
		return nil
	}
	before := map[string]bool{}
	for _, pr := range Check(c, o, acct) {
		before[pr.Error()] = true
	}
	for _, pr := range Check(c, o.With(p, param, value), acct) {
		if !before[pr.Error()] && pr.Code != ProblemRequired {
			return &pr
		}
	}
	return nil
}

// checkSKU checks the plan. skuOK is false when the plan's specs are not
// known: no plan, an invalid one, or one only the services list knows.
func checkSKU(p *Product, o Order, acct Account, out *[]Problem) (SKU, bool) {
	if len(p.SKUs) == 0 {
		if o.SKU != "" {
			*out = append(*out, Problem{Code: ProblemUnknownParam, Param: "sku", Message: "This product has no plans; do not send sku.", Reason: "no plans for this product"})
		}
		return SKU{}, false
	}
	if o.SKU == "" {
		*out = append(*out, Problem{Code: ProblemRequired, Param: "sku", Message: "This field is required.", Reason: "choose a plan"})
		return SKU{}, false
	}
	s, ok := p.SKU(o.SKU)
	offered, listed := acct.OffersSKU(p.ID, o.SKU)
	switch {
	case listed && !offered && ok:
		*out = append(*out, Problem{Code: ProblemUnavailable, Param: "sku", Message: fmt.Sprintf("Please select a valid choice. %s is not one of the available choices.", o.SKU), Reason: NotOfferedReason})
		return s, true
	case offered && !ok:
		// Memset offers a plan the catalogue does not know: valid, with
		// specs unknown here.
		return SKU{Code: o.SKU}, false
	case !ok:
		*out = append(*out, Problem{Code: ProblemInvalid, Param: "sku", Message: fmt.Sprintf("Please select a valid choice. %s is not one of the available choices.", o.SKU), Reason: "no such plan for " + p.Name})
		return SKU{}, false
	}
	return s, true
}

// EffectiveRAMMB is the memory the order gives the server: the plan's, or
// more when a "ram" extra raises it.
func EffectiveRAMMB(p *Product, o Order, s SKU) int {
	ram := s.RAMMB
	if e, ok := p.Extra("ram"); ok {
		if ch, ok := e.Choice(o.Extra("ram")); ok && ch.RAMMB > ram {
			ram = ch.RAMMB
		}
	}
	return ram
}

func unavailable(param, display, reason string) *Problem {
	return &Problem{
		Code:    ProblemUnavailable,
		Param:   param,
		Message: fmt.Sprintf("Please select a valid choice. %s is not available for the current configuration. %s.", display, reason),
		Reason:  reason,
	}
}

func checkOS(c *Catalogue, p *Product, o Order, acct Account, sku SKU, skuOK bool) *Problem {
	if !p.NeedsOS() {
		if o.OS != "" {
			return &Problem{Code: ProblemUnknownParam, Param: "os", Message: "This product takes no operating system.", Reason: "no OS for " + p.Name}
		}
		return nil
	}
	if o.OS == "" {
		return &Problem{Code: ProblemRequired, Param: "os", Message: "This field is required.", Reason: "servers need an operating system"}
	}
	var windows bool
	var display string
	if osv, ok := c.OS(o.OS); ok {
		display = osv.Display
		if osv.CPanel && !p.AllowsCPanel() {
			pr := unavailable("os", display, "cPanel is only available on monthly servers")
			if to, ok := alternativeFor(c, p, func(q *Product) bool { return q.AllowsCPanel() && q.OffersOS(o.OS) }); ok {
				pr.Fix = switchFix(p, to, o, 0, "cPanel needs a monthly server")
			}
			return pr
		}
		if !p.OffersOS(o.OS) {
			pr := unavailable("os", display, "It is not offered for "+p.Name)
			if osv.Windows {
				pr.Fix = windowsSwitch(c, p, o)
			}
			return pr
		}
		windows = osv.Windows
	} else {
		if !acct.Known {
			// Could be a snapshot we have not loaded; the API decides.
			return nil
		}
		snap, ok := acct.Snapshot(o.OS)
		if !ok {
			return &Problem{Code: ProblemInvalid, Param: "os", Message: fmt.Sprintf("Please select a valid choice. %s is not one of the available choices.", o.OS), Reason: "no such OS or snapshot"}
		}
		if !snap.Usable() {
			return &Problem{Code: ProblemUnavailable, Param: "os", Message: fmt.Sprintf("Snapshot %s is not ready (status %s).", snap.Name, snap.Status), Reason: "snapshot not ready"}
		}
		display = "Snapshot " + snap.Name
		windows = snap.Windows()
		// A Windows snapshot is Windows: refused where the product
		// offers no stock Windows, as that Windows would be.
		if windows && !c.OffersWindows(p) {
			pr := unavailable("os", display, "Windows is not offered for "+p.Name)
			pr.Fix = windowsSwitch(c, p, o)
			return pr
		}
	}
	if windows && skuOK && EffectiveRAMMB(p, o, sku) < WindowsMinRAMMB {
		pr := unavailable("os", display, "Windows requires at least 2 GB RAM")
		if s, ok := smallestOfferedSKU(p, acct, sku.Classic, WindowsMinRAMMB); ok {
			plan := fmt.Sprintf("%s (%s RAM)", s.Code, formatRAM(s.RAMMB))
			pr.Fix = &Fix{Label: "Switch to " + plan, Done: "Switched to " + plan + " so Windows fits", Param: "sku", Value: s.Code}
		}
		return pr
	}
	return nil
}

// windowsSwitch is the fix that moves a Windows order from p, which
// offers no Windows, to the product that does, or nil.
func windowsSwitch(c *Catalogue, p *Product, o Order) *Fix {
	to, ok := alternativeFor(c, p, c.OffersWindows)
	if !ok {
		return nil
	}
	return switchFix(p, to, o, WindowsMinRAMMB, "Windows needs a monthly server")
}

func smallestSKUWithRAM(p *Product, classic bool, minMB int) (SKU, bool) {
	return smallestOfferedSKU(p, Account{}, classic, minMB)
}

// smallestOfferedSKU is the cheapest of p's smallest plans with at least
// minMB of memory that the services list does not rule out (see
// Account.OfferedSKUs), so that a fix never leads to a plan Memset does not
// offer.
func smallestOfferedSKU(p *Product, acct Account, classic bool, minMB int) (SKU, bool) {
	var best SKU
	found := false
	for _, s := range p.SKUs {
		if offered, listed := acct.OffersSKU(p.ID, s.Code); s.Classic != classic || s.RAMMB < minMB || (listed && !offered) {
			continue
		}
		if !found || s.RAMMB < best.RAMMB || (s.RAMMB == best.RAMMB && s.Price < best.Price) {
			best, found = s, true
		}
	}
	return best, found
}

func formatRAM(mb int) string {
	if mb%1024 == 0 {
		return strconv.Itoa(mb/1024) + " GB"
	}
	return strconv.Itoa(mb) + " MB"
}

// FormatRAM renders a memory size for people: "2 GB", "512 MB".
func FormatRAM(mb int) string { return formatRAM(mb) }

func checkExtras(p *Product, o Order, sku SKU, skuOK bool) []Problem {
	var out []Problem
	for _, e := range p.Extras {
		v, sent := o.Extras[e.Param]
		if !sent {
			if e.Required {
				out = append(out, Problem{Code: ProblemRequired, Param: e.Param, Message: "This field is required.", Reason: e.Label + " is required"})
			}
			continue
		}
		if pr := checkExtraValue(p, e, v, sku, skuOK); pr != nil {
			out = append(out, *pr)
		} else if pr := checkExclusion(p, o, e.Param); pr != nil {
			out = append(out, *pr)
		}
	}
	for k := range o.Extras {
		if _, ok := p.Extra(k); !ok {
			out = append(out, Problem{Code: ProblemUnknownParam, Param: k, Message: "Unknown parameter for " + string(p.Method) + ".", Reason: "not a parameter of " + p.Name, Fix: &Fix{Label: "Remove it", Done: "Removed a setting " + p.Name + " does not take", Param: k}})
		}
	}
	sortProblems(p, out)
	return out
}

// sortProblems orders problems by the catalogue order of their parameters,
// unknown parameters last by name, so answers are deterministic.
func sortProblems(p *Product, ps []Problem) {
	rank := func(param string) (int, string) {
		for i, e := range p.Extras {
			if e.Param == param {
				return i, ""
			}
		}
		return len(p.Extras), param
	}
	for i := 1; i < len(ps); i++ {
		for j := i; j > 0; j-- {
			ri, ni := rank(ps[j].Param)
			rj, nj := rank(ps[j-1].Param)
			if ri < rj || (ri == rj && ni < nj) {
				ps[j], ps[j-1] = ps[j-1], ps[j]
			}
		}
	}
}

func checkExtraValue(p *Product, e Extra, v string, sku SKU, skuOK bool) *Problem {
	if e.ClassicOnly && skuOK && !sku.Classic {
		return &Problem{
			Code:    ProblemUnavailable,
			Param:   e.Param,
			Message: fmt.Sprintf("This parameter is deprecated and only supported for classic Miniservers (SKUs beginning with MS0); %s is not one.", sku.Code),
			Reason:  "only for classic Miniservers (MS0…)",
			Fix:     &Fix{Label: "Leave it at the plan's default", Done: e.Label + " is back to the plan's default: only classic Miniservers have it", Param: e.Param},
		}
	}
	switch e.Type {
	case ExtraChoice:
		ch, ok := e.Choice(v)
		if !ok {
			return &Problem{Code: ProblemInvalid, Param: e.Param, Message: fmt.Sprintf("Please select a valid choice. %s is not one of the available choices.", v), Reason: "not one of the choices"}
		}
		if e.Param == "ram" && skuOK && ch.RAMMB <= sku.RAMMB {
			return unavailable(e.Param, ch.Label, fmt.Sprintf("Memory must be more than the plan's %s", formatRAM(sku.RAMMB)))
		}
	case ExtraNumber:
		n, err := strconv.Atoi(v)
		if err != nil {
			return &Problem{Code: ProblemInvalid, Param: e.Param, Message: "Enter a whole number.", Reason: "not a whole number"}
		}
		if n < e.Min || n > e.Max {
			return &Problem{Code: ProblemInvalid, Param: e.Param, Message: fmt.Sprintf("Ensure this value is between %d and %d.", e.Min, e.Max), Reason: fmt.Sprintf("must be %d–%d %s", e.Min, e.Max, e.Unit)}
		}
	case ExtraText:
		switch e.Format {
		case FormatName:
			if !ValidServiceName(v) {
				return &Problem{Code: ProblemInvalid, Param: e.Param, Message: "Enter a valid name: 1 to 64 letters, digits, '-', '.' or '_'.", Reason: "1–64 letters, digits, - . _"}
			}
		case FormatSSHPublicKey:
			if !sshKeyPattern().MatchString(strings.TrimSpace(v)) {
				return &Problem{Code: ProblemInvalid, Param: e.Param, Message: "Enter one OpenSSH public key line (ssh-ed25519, ssh-rsa or ecdsa-sha2-…).", Reason: "not an OpenSSH public key"}
			}
		}
		if len(v) > 4096 {
			return &Problem{Code: ProblemInvalid, Param: e.Param, Message: "Ensure this value has at most 4096 characters.", Reason: "too long"}
		}
	}
	return nil
}

func checkTarget(p *Product, o Order, acct Account) *Problem {
	if p.TargetParam == "" {
		return nil
	}
	param := p.TargetParam
	if o.Target == "" {
		return &Problem{Code: ProblemRequired, Param: param, Message: "This field is required.", Reason: "choose a server"}
	}
	if !ValidServiceName(o.Target) {
		return &Problem{Code: ProblemInvalid, Param: param, Message: "Enter a valid name: 1 to 64 letters, digits, '-', '.' or '_'.", Reason: "not a service name"}
	}
	if !acct.Known {
		return nil
	}
	srv, ok := acct.Server(o.Target)
	if !ok {
		return &Problem{Code: ProblemNotFound, Param: param, Message: fmt.Sprintf("Couldn't find server with name '%s'", o.Target), Reason: "no such server"}
	}
	if !srv.Metered() {
		return unavailable(param, "Server "+srv.Name, "A bandwidth bank is only available for servers with metered bandwidth")
	}
	return nil
}

func checkPayment(p *Product, acct Account) *Problem {
	if !acct.Known {
		return nil
	}
	m, ok := acct.DefaultPaymentMethod()
	switch {
	case !ok || m.Type == PayNotSet:
		return &Problem{Code: ProblemPayment, Message: "The account has no default payment method. Set one in the control panel first.", Reason: "no default payment method"}
	case m.Type == PayPayPal:
		return &Problem{Code: ProblemPayment, Message: "PayPal cannot be used to create services through the API. Make a card or billing account the default payment method.", Reason: "PayPal cannot pay for API orders"}
	case p.Billing.InArrears() && !m.Type.CanPayArrears():
		return &Problem{Code: ProblemPayment, Message: fmt.Sprintf("%s is billed in arrears, which needs a card or billing account as the default payment method; the default is %s.", p.Name, m.Describe()), Reason: "billed in arrears: needs a card or billing account"}
	case m.Status == "EXPIRED":
		return &Problem{Code: ProblemPayment, Message: fmt.Sprintf("The default payment method, %s, has expired.", m.Describe()), Reason: "default payment method expired"}
	}
	return nil
}
