package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/memset-order/memset-order/model"
)

// targetStep is the bandwidth top-up's one step: which metered server, and
// how many GB. Unmetered servers stay in the list, disabled, with Memset's
// reason.
type targetStep struct {
	cursor int
	// amount is true while the amount field has the focus.
	amount  bool
	input   textinput.Model
	err     string
	refused string
}

func (s targetStep) typing() bool { return s.amount }

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

func (s targetStep) enter(e *env) (targetStep, action) {
	s.err, s.refused, s.amount = "", "", false
	x, _ := amountExtra(e.prod)
	s.input = newInput(e.st, x.Unit+" > ", placeholder(x), e.order.Extra(x.Param), 6)
	s.input.SetWidth(24)
	s.input.Blur()
	rows := targetRows(e)
	if i := indexOf(rows, e.order.Target); i >= 0 {
		s.cursor = i
		return s, action{}
	}
	s.cursor = firstEnabled(rows)
	if s.cursor < 0 || rows[s.cursor].disabled() {
		return s, action{}
	}
	return s, set(e.prod.TargetParam, rows[s.cursor].value)
}

// resync places the cursor once the servers arrive.
func (s targetStep) resync(e *env) (targetStep, action) {
	if e.order.Target != "" {
		if i := indexOf(targetRows(e), e.order.Target); i >= 0 {
			s.cursor = i
		}
		return s, action{}
	}
	rows := targetRows(e)
	s.cursor = firstEnabled(rows)
	if s.cursor < 0 || rows[s.cursor].disabled() {
		return s, action{}
	}
	return s, set(e.prod.TargetParam, rows[s.cursor].value)
}

func (s targetStep) update(msg tea.Msg, e *env) (targetStep, action, tea.Cmd) {
	x, _ := amountExtra(e.prod)
	k, isKey := msg.(keyMsg)
	if s.amount {
		if isKey {
			switch {
			case matches(k, e.keys.Back), matches(k, e.keys.Switch):
				s.amount, s.err = false, ""
				s.input.Blur()
				return s, action{}, nil
			case matches(k, e.keys.Next):
				if ps := model.Check(e.cat, e.order, e.acct); len(model.For(ps, x.Param)) > 0 || len(model.For(ps, e.prod.TargetParam)) > 0 {
					all := append(model.For(ps, e.prod.TargetParam), model.For(ps, x.Param)...)
					s.err = all[0].Reason
					return s, action{}, nil
				}
				return s, action{kind: actNext}, nil
			}
		}
		before := s.input.Value()
		var cmd tea.Cmd
		s.input, cmd = s.input.Update(msg)
		s.err = ""
		if v := strings.TrimSpace(s.input.Value()); v != strings.TrimSpace(before) {
			return s, set(x.Param, v), cmd
		}
		return s, action{}, cmd
	}
	if !isKey {
		return s, action{}, nil
	}
	rows := targetRows(e)
	if cur, moved := listKeys(e.keys, k, rows, s.cursor, e.height/2); moved {
		s.refused = ""
		if cur == s.cursor || cur < 0 || cur >= len(rows) || !rows[cur].selectable() {
			return s, action{}, nil
		}
		s.cursor = cur
		return s, set(e.prod.TargetParam, rows[cur].value), nil
	}
	switch {
	case matches(k, e.keys.Next), matches(k, e.keys.Switch):
		if s.cursor < 0 || s.cursor >= len(rows) || !rows[s.cursor].selectable() {
			s.refused = "Choose a metered server first."
			return s, action{}, nil
		}
		if r := rows[s.cursor]; r.reason != "" {
			s.refused = r.value + " cannot have a bandwidth bank: " + r.reason + "."
			return s, action{}, nil
		}
		s.amount, s.refused = true, ""
		return s, action{}, s.input.Focus()
	}
	return s, action{}, nil
}

func (s targetStep) keys(e *env) []key.Binding {
	k := e.keys
	if s.amount {
		return []key.Binding{with(k.Next, "next", true), with(k.Switch, "server", true), with(k.Back, "server", false)}
	}
	return []key.Binding{k.navKeys(), with(k.Next, "amount", true)}
}

func (s targetStep) view(e *env) string {
	st, w := e.st, e.width
	x, _ := amountExtra(e.prod)
	rows := targetRows(e)
	head := st.Title.Render("Top up a server's bandwidth bank")
	if e.height >= 16 {
		head = block(head, st.Subtle.Render(wrap("The bank is used only after the server's monthly transfer is spent. Only metered servers have one.", w)))
	}
	var detail []string
	label := st.Title.Render(x.Label) + st.Subtle.Render("  "+itoa(x.Min)+"–"+itoa(x.Max)+" "+x.Unit)
	detail = append(detail, label, s.input.View())
	if s.err != "" {
		detail = append(detail, st.Error.Render(wrap("✗ "+s.err, w)))
	}
	if msg := e.refusalFor(x.Param); msg != "" {
		detail = append(detail, st.Error.Render(wrap("Memset refused it: "+msg, w)))
	}
	if s.cursor >= 0 && s.cursor < len(rows) && rows[s.cursor].selectable() {
		detail = append(detail, e.optionDetail(rows[s.cursor], e.prod.TargetParam, rows[s.cursor].value)...)
	}
	if s.refused != "" {
		detail = append(detail, st.Error.Render(wrap(s.refused, w)))
	}
	det := block(detail...)
	listH := e.height - heightOf(head) - 1 - heightOf(det) - 1
	list := renderList(st, rows, s.cursor, w, max(listH, 2))
	return withDetail(head+"\n\n"+list, det, e.height)
}
