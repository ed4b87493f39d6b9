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
	stepDefaults
	choice
}

const cpanelOS = "centos7_cpanel_64"

// imageRows lists the images. cPanel is listed, disabled with Memset's
// reason, on servers that cannot have it, so nobody has to wonder where it
// went.
func imageRows(e *env) []row {
	rows := imageLayout(e)
	for i := range rows {
		if rows[i].kind == rowOption {
			judgeImage(e, &rows[i])
		}
	}
	hoistReasons(rows)
	return rows
}

// judgeImage sets option r's reason, when its image is impossible, and
// whether a one-key fix makes it possible.
func judgeImage(e *env, r *row) {
	if pr := e.whyNot(model.ParamOS, r.value); pr != nil {
		r.reason = pr.Reason
		r.hasFix = pr.Fix != nil
	}
}

// imageLayout is imageRows before the options are judged (judgeImage)
// and the reasons they share hoisted onto their headings: the rows, in
// order, with their words.
func imageLayout(e *env) []row {
	var rows []row
	add := func(value, label, note string) {
		rows = append(rows, row{value: value, cols: []string{label}, note: note})
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
		rows = append(rows, row{kind: rowInfo, cols: []string{e.spinner + " loading your snapshots…"}})
	case e.acctErr != nil:
		rows = append(rows, row{kind: rowInfo, cols: []string{"could not load snapshots: " + describe(e.acctErr) + " (r retries)"}})
	case len(e.acct.Snapshots) == 0:
		rows = append(rows, row{kind: rowInfo, cols: []string{"none on this account"}})
	}
	for _, sn := range e.acct.Snapshots {
		add(sn.OSOption, sn.Name, snapshotNote(sn))
	}
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

func (s *imageStep) enter(e *env) (action, tea.Cmd) {
	return s.place(imageRows(e), e.order.OS, model.ParamOS)
}

// resync keeps the cursor on the chosen image when the rows change (the
// snapshots arrive after the step was entered).
func (s *imageStep) resync(e *env) action {
	if i := indexOf(imageRows(e), e.order.OS); i >= 0 {
		s.cursor = i
	}
	return nil
}

func (s *imageStep) update(msg tea.Msg, e *env) (action, tea.Cmd) {
	return s.handle(msg, e, imageRows, model.ParamOS, "image")
}

// keys judges only the option under the cursor, for the fix key: the
// help line needs no other.
func (s *imageStep) keys(e *env) []key.Binding {
	rows := imageLayout(e)
	fix := false
	if s.cursor >= 0 && s.cursor < len(rows) && rows[s.cursor].kind == rowOption {
		judgeImage(e, &rows[s.cursor])
		fix = rows[s.cursor].hasFix
	}
	return s.helpFix(e, fix)
}

func (s *imageStep) view(e *env) string {
	st, w := e.st, e.width
	rows := imageRows(e)
	head := st.Title.Render("Choose the operating system or a snapshot")
	detail := s.lines(e)
	if s.cursor >= 0 && s.cursor < len(rows) {
		r := rows[s.cursor]
		if d := imageDetail(e, r.value); d != "" {
			detail = append(detail, st.Subtle.Render(wrap(d, w)))
		}
		detail = append(detail, e.optionDetail(r, model.ParamOS, r.value)...)
	}
	return listStepView(e, head, rows, s.cursor, detail, s.refused, 3)
}

// imageDetail is a line about an image in words: what a stock OS adds to
// the price and whether it is past its end of life, or where a snapshot
// comes from; "" when there is nothing to add to the row.
func imageDetail(e *env, value string) string {
	if sn, ok := e.acct.Snapshot(value); ok {
		parts := []string{"Snapshot of " + orDash(sn.Miniserver)}
		if sn.Date != "" {
			parts = append(parts, "taken "+sn.Date)
		}
		if sn.ImageType != "" {
			parts = append(parts, sn.ImageType+" image")
		}
		return strings.Join(parts, " · ")
	}
	o, ok := e.cat.OS(value)
	if !ok {
		return ""
	}
	// The row names the OS; this says only what the name does not.
	var parts []string
	switch {
	case o.Windows:
		parts = append(parts, "The Windows licence is added to the price")
	case o.CPanel:
		parts = append(parts, "The cPanel licence is added to the price")
	}
	if o.EOL {
		parts = append(parts, "end of life: it no longer gets security updates")
	}
	return strings.Join(parts, " · ")
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
