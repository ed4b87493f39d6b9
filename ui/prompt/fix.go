package prompt

import (
	"github.com/memset-order/memset-order/model"
	"github.com/memset-order/memset-order/ui"
)

// refuseOption says why an impossible option cannot be chosen and, when
// the rules have a one-step fix, offers it as a numbered choice. It
// reports whether the fix was taken: the order is then changed (param
// set to value after the fix, as the wizard's fix key does).
func (s *session) refuseOption(o ui.Option, param, what string) (fixed bool, err error) {
	s.out.say(o.Label + " cannot be " + what + ": " + o.Reason + ".")
	if o.Fix == nil {
		return false, nil
	}
	return s.offerFix(*o.Fix, param, o.Value)
}

// offerFix asks whether to make the rules' fix; taken, it is applied and
// said.
func (s *session) offerFix(fix model.Fix, param, value string) (bool, error) {
	p, err := s.choose(menu{
		title: fix.Label + "?",
		items: []item{{text: "yes", names: []string{"y", "yes"}}, {text: "choose again", names: []string{"n", "no"}}},
	})
	if err != nil || p.index != 0 {
		return false, err
	}
	s.applyFix(fix, param, value)
	return true, nil
}

// applyFix makes fix, then sets param to value (the option it makes
// possible), as the wizard's fix does: a fix that moves the order to
// another product keeps the answers that product takes, and judges the
// discount code again for it.
func (s *session) applyFix(fix model.Fix, param, value string) {
	s.placeErr = ""
	if fix.Product != "" && fix.Product != s.prod.ID {
		if p, ok := s.cat.Product(fix.Product); ok {
			s.order = fix.Apply(s.prod, s.order)
			s.prod = p
			if param != "" {
				s.order = s.order.With(p, param, value)
			}
			s.backToReview = false
			s.rejudgeCode()
		}
	} else {
		s.order = fix.Apply(s.prod, s.order)
		if param != "" && param != fix.Param {
			s.order = s.order.With(s.prod, param, value)
		}
	}
	done := fix.Done
	if done == "" {
		done = "Done: " + fix.Label
	}
	s.out.say(done + ".")
}

// set changes one answer of the order.
func (s *session) set(param, value string) {
	s.order = s.order.With(s.prod, param, value)
	s.placeErr = ""
}
