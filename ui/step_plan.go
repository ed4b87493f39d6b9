package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/memset-order/memset-order/model"
)

// planStep picks the SKU. The cursor is the selection: moving it changes the
// order, and the quote follows once the cursor rests.
type planStep struct {
	cursor  int
	refused string
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
		if pr := e.whyNot("sku", s.Code); pr != nil {
			r.reason = pr.Reason
			r.hasFix = pr.Fix != nil && pr.Fix.Param != "sku"
		} else {
			r.price = e.listPrice(e.order.With(e.prod, "sku", s.Code))
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

func (s planStep) enter(e *env) (planStep, action) {
	rows := planRows(e)
	s.refused = ""
	if i := indexOf(rows, e.order.SKU); i >= 0 {
		s.cursor = i
		return s, action{}
	}
	s.cursor = firstEnabled(rows)
	if s.cursor < 0 {
		return s, action{}
	}
	return s, set("sku", rows[s.cursor].value)
}

func (s planStep) update(msg tea.Msg, e *env) (planStep, action) {
	k, ok := msg.(keyMsg)
	if !ok {
		return s, action{}
	}
	rows := planRows(e)
	if len(rows) == 0 {
		return s, action{}
	}
	if cur, moved := listKeys(e.keys, k, rows, s.cursor, e.height/2); moved {
		s.refused = ""
		if cur == s.cursor {
			return s, action{}
		}
		s.cursor = cur
		return s, set("sku", rows[cur].value)
	}
	r := rows[s.cursor]
	switch {
	case matches(k, e.keys.Next):
		if r.reason != "" {
			s.refused = r.value + " cannot be chosen: " + r.reason + "."
			return s, action{}
		}
		if ps := model.For(e.problems(), "sku"); len(ps) > 0 {
			s.refused = ps[0].Reason
			return s, action{}
		}
		if msg := e.refusalFor("sku"); msg != "" {
			s.refused = "Memset refused this plan: " + msg
			return s, action{}
		}
		return s, action{kind: actNext}
	case matches(k, e.keys.Fix) && r.hasFix:
		pr := e.whyNot("sku", r.value)
		if pr != nil && pr.Fix != nil {
			s.refused = ""
			return s, action{kind: actFix, fix: pr.Fix, param: "sku", value: r.value}
		}
	}
	return s, action{}
}

func (s planStep) keys(e *env) []key.Binding {
	rows := planRows(e)
	fix := s.cursor >= 0 && s.cursor < len(rows) && rows[s.cursor].hasFix
	return []key.Binding{e.keys.navKeys(), with(e.keys.Next, "next", true), with(e.keys.Fix, "fix", fix)}
}

func (s planStep) view(e *env) string {
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
		detail = append(detail, e.optionDetail(r, "sku", r.value)...)
	}
	if s.refused != "" {
		detail = append(detail, st.Error.Render(wrap(s.refused, w)))
	}
	det := block(detail...)
	listH := e.height - heightOf(head) - 1 - heightOf(det) - 1
	list := renderList(st, rows, s.cursor, w, max(listH, 3))
	return withDetail(head+"\n\n"+list, det, e.height)
}
