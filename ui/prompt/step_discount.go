package prompt

import (
	"context"
	"strings"

	"github.com/memset-order/memset-order/model"
	"github.com/memset-order/memset-order/ui"
)

// checkedCode is the last code checked and what Memset said of it. The order
// carries the code only while it is valid for the product.
type checkedCode struct {
	code    string
	verdict ui.CodeVerdict
	dc      model.DiscountCode
}

// noCode is what is typed to take a code out of the order.
const noCode = "none"

// discount asks for an optional discount code and checks it with Memset
// (VerifyDiscountCode) before it goes into the order: enter alone goes on
// (keeping a code already in), "none" takes it out.
func (s *session) discount() error {
	q := "Discount code (optional): type a code, or press enter alone for none; 0 back, q to leave:"
	if c := s.order.DiscountCode; c != "" {
		q = "Discount code: " + c + " is in the order. Press enter to keep it, type another code, or type " + noCode + " to remove it; 0 back, q to leave:"
	}
	v, err := s.ask(q)
	if err != nil {
		return err
	}
	switch {
	case v == "0":
		s.back()
		return nil
	case isQuit(v):
		return s.confirmLeave()
	case v == "" || (strings.EqualFold(v, noCode) && s.order.DiscountCode == ""):
		return s.discountDone()
	case strings.EqualFold(v, noCode):
		s.set(model.ParamDiscountCode, "")
		s.disc = checkedCode{}
		s.out.say("No discount code will be sent.")
		return s.discountDone()
	}
	if err := ui.CheckField(s.facts(), model.ParamDiscountCode, v, true); err != nil {
		s.out.say("Not accepted: " + err.Error() + ".")
		return nil
	}
	return s.checkCode(v)
}

// checkCode asks Memset about code and says the answer: a valid code for
// the product goes into the order and the walk goes on, as it does for one
// that does not apply to the product (not sent); an invalid one, or a
// check that failed, is asked again.
func (s *session) checkCode(code string) error {
	verdict, err := s.verify(code)
	if err != nil {
		return err
	}
	switch verdict {
	case ui.CodeInvalid:
		s.out.say("Type another code, or press enter alone for none.")
		return nil
	case ui.CodeCheckFailed:
		s.out.say("Type it again to try again, or press enter alone for none.")
		return nil
	}
	return s.discountDone()
}

// verify checks code with Memset (VerifyDiscountCode), says the verdict in
// the Discount step's words, and puts the code in the order when it is
// valid for the product (and takes it out otherwise).
func (s *session) verify(code string) (ui.CodeVerdict, error) {
	ctx, cancel := context.WithTimeout(s.ctx, readTimeout)
	dc, err := s.cfg.Backend.VerifyDiscountCode(ctx, code)
	cancel()
	if s.ctx.Err() != nil {
		return 0, s.ctx.Err()
	}
	dc = dc.Printable()
	verdict, lines := ui.CheckedCode(s.cat, s.prod, code, dc, err)
	s.out.say(lines...)
	s.disc = checkedCode{code: code, verdict: verdict, dc: dc}
	if verdict == ui.CodeValid {
		s.set(model.ParamDiscountCode, code)
	} else {
		s.set(model.ParamDiscountCode, "")
	}
	return verdict, nil
}

// discountDone says the price with the code (and what it saves) and goes
// on.
func (s *session) discountDone() error {
	refused, err := s.price(ui.StepDiscount, true)
	if err != nil {
		return err
	}
	if refused != "" {
		s.out.say("Memset refused this code: " + refused)
		return nil
	}
	s.next()
	return nil
}

// rejudgeCode judges a checked code again for the product now ordered
// (after a fix moved the order): a code that does not apply there leaves
// the order, and one that does comes back into it.
func (s *session) rejudgeCode() {
	d := &s.disc
	switch {
	case d.verdict == ui.CodeValid && !d.dc.AppliesTo(s.prod.ID):
		d.verdict = ui.CodeNotForProduct
		s.order = s.order.With(s.prod, model.ParamDiscountCode, "")
	case d.verdict == ui.CodeNotForProduct && d.dc.AppliesTo(s.prod.ID):
		d.verdict = ui.CodeValid
		s.order = s.order.With(s.prod, model.ParamDiscountCode, d.code)
	}
}
