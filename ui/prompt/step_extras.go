package prompt

import (
	"strings"

	"github.com/memset-order/memset-order/model"
	"github.com/memset-order/memset-order/ui"
)

// extras lists the product's extras with their values; choosing one
// changes it (a list of its choices, or a number or text checked by the
// rules), 0 goes on and b goes back.
func (s *session) extras() error {
	opts := ui.ExtraOptions(s.facts())
	m := menu{title: "Extras for " + s.prod.Name + ": Memset's defaults unless you change them; only what you change is sent", zero: "done",
		letters: []letter{{key: "b", text: "back", short: "back"}}}
	for _, o := range opts {
		v := o.Detail
		if v == "—" {
			v = "not set"
		}
		m.items = append(m.items, item{text: o.Label + ": " + v + notPossible(o), names: []string{o.Value, o.Label}})
	}
	p, err := s.choose(m)
	if err != nil {
		return err
	}
	switch p.kind {
	case pickLetter:
		s.back()
		return nil
	case pickZero:
		return s.extrasDone(opts)
	}
	o := opts[p.index]
	switch {
	case o.Reason != "":
		s.out.say(o.Label + " cannot be set: " + o.Reason + ".")
		return nil
	case o.Problem != "" && o.Fix != nil:
		s.out.say(o.Label + ": " + o.Problem + ".")
		fixed, err := s.offerFix(*o.Fix, "", "")
		if err != nil || !fixed {
			return err
		}
		_, err = s.price(ui.StepExtras, false)
		return err
	}
	x, _ := s.prod.Extra(o.Value)
	if x.Type == model.ExtraChoice {
		return s.extraChoice(x)
	}
	return s.extraField(x)
}

// extrasDone goes on, unless a value chosen has become impossible: that
// is said, with its fix offered.
func (s *session) extrasDone(opts []ui.Option) error {
	for _, o := range opts {
		if o.Problem == "" {
			continue
		}
		s.out.say(o.Label + ": " + o.Problem + ".")
		if o.Fix == nil {
			return nil
		}
		if fixed, err := s.offerFix(*o.Fix, "", ""); err != nil || !fixed {
			return err
		}
		// Fixed: the list again, with what the fix changed.
		_, err := s.price(ui.StepExtras, false)
		return err
	}
	if _, err := s.price(ui.StepExtras, true); err != nil {
		return err
	}
	s.next()
	return nil
}

// extraChoice lists a choice extra's values; 0 keeps the one it has.
func (s *session) extraChoice(x model.Extra) error {
	opts := ui.ChoiceOptions(s.facts(), x.Param)
	cur := s.order.Extra(x.Param)
	if cur == "" && !ui.CanPutBack(x) {
		cur = x.Default
	}
	keep := ""
	m := menu{title: x.Label + ": choose one"}
	if x.Help != "" {
		m.title += " (" + x.Help + ")"
	}
	for _, o := range opts {
		text := o.Label
		if o.Note != "" {
			text += " (" + o.Note + ")"
		}
		if o.Value == cur {
			keep = o.Label
		}
		m.items = append(m.items, item{text: text + chosenMark(o.Value == cur) + notPossible(o), names: []string{o.Value, o.Label}})
	}
	m.zero = "back"
	if keep != "" {
		m.zero = "back (keep " + keep + ")"
	}
	p, err := s.choose(m)
	if err != nil || p.kind == pickZero {
		return err
	}
	o := opts[p.index]
	if o.Reason != "" {
		if fixed, err := s.refuseOption(o, x.Param, "chosen"); err != nil || !fixed {
			return err
		}
	} else {
		s.set(x.Param, o.Value)
	}
	return s.extraPriced(x)
}

// extraField asks for a number or text extra, checked by the rules as the
// wizard's field checks it; enter alone sends none, 0 keeps it as it is.
func (s *session) extraField(x model.Extra) error {
	cur := s.order.Extra(x.Param)
	what := "type the value"
	if x.Type == model.ExtraNumber {
		what = "type a whole number"
	}
	if hint := ui.FieldHint(x); hint != "" {
		what += " (" + hint + ")"
	}
	if x.Help != "" {
		s.out.say(x.Label + ": " + x.Help)
	}
	if cur != "" {
		s.out.say(x.Label + " is now " + cur + ".")
	}
	for {
		v, err := s.ask(x.Label + ": " + what + "; enter alone sends none, 0 back, q to leave:")
		if err != nil {
			return err
		}
		switch {
		case v == "0":
			return nil
		case isQuit(v):
			if err := s.confirmLeave(); err != nil {
				return err
			}
			continue
		}
		if err := ui.CheckField(s.facts(), x.Param, v, true); err != nil {
			s.out.say("Not accepted: " + err.Error() + ".")
			continue
		}
		s.set(x.Param, strings.TrimSpace(v))
		return s.extraPriced(x)
	}
}

// extraPriced says the price after an extra changed, and Memset's refusal
// of it if it refused.
func (s *session) extraPriced(x model.Extra) error {
	refused, err := s.price(ui.StepExtras, x.Multiplier)
	if err != nil {
		return err
	}
	if refused != "" {
		s.out.say("Memset refused this " + strings.ToLower(x.Label) + ": " + refused)
	}
	return nil
}
