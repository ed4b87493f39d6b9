package ui

import (
	"errors"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/memset-order/memset-order/api"
	"github.com/memset-order/memset-order/api/order"
	"github.com/memset-order/memset-order/model"
)

// unknownOutcome is what the Done screen knows after a create call whose
// answer was lost: the order may or may not exist. It shows the journal
// entry (what was sent, where and when) and the invoices the order desk's
// settlement finds that could be the order, so the person can tell without
// ordering again. Nothing on this screen sends the order again.
type unknownOutcome struct {
	// p is the placement as the desk reported it: the order as sent, when
	// (by the wizard's clock), its journal entry and the error.
	p        order.Placement
	endpoint string
	// checking is true while the settlement (invoice.list) is under way;
	// then s is its answer or err why there is none.
	checking bool
	s        order.Settlement
	err      error
}

// startUnknown moves to Done after a lost answer and starts the one
// invoice search.
func (m *Model) startUnknown(p order.Placement) tea.Cmd {
	u := unknownOutcome{p: p, endpoint: m.cfg.Endpoint, checking: true,
		s: order.Settlement{From: p.At.UTC().Format(time.DateOnly)}}
	m.result.Err = p.Err
	*m.done = doneStep{outcome: outcomeUnknown, unknown: u}
	m.step = transition(m.prod, m.step, evUnknown)
	return tea.Batch(m.settleCmd(p), m.startSpinner())
}

// gotSettled records what the invoice search found.
func (m *Model) gotSettled(msg settledMsg) {
	if m.step != StepDone || m.done.outcome != outcomeUnknown {
		return
	}
	u := &m.done.unknown
	u.checking, u.s, u.err = false, msg.s, msg.err
	if msg.err == nil {
		s := msg.s
		m.result.Settlement = &s
		m.result.Candidates = s.Refs()
	}
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

func (u unknownOutcome) view(e *env) string {
	st, w := e.st, e.width
	var out []string
	out = append(out, st.Error.Render(truncate("? The order may or may not exist", w)),
		wrap("The create call was sent once and its answer was lost ("+lostCause(u.p.Err)+"). It was not sent again, and nothing here sends it again.", w), "")
	out = append(out, u.checkView(e)...)
	out = append(out, "")
	out = append(out, u.journalView(e)...)
	return strings.Join(out, "\n")
}

// checkView is the invoice search's result.
func (u unknownOutcome) checkView(e *env) []string {
	st, w := e.st, e.width
	c := u.s
	switch {
	case u.checking:
		return []string{st.Subtle.Render(truncate(e.spinner+" checking invoice.list for invoices dated from "+c.From+"…", w))}
	case u.err != nil:
		return []string{st.Warning.Render(wrap("Could not check invoice.list ("+describe(u.err)+"). Check the invoices in the Memset control panel before ordering again.", w))}
	}
	var out []string
	switch c.Likelihood {
	case order.Likely:
		out = append(out, st.Warning.Render(wrap(c.Sentence(), w)))
	case order.Possible:
		out = append(out, wrap("No invoice from "+c.From+" mentions "+orDash(c.Term)+"; possible matches:", w))
	default:
		out = append(out, wrap("invoice.list has no invoice dated from "+c.From+". The order was probably not placed, but an invoice can appear later: check the control panel before ordering again.", w))
	}
	if len(c.Invoices) > 0 && u.p.Confirmed.NetTotal.Amount != 0 {
		out = append(out, st.Subtle.Render(wrap(grossNote(u.p.Confirmed), w)))
	}
	for _, inv := range c.Invoices {
		line := "  " + itoa(inv.Ref) + "  " + inv.Date + "  " + inv.Status + "  " + inv.Amount.String() + " with VAT"
		if len(inv.Items) > 0 {
			line += "  " + inv.Items[0].Description
		}
		if c.Likelihood == order.Possible {
			line += "  (possible)"
		}
		out = append(out, truncate(line, w))
	}
	if len(c.Excluded) > 0 {
		out = append(out, st.Subtle.Render(wrap(refsText(c.Excluded)+" left out: the journal ties them to other orders.", w)))
	}
	switch {
	case c.JournalErr != nil:
		out = append(out, st.Warning.Render(wrap("The journal could not record them ("+describe(c.JournalErr)+"); note the invoice numbers.", w)))
	case c.Recorded:
		out = append(out, st.Subtle.Render(truncate("Recorded in the journal entry as candidates.", w)))
	}
	return out
}

// refsText is "Invoice 100291" or "Invoices 100291, 100292".
func refsText(refs []int) string {
	parts := make([]string, len(refs))
	for i, r := range refs {
		parts[i] = itoa(r)
	}
	if len(refs) == 1 {
		return "Invoice " + parts[0]
	}
	return "Invoices " + strings.Join(parts, ", ")
}

// journalView is the journal entry: id, time, endpoint and what was sent.
func (u unknownOutcome) journalView(e *env) []string {
	st, w := e.st, e.width
	lab := func(s string) string { return st.Label.Render(padRight(s, 9)) + " " }
	vw := max(w-10, 10)
	id := u.p.JournalID
	if id == "" {
		id = "none (no journal is configured)"
	}
	out := []string{
		lab("Journal") + truncate(id+" · "+u.p.At.UTC().Format("2006-01-02 15:04:05")+" UTC", vw),
		lab("Sent to") + truncate(orDash(u.endpoint), vw),
	}
	p, o := e.prod, u.p.Order
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
