package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/memset-order/memset-order/model"
)

// extrasStep sets the product's optional parameters. The first row goes
// on; every other row is one extra, opened with enter: a choice opens its
// list of options (each with what it adds to the price, when the backend
// has said), a text or number opens an embedded huh form whose field is
// checked by the same rules the API applies.
type extrasStep struct {
	stepDefaults
	fixNotice
	cursor int
	// open is true while a choice list is open; sub is its cursor and orig
	// the value to restore on esc.
	open bool
	sub  int
	orig string
	// editing is true while a text or number field is open in field.
	editing bool
	field   fieldForm
	refused string
}

// continueRow is the value of the first row, which leaves the step.
const continueRow = "\x00continue"

// openExtra is the extra whose editor is open.
func (s *extrasStep) openExtra(p *model.Product) (model.Extra, bool) {
	i := s.cursor - 1
	if p == nil || i < 0 || i >= len(p.Extras) || !(s.open || s.editing) {
		return model.Extra{}, false
	}
	return p.Extras[i], true
}

func (s *extrasStep) typing() bool { return s.editing }

// ownsBack: esc closes an open list or field.
func (s *extrasStep) ownsBack() bool { return s.open || s.editing }

// extraRows lists the extras with their current values.
func extraRows(e *env) []row {
	rows := []row{{value: continueRow, cols: []string{"Continue", ""}}}
	ps := e.problems()
	for _, x := range e.prod.Extras {
		rows = append(rows, extraRow(e, x, ps))
	}
	return rows
}

// extraRow is extra x's row of extraRows, ps being the order's problems.
func extraRow(e *env, x model.Extra, ps []model.Problem) row {
	r := row{value: x.Param, cols: []string{x.Label, valueLabel(x, e.order.Extra(x.Param))}}
	_, sent := e.order.Extras[x.Param]
	if reason := extraUnavailable(e, x); reason != "" {
		r.reason = reason
	} else if p := model.For(ps, x.Param); len(p) > 0 && p[0].Code != model.ProblemRequired {
		r.problem = p[0].Reason
		r.hasFix = p[0].Fix != nil && p[0].Fix.Product == ""
	} else if why := model.Excluded(e.prod, e.order, x.Param); why != "" && !sent {
		// Its default means nothing here, and is not sent.
		r.cols[1], r.reason = "none", why
	}
	return r
}

// extraUnavailable is the reason an extra cannot be set at all in this
// configuration (every value impossible), or "".
func extraUnavailable(e *env, x model.Extra) string {
	var probe []string
	switch x.Type {
	case model.ExtraChoice:
		for _, c := range x.Choices {
			probe = append(probe, c.Value)
		}
	case model.ExtraNumber:
		probe = []string{itoa(x.Min)}
	default:
		return ""
	}
	reason := ""
	for _, v := range probe {
		pr := e.whyNot(x.Param, v)
		if pr == nil || pr.Param != x.Param || pr.Code != model.ProblemUnavailable {
			return ""
		}
		if reason == "" {
			reason = pr.Reason
		}
	}
	return reason
}

// valueLabel is how an extra's value reads in the list.
func valueLabel(x model.Extra, v string) string {
	if v == "" {
		v = x.Default
	}
	switch x.Type {
	case model.ExtraChoice:
		if c, ok := x.Choice(v); ok {
			return c.Label
		}
		if v == "" {
			return "plan default"
		}
	case model.ExtraNumber:
		if v == "" {
			return "—"
		}
		return v + " " + x.Unit
	}
	if v == "" {
		return "—"
	}
	return v
}

// choiceRows lists the open extra's options with their price effect.
func choiceRows(e *env, x model.Extra) []row {
	base, baseOK := e.quoteFor(e.order.With(e.prod, x.Param, ""))
	var rows []row
	choices := x.Choices
	if canPutBack(x) {
		choices = append([]model.Choice{{Value: "", Label: planDefaultLabel(e, x)}}, choices...)
	}
	for _, c := range choices {
		r := row{value: c.Value, cols: []string{c.Label}}
		if pr := e.whyNot(x.Param, c.Value); pr != nil {
			r.reason = pr.Reason
			r.hasFix = pr.Fix != nil && pr.Fix.Param != x.Param
		} else {
			o := e.order.With(e.prod, x.Param, c.Value)
			q, ok := e.quoteFor(o)
			switch {
			case ok && x.Multiplier:
				r.price = "first payment " + q.NetTotal.String()
			case ok && baseOK:
				r.price = addsText(e.charges(q), e.charges(base))
			default:
				r.price = e.listPrice(o)
				if r.price != "…" && r.price != "?" {
					r.price = "…"
				}
			}
		}
		if c.Value != "" && c.Value == x.Default {
			r.note = "default"
		}
		rows = append(rows, r)
	}
	return rows
}

