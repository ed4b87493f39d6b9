package ui

import (
	"regexp"
	"strings"
	"sync"

	"charm.land/lipgloss/v2"
	"github.com/memset-order/memset-order/model"
)

// paneUpdating follows the spinner at the end of the pane's rule while a
// new price loads under the previous one, whose amounts are dimmed.
const paneUpdating = "updating…"

// paneContent is what the quote pane says: its title, what is priced, the
// lines under them, and whether a new price is loading under the previous
// one (the lines are then that price, its amounts dimmed).
type paneContent struct {
	title, what string
	body        []string
	updating    bool
}

// paneLines is the quote pane's content for the configuration on screen:
// what is priced, then the price, the refusal, the failure or "updating…".
// It reads only the entry whose key is the current order's key.
func (m *Model) paneLines(e *env) paneContent {
	p := m.paneBody(e)
	p.title = "Price"
	if m.cfg.Sandbox {
		p.title += " · sample price"
	}
	return p
}

// paneBody is the pane's content but its title.
func (m *Model) paneBody(e *env) (p paneContent) {
	var what string
	var body []string
	eff, assumed := pricedOrder(m.cat, m.prod, m.order)
	what = configSummary(e, eff)
	if assumed != "" {
		what += " (until you choose an OS)"
	}
	if why := deadEnd(e); why != "" {
		body = append(body, e.st.Reason.Render("Nothing to price: no server here has a bandwidth bank."))
		return paneContent{what: what, body: body}
	}
	if pr := blocking(m.cat, eff, m.acct); pr != nil {
		msg := "No price yet: " + pr.Reason
		if sv, ok := m.acct.Server(eff.Target); ok && pr.Param == m.prod.TargetParam && !sv.Metered() {
			msg = "No price: " + sv.Name + " has unmetered bandwidth, so it has no bandwidth bank."
		}
		if pr.Code == model.ProblemRequired {
			msg = "No price yet: " + pr.Reason + "."
		}
		body = append(body, e.st.Reason.Render(msg))
		if pr.Fix != nil {
			body = append(body, "press "+e.st.Key.Render("f")+": "+pr.Fix.Label)
		}
		return paneContent{what: what, body: body}
	}
	key := eff.Key()
	ent, cached := m.q.answer(key)
	pm := ""
	if p := paymentProblemOf(e); p != nil {
		pm = p.Reason
	}
	switch {
	case cached && ent.err != nil && pm != "":
		// Memset refuses even the dry run for an account whose payment
		// method cannot pay: the reason is said once, in customer words
		// (on Review, under the order; elsewhere, here).
		if m.step == StepReview {
			body = append(body, e.st.Reason.Render("No price: see below."))
		} else {
			body = append(body, e.st.Warning.Render("Cannot be ordered: "+pm+"; change it in the Memset control panel."))
		}
		return paneContent{what: what, body: body}
	case cached && ent.err != nil:
		body = append(body, e.st.Error.Render("Memset refused it: "+refusalText(ent.err)))
	case cached:
		q := ent.quote
		price, rest := paneFacts(e.charges(q))
		body = append(body, e.st.Price.Render(price))
		body = append(body, rest...)
		if m.order.DiscountCode != "" {
			body = append(body, m.discountLine(e, eff, q))
		}
	default:
		if err, failed := m.q.failure(key); failed {
			body = append(body, e.st.Error.Render("No price: "+describe(err)), "press "+e.st.Key.Render("r")+" to ask again")
		} else if old, ok := m.q.previous(eff); ok {
			// The pane keeps its lines: the last price shown stays, its
			// amounts dimmed (Stale), under a rule that says it is
			// updating, until this configuration's answer replaces it.
			// Only the amounts change style, so a move costs their cells.
			p.updating = true
			price, rest := paneFacts(e.charges(old))
			body = append(body, dimAmounts(e.st, price, e.st.Price))
			for _, r := range rest {
				body = append(body, dimAmounts(e.st, r, lipgloss.NewStyle()))
			}
		} else {
			body = append(body, e.st.Subtle.Render(e.spinner+" updating…"))
		}
	}
	if pm != "" && m.step != StepReview {
		body = append(body, e.st.Warning.Render("Cannot be ordered: "+pm))
	}
	p.what, p.body = what, body
	return p
}

