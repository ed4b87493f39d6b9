package ui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/memset-order/memset-order/model"
)

// paneUpdating follows the spinner on the pane's title while a new price
// loads under the previous one, dimmed.
const paneUpdating = "updating…"

// paneLines is the quote pane's content for the configuration on screen:
// what is priced, then the price, the refusal, the failure or "updating…".
// It reads only the entry whose key is the current order's key.
func (m *Model) paneLines(e *env) (title string, what string, body []string) {
	title = "Price"
	if m.cfg.Sandbox {
		title += " · sample price (sandbox)"
	}
	eff, assumed := pricedOrder(m.cat, m.prod, m.order)
	what = configSummary(e, eff)
	if assumed != "" {
		what += " (until you choose an OS)"
	}
	if why := deadEnd(e); why != "" {
		body = append(body, e.st.Reason.Render("Nothing to price: no server here has a bandwidth bank."))
		return title, what, body
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
		return title, what, body
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
		return title, what, body
	case cached && ent.err != nil:
		body = append(body, e.st.Error.Render("Memset refused it: "+refusalText(ent.err)))
	case cached:
		q := ent.quote
		price, rest := paneFacts(e.charges(q))
		body = append(body, e.st.Price.Render(price))
		for i, r := range rest {
			if i == len(rest)-1 {
				r = e.st.Subtle.Render(r)
			}
			body = append(body, r)
		}
		if m.order.DiscountCode != "" {
			body = append(body, m.discountLine(e, eff, q))
		}
	default:
		if err, failed := m.q.failure(key); failed {
			body = append(body, e.st.Error.Render("No price: "+describe(err)), "press "+e.st.Key.Render("r")+" to ask again")
		} else if old, ok := m.q.previous(eff); ok {
			// The pane keeps its height: the last price shown stays,
			// dimmed (Stale), under a title that says it is updating,
			// until this configuration's answer replaces it.
			title = "Price " + e.spinner + " " + paneUpdating + strings.TrimPrefix(title, "Price")
			price, rest := paneFacts(e.charges(old))
			body = append(body, e.st.Stale.Render(price))
			for _, r := range rest {
				body = append(body, e.st.Stale.Render(r))
			}
		} else {
			body = append(body, e.st.Subtle.Render(e.spinner+" updating…"))
		}
	}
	if pm != "" && m.step != StepReview {
		body = append(body, e.st.Warning.Render("Cannot be ordered: "+pm))
	}
	return title, what, body
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
	if n := len(o.Extras); n > 0 && e.prod.Kind != model.KindTopUp {
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
// before they are wrapped and cut.
func (m *Model) paneWords(e *env) (title, what string, body []string) {
	g := &e.st.Glyphs
	title, what, body = m.paneLines(e)
	for i, b := range body {
		body[i] = g.Text(b)
	}
	return g.Text(title), g.Text(what), body
}

// paneBox is the pane as a right-hand column.
func (m *Model) paneBox(e *env) string {
	g := &e.st.Glyphs
	title, what, body := m.paneWords(e)
	inner := paneWidth - 4
	var ls []string
	ls = append(ls, paneTitle(e, g.Truncate(title, inner)))
	ls = append(ls, e.st.Subtle.Render(wrap(what, inner)), "")
	for _, b := range body {
		ls = append(ls, wrap(b, inner))
	}
	return e.st.Pane.Width(paneWidth).Render(strings.Join(ls, "\n"))
}

// paneTitle styles the pane's title line. While a price loads (the title
// reads "Price ⠋ updating…") the spinner is left unstyled, so that a tick
// rewrites one cell and no colour (issue #15).
func paneTitle(e *env, title string) string {
	head, rest, ok := strings.Cut(title, " "+e.st.Glyphs.Text(e.spinner)+" ")
	if !ok || !strings.HasPrefix(rest, e.st.Glyphs.Text(paneUpdating)) {
		return e.st.PaneTitle.Render(title)
	}
	return e.st.PaneTitle.Render(head) + " " + e.st.Glyphs.Text(e.spinner) + " " + e.st.Subtle.Render(rest)
}

// paneStrip is the pane under the body in n lines: a titled rule, what is
// priced, and the price or why there is none. With two lines the rule
// names the configuration and the second line is the price.
func (m *Model) paneStrip(e *env, w, n int) string {
	g := &e.st.Glyphs
	title, what, body := m.paneWords(e)
	var ls []string
	if n <= paneStripShort {
		title += g.Sep + what
		ls = append(ls, "")
	} else {
		ls = append(ls, "", e.st.Subtle.Render(g.Truncate(what, w)))
	}
	rule := g.Rule + g.Rule + " " + title + " "
	rule = g.Truncate(rule, w)
	rule += strings.Repeat(g.Rule, max(0, w-ansi.StringWidth(rule)))
	ls[0] = e.st.Rule.Render(rule)
	for _, b := range body {
		ls = append(ls, g.Truncate(b, w))
	}
	if len(ls) > n {
		// Keep the price line; fold the rest into the last line.
		rest := strings.Join(ls[n-1:], g.Sep)
		ls = append(ls[:n-1], g.Truncate(rest, w))
	}
	for len(ls) < n {
		ls = append(ls, "")
	}
	return strings.Join(ls, "\n")
}