// addsText is what an option adds to the price, in the price words: per
// month (or hour), and to the setup fee when it changes that too:
// "+£30.00/month", "−£5.00/month + £10.00 setup".
func addsText(with, without model.Charges) string {
	per := ""
	switch with.Billing {
	case model.BillingMonthly:
		per = "/month"
	case model.BillingHourly:
		per = "/hour"
	}
	cur := with.Recurring.Currency
	out := signed(model.Money{Amount: with.Recurring.Amount - without.Recurring.Amount, Currency: cur}) + per
	if d := with.Setup.Amount - without.Setup.Amount; d != 0 {
		out += " " + signed(model.Money{Amount: d, Currency: cur}) + " setup"
	}
	return out
}

// signed renders a price difference: "+£3.00", "−£3.00".
func signed(m model.Money) string {
	if m.Amount < 0 {
		return "−" + model.Money{Amount: -m.Amount, Currency: m.Currency}.String()
	}
	return "+" + m.String()
}

func (s *extrasStep) enter(e *env) (action, tea.Cmd) {
	s.open, s.editing, s.refused = false, false, ""
	if s.cursor >= len(e.prod.Extras)+1 {
		s.cursor = 0
	}
	return nil, nil
}

func (s *extrasStep) update(msg tea.Msg, e *env) (action, tea.Cmd) {
	switch {
	case s.editing:
		return s.updateField(msg, e)
	case s.open:
		return s.updateChoices(msg, e), nil
	}
	k, ok := msg.(keyMsg)
	if !ok {
		return nil, nil
	}
	rows := extraRows(e)
	if cur, moved := listKeys(e.keys, k, rows, s.cursor, e.height/2); moved {
		s.cursor, s.refused = cur, ""
		return nil, nil
	}
	if matches(k, e.keys.Fix) && hasFixAt(rows, s.cursor) {
		return s.fixRow(e), nil
	}
	if !matches(k, e.keys.Next) {
		return nil, nil
	}
	if s.cursor == 0 {
		for _, r := range rows[1:] {
			if r.problem != "" {
				s.refused = r.cols[0] + ": " + r.problem
				return nil, nil
			}
		}
		return goNext{}, nil
	}
	r := rows[s.cursor]
	if r.reason != "" {
		s.refused = r.cols[0] + " cannot be set: " + r.reason + "."
		return nil, nil
	}
	x := e.prod.Extras[s.cursor-1]
	s.refused = ""
	if x.Type == model.ExtraChoice {
		s.open, s.orig = true, e.order.Extra(x.Param)
		cur := s.orig
		if cur == "" {
			cur = x.Default
		}
		s.sub = max(0, indexOf(choiceRows(e, x), cur))
		return nil, nil
	}
	limit := 4096
	if x.Type == model.ExtraNumber {
		limit = 9
	}
	var cmd tea.Cmd
	s.editing = true
	s.field, cmd = newFieldForm(e, fieldSpec{
		title: x.Label, prompt: "> ", placeholder: placeholder(x),
		value: e.order.Extra(x.Param), limit: limit,
		validate: e.ruleCheck(x.Param, true),
	})
	return nil, cmd
}

// resize fits an open field to a new body size.
func (s *extrasStep) resize(w, h int) tea.Cmd {
	var cmd tea.Cmd
	s.field, cmd = s.field.resize(w, h)
	return cmd
}

func placeholder(x model.Extra) string {
	switch x.Format {
	case model.FormatSSHPublicKey:
		return "ssh-ed25519 AAAA… you@host"
	case model.FormatName:
		return "letters, digits, - . _"
	}
	if x.Type == model.ExtraNumber {
		return itoa(x.Min) + "–" + itoa(x.Max) + " " + x.Unit
	}
	return ""
}

// updateChoices moves through an open choice list; the cursor is the value.
func (s *extrasStep) updateChoices(msg tea.Msg, e *env) action {
	k, ok := msg.(keyMsg)
	x, open := s.openExtra(e.prod)
	if !ok || !open {
		return nil
	}
	rows := choiceRows(e, x)
	if cur, moved := listKeys(e.keys, k, rows, s.sub, e.height/2); moved {
		s.refused = ""
		if cur == s.sub {
			return nil
		}
		s.sub = cur
		return set(x.Param, rows[cur].value)
	}
	r := rows[s.sub]
	switch {
	case matches(k, e.keys.Back):
		s.open, s.refused = false, ""
		return set(x.Param, s.orig)
	case matches(k, e.keys.Next):
		if r.reason != "" {
			s.refused = r.cols[0] + " cannot be chosen: " + r.reason + "."
			return nil
		}
		s.open, s.refused = false, ""
		return set(x.Param, r.value)
	case matches(k, e.keys.Fix) && r.hasFix:
		if act, ok := fixAction(e, x.Param, r); ok {
			return act
		}
	}
	return nil
}

