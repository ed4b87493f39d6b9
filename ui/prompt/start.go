package prompt

import (
	"github.com/memset-order/memset-order/model"
	"github.com/memset-order/memset-order/ui"
)

// startOn opens the prompts on o, part answered (`memset-order order …`
// with answers missing or impossible), as the wizard does: the product
// chosen, the answers given kept, the first step that needs an answer
// asked first (ui.StartStep), and the discount code, if any, checked like
// one typed on the Discount step.
func (s *session) startOn(o model.Order) {
	p, ok := s.cat.Product(o.Product)
	if !ok {
		return
	}
	code := o.DiscountCode
	o.DiscountCode = ""
	s.prod, s.order = p, o.Clone()
	s.step = ui.StartStep(s.cat, o)
	if code == "" {
		return
	}
	if err := ui.CheckField(s.facts(), model.ParamDiscountCode, code, true); err != nil {
		s.out.say("Discount code " + code + " not accepted: " + err.Error() + ".")
		return
	}
	_, _ = s.verify(code)
}
