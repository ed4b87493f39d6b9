package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/memset-order/memset-order/model"
)

// targetStep is the bandwidth top-up's one step: which metered server, and
// how many GB. Unmetered servers stay in the list, disabled, with Memset's
// reason. The amount is an embedded huh form, opened with enter or tab; it
// is priced as it is typed, and esc puts back the amount it had when it
// was opened.
type targetStep struct {
	cursor int
	// amount is true while the amount field is open in field; orig is the
	// amount the order had when it was opened.
	amount  bool
	field   fieldForm
	orig    string
	refused string
}

func (s *targetStep) typing() bool { return s.amount }

// ownsBack: esc closes the amount field, putting the old amount back.
func (s *targetStep) ownsBack() bool { return s.amount }

// amountExtra is the top-up's quantity parameter (gb).
func amountExtra(p *model.Product) (model.Extra, bool) {
	for _, x := range p.Extras {
		if x.Type == model.ExtraNumber {
			return x, true
		}
	}
	return model.Extra{}, false
}

func targetRows(e *env) []row {
	var rows []row
	switch {
	case e.acctLoading:
		return []row{{kind: rowInfo, cols: []string{e.spinner + " loading your servers (server.list)…"}}}
	case e.acctErr != nil:
		return []row{{kind: rowInfo, cols: []string{"could not load your servers: " + describe(e.acctErr) + " (r retries)"}}}
	case len(e.acct.Servers) == 0:
		return []row{{kind: rowInfo, cols: []string{"this account has no servers"}}}
	}
	for _, sv := range e.acct.Servers {
		r := row{value: sv.Name, cols: []string{sv.Name, orDash(sv.Nickname), sv.BandwidthType}}
		if pr := e.whyNot(e.prod.TargetParam, sv.Name); pr != nil {
			r.reason = pr.Reason
		}
		rows = append(rows, r)
	}
	return rows
}

// deadEnd says why there is nothing to top up, once the servers are known:
// the account has no server, or none with metered bandwidth. "" when a
// server can be topped up (or the servers are not known yet).
func deadEnd(e *env) string {
	if e.acctLoading || e.acctErr != nil || !e.acct.Known || e.prod == nil || e.prod.Kind != model.KindTopUp {
		return ""
	}
	if len(e.acct.Servers) == 0 {
		return "This account has no servers, so there is no bandwidth bank to top up."
	}
	for _, sv := range e.acct.Servers {
		if sv.Metered() {
			return ""
		}
	}
	return "None of this account's servers has metered bandwidth, so none has a bandwidth bank to top up: unmetered servers have no monthly transfer limit to go past."
}

func (s *targetStep) enter(e *env) (action, tea.Cmd) {
	s.refused, s.amount, s.field = "", false, fieldForm{}
	rows := targetRows(e)
	if i := indexOf(rows, e.order.Target); i >= 0 {
		s.cursor = i
		return nil, nil
	}
	s.cursor = firstEnabled(rows)
	if s.cursor < 0 || rows[s.cursor].disabled() {
		return nil, nil
	}
	return set(e.prod.TargetParam, rows[s.cursor].value), nil
}

// amountPlaceholder is the empty amount field's hint, from the same limits
// the rules check: "a whole number from 10 to 10000".
func amountPlaceholder(x model.Extra) string {
	return "a whole number from " + itoa(x.Min) + " to " + itoa(x.Max)
}

// amountTitle is the amount field's label with its bounds.
func amountTitle(x model.Extra) string {
	return x.Label + " (" + itoa(x.Min) + "–" + itoa(x.Max) + " " + x.Unit + ")"
}

// openAmount opens the amount field on the amount the order has.
func (s *targetStep) openAmount(e *env) tea.Cmd {
	x, _ := amountExtra(e.prod)
	s.amount, s.refused, s.orig = true, "", e.order.Extra(x.Param)
	var cmd tea.Cmd
	s.field, cmd = newFieldForm(e, fieldSpec{
		title: amountTitle(x), prompt: x.Unit + " > ", placeholder: amountPlaceholder(x),
		value: s.orig, limit: 6,
		validate: e.ruleCheck(x.Param, false, e.prod.TargetParam, x.Param),
	})
	return cmd
}

// resize fits an open amount field to a new body size.
func (s *targetStep) resize(w, h int) tea.Cmd {
	var cmd tea.Cmd
	s.field, cmd = s.field.resize(w, h)
	return cmd
}

// resync places the cursor once the servers arrive.
func (s *targetStep) resync(e *env) action {
	if e.order.Target != "" {
		if i := indexOf(targetRows(e), e.order.Target); i >= 0 {
			s.cursor = i
		}
		return nil
	}
	rows := targetRows(e)
	s.cursor = firstEnabled(rows)
	if s.cursor < 0 || rows[s.cursor].disabled() {
		return nil
	}
	return set(e.prod.TargetParam, rows[s.cursor].value)
}

