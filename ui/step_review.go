package ui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/memset-order/memset-order/model"
)

// confirmWord is what must be typed to place an order: a single stray key
// cannot order anything.
const confirmWord = "order"

// reviewStep shows every choice with the account context. The cursor
// visits every line, so that on a short terminal the lines scroll and each
// can be read (renderBlocks); each choice line jumps to its step, the
// billing line toggles add_to_next_bill, and the account, payment and
// price lines are there to be read. Placing needs p, then the word
// "order", then enter. The script key shows the order as a command, an API
// request and a curl line (script.go).
type reviewStep struct {
	stepDefaults
	cursor     int
	confirming bool
	input      textinput.Model
	refused    string
	script     scriptView
	// backend is the wizard's Backend (Config.Backend), asked for the
	// exact create request the script view shows when it can say it
	// (orderRequester). While it is nil, or cannot say it, the view shows
	// the request built from the catalogue (catalogueRequest), which is
	// the same for *api.Client.
	backend Backend
}

func (s *reviewStep) typing() bool { return s.confirming }

// ownsBack: esc cancels the confirmation or closes the script view.
func (s *reviewStep) ownsBack() bool { return s.confirming || s.script.open }

// orderScript is the order on screen as a script.
func (s *reviewStep) orderScript(e *env) orderScript { return newOrderScript(e, s.backend) }

// reviewLine is one line of the summary.
type reviewLine struct {
	label string
	value string
	// step is where enter jumps to; -1 for lines that do not jump.
	step Step
	// param is the parameter the line shows, to put a refusal on it.
	params []string
	bill   bool
}

func reviewLines(e *env) []reviewLine {
	p, o := e.prod, e.order
	var out []reviewLine
	out = append(out, reviewLine{label: "Service", value: p.Name, step: StepService})
	if applies(p, StepPlan) {
		v := "—"
		if s, ok := p.SKU(o.SKU); ok {
			v = s.Code + " · " + strings.Join(orderedSpecs(p, o, s), " · ")
		} else if o.SKU != "" {
			v = o.SKU + " · offered by Memset, not in memset-order's catalogue"
		}
		out = append(out, reviewLine{label: "Plan", value: v, step: StepPlan, params: []string{model.ParamSKU}})
	}
	if applies(p, StepImage) {
		out = append(out, reviewLine{label: "Image", value: imageName(e, o.OS), step: StepImage, params: []string{model.ParamOS}})
	}
	if applies(p, StepExtras) {
		var parts, params []string
		for _, x := range p.Extras {
			params = append(params, x.Param)
			if v := o.Extra(x.Param); v != "" {
				parts = append(parts, x.Label+": "+valueLabel(x, v))
			}
		}
		v := "none (Memset's defaults)"
		if len(parts) > 0 {
			v = strings.Join(parts, "; ")
		}
		out = append(out, reviewLine{label: "Extras", value: v, step: StepExtras, params: params})
	}
	if applies(p, StepTarget) {
		v := orDash(o.Target)
		params := []string{p.TargetParam}
		if x, ok := amountExtra(p); ok {
			v += " · " + valueLabel(x, o.Extra(x.Param))
			params = append(params, x.Param)
		}
		out = append(out, reviewLine{label: "Top-up", value: v, step: StepTarget, params: params})
	}
	disc := "none"
	if o.DiscountCode != "" {
		disc = o.DiscountCode
		if e.discount.status == discValid && e.discount.code == o.DiscountCode {
			disc += " (" + describeCode(e.cat, e.discount.dc) + ")"
		}
	}
	out = append(out, reviewLine{label: "Discount", value: disc, step: StepDiscount, params: []string{model.ParamDiscountCode}})
	out = append(out, reviewLine{label: "Billing", value: billingText(e), step: -1, bill: billable(e), params: []string{model.ParamAddToNextBill}})
	if e.sandbox {
		out = append(out, reviewLine{label: "Account", value: "SANDBOX: sample prices, nothing is ordered or charged", step: -1})
	} else {
		out = append(out, reviewLine{label: "Account", value: liveAccount(e), step: -1})
	}
	out = append(out, reviewLine{label: "Payment", value: paymentText(e), step: -1})
	if q, ok := e.quoteFor(o); ok {
		c := e.charges(q)
		out = append(out, reviewLine{label: "Price", value: priceLine(c), step: -1},
			reviewLine{label: "Total", value: totalLine(c), step: -1})
	}
	return out
}

// liveAccount names the real account an order goes to: the key's label
// (its fingerprint, never the key) and the endpoint, "key …9f3a at
// https://api.memset.com/v1/json".
func liveAccount(e *env) string {
	endpoint := e.endpoint
	if endpoint == "" {
		endpoint = "an unnamed endpoint"
	}
	if e.label == "" {
		return endpoint
	}
	return e.label + " at " + endpoint
}

// imageName is the chosen OS or snapshot as people know it.
func imageName(e *env, os string) string {
	if os == "" {
		return "—"
	}
	if o, ok := e.cat.OS(os); ok {
		return o.Display
	}
	if sn, ok := e.acct.Snapshot(os); ok {
		return "snapshot " + sn.Name
	}
	return os
}

