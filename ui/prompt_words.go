package ui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/memset-order/memset-order/api/order"
	"github.com/memset-order/memset-order/model"
)

// The wizard's lists, rules and words for a front end without a screen
// (the line prompts, ui/prompt). Each function here wraps what the
// wizard's steps use, so that both say the same thing from the same
// rules: nothing here decides anything of its own. The text is plain (no
// styles, no escape codes) and on one line however long.

// wordsWidth is wide enough that no sentence is wrapped or cut.
const wordsWidth = 1 << 14

// wordsEnv is the wizard's env for the facts in f, with the styles of a
// terminal without colour (what they render is stripped to plain text)
// and room enough that nothing wraps: what the words functions read.
func wordsEnv(f OrderFacts) *env {
	cat := f.Catalogue
	if cat == nil {
		cat = model.DefaultCatalogue()
	}
	p, _ := cat.Product(f.Order.Product)
	keys := DefaultKeyMap()
	book := newQuoteBook()
	e := &env{
		desk: order.New(order.Config{Catalogue: cat}), cat: cat, prod: p, order: f.Order,
		acct: f.Account, acctErr: f.AccountErr, q: &book, st: NewStyles(true, true), keys: &keys,
		width: wordsWidth, height: wordsWidth, sandbox: f.Sandbox, endpoint: f.Endpoint,
		label: f.AccountLabel, spinner: "·",
	}
	if f.Quote != nil && p != nil {
		eff, _ := pricedOrder(cat, p, f.Order)
		book.cache[eff.Key()] = quoteEntry{quote: *f.Quote}
	}
	if f.Discount != nil {
		e.discount = discountState{code: f.Order.DiscountCode, status: discValid, dc: *f.Discount}
	}
	return e
}

// plainText is rendered text as plain lines, through the printable
// filter.
func plainText(ls []string) []string {
	var out []string
	for _, l := range ls {
		for _, s := range strings.Split(ansi.Strip(l), "\n") {
			out = append(out, model.Printable(strings.TrimRight(s, " ")))
		}
	}
	for len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	return out
}

// plain is one line of rendered text as plain text.
func plain(s string) string { return strings.Join(plainText([]string{s}), " ") }

// Option is one choice of a list step as the wizard lists it.
type Option struct {
	// Value is what choosing it sets: a product id, a plan's code, an OS
	// name or snapshot, an extra's parameter or value, a server's name.
	Value string
	// Label names it; Detail says more ("1 GB RAM · 25 GB disk · 1 vCPU",
	// an extra's value); Note is a short tag ("end of life", "default").
	Label, Detail, Note string
	// Group is the heading it is listed under ("Debian", "Your
	// snapshots"), "" for none.
	Group string
	// Reason, when set, is why it cannot be chosen; Fix, when not nil, is
	// the rules' one-step change that makes it possible.
	Reason string
	Fix    *model.Fix
	// Problem is why the value chosen for it has become impossible (an
	// extra), with Fix its one-step fix when there is one.
	Problem string
}

// options turns a list step's rows into options: headings become the
// Group of the options under them, notes are dropped, and an option the
// wizard offers a fix for carries it (fix finds it for the row).
func options(rows []row, fix func(row) *model.Fix) []Option {
	var out []Option
	group := ""
	for _, r := range rows {
		switch r.kind {
		case rowGroup:
			group = r.cols[0]
			continue
		case rowOption:
		default:
			continue
		}
		o := Option{Value: r.value, Note: r.note, Group: group, Reason: r.reason, Problem: r.problem}
		if len(r.cols) > 0 {
			o.Label = r.cols[0]
		}
		if r.hasFix && fix != nil {
			o.Fix = fix(r)
		}
		out = append(out, o)
	}
	for i := range out {
		o := &out[i]
		o.Label, o.Detail, o.Note, o.Group = plain(o.Label), plain(o.Detail), plain(o.Note), plain(o.Group)
	}
	return out
}

