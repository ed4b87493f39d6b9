package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/memset-order/memset-order/model"
)

// The pieces shared by the steps that are a list of options with a detail
// block under it (Plan, Image, Extras, Target): each step keeps its own
// rows and words, and these keep the behaviour the same.

// choice is the state of a list step whose cursor is its choice for one
// parameter (Plan, Image): the option under the cursor is the one set.
type choice struct {
	fixNotice
	cursor int
	// refused says why enter did not go on; it stays until the cursor
	// moves or a fix is applied.
	refused string
}

// place puts the cursor on the chosen value as the step is entered, or
// else on the first enabled option, which the returned action then
// chooses for param.
func (c *choice) place(rows []row, chosen, param string) (action, tea.Cmd) {
	c.refused = ""
	if i := indexOf(rows, chosen); i >= 0 {
		c.cursor = i
		return nil, nil
	}
	c.cursor = firstEnabled(rows)
	if c.cursor < 0 {
		return nil, nil
	}
	return set(param, rows[c.cursor].value), nil
}

// handle is the step's keys: a cursor key chooses the option it lands on,
// enter goes on unless nextRefusal objects (what names the choice), and
// the fix key applies the fix of the option under the cursor. rows is
// asked only for a key.
func (c *choice) handle(msg tea.Msg, e *env, rows func(*env) []row, param, what string) (action, tea.Cmd) {
	k, ok := msg.(keyMsg)
	if !ok {
		return nil, nil
	}
	rs := rows(e)
	if len(rs) == 0 {
		return nil, nil
	}
	if cur, moved := listKeys(e.keys, k, rs, c.cursor, e.height/2); moved {
		c.refused = ""
		if cur == c.cursor || cur < 0 {
			return nil, nil
		}
		c.cursor = cur
		return set(param, rs[cur].value), nil
	}
	if c.cursor < 0 || c.cursor >= len(rs) {
		return nil, nil
	}
	r := rs[c.cursor]
	switch {
	case matches(k, e.keys.Next):
		if why := nextRefusal(e, param, r, what); why != "" {
			c.refused = why
			return nil, nil
		}
		return goNext{}, nil
	case matches(k, e.keys.Fix) && r.hasFix:
		if act, ok := fixAction(e, param, r); ok {
			c.refused = ""
			return act, nil
		}
	}
	return nil, nil
}

// helpFix is the step's help line: move, next, and fix when the option
// under the cursor has one (fix; the step judges that row alone, without
// building every row).
func (c choice) helpFix(e *env, fix bool) []key.Binding {
	return []key.Binding{e.keys.navKeys(), with(e.keys.Next, "next", true), with(e.keys.Fix, "fix", fix)}
}

// nextRefusal is why enter cannot leave a list step on row r, the choice
// for param, or "" when it can: the option is impossible (its first column
// names it), the rules object to param, or Memset refused it (what names
// the kind of choice: "plan", "image").
func nextRefusal(e *env, param string, r row, what string) string {
	if r.reason != "" {
		return r.cols[0] + " cannot be chosen: " + r.reason + "."
	}
	if ps := model.For(e.problems(), param); len(ps) > 0 {
		return ps[0].Reason
	}
	if msg := e.refusalFor(param); msg != "" {
		return "Memset refused this " + what + ": " + msg
	}
	return ""
}

// fixAction is the one-key fix that makes r's value possible for param; ok
// is false when the rules offer none.
func fixAction(e *env, param string, r row) (act action, ok bool) {
	if pr := e.whyNot(param, r.value); pr != nil && pr.Fix != nil {
		return applyFix{fix: *pr.Fix, param: param, value: r.value}, true
	}
	return nil, false
}

// hasFixAt reports whether the option under cursor has a one-key fix.
func hasFixAt(rows []row, cursor int) bool {
	return cursor >= 0 && cursor < len(rows) && rows[cursor].hasFix
}

// listStepView draws a list step: head, a blank line, the rows in the
// height left over (at least minRows lines) and, at the foot, the detail
// block ending with the refusal when there is one.
func listStepView(e *env, head string, rows []row, cursor int, detail []string, refused string, minRows int) string {
	st, w := e.st, e.width
	if refused != "" {
		detail = append(detail, st.Error.Render(wrap(refused, w)))
	}
	det := block(detail...)
	listH := e.height - heightOf(head) - 1 - heightOf(det) - 1
	list := renderList(st, rows, cursor, w, max(listH, minRows))
	return withDetail(head+"\n\n"+list, det, e.height)
}
