package ui

import (
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
// each (as it arrives) and, for impossible ones, the reason.
func planRows(e *env) []row {
	rows := []row{{kind: rowHeader, cols: append([]string{"Plan"}, specHeads(e.prod)...), price: "Price"}}
	for _, s := range e.prod.SKUs {
		r := row{value: s.Code, cols: append([]string{s.Code}, specCols(e.prod, s)...)}
		if s.Classic {
			r.note = "classic"
		}
		if pr := e.whyNot(model.ParamSKU, s.Code); pr != nil {
			r.reason = pr.Reason
			r.hasFix = pr.Fix != nil && pr.Fix.Param != model.ParamSKU
		} else {
			r.price = e.listPrice(e.order.With(e.prod, model.ParamSKU, s.Code))
		}
		rows = append(rows, r)
	}
	return rows
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

func (s *planStep) keys(e *env) []key.Binding { return s.help(e, planRows(e)) }

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
	var detail []string
	if s.cursor >= 0 && s.cursor < len(rows) {
		r := rows[s.cursor]
		sku, _ := e.prod.SKU(r.value)
		detail = append(detail, truncate(sku.Name+" ("+sku.Code+")", w))
		detail = append(detail, e.optionDetail(r, model.ParamSKU, r.value)...)
	}
	return listStepView(e, head, rows, s.cursor, detail, s.refused, 3)
}
