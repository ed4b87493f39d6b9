package ui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/memset-order/memset-order/model"
)

// The wizard can open on an order already part answered: `memset-order
// order PRODUCT …` on a terminal, with answers missing or impossible, opens
// it on the first step that needs one, with everything given already
// chosen on the steps before and after it (Config.Start).

// StartStep is the step a wizard opened on o begins at: the first step,
// in the wizard's order, with a missing or impossible answer (the rules,
// before the account is read), or Review when nothing is missing. An
// order of no known product starts at Service.
func StartStep(cat *model.Catalogue, o model.Order) Step {
	p, ok := cat.Product(o.Product)
	if !ok {
		return StepService
	}
	first := StepReview
	for _, pr := range model.Check(cat, o, model.Account{}) {
		if pr.Code == model.ProblemPayment {
			continue
		}
		st, ok := stepOf(p, pr.Param)
		if !ok {
			continue
		}
		if st < first {
			first = st
		}
	}
	return first
}

// startOn opens the wizard on o (Config.Start): the product chosen, every
// step before the start step entered once so that its cursor sits on the
// answer given (esc goes back through them), and the discount code, if
// any, sent to be checked like one typed on the Discount step. It returns
// the commands the first frame needs.
func (m *Model) startOn(o model.Order) tea.Cmd {
	p, ok := m.cat.Product(o.Product)
	if !ok {
		return nil
	}
	code := o.DiscountCode
	o.DiscountCode = ""
	m.prod, m.order = p, o.Clone()
	target := StartStep(m.cat, o)
	var cmds []tea.Cmd
	for _, s := range stepsFor(p) {
		if s == StepService || s >= target {
			continue
		}
		m.step = s
		act, cmd := m.current().enter(m.env())
		cmds = append(cmds, cmd, m.apply(act))
	}
	cmds = append(cmds, m.goTo(target))
	if code != "" {
		cmds = append(cmds, m.apply(checkCode{code: code}))
	}
	return tea.Batch(cmds...)
}