// whyNotFix is the fix the wizard offers for choosing r's value for param.
func whyNotFix(e *env, param string) func(row) *model.Fix {
	return func(r row) *model.Fix {
		if pr := e.whyNot(param, r.value); pr != nil {
			return pr.Fix
		}
		return nil
	}
}

// ServiceOptions are the Service step's products. offers is what the API
// said it provisions for the account; with known false it is not known
// (not asked, or asking failed) and every product is listed as possible.
func ServiceOptions(cat *model.Catalogue, offers []model.Offer, known bool) []Option {
	e := &env{cat: cat, offers: offers, offersDone: known}
	var out []Option
	for _, r := range serviceRows(e) {
		o := Option{Value: string(r.prod.ID), Label: r.prod.Name, Detail: r.prod.Summary, Reason: r.reason}
		if r.deprecated != "" {
			o.Note = "deprecated"
		}
		out = append(out, o)
	}
	return out
}

// PlanOptions are the Plan step's plans for f.Order's product, each with
// its specs in words.
func PlanOptions(f OrderFacts) []Option {
	e := wordsEnv(f)
	if e.prod == nil {
		return nil
	}
	out := options(planRows(e), whyNotFix(e, model.ParamSKU))
	for i := range out {
		if s, ok := e.prod.SKU(out[i].Value); ok {
			out[i].Detail = strings.Join(specs(e.prod, s), " · ")
		}
	}
	return out
}

// ImageOptions are the Image step's stock OSes (grouped by family), cPanel
// where the product cannot have it, and the account's snapshots.
func ImageOptions(f OrderFacts) []Option {
	e := wordsEnv(f)
	if e.prod == nil {
		return nil
	}
	return options(imageRows(e), whyNotFix(e, model.ParamOS))
}

// ExtraOptions are the Extras step's extras, each with its current value
// as Detail.
func ExtraOptions(f OrderFacts) []Option {
	e := wordsEnv(f)
	if e.prod == nil {
		return nil
	}
	rows := extraRows(e)[1:] // the first row is "Continue"
	out := options(rows, func(r row) *model.Fix {
		for _, pr := range model.For(e.problems(), r.value) {
			if pr.Fix != nil {
				return pr.Fix
			}
		}
		return nil
	})
	for i, r := range rows {
		out[i].Detail = model.Printable(r.cols[1])
	}
	return out
}

// ChoiceOptions are the values of the choice extra param, with "Plan
// default" first where the extra can be put back to the plan's.
func ChoiceOptions(f OrderFacts, param string) []Option {
	e := wordsEnv(f)
	if e.prod == nil {
		return nil
	}
	x, ok := e.prod.Extra(param)
	if !ok || x.Type != model.ExtraChoice {
		return nil
	}
	return options(choiceRows(e, x), whyNotFix(e, param))
}

// ServerOptions are a top-up's servers, from the account in f (read, so
// Known); servers that cannot have a bandwidth bank say why.
func ServerOptions(f OrderFacts) []Option {
	e := wordsEnv(f)
	if e.prod == nil || e.prod.TargetParam == "" {
		return nil
	}
	out := options(targetRows(e), nil)
	for i := range out {
		if sv, ok := e.acct.Server(out[i].Value); ok {
			out[i].Detail = model.Printable(strings.Join([]string{orDash(sv.Nickname), sv.BandwidthType}, " · "))
		}
	}
	return out
}

// TopUpDeadEnd says why there is nothing to top up on the account in f
// (no server, or none metered), or "".
func TopUpDeadEnd(f OrderFacts) string { return deadEnd(wordsEnv(f)) }

// AmountExtra is a top-up's amount (its number extra).
func AmountExtra(p *model.Product) (model.Extra, bool) { return amountExtra(p) }

// AmountTitle is the amount's label with its bounds: "Bandwidth (10–10000
// GB)".
func AmountTitle(x model.Extra) string { return amountTitle(x) }