func (s *targetStep) update(msg tea.Msg, e *env) (action, tea.Cmd) {
	k, isKey := msg.(keyMsg)
	if s.amount {
		return s.updateAmount(msg, e)
	}
	if !isKey {
		return nil, nil
	}
	rows := targetRows(e)
	if cur, moved := listKeys(e.keys, k, rows, s.cursor, e.height/2); moved {
		s.refused = ""
		if cur == s.cursor || cur < 0 || cur >= len(rows) || !rows[cur].selectable() {
			return nil, nil
		}
		s.cursor = cur
		return set(e.prod.TargetParam, rows[cur].value), nil
	}
	switch {
	case deadEnd(e) != "" && matches(k, e.keys.Next):
		return goBack{}, nil
	case deadEnd(e) != "":
		return nil, nil
	case matches(k, e.keys.Next), matches(k, e.keys.Switch):
		if s.cursor < 0 || s.cursor >= len(rows) || !rows[s.cursor].selectable() {
			s.refused = "Choose a metered server first."
			return nil, nil
		}
		if r := rows[s.cursor]; r.reason != "" {
			s.refused = r.value + " cannot have a bandwidth bank: " + r.reason + "."
			return nil, nil
		}
		return nil, s.openAmount(e)
	}
	return nil, nil
}

// updateAmount edits the amount: every change is put in the order (so the
// pane prices it), enter goes on once the rules accept the amount, tab goes
// back to the servers keeping it, esc goes back putting the old one back.
func (s *targetStep) updateAmount(msg tea.Msg, e *env) (action, tea.Cmd) {
	x, _ := amountExtra(e.prod)
	if k, ok := msg.(keyMsg); ok {
		switch {
		case matches(k, e.keys.Back):
			s.amount, s.field = false, fieldForm{}
			return set(x.Param, s.orig), nil
		case matches(k, e.keys.Switch):
			s.amount, s.field = false, fieldForm{}
			return nil, nil
		}
	}
	before := strings.TrimSpace(s.field.value())
	field, cmd, submitted := s.field.update(msg, e.keys)
	s.field = field
	if submitted {
		s.amount, s.field = false, fieldForm{}
		return goNext{}, cmd
	}
	if v := strings.TrimSpace(s.field.value()); v != before {
		return set(x.Param, v), cmd
	}
	return nil, cmd
}

func (s *targetStep) keys(e *env) []key.Binding {
	k := e.keys
	if s.amount {
		// enter refuses an amount the rules reject: it is not offered then.
		next := s.field.spec.validate == nil || s.field.spec.validate(s.field.value()) == nil
		return []key.Binding{with(k.Next, "next", next), with(k.Switch, "server", true), with(k.Back, "cancel", true)}
	}
	if deadEnd(e) != "" {
		return []key.Binding{with(k.Next, "choose another service", true)}
	}
	return []key.Binding{k.navKeys(), with(k.Next, "amount", true)}
}

func (s *targetStep) view(e *env) string {
	st, w := e.st, e.width
	x, _ := amountExtra(e.prod)
	rows := targetRows(e)
	head := st.Title.Render("Top up a server's bandwidth bank")
	if e.height >= 16 {
		head = block(head, st.Subtle.Render(wrap("The bank is used only after the server's monthly transfer is spent. Only metered servers have one.", w)))
	}
	var detail []string
	if why := deadEnd(e); why != "" {
		detail = append(detail, st.Warning.Render(wrap(why, w)),
			wrap("A bandwidth bank belongs to a server with metered bandwidth. Order one first (a monthly Miniserver or a dedicated server), then top it up. Press "+st.Key.Render("enter")+" to choose another service.", w))
		return listStepView(e, head, rows, s.cursor, detail, s.refused, 2)
	}
	if s.amount {
		detail = append(detail, s.field.view())
	} else {
		// The closed field keeps its place, aligned with the open one.
		v := st.Subtle.Render(amountPlaceholder(x))
		if cur := e.order.Extra(x.Param); cur != "" {
			v = cur
		}
		detail = append(detail, "  "+st.Title.Render(truncate(amountTitle(x), w-2)), "  "+x.Unit+" > "+v)
	}
	if msg := e.refusalFor(x.Param); msg != "" {
		detail = append(detail, st.Error.Render(wrap("Memset refused it: "+msg, w)))
	}
	if s.cursor >= 0 && s.cursor < len(rows) && rows[s.cursor].selectable() {
		detail = append(detail, e.optionDetail(rows[s.cursor], e.prod.TargetParam, rows[s.cursor].value)...)
	}
	return listStepView(e, head, rows, s.cursor, detail, s.refused, 2)
}
