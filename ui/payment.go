package ui

import (
	"github.com/memset-order/memset-order/model"
)

// The words for payment and billing, in one place: how the order will be
// paid, said the way it will really happen for the account on screen.
//
// INFERRED (memset-api.md §2.1, §3.3 and §5.3 document only the rules):
//   - a card or billing account is charged automatically when Memset raises
//     the invoice, and the set-up starts once it is paid;
//   - a bank transfer, cheque or "transfer or cheque" invoice waits for the
//     customer to pay it, quoting the invoice number;
//   - a service billed in arrears (hourly Miniserver, OpenStack) is charged
//     after use and does not wait for a payment up front;
//   - payment methods are managed in the control panel's payment-methods
//     page (paymentMethodsPlace).

// paymentMethodsPlace is where a customer changes payment methods.
// Inferred: the control panel's page for them is not documented.
const paymentMethodsPlace = "the Memset control panel, under Billing › Payment methods"

// payMode is how an order's charge will be met.
type payMode int

const (
	// payUnknown: the account is not read yet (or could not be).
	payUnknown payMode = iota
	// payBlocked: the default payment method cannot pay for this order.
	payBlocked
	// payAutomatic: a card or billing account is charged automatically.
	payAutomatic
	// payByHand: an invoice the customer pays (bank transfer, cheque).
	payByHand
	// payNextBill: the charge goes on the next consolidated bill.
	payNextBill
	// payArrears: billed after use; nothing is paid up front.
	payArrears
	// payMaybeNextBill: whether the account has consolidated billing
	// could not be read, so the charge goes on the next bill if it has,
	// and is invoiced now if not.
	payMaybeNextBill
)

// payModeOf says how the order on screen will be paid, with the default
// payment method when there is one.
func (e *env) payModeOf() (payMode, model.PaymentMethod) {
	if e.acctLoading || e.acctErr != nil || !e.acct.Known {
		return payUnknown, model.PaymentMethod{}
	}
	m, _ := e.acct.DefaultPaymentMethod()
	if e.prod != nil && paymentProblemOf(e) != nil {
		return payBlocked, m
	}
	switch {
	case e.prod != nil && e.prod.Billing.InArrears():
		return payArrears, m
	case !e.acct.BillingKnown && e.order.BillTo != model.BillNow:
		return payMaybeNextBill, m
	case !e.acct.ChargedNow(e.order.BillTo):
		return payNextBill, m
	case m.Type.CanPayArrears():
		return payAutomatic, m
	}
	return payByHand, m
}

// paymentProblemOf is the rules' payment problem for the order on screen.
func paymentProblemOf(e *env) *model.Problem {
	for _, p := range e.problems() {
		if p.Code == model.ProblemPayment {
			return &p
		}
	}
	return nil
}

// grossFirst is the first payment with VAT, when the price is known (a
// job followed by its id alone has no quote book and no order).
func (e *env) grossFirst() (model.Money, bool) {
	if e.q == nil || e.prod == nil {
		return model.Money{}, false
	}
	q, ok := e.quoteFor(e.order)
	if !ok {
		return model.Money{}, false
	}
	_, g := e.charges(q).FirstWithVAT()
	return g, true
}

// paymentText is Review's Payment line: who pays, and when.
func paymentText(e *env) string {
	switch {
	case e.acctLoading:
		return e.spinner + " reading your payment methods…"
	case e.acctErr != nil:
		return "not known: your payment methods could not be read (" + describe(e.acctErr) + ")"
	}
	mode, m := e.payModeOf()
	who := m.Describe()
	switch mode {
	case payBlocked:
		return who + ": cannot pay for this order (see below)"
	case payArrears:
		return who + ", charged in arrears for what is used; nothing is charged now"
	case payNextBill:
		return who + ", with your next consolidated bill; nothing is charged now"
	case payMaybeNextBill:
		return who + ": with your next consolidated bill if your account has one, otherwise invoiced and paid now"
	case payAutomatic:
		amount := "the invoice"
		if g, ok := e.grossFirst(); ok {
			amount = g.String() + " (with VAT)"
		}
		return who + ", charged " + amount + " automatically when the order is placed"
	case payByHand:
		amount := "Memset's invoice"
		if g, ok := e.grossFirst(); ok {
			amount = "an invoice for " + g.String() + " (with VAT)"
		}
		return who + ": you pay " + amount + " yourself; the set-up starts once it is paid"
	}
	return "the account's default payment method"
}

