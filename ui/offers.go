package ui

import (
	tea "charm.land/bubbletea/v2"
	"github.com/memset-order/memset-order/model"
)

// Memset's services list says which plans it offers the account. It can
// differ from memset-order's catalogue both ways: a plan it offers that the
// catalogue lacks is listed, and can be chosen, with what the list says of
// it (its code, the service's name and description) and the price of the
// dry run; a catalogue plan it does not offer stays listed, disabled with
// the rules' reason (model.NotOfferedReason). The list reaches the rules
// through the account (model.Account.OfferedSKUs), so every gate that
// runs them (lists, quotes, Review, placing) judges plans the same way.

// extraPlanNote tags, in the plan list, a plan the services list offers
// that the catalogue lacks: new to this program. It is short so that it
// shows beside the quote pane too; the detail under the cursor says more.
const extraPlanNote = "new"

// gotOffers stores the services list and gives its plans to the account,
// then lets the step on screen catch up, as gotAccount does.
func (m *Model) gotOffers(msg servicesMsg) tea.Cmd {
	m.offers, m.offersErr, m.offersDone = msg.offers, msg.err, true
	m.acct.OfferedSKUs = nil
	if msg.err == nil {
		m.acct.OfferedSKUs = model.OfferedSKUsOf(msg.offers)
	}
	act := m.current().resync(m.env())
	if act == nil {
		return m.scheduleQuote()
	}
	return m.apply(act)
}

// extraSKUs are the plans the services list offers for the product on
// screen that the catalogue lacks, in the list's order.
func extraSKUs(e *env) []string {
	if e.prod == nil {
		return nil
	}
	codes, _ := e.acct.Offered(e.prod.ID)
	var out []string
	for _, c := range codes {
		if _, known := e.prod.SKU(c); !known {
			out = append(out, c)
		}
	}
	return out
}

// offersNote says, for the plan list, when the services list does not
// decide which plans can be chosen: it could not be read, or it names no
// plans of this product. "" when it decides, or has not answered yet.
func offersNote(e *env) string {
	switch {
	case !e.offersDone || e.prod == nil:
		return ""
	case e.offersErr != nil:
		return "Memset's list of services could not be read; plans are from the built-in catalogue."
	}
	if _, listed := e.acct.Offered(e.prod.ID); !listed {
		return "Memset's list of services names no plans for this service; plans are from the built-in catalogue."
	}
	return ""
}

// extraPlanDetail is what the plan list says under the cursor of a plan
// only the services list knows: its code, the name and description of the
// service Memset lists it under, then where its price comes from.
func extraPlanDetail(e *env, code string) []string {
	st, w := e.st, e.width
	head := code + " · offered by Memset"
	if o, ok := offerOf(e); ok {
		for _, s := range []string{o.Name, o.Description} {
			if s != "" {
				head += " · " + s
			}
		}
	}
	return []string{
		truncate(head, w),
		st.Subtle.Render(wrap("Not in memset-order's catalogue: price from Memset's dry run; its memory, disk and vCPUs are not known here.", w)),
	}
}

// offerOf is the services list's entry for the product on screen.
func offerOf(e *env) (model.Offer, bool) {
	for _, o := range e.offers {
		if e.prod != nil && o.Product == e.prod.ID {
			return o, true
		}
	}
	return model.Offer{}, false
}
