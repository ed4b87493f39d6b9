package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/memset-order/memset-order/model"
)

// imageStep picks what the server boots: a stock OS (grouped by family),
// cPanel where the product allows it, or one of the account's snapshots.
type imageStep struct {
	cursor  int
	refused string
}

const cpanelOS = "centos7_cpanel_64"

// imageRows lists the images. cPanel is listed, disabled with Memset's
// reason, on servers that cannot have it, so nobody has to wonder where it
// went.
func imageRows(e *env) []row {
	var rows []row
	add := func(value, label, note string) {
		r := row{value: value, cols: []string{label}, note: note}
		if pr := e.whyNot("os", value); pr != nil {
			r.reason = pr.Reason
			r.hasFix = pr.Fix != nil
		}
		rows = append(rows, r)
	}
	for _, g := range e.cat.OSGroups(e.prod) {
		rows = append(rows, row{kind: rowGroup, cols: []string{g.Family.Title()}})
		for _, o := range g.OSes {
			note := ""
			if o.EOL {
				note = "end of life"
			}
			add(o.Name, o.Display, note)
		}
	}
	if !e.prod.AllowsCPanel() {
		if o, ok := e.cat.OS(cpanelOS); ok {
			rows = append(rows, row{kind: rowGroup, cols: []string{model.FamilyCPanel.Title()}})
			add(o.Name, o.Display, "")
		}
	}
	rows = append(rows, row{kind: rowGroup, cols: []string{"Your snapshots"}})
	switch {
	case e.acctLoading:
		rows = append(rows, row{kind: rowInfo, cols: []string{e.spinner + " loading snapshots (server.snapshot_list)…"}})
	case e.acctErr != nil:
		rows = append(rows, row{kind: rowInfo, cols: []string{"could not load snapshots: " + describe(e.acctErr) + " (r retries)"}})
	case len(e.acct.Snapshots) == 0:
		rows = append(rows, row{kind: rowInfo, cols: []string{"none on this account"}})
	}
	for _, sn := range e.acct.Snapshots {
		add(sn.OSOption, sn.Name, snapshotNote(sn))
	}
	hoistReasons(rows)
	return rows
}

func snapshotNote(s model.Snapshot) string {
	var parts []string
	if s.Windows() {
		parts = append(parts, "Windows")
	}
	if s.Comment != "" {
		parts = append(parts, s.Comment)
	}
	return strings.Join(parts, " · ")
}

func (s imageStep) enter(e *env) (imageStep, action) {
	rows := imageRows(e)
	s.refused = ""
	if i := indexOf(rows, e.order.OS); i >= 0 {
		s.cursor = i
		return s, action{}
	}
	s.cursor = firstEnabled(rows)
	if s.cursor < 0 {
		return s, action{}
	}
	return s, set("os", rows[s.cursor].value)
}

// resync keeps the cursor on the chosen image when the rows change (the
// snapshots arrive after the step was entered).
func (s imageStep) resync(e *env) imageStep {
	if i := indexOf(imageRows(e), e.order.OS); i >= 0 {
		s.cursor = i
	}
	return s
}

func (s imageStep) update(msg tea.Msg, e *env) (imageStep, action) {
	k, ok := msg.(keyMsg)
	if !ok {
		return s, action{}
	}
	rows := imageRows(e)
	if cur, moved := listKeys(e.keys, k, rows, s.cursor, e.height/2); moved {
		s.refused = ""
		if cur == s.cursor || cur < 0 {
			return s, action{}
		}
		s.cursor = cur
		return s, set("os", rows[cur].value)
	}
	if s.cursor < 0 || s.cursor >= len(rows) {
		return s, action{}
	}
	r := rows[s.cursor]
	switch {
	case matches(k, e.keys.Next):
		if r.reason != "" {
			s.refused = r.cols[0] + " cannot be chosen: " + r.reason + "."
			return s, action{}
		}
		if ps := model.For(e.problems(), "os"); len(ps) > 0 {
			s.refused = ps[0].Reason
			return s, action{}
		}
		if msg := e.refusalFor("os"); msg != "" {
			s.refused = "Memset refused this image: " + msg
			return s, action{}
		}
		return s, action{kind: actNext}
	case matches(k, e.keys.Fix) && r.hasFix:
		if pr := e.whyNot("os", r.value); pr != nil && pr.Fix != nil {
			s.refused = ""
			return s, action{kind: actFix, fix: pr.Fix, param: "os", value: r.value}
		}
	}
	return s, action{}
}

func (s imageStep) keys(e *env) []key.Binding {
	rows := imageRows(e)
	fix := s.cursor >= 0 && s.cursor < len(rows) && rows[s.cursor].hasFix
	return []key.Binding{e.keys.navKeys(), with(e.keys.Next, "next", true), with(e.keys.Fix, "fix", fix)}
}

func (s imageStep) view(e *env) string {
	st, w := e.st, e.width
	rows := imageRows(e)
	head := st.Title.Render("Choose the operating system or a snapshot")
	var detail []string
	if s.cursor >= 0 && s.cursor < len(rows) {
		r := rows[s.cursor]
		detail = append(detail, st.Subtle.Render(truncate(imageDetail(e, r.value), w)))
		detail = append(detail, e.optionDetail(r, "os", r.value)...)
	}
	if s.refused != "" {
		detail = append(detail, st.Error.Render(wrap(s.refused, w)))
	}
	det := block(detail...)
	listH := e.height - heightOf(head) - 1 - heightOf(det) - 1
	list := renderList(st, rows, s.cursor, w, max(listH, 3))
	return withDetail(head+"\n\n"+list, det, e.height)
}

// imageDetail is one line about an image: its API name, or a snapshot's
// origin.
func imageDetail(e *env, value string) string {
	if sn, ok := e.acct.Snapshot(value); ok {
		parts := []string{"snapshot of " + orDash(sn.Miniserver)}
		if sn.Date != "" {
			parts = append(parts, sn.Date)
		}
		if sn.ImageType != "" {
			parts = append(parts, sn.ImageType+" image")
		}
		return strings.Join(parts, " · ") + " · os=" + sn.OSOption
	}
	return "os=" + value
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
