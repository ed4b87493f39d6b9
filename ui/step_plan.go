package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/memset-order/memset-order/model"
)

// planStep picks the SKU. The cursor is the selection: moving it changes the
// order, and the quote follows once the cursor rests.
type planStep struct {
	stepDefaults
	choice
}

// planRows lists the product's plans with specs, the backend's price for
// each (as it arrives) in the price words' two columns, and, for
// impossible ones, the reason. Plans Memset's services list offers that the
// catalogue lacks come last, their specs unknown (see offers.go).
func planRows(e *env) []row {
	h1, h2 := priceHeads(e.prod)
	head := append([]string{"Plan"}, specHeads(e.prod)...)
	rows := []row{{kind: rowHeader, cols: head}}
	var cells [][2]string
	// Priced as the wizard prices it (pricedOrder), once: only the plan
	// changes from row to row.
	priced, _ := pricedOrder(e.cat, e.prod, e.order)
	add := func(r row) {
		var c [2]string
		if r.reason, r.hasFix = planReason(e, r.value); r.reason == "" {
			c = e.planPrice(priced.With(e.prod, model.ParamSKU, r.value))
		}
		cells = append(cells, c)
		rows = append(rows, r)
	}
	for _, s := range e.prod.SKUs {
		r := row{value: s.Code, cols: append([]string{s.Code}, specCols(e.prod, s)...)}
		if s.Classic {
			r.note = "classic"
		}
		add(r)
	}
	unknown := make([]string, len(head)-1)
	for i := range unknown {
		unknown[i] = "—"
	}
	for _, code := range extraSKUs(e) {
		add(row{value: code, cols: append([]string{code}, unknown...), note: extraPlanNote})
	}
	// Both price columns are right-aligned under their heads.
	w1, w2 := cellWidth(h1), cellWidth(h2)
	for _, c := range cells {
		w1, w2 = max(w1, cellWidth(c[0])), max(w2, cellWidth(c[1]))
	}
	rows[0].cols = append(rows[0].cols, padLeft(h1, w1), padLeft(h2, w2))
	for i, c := range cells {
		if rows[i+1].reason != "" {
			continue
		}
		rows[i+1].cols = append(rows[i+1].cols, padLeft(c[0], w1), padLeft(c[1], w2))
	}
	return rows
}

// planReason is why plan code cannot be chosen ("" when it can) and
// whether a one-key fix, of another parameter, makes it possible.
func planReason(e *env, code string) (reason string, hasFix bool) {
	if pr := e.whyNot(model.ParamSKU, code); pr != nil {
		return pr.Reason, pr.Fix != nil && pr.Fix.Param != model.ParamSKU
	}
	return "", false
}

// planFixAt reports whether the row at index i of planRows has a one-key
// fix, without pricing every plan as planRows does: the help line asks
// only about the cursor's row.
func planFixAt(e *env, i int) bool {
	i-- // the header row
	if i < 0 {
		return false
	}
	var code string
	if i < len(e.prod.SKUs) {
		code = e.prod.SKUs[i].Code
	} else if extra := extraSKUs(e); i-len(e.prod.SKUs) < len(extra) {
		code = extra[i-len(e.prod.SKUs)]
	} else {
		return false
	}
	_, fix := planReason(e, code)
	return fix
}

// classicNote explains the "classic" tag of the plan list.
const classicNote = "classic: the older Miniserver range; only these take the disk and bandwidth settings"

// hasClassic reports whether p has classic plans.
func hasClassic(p *model.Product) bool {
	for _, s := range p.SKUs {
		if s.Classic {
			return true
		}
	}
	return false
}

// priceHeads are the plan list's price columns: per month and setup for
// monthly billing, per hour and the 730-hour month for hourly billing.
func priceHeads(p *model.Product) (string, string) {
	if p.Billing == model.BillingHourly {
		return "Per hour", "About/month"
	}
	return "Per month", "Setup"
}

// planPrice is a plan's two price cells, in the price words, or what a
// list shows while there is no price (listAnswer).
func (e *env) planPrice(o model.Order) [2]string {
	q, none := e.listAnswer(o)
	if none != "" {
		return [2]string{none, ""}
	}
	c := e.charges(q)
	if c.Billing == model.BillingHourly {
		return [2]string{c.Recurring.String(), c.MonthlyEstimate().String()}
	}
	setup := "none"
	if c.Setup.Amount != 0 {
		setup = c.Setup.String()
	}
	return [2]string{c.Recurring.String(), setup}
}