// stepOf says on which step a parameter is chosen.
func stepOf(p *model.Product, param string) (Step, bool) {
	switch {
	case p == nil || param == "":
		return 0, false
	case param == model.ParamSKU:
		return StepPlan, true
	case param == model.ParamOS:
		return StepImage, true
	case param == model.ParamDiscountCode:
		return StepDiscount, true
	case param == p.TargetParam:
		return StepTarget, true
	}
	if _, ok := p.Extra(param); ok {
		if p.Kind == model.KindTopUp {
			return StepTarget, true
		}
		return StepExtras, true
	}
	return 0, false
}

func (s *reviewStep) enter(e *env) (action, tea.Cmd) {
	s.confirming, s.refused = false, ""
	s.cursor = 0
	s.script = scriptView{}
	return nil, nil
}

func (s *reviewStep) update(msg tea.Msg, e *env) (action, tea.Cmd) {
	k, isKey := msg.(keyMsg)
	if s.confirming {
		if isKey {
			switch {
			case matches(k, e.keys.Back):
				s.confirming, s.refused = false, ""
				return nil, nil
			case matches(k, e.keys.Next):
				if strings.TrimSpace(s.input.Value()) != confirmWord {
					s.refused = "That is not the word " + confirmWord + ": type " + confirmWord + " and press enter, or esc to go back."
					return nil, nil
				}
				if why := placeBlocker(e); why != "" {
					s.confirming, s.refused = false, why
					return nil, nil
				}
				s.confirming = false
				return placeOrder{}, nil
			}
		}
		var cmd tea.Cmd
		s.input, cmd = s.input.Update(msg)
		return nil, cmd
	}
	if !isKey {
		return nil, nil
	}
	if s.script.open {
		return nil, s.script.update(k, e, s.orderScript(e))
	}
	lines := reviewLines(e)
	s.cursor = min(s.cursor, len(lines)-1)
	switch {
	case matches(k, e.keys.Up):
		s.cursor = max(s.cursor-1, 0)
	case matches(k, e.keys.Down):
		s.cursor = min(s.cursor+1, len(lines)-1)
	case matches(k, e.keys.PageUp):
		s.cursor = max(s.cursor-max(e.height/2, 1), 0)
	case matches(k, e.keys.PageDown):
		s.cursor = min(s.cursor+max(e.height/2, 1), len(lines)-1)
	case matches(k, e.keys.Home):
		s.cursor = 0
	case matches(k, e.keys.End):
		s.cursor = len(lines) - 1
	case matches(k, e.keys.Bill) && billable(e):
		return setBilling{bill: e.order.BillTo.Next()}, nil
	case matches(k, e.keys.Next):
		l := lines[s.cursor]
		if l.bill {
			return setBilling{bill: e.order.BillTo.Next()}, nil
		}
		if l.step >= 0 {
			return jumpTo{step: l.step}, nil
		}
	case matches(k, e.keys.Place):
		if why := placeBlocker(e); why != "" {
			s.refused = why
			return nil, nil
		}
		s.confirming, s.refused = true, ""
		s.input = newInput(e.st, "type "+confirmWord+" > ", "", "", 16)
	case matches(k, e.keys.Script):
		s.refused = ""
		s.script.show()
	}
	return nil, nil
}

// placeBlocker says why the order cannot be placed now, or "".
func placeBlocker(e *env) string {
	if ps := e.problems(); len(ps) > 0 {
		p := ps[0]
		if p.Code == model.ProblemPayment {
			return paymentBlockedText(e)
		}
		if st, ok := stepOf(e.prod, p.Param); ok {
			return "Cannot place it yet: " + p.Reason + " (fix it on the " + st.String() + " step)."
		}
		return "Cannot place it: " + p.Reason + "."
	}
	if e.acctLoading {
		return "Still reading the account (payment method); try again in a moment."
	}
	ent, ok := e.q.answer(e.order.Key())
	switch {
	case ok && ent.err != nil:
		return "Memset refused this configuration in the dry run: " + refusalText(ent.err)
	case !ok:
		if err, failed := e.q.failure(e.order.Key()); failed {
			return "There is no price for this configuration (" + describe(err) + "); press r to ask again."
		}
		return "Waiting for the price of this configuration; try again when it shows."
	}
	return ""
}

func (s *reviewStep) keys(e *env) []key.Binding {
	k := e.keys
	if s.confirming {
		return []key.Binding{with(k.Next, "place order", true), with(k.Back, "cancel", true)}
	}
	if s.script.open {
		return s.script.keys(e, s.orderScript(e))
	}
	lines := reviewLines(e)
	// On the billing line enter does what b does, so b is not repeated;
	// on the lines that are there to be read, enter does nothing.
	var cur reviewLine
	if s.cursor < len(lines) {
		cur = lines[s.cursor]
	}
	desc := "edit"
	if cur.bill {
		desc = "change billing"
	}
	ks := []key.Binding{k.navKeys(), with(k.Next, desc, cur.bill || cur.step >= 0)}
	if billable(e) && !cur.bill {
		ks = append(ks, with(k.Bill, billKeyHelp(e), true))
	}
	// p is offered only when it would open the confirmation.
	ks = append(ks, with(k.Place, "place order", placeBlocker(e) == ""))
	// The help line wraps when these do not fit (helpView); from 80
	// columns "↑↓ move" gives way instead when that keeps it on one line
	// (navGivesWay).
	return append(ks, k.Script)
}

