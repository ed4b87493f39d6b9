package cli

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/memset-order/memset-order/api/order"
	"github.com/memset-order/memset-order/model"
)

// writeCatalogueText lists products of cat for people: a block for each
// product with its plans, OSes and settings, each value as memset-order
// order takes it. all says that the whole catalogue is listed.
func writeCatalogueText(w io.Writer, cat *model.Catalogue, products []*model.Product, all bool) error {
	b := &bytes.Buffer{}
	fmt.Fprintf(b, "Catalogue %s, in %s.\n%s\n", oneLine(cat.Version), oneLine(string(cat.Currency)), samplePricesText)
	for _, p := range products {
		b.WriteString("\n")
		writeProductText(b, cat, p)
	}
	if all {
		b.WriteString("\nmemset-order catalogue PRODUCT lists one product; -o json lists them for scripts.\n")
	}
	_, err := w.Write(b.Bytes())
	return err
}

// writeProductText is one product's block.
func writeProductText(b *bytes.Buffer, cat *model.Catalogue, p *model.Product) {
	fmt.Fprintf(b, "%s: %s\n", oneLine(string(p.ID)), oneLine(p.Name))
	if p.Summary != "" {
		fmt.Fprintf(b, "  %s\n", oneLine(p.Summary))
	}
	fmt.Fprintf(b, "  %s\n", billingWords(p.Billing))
	if p.Deprecated != "" {
		fmt.Fprintf(b, "  DEPRECATED: %s\n", oneLine(p.Deprecated))
	}
	if len(p.SKUs) > 0 {
		b.WriteString("\n  Plans (--sku):\n")
		writeSKUsText(b, cat.Currency, p)
	}
	if oses := productOSes(cat, p); len(oses) > 0 {
		b.WriteString("\n  Operating systems (--os):\n")
		writeOSesText(b, cat.Currency, p, oses)
	}
	if len(p.Extras) > 0 || p.TargetParam != "" {
		b.WriteString("\n  Settings (--set NAME=VALUE):\n")
		writeExtrasText(b, cat.Currency, p)
	}
	fmt.Fprintf(b, "\n  Example: %s\n", exampleOrder(cat, p))
}

// billingWords says how a product is charged.
func billingWords(b model.Billing) string {
	switch b {
	case model.BillingMonthly:
		return "Billed monthly, in advance."
	case model.BillingHourly:
		return "Billed hourly, in arrears (a card or billing account pays)."
	case model.BillingOneOff:
		return "Charged once."
	}
	return "Billing: " + oneLine(string(b)) + "."
}

// writeSKUsText is the plans table: the RAM, disk and vCPU columns only
// when a plan states them.
func writeSKUsText(b *bytes.Buffer, cur model.Currency, p *model.Product) {
	var ram, disk, cpu bool
	for _, s := range p.SKUs {
		ram, disk, cpu = ram || s.RAMMB > 0, disk || s.DiskGB > 0, cpu || s.VCPUs > 0
	}
	t := newTextTable(b, "    ")
	head := []string{"SKU", "NAME"}
	head = appendIf(head, ram, "RAM")
	head = appendIf(head, disk, "DISK")
	head = appendIf(head, cpu, "vCPU")
	t.row(append(head, "PRICE", "SETUP", "")...)
	for _, s := range p.SKUs {
		row := []string{oneLine(s.Code), oneLine(s.Name)}
		row = appendIf(row, ram, sizeMB(s.RAMMB))
		row = appendIf(row, disk, sizeGB(s.DiskGB))
		row = appendIf(row, cpu, countOrDash(s.VCPUs))
		note := priceSourceWords(s.PriceSource)
		if s.Classic {
			note += "; classic plan"
		}
		t.row(append(row, samplePriceText(cur, s.Price)+p.Billing.Unit(), setupWords(cur, s.Setup), note)...)
	}
	t.flush()
}

