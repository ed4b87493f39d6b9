package ui

import (
	"errors"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/memset-order/memset-order/api"
	"github.com/memset-order/memset-order/model"
)

// unknownOutcome is what the Done screen knows after a create call whose
// answer was lost: the order may or may not exist. It shows the journal
// entry (what was sent, where and when) and the invoices invoice.list finds
// that could be the order, so the person can tell without ordering again.
// Nothing on this screen sends the order again.
type unknownOutcome struct {
	err       error
	journalID string
	// sent is the order as it was sent, at the wizard's clock's time, to
	// endpoint.
	sent     model.Order
	at       time.Time
	endpoint string
	// check is the invoice.list look-up, made once.
	check invoiceCheck
}

// invoiceCheck is where the look-up for the order's invoice stands.
type invoiceCheck struct {
	checking bool
	// from is the first invoice date searched: the day of the attempt.
	from string
	err  error
	// found are the candidates; mentioned says they name the plan (or the
	// top-up's server), otherwise they are every invoice of the day.
	found     []model.Invoice
	mentioned bool
	// recorded is true once the journal holds the candidates; journalErr
	// says why it does not.
	recorded   bool
	journalErr error
}

// startUnknown moves to Done after a lost answer and starts the one
// invoice.list look-up.
func (m *Model) startUnknown(msg placedMsg) tea.Cmd {
	u := unknownOutcome{
		err: msg.err, journalID: msg.journalID,
		sent: m.placing.order, at: m.placing.at, endpoint: m.cfg.Endpoint,
		check: invoiceCheck{checking: true, from: m.placing.at.UTC().Format(time.DateOnly)},
	}
	m.result.Err = msg.err
	m.done = doneStep{outcome: outcomeUnknown, unknown: u}
	m.step = transition(m.prod, m.step, evUnknown)
	return tea.Batch(m.invoiceCheckCmd(u.sent, u.check.from, u.journalID), m.startSpinner())
}

// gotInvoices records what invoice.list said.
func (m *Model) gotInvoices(msg invoicesMsg) {
	if m.step != StepDone || m.done.outcome != outcomeUnknown {
		return
	}
	c := &m.done.unknown.check
	c.checking, c.err = false, msg.err
	c.found, c.mentioned = msg.found, msg.mentioned
	c.recorded, c.journalErr = msg.recorded, msg.journalErr
	m.result.Candidates = invoiceRefs(msg.found)
}

// candidates picks the invoices that could be order o: those with an item
// that mentions its plan code (for a top-up, its server); when none does,
// every invoice given, with mentioned false.
func candidates(p *model.Product, o model.Order, invs []model.Invoice) (found []model.Invoice, mentioned bool) {
	term := o.SKU
	if term == "" && p != nil && p.TargetParam != "" {
		term = o.Target
	}
	if term != "" {
		t := strings.ToLower(term)
		for _, inv := range invs {
			for _, it := range inv.Items {
				if strings.Contains(strings.ToLower(it.Description), t) {
					found = append(found, inv)
					break
				}
			}
		}
		if len(found) > 0 {
			return found, true
		}
	}
	return invs, false
}

// invoiceRefs are the invoices' references.
func invoiceRefs(invs []model.Invoice) []int {
	var out []int
	for _, inv := range invs {
		out = append(out, inv.Ref)
	}
	return out
}

// lostCause is why an answer was lost, without the advice the api
// package's outcome-unknown error wraps it in (the screen gives it).
func lostCause(err error) string {
	var u *api.OutcomeUnknownError
	if errors.As(err, &u) && u.Err != nil {
		return describe(u.Err)
	}
	return describe(err)
}

// matchTerm is what the look-up searched the invoices for, for people.
func matchTerm(p *model.Product, o model.Order) string {
	if o.SKU != "" {
		return o.SKU
	}
	if p != nil && p.TargetParam != "" && o.Target != "" {
		return o.Target
	}
	return ""
}