func (s *reviewStep) view(e *env) string {
	if s.script.open {
		return s.script.view(e, s.orderScript(e))
	}
	head := e.st.Title.Render("Review your order")
	lines := reviewLines(e)
	cursor := min(s.cursor, len(lines)-1)
	items := s.lineBlocks(e, lines, cursor)
	det := block(s.detail(e)...)
	total := 0
	for _, it := range items {
		total += len(it)
	}
	if 2+total+1+heightOf(det) <= e.height {
		return withDetail(head+"\n\n"+strings.Join(slices.Concat(items...), "\n"), det, e.height)
	}
	// Short terminal: no blank line under the title, and the lines scroll
	// around the cursor, which every line can take.
	room := e.height - 1 - 1 - heightOf(det)
	return withDetail(head+"\n"+renderBlocks(e.st, items, cursor, e.width, max(room, 1)), det, e.height)
}

// lineBlocks draws each summary line as a block of screen lines: the
// label, the value wrapped under itself, and the refusal or problem that
// concerns it.
func (s *reviewStep) lineBlocks(e *env, lines []reviewLine, cursor int) [][]string {
	st, w, g := e.st, e.width, &e.st.Glyphs
	labelW := 9
	indent := strings.Repeat(" ", 2+labelW+1)
	out := make([][]string, len(lines))
	problems := e.problems()
	for i, l := range lines {
		vals := lines2(wrap(g.Text(l.value), max(10, w-2-labelW-1)))
		var bad string
		if e.placeErr != nil && contains(l.params, e.placeErr.param) {
			bad = e.placeErr.detail
		} else if e.refused != nil && contains(l.params, e.refused.param) {
			bad = e.refused.detail
		}
		for _, p := range l.params {
			if ps := model.For(problems, p); len(ps) > 0 && bad == "" {
				bad = ps[0].Reason
			}
		}
		on := i == cursor && !s.confirming
		lab := padRight(l.label, labelW)
		var b []string
		for j, v := range vals {
			switch {
			case j > 0:
				v = indent + v
				if on {
					v = st.Cursor.Render(v)
				}
			case on:
				v = st.CursorMark.Render(g.Cursor) + st.Cursor.Render(lab) + " " + st.Cursor.Render(v)
			case l.step < 0 && !l.bill:
				v = "  " + st.Label.Render(lab) + " " + st.Subtle.Render(v)
			default:
				v = "  " + st.Label.Render(lab) + " " + v
			}
			b = append(b, v)
		}
		if bad != "" {
			b = append(b, indent+st.Error.Render(g.Truncate(g.Cross+" "+g.Text(bad), w-len(indent))))
		}
		out[i] = b
	}
	return out
}

// detail is what Review says under the lines: why the order cannot be
// placed, the confirmation and its field, or how to go on.
func (s *reviewStep) detail(e *env) []string {
	st, w, g := e.st, e.width, &e.st.Glyphs
	say := func(text string) string { return wrap(g.Text(text), w) }
	var detail []string
	if e.placeErr != nil && e.placeErr.param == "" {
		detail = append(detail, st.Error.Render(say(e.placeErr.headline+e.placeErr.detail)))
	}
	if ps := e.problems(); len(ps) > 0 {
		detail = append(detail, st.Error.Render(say(placeBlocker(e))))
	}
	switch {
	case s.confirming:
		prompt := st.Title.Render(say(confirmQuestion(e) + "? Type " + confirmWord + ", then enter; esc goes back."))
		if s.refused != "" {
			prompt = st.Error.Render(say(s.refused))
		}
		detail = append(detail, prompt, s.input.View())
	case s.refused != "" && len(e.problems()) == 0:
		detail = append(detail, st.Error.Render(say(s.refused)))
	case len(detail) == 0:
		detail = append(detail, say("Press "+st.Key.Render("p")+" to place the order, or "+st.Key.Render("enter")+" on a line to change it."))
	}
	return detail
}

// confirmQuestion is the confirmation's question without its question
// mark: the price with VAT, who pays and which account.
func confirmQuestion(e *env) string {
	price := "Place this order"
	if q, ok := e.quoteFor(e.order); ok {
		c := e.charges(q)
		price = "Place it for " + priceLine(c)
		if c.Billing != model.BillingHourly {
			_, g := c.FirstWithVAT()
			price += " (" + g.String() + " with VAT)"
		}
	}
	if m, ok := e.acct.DefaultPaymentMethod(); ok {
		price += ", paid by " + m.Describe()
	}
	if e.sandbox {
		price += ", in the sandbox"
	} else if e.label != "" {
		price += ", on the account of " + liveAccount(e)
	} else {
		price += ", at " + liveAccount(e)
	}
	return price
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}