// amountPattern finds the amounts in a pane line: "£7.50", "£1,234.00".
var amountPattern = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?:[£$€]|[A-Z]{3} ?)?-?[0-9][0-9,]*\.[0-9]+`)
})

// dimAmounts is line in the base style with its amounts in the Stale
// style: the previous price while the next one loads. Only the amounts
// change style, so dimming and the answer rewrite only their cells.
func dimAmounts(st *Styles, line string, base lipgloss.Style) string {
	var b strings.Builder
	last := 0
	for _, at := range amountPattern().FindAllStringIndex(line, -1) {
		if at[0] > last {
			b.WriteString(base.Render(line[last:at[0]]))
		}
		b.WriteString(st.Stale.Render(line[at[0]:at[1]]))
		last = at[1]
	}
	if last < len(line) {
		b.WriteString(base.Render(line[last:]))
	}
	return b.String()
}

// discountLine compares the dry runs with and without the code.
func (m *Model) discountLine(e *env, eff model.Order, with model.Quote) string {
	code := m.order.DiscountCode
	ent, ok := m.q.answer(eff.With(m.prod, model.ParamDiscountCode, "").Key())
	if !ok || ent.err != nil {
		return e.st.Subtle.Render(code + ": " + e.spinner + " comparing…")
	}
	save := model.Money{Amount: ent.quote.NetTotal.Amount - with.NetTotal.Amount, Currency: with.NetTotal.Currency}
	return e.st.Success.Render(code+" saves "+save.String()) + e.st.Subtle.Render(" (was "+ent.quote.NetTotal.String()+")")
}

// configSummary names the configuration being priced in a few words.
func configSummary(e *env, o model.Order) string {
	if e.prod == nil {
		return ""
	}
	var parts []string
	if o.SKU != "" {
		parts = append(parts, o.SKU)
	}
	if o.OS != "" {
		parts = append(parts, shortOS(imageName(e, o.OS)))
	}
	if o.Target != "" {
		parts = append(parts, o.Target)
	}
	if x, ok := amountExtra(e.prod); ok && e.prod.Kind == model.KindTopUp {
		if v := o.Extra(x.Param); v != "" {
			parts = append(parts, v+" "+x.Unit)
		}
	}
	// The billing period is not counted: the first payment's line says
	// how many months it covers.
	n := 0
	for param := range o.Extras {
		if x, ok := e.prod.Extra(param); !ok || !x.Multiplier {
			n++
		}
	}
	if n > 0 && e.prod.Kind != model.KindTopUp {
		if n == 1 {
			parts = append(parts, "1 extra")
		} else {
			parts = append(parts, itoa(n)+" extras")
		}
	}
	if o.DiscountCode != "" {
		parts = append(parts, o.DiscountCode)
	}
	if len(parts) == 0 {
		return e.prod.Name
	}
	return strings.Join(parts, " · ")
}

// notePriced remembers the configuration on screen when its price is
// known, as the price the pane keeps (dimmed) while the next one loads.
func (m *Model) notePriced() {
	if m.prod == nil {
		return
	}
	eff, _ := pricedOrder(m.cat, m.prod, m.order)
	key := eff.Key()
	if ent, ok := m.q.answer(key); ok && ent.err == nil {
		m.q.shown = key
	}
}

// paneWords is paneLines as the glyph set shows them (Glyphs.Text),
// before they are cut.
func (m *Model) paneWords(e *env) paneContent {
	g := &e.st.Glyphs
	p := m.paneLines(e)
	for i, b := range p.body {
		p.body[i] = g.Text(b)
	}
	p.title, p.what = g.Text(p.title), g.Text(p.what)
	return p
}

// paneStrip is the pane in n lines of width w: a rule titled with what is
// priced ("── Price · MSVM004 · Debian 13 ───"), ending in a one-cell
// spinner and "updating…" while a price loads, then the price, the first
// payment and VAT, one to a line, so that a new price rewrites only its
// amounts. Lines that do not fit are folded into the last one.
func (m *Model) paneStrip(e *env, w, n int) string {
	g := &e.st.Glyphs
	p := m.paneWords(e)
	head := e.st.PaneTitle.Render(p.title)
	if p.what != "" {
		head += e.st.Subtle.Render(g.Sep) + p.what
	}
	tail := ""
	if p.updating {
		tail = " " + g.Text(e.spinner) + " " + e.st.Subtle.Render(g.Text(paneUpdating))
	}
	lead := g.Rule + g.Rule + " "
	room := w - cellWidth(lead) - cellWidth(tail) - 3
	rule := e.st.Rule.Render(lead) + g.Truncate(head, max(room, 1)) + tail + " "
	rule += m.rule(max(0, w-cellWidth(rule)))
	// The lines start under the title.
	indent := strings.Repeat(" ", cellWidth(lead))
	body := p.body
	if len(body) > n-1 {
		// Keep the price line; fold the rest into the last line.
		body = append(body[:n-2:n-2], strings.Join(body[n-2:], g.Sep))
	}
	ls := []string{rule}
	for _, b := range body {
		ls = append(ls, indent+g.Truncate(b, w-len(indent)))
	}
	for len(ls) < n {
		ls = append(ls, "")
	}
	return strings.Join(ls, "\n")
}
