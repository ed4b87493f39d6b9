package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/memset-order/memset-order/api"
	"github.com/memset-order/memset-order/api/order"
	"github.com/memset-order/memset-order/model"
)

// A scripted order's life, shared by `order` and `apply`: the answers
// checked against the catalogue and the account, the discount code
// checked, a fresh dry run, the price guard, then (with --yes) the one
// create through the order desk and, with --wait, its job followed.

// session is one scripted order's backend, desk and account.
type session struct {
	b    *Backend
	desk *order.Desk
	acct model.Account
}

// close closes the backend (its debug log).
func (s *session) close() { s.b.Close() }

// openSession opens the backend and the journal and reads the account.
func openSession(ctx context.Context, io *IOStreams, bo BackendOptions, journalPath string) (*session, error) {
	b, err := OpenBackend(bo, io.keyIO())
	if err != nil {
		return nil, err
	}
	desk, _, err := b.openDesk(journalPath)
	if err != nil {
		b.Close()
		return nil, err
	}
	s := &session{b: b, desk: desk}
	acct, err := b.Client.Account(ctx)
	if err != nil {
		b.Close()
		return nil, fmt.Errorf("your account could not be read, so the order was not checked or sent: %s", strings.TrimSuffix(describe(err), "."))
	}
	acct.Known = true
	s.acct = acct
	return s, nil
}

// answerErrors is every wrong or missing answer, as one usage error: one
// line each, so a script's log names them all.
func answerErrors(errs []order.AnswerError) error {
	if len(errs) == 0 {
		return nil
	}
	lines := make([]string, len(errs))
	for i, e := range errs {
		lines[i] = e.Error()
	}
	head := "1 answer is wrong or missing"
	if len(errs) > 1 {
		head = fmt.Sprintf("%d answers are wrong or missing", len(errs))
	}
	return usageError(errors.New(head + ":\n  " + strings.Join(lines, "\n  ")))
}

// checkDiscount asks Memset about the order's discount code: a code it
// does not know, or one that does not apply to the product, is a wrong
// answer. The code's terms are returned when it is valid.
func (s *session) checkDiscount(ctx context.Context, o model.Order) (*model.DiscountCode, *order.AnswerError, error) {
	if o.DiscountCode == "" {
		return nil, nil, nil
	}
	dc, err := s.b.Client.VerifyDiscountCode(ctx, o.DiscountCode)
	var ae *api.Error
	switch {
	case errors.As(err, &ae):
		return nil, &order.AnswerError{Flag: order.FlagDiscount, Value: o.DiscountCode, Reason: "Memset does not accept this code (" + strings.TrimSuffix(describe(ae), ".") + ")"}, nil
	case err != nil:
		return nil, nil, fmt.Errorf("the discount code could not be checked: %s", strings.TrimSuffix(describe(err), "."))
	case !dc.AppliesTo(o.Product):
		return nil, &order.AnswerError{Flag: order.FlagDiscount, Value: o.DiscountCode, Reason: "this code does not apply to " + string(o.Product)}, nil
	}
	return &dc, nil, nil
}

// check runs the rules on o against the account and asks Memset about
// its discount code: every wrong or missing answer, and the code's terms
// when it is valid.
func (s *session) check(ctx context.Context, o model.Order) (*model.DiscountCode, []order.AnswerError, error) {
	dc, badCode, err := s.checkDiscount(ctx, o)
	if err != nil {
		return nil, nil, err
	}
	probs := order.Problems(s.b.Catalogue, o, s.acct)
	if badCode != nil {
		probs = append(probs, *badCode)
	}
	return dc, probs, nil
}

// paymentError is the account's payment problem for o, in the wizard's
// words, or nil.
func (s *session) paymentError(o model.Order) error {
	pr := order.PaymentProblem(s.b.Catalogue, o, s.acct)
	if pr == nil {
		return nil
	}
	return fmt.Errorf("%s: nothing was sent. Make a card or billing account that works your default in the Memset control panel, under Billing › Payment methods, then order again", strings.TrimSuffix(pr.Message, "."))
}

// quote asks for the fresh dry run. Memset's refusal is StatusRefused,
// said with the flag it names; a dry run answered with a real order is
// StatusPriceGuard.
func (s *session) quote(ctx context.Context, o model.Order) (model.Quote, error) {
	q, err := s.desk.Quote(ctx, o)
	if err == nil {
		return q, nil
	}
	var h *order.Halt
	if errors.As(err, &h) {
		return q, &ExitError{Status: StatusPriceGuard, Err: fmt.Errorf("a price check (a dry run, which never orders) came back as a real order; nothing more was sent: %s. Check your invoices in the Memset control panel", oneLine(h.Error()))}
	}
	var ae *api.Error
	if errors.As(err, &ae) {
		p, _ := s.b.Catalogue.Product(o.Product)
		what := "Memset refused this order in the price check; nothing was ordered"
		if ae.Param != "" && p != nil {
			what += " (" + order.FlagFor(p, ae.Param) + ")"
		}
		return q, &ExitError{Status: StatusRefused, Err: fmt.Errorf("%s: %s", what, sentence(describe(ae)))}
	}
	return q, fmt.Errorf("the price could not be read: %s", strings.TrimSuffix(describe(err), "."))
}

// guard is --max-price: the fresh first payment, net of VAT, may not be
// above the limit, and a limit in another currency refuses.
func guard(limit *maxPrice, q model.Quote) error {
	if limit == nil {
		return nil
	}
	cur := q.NetTotal.Currency
	if cur == "" {
		cur = q.Currency
	}
	switch {
	case limit.Currency != "" && limit.Currency != cur:
		return &ExitError{Status: StatusPriceGuard, Err: fmt.Errorf("--max-price is in %s but Memset prices this order in %s; nothing was ordered", limit.Currency, oneLine(string(cur)))}
	case q.NetTotal.Amount > limit.Amount:
		return &ExitError{Status: StatusPriceGuard, Err: fmt.Errorf("the first payment is %s net of VAT, above --max-price %s; nothing was ordered", oneLine(q.NetTotal.String()), model.Money{Amount: limit.Amount, Currency: cur})}
	}
	return nil
}