// FieldHint is what a text or number extra's empty field shows: its
// limits or an example ("10–10000 GB", "ssh-ed25519 AAAA… you@host").
func FieldHint(x model.Extra) string { return placeholder(x) }

// CheckField is the rules' verdict on typing value for param in the order
// of f, as the wizard's fields check it: the first problem about any of
// report (default: param itself), worded as its Reason. With allowEmpty an
// empty value (which sends nothing) is fine.
func CheckField(f OrderFacts, param, value string, allowEmpty bool, report ...string) error {
	return wordsEnv(f).ruleCheck(param, allowEmpty, report...)(value)
}

// CanPutBack reports whether a choice extra's list starts with "Plan
// default", which takes it out of the order.
func CanPutBack(x model.Extra) bool { return canPutBack(x) }

// Steps are the steps a person chooses things on for product p, Service
// to Review (nil p: Service alone).
func Steps(p *model.Product) []Step { return stepsFor(p) }

// NextStep is the step after s when ordering p, by the wizard's one
// transition function (Review's next is Placing).
func NextStep(p *model.Product, s Step) Step { return transition(p, s, evNext) }

// PrevStep is the step before s when ordering p (Service's is Service).
func PrevStep(p *model.Product, s Step) Step { return transition(p, s, evBack) }

// ParamStep is the step where parameter param of p is chosen.
func ParamStep(p *model.Product, param string) (Step, bool) { return stepOf(p, param) }

// PricedOrder is o as the wizard prices it: a server with no OS yet is
// priced with the product's first current Linux, whose short name
// ("Debian 13") is returned.
func PricedOrder(cat *model.Catalogue, p *model.Product, o model.Order) (model.Order, string) {
	return pricedOrder(cat, p, o)
}

// Blocking is the rules' problem that makes a dry run of o pointless (an
// answer missing or impossible), or nil; payment problems do not block a
// dry run.
func Blocking(cat *model.Catalogue, o model.Order, acct model.Account) *model.Problem {
	return blocking(cat, o, acct)
}

// Refusal is Memset's definite refusal of a configuration (bad
// parameters, something that does not exist, the payment method), tied to
// the parameter it names ("" for the order as a whole); ok is false for
// any other error (a failure to ask, an unknown outcome).
func Refusal(err error) (param, detail string, ok bool) {
	r, ok := refusalOf(err)
	if !ok {
		return "", "", false
	}
	return r.param, model.Printable(r.detail), true
}

// RefusalText is a refusal's message without the method and type around
// it ("os: Please select a valid choice. …").
func RefusalText(err error) string { return model.Printable(refusalText(err)) }

// Describe is an error for people, without the API method in front.
func Describe(err error) string { return describe(err) }

// PlaceBlocker says why the order in f cannot be placed now, in Review's
// words, or "": a rule, the payment method, or its dry run, which is
// f.Quote, or quoteErr when there is none (Memset's refusal, or why
// asking failed; nil: not asked yet).
func PlaceBlocker(f OrderFacts, quoteErr error) string {
	e := wordsEnv(f)
	if e.prod == nil {
		return ""
	}
	if f.Quote == nil && quoteErr != nil {
		if isAnswer(quoteErr) {
			e.q.cache[f.Order.Key()] = quoteEntry{err: quoteErr}
		} else {
			e.q.failed[f.Order.Key()] = quoteErr
		}
	}
	return plain(placeBlocker(e))
}

// Billable reports whether the billing choice (add_to_next_bill) means
// anything for p: a service billed in arrears is charged after use.
func Billable(p *model.Product) bool { return billable(&env{prod: p}) }

// ConfirmQuestion is the question the wizard's confirmation asks before
// an order is placed, with its price, payment and account: "Place it for
// £7.50/month · no setup fee · first payment £7.50 for 1 month (£9.00
// with VAT), paid by card “Company Visa”, in the sandbox?". f.Quote is
// the dry run for exactly f.Order.
func ConfirmQuestion(f OrderFacts) string {
	e := wordsEnv(f)
	if e.prod == nil {
		return "Place this order?"
	}
	return strings.Join(plainText([]string{confirmQuestion(e)}), " ") + "?"
}

