package prompt

import (
	"github.com/memset-order/memset-order/model"
	"github.com/memset-order/memset-order/ui"
)

// plan asks for the plan. An impossible plan is listed with its reason
// and refused; a plan Memset refuses in the dry run is said and asked
// again.
func (s *session) plan() error {
	opts := ui.PlanOptions(s.facts())
	m := menu{title: "Plan: choose a plan for " + s.prod.Name, zero: "back"}
	for _, o := range opts {
		text := o.Value
		if o.Detail != "" {
			text += " — " + o.Detail
		}
		if o.Note != "" {
			text += " (" + o.Note + ")"
		}
		text += chosenMark(o.Value == s.order.SKU) + notPossible(o)
		m.items = append(m.items, item{text: text, names: []string{o.Value}})
	}
	return s.chooseValue(m, opts, model.ParamSKU, "plan")
}

// chooseValue asks m, whose items are opts, for param, and settles the
// answer: 0 goes back; an impossible option is refused (its fix offered);
// a possible one is set and priced, and the walk goes on unless Memset
// refuses it (what names it: "plan", "image").
func (s *session) chooseValue(m menu, opts []ui.Option, param, what string) error {
	p, err := s.choose(m)
	if err != nil {
		return err
	}
	if p.kind == pickZero {
		s.back()
		return nil
	}
	o := opts[p.index]
	before := s.prod.ID
	if o.Reason != "" {
		fixed, err := s.refuseOption(o, param, "chosen")
		if err != nil || !fixed {
			return err
		}
		if s.prod.ID != before {
			// The order moved to another product: on from its Image step.
			s.step = ui.StepImage
		}
	} else {
		s.set(param, o.Value)
	}
	refused, err := s.price(s.step, false)
	if err != nil {
		return err
	}
	if refused != "" {
		s.out.say("Memset refused this " + what + ": " + refused)
		return nil
	}
	s.next()
	return nil
}
