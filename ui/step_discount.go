package ui

import (
	"errors"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/memset-order/memset-order/api"
	"github.com/memset-order/memset-order/model"
)

// discStatus is where a discount code stands.
type discStatus int

const (
	discNone discStatus = iota
	discChecking
	discValid
	// discNotApplicable: valid, but not for this product; it is not sent.
	discNotApplicable
	discInvalid
	// discFailed: the check itself failed (network, server); enter retries.
	discFailed
)

// discountState is the last code checked and what the backend said. The
// root owns it; the order carries the code only once it is known valid for
// the product.
type discountState struct {
	code   string
	status discStatus
	dc     model.DiscountCode
	err    error
}

// discountStep asks for an optional discount code in an embedded huh form
// and checks it with the discount-code method before it goes into the
// order. Each enter completes the form; a new one holding the same text is
// built at once, so the code can be edited after the answer.
type discountStep struct {
	stepDefaults
	field fieldForm
}

func (s *discountStep) typing() bool { return true }

func (s *discountStep) enter(e *env) (action, tea.Cmd) {
	v := e.order.DiscountCode
	if v == "" && e.discount.status != discNone {
		v = e.discount.code
	}
	return nil, s.build(e, v)
}

// build opens the code field holding v.
func (s *discountStep) build(e *env, v string) tea.Cmd {
	var cmd tea.Cmd
	s.field, cmd = newFieldForm(e, fieldSpec{
		prompt: "> ", placeholder: "e.g. WELCOME10", value: v, limit: 64,
		validate: e.ruleCheck(model.ParamDiscountCode, true),
	})
	return cmd
}

// resize fits the field to a new body size.
func (s *discountStep) resize(w, h int) tea.Cmd {
	var cmd tea.Cmd
	s.field, cmd = s.field.resize(w, h)
	return cmd
}

// code is the text in the field, trimmed.
func (s *discountStep) code() string { return strings.TrimSpace(s.field.value()) }

func (s *discountStep) update(msg tea.Msg, e *env) (action, tea.Cmd) {
	if k, ok := msg.(keyMsg); ok && matches(k, e.keys.Clear) {
		return dropCode{}, s.build(e, "")
	}
	if !s.field.open() {
		return nil, nil
	}
	field, cmd, submitted := s.field.update(msg, e.keys)
	s.field = field
	v := s.code()
	if submitted {
		var reopen tea.Cmd
		s.field, reopen = s.field.reopen()
		return s.submit(v, e), tea.Batch(cmd, reopen)
	}
	if e.order.DiscountCode != "" && v != e.order.DiscountCode {
		// The code in the order no longer matches the field: take it out
		// until the new text is checked.
		return dropCode{keepCheck: true}, cmd
	}
	return nil, cmd
}

// submit decides what enter on code v does: go on, check the code, or take
// a code out of the order.
func (s *discountStep) submit(v string, e *env) action {
	d := e.discount
	switch {
	case v == "":
		if e.order.DiscountCode != "" || d.status != discNone {
			return dropCode{}
		}
		return goNext{}
	case d.code == v && (d.status == discValid || d.status == discNotApplicable):
		return goNext{}
	case d.code == v && d.status == discChecking:
		return nil
	}
	return checkCode{code: v}
}

func (s *discountStep) keys(e *env) []key.Binding {
	k := e.keys
	v := s.code()
	d := e.discount
	desc := "check code"
	switch {
	case v == "" && e.order.DiscountCode == "" && d.status == discNone:
		desc = "skip"
	case v == "":
		desc = "remove code"
	case d.code == v && (d.status == discValid || d.status == discNotApplicable):
		desc = "next"
	}
	return []key.Binding{with(k.Next, desc, true), with(k.Clear, "clear", v != "" || e.order.DiscountCode != "")}
}