// padLeft right-aligns s in n cells.
func padLeft(s string, n int) string {
	if d := n - cellWidth(s); d > 0 {
		return strings.Repeat(" ", d) + s
	}
	return s
}

// specHeads names the plan columns.
func specHeads(p *model.Product) []string {
	switch p.Kind {
	case model.KindStorage:
		return []string{"Storage"}
	case model.KindCloud:
		return []string{"vCPUs", "RAM", "Disk"}
	}
	return []string{"RAM", "Disk", "vCPUs"}
}

// specCols are a plan's columns under specHeads.
func specCols(p *model.Product, s model.SKU) []string {
	switch p.Kind {
	case model.KindStorage:
		return []string{gb(s.DiskGB)}
	case model.KindCloud:
		return []string{itoa(s.VCPUs), model.FormatRAM(s.RAMMB), gb(s.DiskGB)}
	}
	return []string{model.FormatRAM(s.RAMMB), gb(s.DiskGB), itoa(s.VCPUs)}
}

// specs describes a plan in words.
func specs(p *model.Product, s model.SKU) []string {
	switch p.Kind {
	case model.KindStorage:
		return []string{gb(s.DiskGB) + " storage"}
	case model.KindCloud:
		return []string{itoa(s.VCPUs) + " vCPU", model.FormatRAM(s.RAMMB) + " RAM", gb(s.DiskGB) + " disk"}
	}
	cpu := itoa(s.VCPUs) + " vCPU"
	if s.VCPUs != 1 {
		cpu = itoa(s.VCPUs) + " vCPUs"
	}
	return []string{model.FormatRAM(s.RAMMB) + " RAM", gb(s.DiskGB) + " disk", cpu}
}

// orderedSpecs describes the plan as ordered: the memory and disk the
// extras give it ("128 GB RAM (plan 32 GB)"), not just the plan's.
func orderedSpecs(p *model.Product, o model.Order, s model.SKU) []string {
	out := specs(p, s)
	ram, disk := o.Specs(p)
	if p.Kind != model.KindServer {
		return out
	}
	if ram > 0 && ram != s.RAMMB {
		out[0] = model.FormatRAM(ram) + " RAM (plan " + model.FormatRAM(s.RAMMB) + ")"
	}
	if disk > 0 && disk != s.DiskGB {
		out[1] = gb(disk) + " disk (plan " + gb(s.DiskGB) + ")"
	}
	return out
}

// gb renders a size in GB, as TB from 1000 GB.
func gb(n int) string {
	if n >= 1000 && n%1000 == 0 {
		return itoa(n/1000) + " TB"
	}
	return itoa(n) + " GB"
}

func (s *planStep) enter(e *env) (action, tea.Cmd) {
	return s.place(planRows(e), e.order.SKU, model.ParamSKU)
}

func (s *planStep) update(msg tea.Msg, e *env) (action, tea.Cmd) {
	return s.handle(msg, e, planRows, model.ParamSKU, "plan")
}

func (s *planStep) keys(e *env) []key.Binding { return s.helpFix(e, planFixAt(e, s.cursor)) }

// resync keeps the cursor on the chosen plan when the rows change.
func (s *planStep) resync(e *env) action {
	if i := indexOf(planRows(e), e.order.SKU); i >= 0 {
		s.cursor = i
	}
	return nil
}

func (s *planStep) view(e *env) string {
	st, w := e.st, e.width
	rows := planRows(e)
	head := st.Title.Render(truncate("Choose a plan for "+e.prod.Name, w))
	if e.height >= 16 {
		head = block(head, st.Subtle.Render(wrap(e.listPriceNote(), w)))
	}
	if note := offersNote(e); note != "" {
		head = block(head, st.Subtle.Render(wrap(note, w)))
	}
	detail := s.lines(e)
	if hasClassic(e.prod) {
		// Said once, here, where the list first shows the word.
		detail = append(detail, st.Subtle.Render(wrap(classicNote, w)))
	}
	if s.cursor >= 0 && s.cursor < len(rows) {
		// A catalogue plan's row says it all (its name only repeats the
		// columns), so a move writes nothing here; a plan only Memset's
		// services list knows, or an impossible one, says more.
		r := rows[s.cursor]
		if _, ok := e.prod.SKU(r.value); !ok {
			detail = append(detail, extraPlanDetail(e, r.value)...)
		}
		detail = append(detail, e.optionDetail(r, model.ParamSKU, r.value)...)
	}
	return listStepView(e, head, rows, s.cursor, detail, s.refused, 3)
}
