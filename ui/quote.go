package ui

import (
	"context"
	"errors"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/memset-order/memset-order/api/order"
	"github.com/memset-order/memset-order/model"
)

// defaultOS is the OS a server is priced with before one is chosen: the
// product's first current Linux release.
func defaultOS(c *model.Catalogue, p *model.Product) string {
	return c.FirstOS(p, func(o model.OS) bool { return !o.Windows && !o.CPanel && !o.EOL })
}

// pricedOrder is o as the wizard prices it: a server with no OS yet is
// priced with defaultOS, whose short name is returned so the pane can say so.
func pricedOrder(c *model.Catalogue, p *model.Product, o model.Order) (model.Order, string) {
	if p == nil || !p.NeedsOS() || o.OS != "" {
		return o, ""
	}
	name := defaultOS(c, p)
	if name == "" {
		return o, ""
	}
	osv, _ := c.OS(name)
	return o.With(p, model.ParamOS, name), shortOS(osv.Display)
}

// shortOS drops the parenthesised release name: "Debian 13 (Trixie) 64-bit" → "Debian 13".
func shortOS(display string) string {
	if i := strings.Index(display, " ("); i > 0 {
		return display[:i]
	}
	return display
}

// blocking returns the local problem that makes a dry run of o pointless,
// or nil. Payment problems do not block a dry run: the price is still
// worth knowing, and Review refuses to place the order.
//
// A choice that cannot work (an unmetered server for a top-up) is named
// before an answer still missing (the amount), since answering the
// missing one would not help.
func blocking(c *model.Catalogue, o model.Order, acct model.Account) *model.Problem {
	var missing *model.Problem
	for _, p := range model.Check(c, o, acct) {
		switch {
		case p.Code == model.ProblemPayment:
		case p.Code == model.ProblemRequired:
			if missing == nil {
				missing = &p
			}
		default:
			return &p
		}
	}
	return missing
}

// quoting reports whether the current step shows the quote pane.
func (m *Model) quoting() bool {
	if m.prod == nil {
		return false
	}
	return m.step != StepService && m.step <= StepReview
}

// wantedQuotes are the configurations the pane needs priced: the order on
// screen and, with a discount code, the same order without it.
func (m *Model) wantedQuotes() []model.Order {
	if !m.quoting() {
		return nil
	}
	eff, _ := pricedOrder(m.cat, m.prod, m.order)
	out := []model.Order{eff}
	if m.order.DiscountCode != "" {
		out = append(out, eff.With(m.prod, model.ParamDiscountCode, ""))
	}
	return out
}

// missing filters orders down to those with no answer, no recorded failure,
// nothing in flight and no local problem.
func (m *Model) missing(orders []model.Order) []model.Order {
	if m.result.Halt != nil {
		return nil
	}
	var out []model.Order
	for _, o := range m.q.unanswered(orders) {
		if blocking(m.cat, o, m.acct) == nil {
			out = append(out, o)
		}
	}
	return out
}

// scheduleQuote is called after every change of the order: answers come
// from the cache at once; otherwise a dry run is sent once the order has
// been still for the debounce delay.
func (m *Model) scheduleQuote() tea.Cmd {
	want := m.wantedQuotes()
	if len(m.missing(want)) == 0 {
		m.cancelStaleMain(want)
		return nil
	}
	m.q.debounce++
	m.q.debouncing = true
	seq := m.q.debounce
	return tea.Batch(m.cfg.Tick(m.cfg.QuoteDebounce, func(time.Time) tea.Msg { return quoteDebounceMsg{seq: seq} }), m.startSpinner())
}

// cancelStaleMain cancels the latest on-screen request when none of its
// configurations is wanted any more.
func (m *Model) cancelStaleMain(want []model.Order) {
	if m.q.cancel == nil {
		return
	}
	for _, o := range want {
		for _, k := range m.q.mainKeys {
			if o.Key() == k {
				return
			}
		}
	}
	m.q.cancelMain()
}

// fireQuote sends the dry runs the debounce was waiting for.
func (m *Model) fireQuote(msg quoteDebounceMsg) tea.Cmd {
	if msg.seq != m.q.debounce {
		return nil
	}
	m.q.debouncing = false
	want := m.wantedQuotes()
	m.cancelStaleMain(want)
	todo := m.missing(want)
	if len(todo) == 0 {
		return nil
	}
	// One parent context per batch: cancelling it stops every request of
	// the batch; each request adds its own timeout.
	ctx, cancel := context.WithCancel(context.Background())
	if m.q.cancel != nil {
		// The previous request is for configurations still wanted; let it
		// finish but stop tracking its cancel as the latest.
		prev := m.q.cancel
		m.q.cancel = func() { prev(); cancel() }
	} else {
		m.q.cancel = cancel
	}
	m.q.mainKeys = nil
	var cmds []tea.Cmd
	for _, o := range todo {
		seq := m.q.send(o.Key())
		m.q.mainKeys = append(m.q.mainKeys, o.Key())
		cmds = append(cmds, m.quoteCmd(ctx, o, seq, false))
	}
	return tea.Batch(append(cmds, m.startSpinner())...)
}