func (s *discountStep) view(e *env) string {
	st, w := e.st, e.width
	head := block(st.Title.Render("Discount code (optional)"),
		st.Subtle.Render(wrap("Type a code and press enter to check it with Memset; leave it empty to go on without one.", w)))
	var out []string
	v := s.code()
	d := e.discount
	if d.status != discNone && d.code == v {
		switch d.status {
		case discChecking:
			out = append(out, st.Subtle.Render(truncate(e.spinner+" checking "+d.code+" with Memset…", w)))
		case discValid, discNotApplicable:
			out = append(out, st.Success.Render(truncate("✓ "+d.code+" is valid", w)))
			out = append(out, wrap(describeCode(e.cat, d.dc), w))
			if d.status == discNotApplicable {
				out = append(out, st.Warning.Render(wrap("It does not apply to "+e.prod.Name+", so it will not be sent.", w)))
			} else {
				out = append(out, e.discountEffect()...)
			}
		case discInvalid:
			out = append(out, st.Error.Render(wrap("✗ "+invalidCode(d.code, d.err), w)))
			out = append(out, wrap("Press "+st.Key.Render("ctrl+x")+" to clear it, or type another code.", w))
		case discFailed:
			out = append(out, st.Error.Render(wrap("Could not check "+d.code+": "+describe(d.err), w)))
			out = append(out, wrap("Press "+st.Key.Render("enter")+" to try again.", w))
		}
	}
	return withDetail(head+"\n\n"+s.field.view(), block(out...), e.height)
}

// invalidCode says that Memset does not accept code, naming the code once:
// Memset's own message when it names the code already ("Discount code
// 'NOPE' does not exist…"), else "NOPE is not valid: " and the message.
func invalidCode(code string, err error) string {
	msg := strings.TrimSpace(describeRefusal(err))
	if msg == "" {
		return code + " is not valid."
	}
	if !strings.HasSuffix(msg, ".") {
		msg += "."
	}
	if strings.Contains(strings.ToLower(msg), strings.ToLower(code)) {
		return msg
	}
	return code + " is not valid: " + msg
}

// describeRefusal is a refusal's message for people: Memset's words
// without the parameter name in front.
func describeRefusal(err error) string {
	var e *api.Error
	if errors.As(err, &e) {
		return model.Printable(e.Detail())
	}
	return describe(err)
}

// describeCode says what a valid code is.
func describeCode(c *model.Catalogue, d model.DiscountCode) string {
	var parts []string
	if d.Description != "" {
		parts = append(parts, d.Description)
	} else if d.PercentOff > 0 {
		parts = append(parts, itoa(d.PercentOff)+"% off")
	}
	if len(d.Products) > 0 {
		var names []string
		for _, id := range d.Products {
			if p, ok := c.Product(id); ok {
				names = append(names, p.Name)
			} else {
				names = append(names, string(id))
			}
		}
		parts = append(parts, "for "+strings.Join(names, ", "))
	}
	if d.Expires != "" {
		parts = append(parts, "expires "+d.Expires)
	}
	return strings.Join(parts, " · ")
}

// discountEffect compares the dry runs with and without the code.
func (e *env) discountEffect() []string {
	if e.order.DiscountCode == "" {
		return nil
	}
	with, ok1 := e.quoteFor(e.order)
	without, ok2 := e.quoteFor(e.order.With(e.prod, model.ParamDiscountCode, ""))
	if !ok1 || !ok2 {
		return []string{e.st.Subtle.Render(truncate(e.spinner+" re-quoting with the code…", e.width))}
	}
	save := model.Money{Amount: without.NetTotal.Amount - with.NetTotal.Amount, Currency: with.NetTotal.Currency}
	return []string{wrap("Re-quoted: "+e.st.Price.Render(e.priceText(with))+" instead of "+without.NetTotal.String()+" (saves "+save.String()+")", e.width)}
}

// gotVerify records the discount-code check; a valid code that applies to
// the product goes into the order and the quote is asked again.
func (m *Model) gotVerify(msg verifyMsg) tea.Cmd {
	if msg.code != m.discount.code || m.discount.status != discChecking {
		return nil
	}
	switch {
	case msg.err == nil && m.prod != nil && !msg.dc.AppliesTo(m.prod.ID):
		m.discount = discountState{code: msg.code, status: discNotApplicable, dc: msg.dc}
	case msg.err == nil:
		m.discount = discountState{code: msg.code, status: discValid, dc: msg.dc}
		return m.apply(set(model.ParamDiscountCode, msg.code))
	case isAnswer(msg.err):
		m.discount = discountState{code: msg.code, status: discInvalid, err: msg.err}
	default:
		m.discount = discountState{code: msg.code, status: discFailed, err: msg.err}
	}
	return nil
}
