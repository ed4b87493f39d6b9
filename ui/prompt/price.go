package prompt

import (
	"context"
	"errors"

	"github.com/memset-order/memset-order/api/order"
	"github.com/memset-order/memset-order/model"
	"github.com/memset-order/memset-order/ui"
)

// answer is a dry run's answer: a price, or Memset's refusal.
type answer struct {
	quote model.Quote
	err   error
}

// quoteBook keeps the dry runs' answers by configuration key: a price
// and a refusal are answers for exactly that configuration (a failure to
// ask is not kept, and is asked again).
type quoteBook map[string]answer

// quote asks Memset the price of exactly o (desk.Quote, a dry run), or
// answers from the book. A price check answered with a real order halts
// the desk: errEnd, with the Result saying so.
func (s *session) quote(o model.Order) (model.Quote, error) {
	k := o.Key()
	if a, ok := s.quotes[k]; ok {
		return a.quote, a.err
	}
	ctx, cancel := context.WithTimeout(s.ctx, quoteTimeout)
	defer cancel()
	q, err := s.desk.Quote(ctx, o)
	var h *order.Halt
	switch {
	case errors.As(err, &h):
		s.res.Halt = h
		s.out.say(ui.HaltLines(h)...)
		return model.Quote{}, errEnd
	case err == nil:
		q = q.Printable()
		s.quotes[k] = answer{quote: q}
	case s.ctx.Err() != nil:
		return model.Quote{}, s.ctx.Err()
	default:
		if _, _, refused := ui.Refusal(err); refused {
			s.quotes[k] = answer{err: err}
		}
	}
	return q, err
}

// spoken is the configuration whose price was said last, and whether its
// total was said.
type spoken struct {
	key   string
	total bool
}

// stopped reports whether err ends the walk (a halt, the context) rather
// than being a price's failure to say.
func (s *session) stopped(err error) bool {
	return errors.Is(err, errEnd) || (err != nil && s.ctx.Err() != nil)
}

// paymentProblem is the rules' payment problem of the order, "" when the
// account's payment method can pay for it.
func (s *session) paymentProblem() string {
	for _, p := range s.desk.Check(s.order, s.acct) {
		if p.Code == model.ProblemPayment {
			return p.Reason
		}
	}
	return ""
}

// price says the price of the order as answered so far, as the quote pane
// does, after an answer on step at: the price (and, with total, the first
// payment with VAT), why there is none yet, or Memset's refusal. A
// refusal of the answer just given (its parameter is chosen on at) is not
// said but returned, for the step to say and ask again. The error ends
// the walk (a halt, the context).
func (s *session) price(at ui.Step, total bool) (refusedHere string, err error) {
	if s.prod == nil || ui.TopUpDeadEnd(s.facts()) != "" {
		return "", nil
	}
	eff, assumed := ui.PricedOrder(s.cat, s.prod, s.order)
	said := spoken{key: eff.Key(), total: total}
	if said == s.said || (said.key == s.said.key && s.said.total) {
		// Nothing changed since the price was said.
		return "", nil
	}
	s.said = said
	if pr := ui.Blocking(s.cat, eff, s.acct); pr != nil {
		msg := "No price yet: " + pr.Reason + "."
		if sv, ok := s.acct.Server(eff.Target); ok && pr.Param == s.prod.TargetParam && !sv.Metered() {
			msg = "No price: " + sv.Name + " has unmetered bandwidth, so it has no bandwidth bank."
		}
		s.out.say(msg)
		return "", nil
	}
	q, err := s.quote(eff)
	pm := s.paymentProblem()
	switch {
	case s.stopped(err):
		return "", err
	case err != nil && pm != "":
		s.out.say("Cannot be ordered: " + pm + "; change it in the Memset control panel.")
		return "", nil
	case err != nil:
		if param, detail, ok := ui.Refusal(err); ok {
			if st, named := ui.ParamStep(s.prod, param); named && st == at {
				s.said = spoken{}
				return detail, nil
			}
			s.out.say("Memset refused it: " + ui.RefusalText(err))
			return "", nil
		}
		s.out.say("No price: " + ui.Describe(err) + " (it is asked again on Review).")
		return "", nil
	}
	label := "Price"
	if s.cfg.Sandbox {
		label = "Sample price (sandbox)"
	}
	if assumed != "" {
		label += ", with " + assumed + " until you choose an OS"
	}
	f := s.facts()
	f.Quote = &q
	for _, l := range ui.Summary(f) {
		switch {
		case l.Label == "Price":
			s.out.say(label + ": " + l.Value)
		case l.Label == "Total" && total:
			s.out.say("Total: " + l.Value)
		}
	}
	if s.order.DiscountCode != "" {
		without, err := s.quote(eff.With(s.prod, model.ParamDiscountCode, ""))
		if s.stopped(err) {
			return "", err
		}
		if err == nil {
			if line := ui.DiscountEffect(f, without); line != "" {
				s.out.say(line)
			}
		}
	}
	if pm != "" {
		s.out.say("Cannot be ordered: " + pm)
	}
	return "", nil
}