// updateField edits a text or number extra in its form. The form's
// validation is the catalogue's rules, so the value reaches the order only
// once the rules accept it; esc closes the field and changes nothing.
func (s *extrasStep) updateField(msg tea.Msg, e *env) (action, tea.Cmd) {
	x, open := s.openExtra(e.prod)
	if !open {
		s.editing = false
		return nil, nil
	}
	if k, ok := msg.(keyMsg); ok && matches(k, e.keys.Back) {
		s.editing, s.field = false, fieldForm{}
		return nil, nil
	}
	field, cmd, submitted := s.field.update(msg, e.keys)
	s.field = field
	if !submitted {
		return nil, cmd
	}
	v := strings.TrimSpace(s.field.value())
	s.editing, s.field = false, fieldForm{}
	return set(x.Param, v), cmd
}

func (s *extrasStep) keys(e *env) []key.Binding {
	k := e.keys
	switch {
	case s.editing:
		return []key.Binding{with(k.Next, "save", true), with(k.Back, "cancel", true)}
	case s.open:
		rows := []row{}
		if x, ok := s.openExtra(e.prod); ok {
			rows = choiceRows(e, x)
		}
		fix := hasFixAt(rows, s.sub)
		// enter only refuses an impossible option: it keeps nothing.
		keep := s.sub >= 0 && s.sub < len(rows) && !rows[s.sub].disabled()
		return []key.Binding{k.navKeys(), with(k.Next, "keep", keep), with(k.Fix, "fix", fix), with(k.Back, "undo", true)}
	}
	// One word for every row (Continue goes on, an extra opens), so that
	// a move leaves the help line as it is (issue #15). On an extra that
	// cannot be set here (its row is disabled) enter only says why: it
	// changes nothing, and is not offered. Only the cursor's row is
	// judged: the help line needs no other.
	sel, fix := s.cursor == 0, false
	if i := s.cursor - 1; i >= 0 && i < len(e.prod.Extras) {
		r := extraRow(e, e.prod.Extras[i], e.problems())
		sel, fix = !r.disabled(), r.hasFix
	}
	return []key.Binding{k.navKeys(), with(k.Next, "select", sel), with(k.Fix, "fix", fix)}
}

func (s *extrasStep) view(e *env) string {
	st, w := e.st, e.width
	if x, ok := s.openExtra(e.prod); ok {
		return s.viewEditor(e, x)
	}
	rows := extraRows(e)
	head := st.Title.Render("Extras for " + e.prod.Name)
	// What an extra is, is said when it is opened (enter); the note
	// under the list stays put, so that a move costs only the cursor's
	// mark (issue #15). An impossible extra says why under its row.
	detail := s.lines(e)
	if s.cursor > 0 && s.cursor < len(rows) {
		x := e.prod.Extras[s.cursor-1]
		detail = append(detail, e.optionDetail(rows[s.cursor], x.Param, e.order.Extra(x.Param))...)
		detail = append(detail, problemFixLine(e, rows[s.cursor], x.Param)...)
	}
	detail = append(detail, st.Subtle.Render(wrap("Defaults are Memset's; only what you change is sent. enter on an extra says what it is and lists its choices.", w)))
	return listStepView(e, head, rows, s.cursor, detail, s.refused, 3)
}

func (s *extrasStep) viewEditor(e *env, x model.Extra) string {
	st, w := e.st, e.width
	head := st.Title.Render(x.Label)
	detail := s.lines(e)
	if x.Help != "" {
		detail = append(detail, st.Subtle.Render(wrap(x.Help, w)))
	}
	if s.editing {
		detail = append(detail, st.Subtle.Render(wrap("enter saves · an empty value sends nothing · esc cancels", w)))
		return withDetail(s.field.view(), block(detail...), e.height)
	}
	rows := choiceRows(e, x)
	note := "Each option shows what it adds to the price, as the backend answers."
	if x.Multiplier {
		note = "Each option shows the first payment for that many months, as the backend answers."
	}
	head = block(head, st.Subtle.Render(wrap(note, w)))
	if s.sub >= 0 && s.sub < len(rows) {
		detail = append(detail, e.optionDetail(rows[s.sub], x.Param, rows[s.sub].value)...)
	}
	return listStepView(e, head, rows, s.sub, detail, s.refused, 3)
}