// gotQuote records a dry run's answer. It is cached under its own key
// whatever the order on screen is now; the pane shows it only if that key
// is the current one.
func (m *Model) gotQuote(msg quoteMsg) tea.Cmd {
	var halt *order.Halt
	if errors.As(msg.err, &halt) {
		return m.halted(halt)
	}
	var cmds []tea.Cmd
	if m.q.record(msg) {
		cmds = append(cmds, m.scheduleQuote())
	}
	if msg.prefetch {
		cmds = append(cmds, m.nextPrefetch())
	}
	return tea.Batch(cmds...)
}

// halted stops every dry run after one was answered with a real order:
// the desk sends nothing more, and the wizard goes to Done to say what came
// back (unless an order is being placed or followed: that screen goes on,
// and the exit says it).
func (m *Model) halted(h *order.Halt) tea.Cmd {
	m.result.Halt = h
	m.q.stop()
	if m.step < StepPlacing {
		*m.done = doneStep{outcome: outcomeHalted, halt: h}
		m.step = StepDone
	}
	return nil
}

// retryQuote forgets the failures of the configurations on screen and asks
// again.
func (m *Model) retryQuote() tea.Cmd {
	for _, o := range m.wantedQuotes() {
		m.q.forget(o.Key())
	}
	return m.scheduleQuote()
}

// schedulePrefetch restarts the idle timer after a key press on a list
// whose options show prices; when it fires, prices are fetched one at a time.
func (m *Model) schedulePrefetch() tea.Cmd {
	m.q.idle++
	if len(m.prefetchCandidates()) == 0 {
		m.q.idleArmed = false
		return nil
	}
	m.q.idleArmed = true
	seq := m.q.idle
	return m.cfg.Tick(m.cfg.QuoteDebounce*3, func(time.Time) tea.Msg { return prefetchIdleMsg{seq: seq} })
}

// idleFired starts the background fetch of list prices.
func (m *Model) idleFired(msg prefetchIdleMsg) tea.Cmd {
	if msg.seq != m.q.idle {
		return nil
	}
	m.q.idleArmed = false
	return m.nextPrefetch()
}

// nextPrefetch sends one background dry run for the next unpriced option,
// only while the person is still idle (no key since the timer fired) and
// nothing else is prefetching.
func (m *Model) nextPrefetch() tea.Cmd {
	if m.q.prefetching || !m.idle {
		return nil
	}
	todo := m.prefetchCandidates()
	if len(todo) == 0 {
		return nil
	}
	o := todo[0]
	ctx, cancel := context.WithCancel(context.Background())
	seq := m.q.send(o.Key())
	m.q.prefetching, m.q.prefetchKey, m.q.prefetchCancel = true, o.Key(), cancel
	cmd := m.quoteCmd(ctx, o, seq, true)
	return func() tea.Msg {
		defer cancel()
		return cmd()
	}
}

// A list price in flight is never cancelled when the cursor moves on: its
// answer is cached by configuration and shown in its row, and cancelling
// it only sent the same dry run again (issue #15). The price on screen is
// different: a newer main request cancels an older one (cancelStaleMain).

// prefetchCandidates are the unpriced options of the list on screen that
// can be on screen: list prices are asked for the rows a person can see,
// never for a whole catalogue (with thousands of plans, pricing them all
// kept the program busy long after the person stopped typing). Moving the
// cursor brings other rows on screen, and they are priced in their turn.
func (m *Model) prefetchCandidates() []model.Order {
	if !m.quoting() {
		return nil
	}
	var orders []model.Order
	switch {
	case m.step == StepPlan:
		// planRows is a header row, then one row per plan: the
		// catalogue's, then those only Memset's services list offers.
		codes := make([]string, 0, len(m.prod.SKUs))
		for _, s := range m.prod.SKUs {
			codes = append(codes, s.Code)
		}
		codes = append(codes, extraSKUs(m.env())...)
		lo, hi := m.shownRows(len(codes)+1, m.plan.cursor)
		for _, c := range codes[max(lo-1, 0):max(hi-1, 0)] {
			orders = append(orders, m.order.With(m.prod, model.ParamSKU, c))
		}
	case m.step == StepExtras && m.extras.open:
		if e, ok := m.extras.openExtra(m.prod); ok {
			orders = append(orders, m.order.With(m.prod, e.Param, ""))
			// choiceRows is one row per choice.
			lo, hi := m.shownRows(len(e.Choices), m.extras.sub)
			for _, c := range e.Choices[lo:hi] {
				orders = append(orders, m.order.With(m.prod, e.Param, c.Value))
			}
		}
	}
	for i, o := range orders {
		orders[i], _ = pricedOrder(m.cat, m.prod, o)
	}
	return m.missing(orders)
}

// shownRows is the range of the rows of a list step's list (n rows, the
// cursor on row cursor) that can be on screen. listStepView gives the list
// the body's height less at least three lines (the title, a blank line and
// the one above the detail), and renderList shows the window of rows
// around the cursor that fits, less a first and a last line that say how
// many rows are hidden. The window for the tallest list the body allows
// holds the window for any shorter one (window keeps the cursor's row and
// grows around it), so the rows on screen are always within the range,
// and at most a few rows beyond the list's edge are in it. showHeading
// moves a window only to a group heading, which the plan and choice lists
// do not have.
func (m *Model) shownRows(n, cursor int) (lo, hi int) {
	start, end := window(n, cursor, max(m.bodyHeight()-3, 3))
	if start > 0 {
		start++ // "↑ n more"
	}
	if end < n {
		end-- // "↓ n more"
	}
	return start, max(start, end)
}