// writeOSesText is the OS table, with what each costs or is.
func writeOSesText(b *bytes.Buffer, cur model.Currency, p *model.Product, oses []model.OS) {
	t := newTextTable(b, "    ")
	for _, o := range oses {
		var notes []string
		if o.Windows {
			notes = append(notes, "Windows")
		}
		if o.CPanel {
			notes = append(notes, "cPanel")
		}
		if l := osLicence(o, p); l > 0 {
			notes = append(notes, "licence +"+sampleCharge(cur, l, p.Billing.Unit()))
		}
		if o.EOL {
			notes = append(notes, "end of life")
		}
		t.row(oneLine(o.Name), oneLine(o.Display), strings.Join(notes, ", "))
	}
	t.flush()
}

// writeExtrasText is the settings: for each, what it takes, then its
// help, then its values as --set takes them.
func writeExtrasText(b *bytes.Buffer, cur model.Currency, p *model.Product) {
	for _, e := range p.Extras {
		fmt.Fprintf(b, "    %s (%s): %s\n", oneLine(e.Param), oneLine(e.Label), extraWords(cur, p, e))
		if e.Help != "" {
			fmt.Fprintf(b, "      %s\n", oneLine(e.Help))
		}
		if len(e.Choices) == 0 {
			continue
		}
		t := newTextTable(b, "        ")
		for _, c := range e.Choices {
			var notes []string
			if c.Value == e.Default {
				notes = append(notes, "default")
			}
			if c.Price > 0 {
				notes = append(notes, "+"+sampleCharge(cur, c.Price, perUnit(p.Billing)))
			}
			t.row(oneLine(e.Param+"="+c.Value), oneLine(c.Label), strings.Join(notes, ", "))
		}
		t.flush()
	}
	if p.TargetParam != "" {
		fmt.Fprintf(b, "    %s (server): required; %s.\n", oneLine(p.TargetParam), targetHelp(p))
	}
}

// extraWords says what extra e of p takes.
func extraWords(cur model.Currency, p *model.Product, e model.Extra) string {
	var parts []string
	if e.Required {
		parts = append(parts, "required")
	}
	switch e.Type {
	case model.ExtraChoice:
		parts = append(parts, "one of the values below")
	case model.ExtraNumber:
		s := fmt.Sprintf("a whole number from %d to %d", e.Min, e.Max)
		if e.Unit != "" {
			s += " " + oneLine(e.Unit)
		}
		if e.UnitPrice > 0 {
			unit := oneLine(e.Unit)
			if unit == "" {
				unit = "unit"
			}
			s += ", " + sampleCharge(cur, e.UnitPrice, " per "+unit+perUnitWords(p.Billing))
		}
		parts = append(parts, s)
	case model.ExtraText:
		parts = append(parts, "text, "+formatWords(e.Format))
	}
	if e.Default != "" && e.Type != model.ExtraChoice {
		parts = append(parts, "default "+oneLine(e.Default))
	}
	if e.Multiplier {
		parts = append(parts, "multiplies the price")
	}
	if e.ClassicOnly {
		parts = append(parts, "classic plans only"+classicPlans(p))
	}
	return strings.Join(parts, "; ") + "."
}

// formatWords says what a text format accepts: in words for a name or a
// key, else as -o json names it (textFormat).
func formatWords(f model.TextFormat) string {
	switch f {
	case model.FormatName:
		return "a name: 1 to 64 letters, digits, '-', '.' or '_'"
	case model.FormatSSHPublicKey:
		return "one OpenSSH public key line"
	}
	return textFormat(f)
}

// classicPlans is " (MS0200)": the classic plans of p, or "".
func classicPlans(p *model.Product) string {
	var codes []string
	for _, s := range p.SKUs {
		if s.Classic {
			codes = append(codes, oneLine(s.Code))
		}
	}
	if len(codes) == 0 {
		return ""
	}
	return " (" + strings.Join(codes, ", ") + ")"
}