// DescribeCode says what a valid discount code is: "10% off any new
// service · expires 2027-12-31".
func DescribeCode(cat *model.Catalogue, dc model.DiscountCode) string {
	return model.Printable(describeCode(cat, dc))
}

// CodeVerdict is what checking a discount code found.
type CodeVerdict int

// The verdicts.
const (
	// CodeValid: valid for the product; it goes into the order.
	CodeValid CodeVerdict = iota + 1
	// CodeNotForProduct: valid, but not for this product; it is not sent.
	CodeNotForProduct
	// CodeInvalid: Memset says it is not a valid code.
	CodeInvalid
	// CodeCheckFailed: the check itself failed; asking again may work.
	CodeCheckFailed
)

// CheckedCode is the Discount step's verdict on code, which
// VerifyDiscountCode answered with dc or err, for product p, and what the
// step says of it, one sentence a line.
func CheckedCode(cat *model.Catalogue, p *model.Product, code string, dc model.DiscountCode, err error) (CodeVerdict, []string) {
	code = model.Printable(code)
	switch {
	case err == nil && p != nil && !dc.AppliesTo(p.ID):
		return CodeNotForProduct, []string{"✓ " + code + " is valid: " + DescribeCode(cat, dc) + ".",
			"It does not apply to " + p.Name + ", so it will not be sent."}
	case err == nil:
		return CodeValid, []string{"✓ " + code + " is valid: " + DescribeCode(cat, dc) + "."}
	case isAnswer(err):
		return CodeInvalid, []string{"✗ " + code + " is not valid: " + RefusalText(err)}
	}
	return CodeCheckFailed, []string{"Could not check " + code + ": " + describe(err)}
}

// DiscountEffect compares the dry run of the order in f (f.Quote, with its
// discount code) with the one without the code: "Re-quoted: £6.75/month
// instead of £7.50 (saves £0.75)".
func DiscountEffect(f OrderFacts, without model.Quote) string {
	e := wordsEnv(f)
	if e.prod == nil || f.Quote == nil {
		return ""
	}
	eff, _ := pricedOrder(e.cat, e.prod, f.Order.With(e.prod, model.ParamDiscountCode, ""))
	e.q.cache[eff.Key()] = quoteEntry{quote: without}
	return strings.Join(plainText(e.discountEffect()), " ")
}

// DoneLines are the Done screen of an order whose job has ended (or that
// Memset gave no job, or whose job cannot be followed): what it delivered,
// read now through b (nil: nothing is read), the job, how long it took
// and the invoice. It is nil while the job has not ended.
func DoneLines(b DeliveredReader, cat *model.Catalogue, p order.Placement, t order.Tracker, sandbox bool) []string {
	e := wordsEnv(OrderFacts{Catalogue: cat, Order: p.Order, Sandbox: sandbox})
	f := followingStep{t: t, placement: p, journalWarn: p.JournalErr}
	var out outcome
	switch {
	case p.Answer.Job == nil:
		out = outcomeNoJob
	case t.EndErr != nil:
		out = outcomeStopped
	case !t.Ended():
		return nil
	case t.Job.State() == model.JobFailed:
		out = outcomeFailed
	default:
		out = outcomeDone
	}
	var d delivered
	if pd, ok := planDelivered(e.prod, p.Order, t.Job); ok && out == outcomeDone && b != nil {
		d = pd
		if msg, ok := deliveredCmd(b, d)().(deliveredMsg); ok {
			d.got(msg)
		}
	}
	return plainText(endLines(e, out, &f, &d))
}

// HaltLines say that a price check came back as a real order: what came
// back, where it is journalled, and that nothing more is sent.
func HaltLines(h *order.Halt) []string {
	if h == nil {
		return nil
	}
	return plainText([]string{haltView(wordsEnv(OrderFacts{}), h)})
}
