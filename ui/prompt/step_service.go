package prompt

import (
	"github.com/memset-order/memset-order/model"
	"github.com/memset-order/memset-order/ui"
)

// service asks what to order. Choosing another product starts a new
// order (the billing choice kept); choosing the same one keeps the
// answers.
func (s *session) service() error {
	opts := ui.ServiceOptions(s.cat, s.offers, s.offersKnown)
	m := menu{title: "What would you like to order?"}
	for _, o := range opts {
		text := o.Label + " — " + o.Detail
		if o.Note != "" {
			text += " (" + o.Note + ")"
		}
		text += chosenMark(s.prod != nil && string(s.prod.ID) == o.Value)
		text += notPossible(o)
		m.items = append(m.items, item{text: text, names: []string{o.Value, o.Label}})
	}
	p, err := s.choose(m)
	if err != nil {
		return err
	}
	o := opts[p.index]
	if o.Reason != "" {
		s.out.say(o.Label + " cannot be ordered: " + o.Reason + ".")
		return nil
	}
	prod, ok := s.cat.Product(model.ProductID(o.Value))
	if !ok {
		return nil
	}
	if s.prod == nil || s.prod.ID != prod.ID {
		s.prod = prod
		s.order = model.Order{Product: prod.ID, BillTo: s.order.BillTo}
		s.disc = checkedCode{}
		s.placeErr = ""
	}
	s.backToReview = false
	s.step = ui.NextStep(s.prod, ui.StepService)
	return nil
}

// chosenMark marks the option chosen now.
func chosenMark(chosen bool) string {
	if chosen {
		return " (chosen)"
	}
	return ""
}

// notPossible says why an option cannot be chosen, and that a fix is
// offered when one is.
func notPossible(o ui.Option) string {
	switch {
	case o.Reason != "" && o.Fix != nil:
		return " — not possible: " + o.Reason + " (choose it for a fix)"
	case o.Reason != "":
		return " — not possible: " + o.Reason
	case o.Problem != "" && o.Fix != nil:
		return " — not possible now: " + o.Problem + " (choose it for a fix)"
	case o.Problem != "":
		return " — not possible now: " + o.Problem
	}
	return ""
}