// exampleOrder is a memset-order order command for p that names every
// answer it needs: its first plan, its first current OS, its required
// settings and its target.
func exampleOrder(cat *model.Catalogue, p *model.Product) string {
	args := []string{"memset-order", "order", string(p.ID)}
	if len(p.SKUs) > 0 {
		args = append(args, order.FlagSKU, p.SKUs[0].Code)
	}
	if oses := productOSes(cat, p); p.NeedsOS() && len(oses) > 0 {
		pick := oses[0]
		for _, o := range oses {
			if !o.EOL && !o.Windows && !o.CPanel {
				pick = o
				break
			}
		}
		args = append(args, order.FlagOS, pick.Name)
	}
	if p.TargetParam != "" {
		args = append(args, order.FlagSet, p.TargetParam+"=SERVER")
	}
	for _, e := range p.Extras {
		if !e.Required {
			continue
		}
		v := e.Default
		switch {
		case v != "":
		case e.Type == model.ExtraNumber:
			v = fmt.Sprint(e.Min)
		case len(e.Choices) > 0:
			v = e.Choices[0].Value
		default:
			v = "VALUE"
		}
		args = append(args, order.FlagSet, e.Param+"="+v)
	}
	for i, a := range args {
		args[i] = shellQuote(oneLine(a))
	}
	return strings.Join(args, " ")
}

// samplePriceText is a sample amount in the catalogue's currency: "£7.50".
func samplePriceText(cur model.Currency, a model.Amount) string {
	return model.Money{Amount: a, Currency: cur}.String()
}

// sampleCharge is a sample amount with what it is charged per, marked as
// a sample: "£3.00/month (sample)".
func sampleCharge(cur model.Currency, a model.Amount, per string) string {
	return samplePriceText(cur, a) + per + " (sample)"
}

// setupWords is a plan's setup fee, or "none".
func setupWords(cur model.Currency, a model.Amount) string {
	if a == 0 {
		return "none"
	}
	return samplePriceText(cur, a)
}

// perUnit is "/month", "/hour", or " once" for a one-off charge.
func perUnit(b model.Billing) string {
	if u := b.Unit(); u != "" {
		return u
	}
	return " once"
}

// perUnitWords is " a month", " an hour", or "" for a one-off charge.
func perUnitWords(b model.Billing) string {
	switch b {
	case model.BillingMonthly:
		return " a month"
	case model.BillingHourly:
		return " an hour"
	}
	return ""
}

// priceSourceWords labels a plan's prices by their source: "sample
// prices", "documented prices"….
func priceSourceWords(s model.Source) string {
	return oneLine(string(s)) + " prices"
}

// sizeMB is "1 GB", "1.5 GB" or "512 MB"; "—" for 0.
func sizeMB(mb int) string {
	switch {
	case mb <= 0:
		return "—"
	case mb%1024 == 0:
		return fmt.Sprintf("%d GB", mb/1024)
	case mb%512 == 0:
		return fmt.Sprintf("%d.5 GB", mb/1024)
	}
	return fmt.Sprintf("%d MB", mb)
}

// sizeGB is "25 GB"; "—" for 0.
func sizeGB(gb int) string {
	if gb <= 0 {
		return "—"
	}
	return fmt.Sprintf("%d GB", gb)
}

// countOrDash is n, or "—" for 0.
func countOrDash(n int) string {
	if n <= 0 {
		return "—"
	}
	return fmt.Sprint(n)
}

// appendIf appends v to row when ok.
func appendIf(row []string, ok bool, v string) []string {
	if ok {
		return append(row, v)
	}
	return row
}

// textTable aligns rows of cells in columns two spaces apart, each line
// indented; unlike text/tabwriter it counts characters, not bytes, so "£"
// and "—" keep the columns straight, and it leaves no trailing space.
type textTable struct {
	b      *bytes.Buffer
	indent string
	rows   [][]string
}

// newTextTable is an empty table writing to b, each line after indent.
func newTextTable(b *bytes.Buffer, indent string) *textTable {
	return &textTable{b: b, indent: indent}
}

// row adds one row.
func (t *textTable) row(cells ...string) { t.rows = append(t.rows, cells) }

// flush writes the rows.
func (t *textTable) flush() {
	var widths []int
	for _, r := range t.rows {
		for i, c := range r {
			if i == len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], len([]rune(c)))
		}
	}
	for _, r := range t.rows {
		line := t.indent
		for i, c := range r {
			line += c
			if i < len(r)-1 {
				line += strings.Repeat(" ", widths[i]-len([]rune(c))+2)
			}
		}
		t.b.WriteString(strings.TrimRight(line, " ") + "\n")
	}
	t.rows = nil
}