// billingText is Review's Billing line: where the charge goes, for the
// chosen add_to_next_bill, in words.
func billingText(e *env) string {
	if e.prod != nil && e.prod.Billing.InArrears() {
		return "billed in arrears: after each month, for what was used"
	}
	known := e.acct.Known && e.acct.BillingKnown && !e.acctLoading
	switch b := e.order.BillTo; {
	case !known && b == model.BillNow:
		return "invoiced now"
	case !known && b == model.BillNextBill:
		return "on the next consolidated bill, if your account has one"
	case !known && e.acctLoading:
		return "as your account is set up (still reading it)"
	case !known:
		return "your account's setting: the next consolidated bill if it has consolidated billing, otherwise invoiced now"
	case e.acct.ConsolidatedBilling && b == model.BillNow:
		return "invoiced now, not on your consolidated bill"
	case e.acct.ConsolidatedBilling && b == model.BillNextBill:
		return "on your next consolidated bill"
	case e.acct.ConsolidatedBilling:
		return "on your next consolidated bill (your account's setting)"
	case b == model.BillNextBill:
		return "invoiced now: your account has no consolidated bill to add it to"
	case b == model.BillNow:
		return "invoiced now"
	}
	return "invoiced now (your account has no consolidated billing)"
}

// billable reports whether the billing choice means anything for the
// product on screen: a service billed in arrears is charged after use.
func billable(e *env) bool { return e.prod == nil || !e.prod.Billing.InArrears() }

// billKeyHelp is what the billing key does, for the help line.
func billKeyHelp(e *env) string {
	if e.acct.BillingKnown && e.acct.ConsolidatedBilling {
		return "bill now or later"
	}
	return "billing"
}

// paymentBlockedText is the one sentence for an order its payment method
// cannot pay: the reason, and where to fix it.
func paymentBlockedText(e *env) string {
	p := paymentProblemOf(e)
	if p == nil {
		return ""
	}
	_, m := e.payModeOf()
	var why string
	switch {
	case m.Type == model.PayPayPal:
		why = "PayPal, your default payment method, cannot pay for orders placed through the API."
	case m.Type == "" || m.Type == model.PayNotSet:
		why = "Your account has no default payment method."
	case e.prod != nil && e.prod.Billing.InArrears() && !m.Type.CanPayArrears():
		why = e.prod.Name + " is billed in arrears, which needs a card or billing account as the default payment method; yours is " + m.Describe() + "."
	case m.Status == "EXPIRED":
		why = "Your default payment method, " + m.Describe() + ", has expired."
	default:
		why = p.Message
	}
	return "Cannot be ordered: " + why + " Make a card or billing account that works your default in " + paymentMethodsPlace + ", then order again."
}

// awaitingPaymentNote is what the following screen says while the job
// waits for the order's invoice to be paid. invoice is the invoice's ref
// (0 when it is not known, as when a job is followed by its id alone).
func (e *env) awaitingPaymentNote(invoice int) string {
	inv := "the job's invoice"
	if invoice != 0 {
		inv = "invoice " + itoa(invoice)
	}
	amount := ""
	if g, ok := e.grossFirst(); ok && e.prod != nil {
		amount = " (" + g.String() + " with VAT)"
	}
	// The job waits for a payment, so the order was invoiced now: how it
	// is paid depends on the default method alone.
	mode, m := e.payModeOf()
	if mode != payUnknown && mode != payBlocked && m.Type != "" {
		mode = payByHand
		if m.Type.CanPayArrears() {
			mode = payAutomatic
		}
	}
	switch mode {
	case payAutomatic:
		return "Waiting for Memset to charge " + m.Describe() + " for " + inv + amount + ": it is charged automatically, and the set-up starts once it is paid."
	case payByHand:
		ref := "the invoice number"
		if invoice != 0 {
			ref = itoa(invoice)
		}
		return "Waiting for your payment: pay " + inv + amount + " by " + m.Type.Label() + ", quoting " + ref +
			" as the reference (Memset's bank details are on the invoice in the control panel). The set-up starts once Memset has it." + e.laterHint()
	}
	return "Awaiting payment of " + inv + amount + ": a card or billing account is charged automatically; an invoice paid by bank transfer or cheque waits for you. The set-up starts once it is paid."
}

// laterHint offers to follow the job later, where that is possible.
func (e *env) laterHint() string {
	if e.ephemeral {
		return ""
	}
	return " You can quit and follow the job later."
}
