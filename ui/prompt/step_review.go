package prompt

import (
	"strings"

	"github.com/memset-order/memset-order/model"
	"github.com/memset-order/memset-order/ui"
)

// review shows the order in Review's words (ui.Summary) and asks what
// next: place it, change an answer (the step's answer then returns here),
// the billing where it applies, or ask again for what could not be read.
func (s *session) review() error {
	q, qerr := s.reviewQuote()
	if s.stopped(qerr) {
		return qerr
	}
	f := s.facts()
	if qerr == nil {
		f.Quote = &q
	}
	lines := ui.Summary(f)
	w := 0
	for _, l := range lines {
		w = max(w, len(l.Label))
	}
	s.out.say("", "Review your order")
	for _, l := range lines {
		s.out.say("  " + l.Label + strings.Repeat(" ", w-len(l.Label)) + "  " + l.Value)
	}
	if s.placeErr != "" {
		s.out.say(s.placeErr)
	}
	blocker := s.blocker(f, qerr)
	if blocker != "" {
		s.out.say(blocker)
	}
	m := menu{title: "What next?", zero: "back", items: []item{{text: "place the order", names: []string{"place"}}}}
	steps := []ui.Step{}
	for _, st := range append(ui.Steps(s.prod)[1:], ui.StepService) {
		if st == ui.StepReview {
			continue
		}
		steps = append(steps, st)
		m.items = append(m.items, item{text: "change " + strings.ToLower(st.String())})
	}
	if ui.Billable(s.prod) {
		m.letters = append(m.letters, letter{key: "b", text: "change billing: next bill or invoice now", short: "billing"})
	}
	if s.acctErr != nil || (qerr != nil && !refused(qerr)) {
		m.letters = append(m.letters, letter{key: "r", text: "ask again for what could not be read", short: "ask again"})
	}
	p, err := s.choose(m)
	if err != nil {
		return err
	}
	switch {
	case p.kind == pickZero:
		s.back()
	case p.kind == pickLetter && p.key == "b":
		return s.billing()
	case p.kind == pickLetter && p.key == "r":
		if s.acctErr != nil {
			s.readAccount()
		}
	case p.index == 0:
		if blocker != "" {
			s.out.say(blocker)
			return nil
		}
		return s.confirmAndPlace(f, q)
	default:
		st := steps[p.index-1]
		s.backToReview = st != ui.StepService
		s.step = st
	}
	return nil
}

// reviewQuote is the dry run for exactly the order, unless the rules say
// it cannot be asked (an answer missing or impossible).
func (s *session) reviewQuote() (model.Quote, error) {
	eff, _ := ui.PricedOrder(s.cat, s.prod, s.order)
	if pr := ui.Blocking(s.cat, eff, s.acct); pr != nil {
		return model.Quote{}, pr
	}
	return s.quote(eff)
}

// refused reports whether err is Memset's refusal, or a rule's problem:
// asking again gives the same answer.
func refused(err error) bool {
	if _, ok := err.(*model.Problem); ok {
		return true
	}
	_, _, ok := ui.Refusal(err)
	return ok
}

// blocker says why the order cannot be placed now, in Review's words,
// or "".
func (s *session) blocker(f ui.OrderFacts, qerr error) string {
	if s.acctErr != nil {
		return "Your account could not be read (" + ui.Describe(s.acctErr) + "), so its payment method is not known: r asks again."
	}
	if _, isRule := qerr.(*model.Problem); isRule {
		qerr = nil
	}
	b := ui.PlaceBlocker(f, qerr)
	return strings.Replace(b, "press r to ask again", "r asks again", 1)
}

// billWords is Review's Billing line.
func billWords(lines []ui.Line) string {
	for _, l := range lines {
		if l.Label == "Billing" {
			return l.Value
		}
	}
	return ""
}

// billing asks where the charge goes (add_to_next_bill), each choice in
// Review's words for this account.
func (s *session) billing() error {
	choices := []model.BillTo{model.BillDefault, model.BillNextBill, model.BillNow}
	m := menu{title: "Billing: where the charge goes", zero: "back"}
	for _, b := range choices {
		f := s.facts()
		f.Order.BillTo = b
		m.items = append(m.items, item{text: b.String() + " — " + billWords(ui.Summary(f)) + chosenMark(b == s.order.BillTo)})
	}
	p, err := s.choose(m)
	if err != nil || p.kind == pickZero {
		return err
	}
	s.order.BillTo = choices[p.index]
	s.placeErr = ""
	return nil
}
