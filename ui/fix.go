package ui

import (
	tea "charm.land/bubbletea/v2"
	"github.com/memset-order/memset-order/model"
)

// fix carries out a rule's one-key fix, then sets the option it makes
// possible, and says what it changed. A fix that moves the order to
// another product (cPanel or Windows on the hourly server) keeps the
// answers the new product can take and lands on its Image step.
func (m *Model) fix(a applyFix) tea.Cmd {
	m.placeErr = nil
	if a.fix.Product != "" && m.prod != nil && a.fix.Product != m.prod.ID {
		return m.switchProduct(a)
	}
	m.order = a.fix.Apply(m.prod, m.order)
	if a.param != "" && a.param != a.fix.Param {
		m.order = m.order.With(m.prod, a.param, a.value)
	}
	cmd := tea.Batch(m.apply(m.current().resync(m.env())), m.scheduleQuote())
	m.showNotice(noticeText(a.fix))
	return cmd
}

// switchProduct moves the order to the fix's product, answers kept.
func (m *Model) switchProduct(a applyFix) tea.Cmd {
	p, ok := m.cat.Product(a.fix.Product)
	if !ok {
		return nil
	}
	m.order = a.fix.Apply(m.prod, m.order)
	m.prod = p
	if a.param != "" {
		m.order = m.order.With(p, a.param, a.value)
	}
	m.backToReview = false
	m.rejudgeCode()
	cmd := m.goTo(StepImage)
	m.showNotice(noticeText(a.fix))
	return cmd
}

// rejudgeCode judges a checked discount code again for the product now
// ordered: a code that does not apply there leaves the order, and one
// that does comes back into it.
func (m *Model) rejudgeCode() {
	d := &m.discount
	switch {
	case d.status == discValid && !d.dc.AppliesTo(m.prod.ID):
		d.status = discNotApplicable
		m.order = m.order.With(m.prod, model.ParamDiscountCode, "")
	case d.status == discNotApplicable && d.dc.AppliesTo(m.prod.ID):
		d.status = discValid
		m.order = m.order.With(m.prod, model.ParamDiscountCode, d.code)
	}
}

// noticeText is what the notice says after fix f.
func noticeText(f model.Fix) string {
	if f.Done != "" {
		return f.Done
	}
	return "Done: " + f.Label
}