func (u unknownOutcome) view(e *env) string {
	st, w := e.st, e.width
	var out []string
	out = append(out, st.Error.Render(truncate("? The order may or may not exist", w)),
		wrap("The create call was sent once and its answer was lost ("+lostCause(u.err)+"). It was not sent again, and nothing here sends it again.", w), "")
	out = append(out, u.checkView(e)...)
	out = append(out, "")
	out = append(out, u.journalView(e)...)
	return strings.Join(out, "\n")
}

// checkView is the invoice.list look-up's result.
func (u unknownOutcome) checkView(e *env) []string {
	st, w := e.st, e.width
	c := u.check
	term := matchTerm(e.prod, u.sent)
	switch {
	case c.checking:
		return []string{st.Subtle.Render(truncate(e.spinner+" checking invoice.list for invoices dated from "+c.from+"…", w))}
	case c.err != nil:
		return []string{st.Warning.Render(wrap("Could not check invoice.list ("+describe(c.err)+"). Check the invoices in the Memset control panel before ordering again.", w))}
	case len(c.found) == 0:
		return []string{wrap("invoice.list has no invoice dated from "+c.from+". The order was probably not placed, but an invoice can appear later: check the control panel before ordering again.", w)}
	}
	var out []string
	n := len(c.found)
	if c.mentioned {
		head := "Invoice " + itoa(c.found[0].Ref) + " mentions " + term + ": the order was most likely placed. Do not order it again."
		if n > 1 {
			head = itoa(n) + " invoices from " + c.from + " mention " + term + ": the order was most likely placed. Do not order it again."
		}
		out = append(out, st.Warning.Render(wrap(head, w)))
	} else {
		head := "No invoice from " + c.from + " mentions " + orDash(term) + "; possible matches:"
		out = append(out, wrap(head, w))
	}
	for _, inv := range c.found {
		line := "  " + itoa(inv.Ref) + "  " + inv.Date + "  " + inv.Status + "  " + inv.Amount.String()
		if len(inv.Items) > 0 {
			line += "  " + inv.Items[0].Description
		}
		if !c.mentioned {
			line += "  (possible)"
		}
		out = append(out, truncate(line, w))
	}
	switch {
	case c.journalErr != nil:
		out = append(out, st.Warning.Render(wrap("The journal could not record them ("+describe(c.journalErr)+"); note the invoice numbers.", w)))
	case c.recorded:
		out = append(out, st.Subtle.Render(truncate("Recorded in the journal entry as candidates.", w)))
	}
	return out
}

// journalView is the journal entry: id, time, endpoint and what was sent.
func (u unknownOutcome) journalView(e *env) []string {
	st, w := e.st, e.width
	lab := func(s string) string { return st.Label.Render(padRight(s, 9)) + " " }
	vw := max(w-10, 10)
	id := u.journalID
	if id == "" {
		id = "none (no journal is configured)"
	}
	out := []string{
		lab("Journal") + truncate(id+" · "+u.at.UTC().Format("2006-01-02 15:04:05")+" UTC", vw),
		lab("Sent to") + truncate(orDash(u.endpoint), vw),
	}
	p, o := e.prod, u.sent
	if p == nil {
		return out
	}
	what := p.Name + " (" + string(p.Method) + ")"
	if o.SKU != "" {
		what += " · " + o.SKU
	}
	out = append(out, lab("Ordered")+truncate(what, vw))
	if o.OS != "" {
		out = append(out, lab("Image")+truncate(imageName(e, o.OS), vw))
	}
	if o.Target != "" {
		out = append(out, lab("Server")+truncate(o.Target, vw))
	}
	out = append(out, lab("Extras")+truncate(sentExtras(p, o), vw))
	return out
}

// sentExtras lists the extras and the discount code as sent.
func sentExtras(p *model.Product, o model.Order) string {
	var parts []string
	for _, x := range p.Extras {
		if v := o.Extra(x.Param); v != "" {
			parts = append(parts, x.Label+": "+valueLabel(x, v))
		}
	}
	if o.DiscountCode != "" {
		parts = append(parts, "discount code "+o.DiscountCode)
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, "; ")
}
