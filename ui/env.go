package ui

import (
	"charm.land/huh/v2"
	"github.com/memset-order/memset-order/api/order"
	"github.com/memset-order/memset-order/model"
)

// env is the read-only context a step sees: the catalogue, the product and
// order on screen, the account, the quote book, styles, keys and the size of
// the body area. Steps read it and return actions; they never change it.
type env struct {
	desk        *order.Desk
	cat         *model.Catalogue
	prod        *model.Product
	order       model.Order
	acct        model.Account
	acctLoading bool
	acctErr     error
	offers      []model.Offer
	offersErr   error
	offersDone  bool
	discount    discountState
	st          *Styles
	keys        *KeyMap
	// theme is the embedded forms' huh theme, from st.
	theme    huh.Theme
	width    int
	height   int
	q        *quoteBook
	sandbox  bool
	endpoint string
	label    string
	// refused is the backend's refusal of the configuration on screen, if
	// it refused it: shown on the field it names.
	refused *refusal
	// placeErr is the create call's definite refusal, shown on Review.
	placeErr *refusal
	spinner  string
	// ephemeral is set when the backend's jobs end with the program (the
	// embedded sandbox): there is nothing to resume later.
	ephemeral bool
	// resumeArgs are the flags a resume command needs (e.g. --api-url).
	resumeArgs string
}

// resumeCommand is "Resume with: memset-order job follow ID", as it must
// be pasted.
func (e *env) resumeCommand(id string) string {
	return "Resume with: " + ResumeCommand(id) + e.resumeArgs
}

// resumeHint is what to tell a person who leaves while job id runs.
func (e *env) resumeHint(id string) string {
	if e.ephemeral {
		return "This embedded sandbox's jobs end with the program: there is nothing to resume later."
	}
	return "The job keeps running at Memset. " + e.resumeCommand(id)
}

// whyNot says why setting param to value would make the order impossible,
// judged against the order with param cleared, so that the option the
// cursor already sits on is judged like every other.
func (e *env) whyNot(param, value string) *model.Problem {
	if e.prod == nil {
		return nil
	}
	base := e.order.With(e.prod, param, "")
	return model.WhyNot(e.cat, base, e.acct, param, value)
}

// problems is the order desk's check of the order on screen: the same
// gate Place applies.
func (e *env) problems() []model.Problem {
	return e.desk.Check(e.order, e.acct)
}

// quoteFor returns the dry-run answer for o (priced as the wizard prices
// it: with the default OS until one is chosen), when the backend has given
// one.
func (e *env) quoteFor(o model.Order) (model.Quote, bool) {
	eff, _ := pricedOrder(e.cat, e.prod, o)
	ent, ok := e.q.answer(eff.Key())
	if !ok || ent.err != nil {
		return model.Quote{}, false
	}
	return ent.quote, true
}

// refusalFor returns the backend's refusal message when it names param.
func (e *env) refusalFor(param string) string {
	if e.refused != nil && e.refused.param == param {
		return e.refused.detail
	}
	return ""
}

// period is the number of months paid in advance (1 unless chosen).
func (e *env) period() int {
	return e.order.ExtraInt("period", 1)
}

// refusal is the backend's "no" to a configuration, tied to the parameter
// its message names ("" for the order as a whole).
type refusal struct {
	param  string
	detail string
	// headline says who refused, for a refusal of the whole order: Memset,
	// or this program before anything was sent.
	headline string
}

// priceText is a dry run's price as a list shows it (priceShort):
// "£89.00/month + £50.00 setup", "£0.0104/hour", "£2.50 one-off".
func (e *env) priceText(q model.Quote) string { return priceShort(e.charges(q)) }

// listPrice is what a list shows as o's price: the backend's answer, "…"
// while it is unknown, "refused" when the backend said no.
func (e *env) listPrice(o model.Order) string {
	q, none := e.listAnswer(o)
	if none != "" {
		return none
	}
	return e.priceText(q)
}

// listAnswer is the backend's dry run of o (priced as the wizard prices
// it), or what a list shows instead: "…" while it is unknown, "refused"
// when the backend said no, "?" when asking failed.
func (e *env) listAnswer(o model.Order) (q model.Quote, none string) {
	eff, _ := pricedOrder(e.cat, e.prod, o)
	k := eff.Key()
	if ent, ok := e.q.answer(k); ok {
		if ent.err != nil {
			return model.Quote{}, "refused"
		}
		return ent.quote, ""
	}
	if _, ok := e.q.failure(k); ok {
		return model.Quote{}, "?"
	}
	return model.Quote{}, "…"
}

// listPriceNote explains where list prices come from.
func (e *env) listPriceNote() string {
	s := "Prices are dry runs of your configuration"
	if e.sandbox {
		s = "Prices are sample dry runs from the sandbox"
	}
	if e.prod != nil && e.prod.NeedsOS() && e.order.OS == "" {
		if _, os := pricedOrder(e.cat, e.prod, e.order); os != "" {
			s += ", with " + os + " until you choose an OS"
		}
	}
	return s + "; they appear while you pause."
}

// optionDetail explains the option under the cursor: why it is impossible
// and the one-key fix, or what the backend said about it.
func (e *env) optionDetail(r row, param, value string) []string {
	var out []string
	st, w := e.st, e.width
	switch {
	case r.reason != "":
		out = append(out, st.Reason.Render(wrap("✗ "+r.reason, w)))
		if r.hasFix {
			if pr := e.whyNot(param, value); pr != nil && pr.Fix != nil {
				out = append(out, wrap("press "+st.Key.Render("f")+": "+pr.Fix.Label, w))
			}
		}
	case r.problem != "":
		out = append(out, st.Error.Render(wrap("✗ "+r.problem, w)))
	}
	if value == e.currentValue(param) {
		if msg := e.refusalFor(param); msg != "" {
			out = append(out, st.Error.Render(wrap("Memset refused it: "+msg, w)))
		}
	}
	return out
}

// currentValue is the order's value for param.
func (e *env) currentValue(param string) string { return e.order.Get(e.prod, param) }
