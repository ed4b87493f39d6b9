package ui_test

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/memset-order/memset-order/api"
	"github.com/memset-order/memset-order/api/sandbox"
	"github.com/memset-order/memset-order/model"
	"github.com/memset-order/memset-order/ui"
)

// toReview drives a monthly MSVM001 with Debian 13 to Review, paid by the
// account's card.
func (d *driver) toReview() { d.toReviewShowing("card “Company Visa”") }

// toReviewShowing drives a monthly MSVM001 with Debian 13 to Review, which
// must show payment (how the order will be paid).
func (d *driver) toReviewShowing(payment string) {
	d.press("enter")
	d.settle()
	d.press("enter")
	d.settle()
	d.press("enter", "enter")
	d.settle()
	d.press("enter")
	d.settle()
	d.must("Review your order", payment)
}

// placeOrder confirms on Review: p, the word, enter.
func (d *driver) placeOrder() {
	d.press("p")
	d.typeText("order")
	d.press("enter")
}

// TestStrayKeysNeverOrder: only p, then the word "order", then enter,
// places an order, and it is sent exactly once.
func TestStrayKeysNeverOrder(t *testing.T) {
	w := newWorld(t)
	d := newDriver(t, w.config(), 80, 24)
	d.settle()
	d.toReview()
	for _, keys := range [][]string{
		{"space"}, {"y"}, {"o"}, {"b"},
		{"p", "enter"},
		{"p", "o", "r", "d", "e", "enter"},
		{"p", "O", "R", "D", "E", "R", "enter"},
		{"p", "o", "r", "d", "e", "r", "s", "enter"},
		{"p", "y", "enter"},
	} {
		d.press(keys...)
		d.settle()
		if d.model().Step() != ui.StepReview {
			t.Fatalf("keys %v left Review for %v", keys, d.model().Step())
		}
		if strings.Contains(d.screen(), "type order >") {
			d.press("esc") // leave the confirmation
		}
		if n := len(w.sb.Orders()); n != 0 {
			t.Fatalf("keys %v placed %d orders", keys, n)
		}
	}
	d.placeOrder()
	d.settle()
	d.must("Order placed · invoice 100291")
	d.press("enter", "p", "enter")
	d.advance(time50s)
	if n := len(w.sb.Orders()); n != 1 {
		t.Fatalf("%d orders placed, want exactly 1", n)
	}
}

// TestPayPalRefusedOnReview: an account whose default payment method is
// PayPal is told so on Review, which will not place the order.
func TestPayPalRefusedOnReview(t *testing.T) {
	acct, err := sandbox.AccountPreset("paypal")
	if err != nil {
		t.Fatal(err)
	}
	w := newWorld(t, sandbox.WithAccount(acct))
	d := newDriver(t, w.config(), 80, 24)
	d.settle()
	d.toReviewShowing("PayPal")
	d.press("p")
	d.settle()
	d.mustSay("PayPal, your default payment method, cannot pay for orders placed through the API", "Cannot be ordered")
	if d.model().Step() != ui.StepReview || len(w.sb.Orders()) != 0 {
		t.Fatal("an order was attempted with PayPal")
	}
}

// TestOutcomeUnknownIsNeverRetried: the create's answer is lost; the
// wizard says the order may or may not exist, offers no retry, and the
// sandbox saw exactly one create.
func TestOutcomeUnknownIsNeverRetried(t *testing.T) {
	w := newWorld(t)
	d := newDriver(t, w.config(), 80, 24)
	d.settle()
	d.toReview()
	w.sb.AddFault(sandbox.Fault{Method: model.MethodMonthlyMiniserver, Times: 1, Drop: true})
	d.placeOrder()
	d.settle()
	d.must("The order may or may not exist", "It was not sent again")
	if strings.Contains(d.screen(), "retry") {
		t.Fatalf("a retry is offered:\n%s", d.screen())
	}
	d.press("r", "p", "enter")
	d.settle()
	if n := len(w.sb.Orders()); n != 1 {
		t.Fatalf("the sandbox recorded %d creates, want 1", n)
	}
	res := d.model().Result()
	if !api.IsOutcomeUnknown(res.Err) || res.Placed || !d.quit {
		t.Fatalf("Result = %+v, quit = %v", res, d.quit)
	}
}

// TestDefiniteRefusalBackToReview: a create refused by the API ordered
// nothing; its message is shown on the field it names, and once fixed the
// order can be placed.
func TestDefiniteRefusalBackToReview(t *testing.T) {
	w := newWorld(t)
	d := newDriver(t, w.config(), 80, 24)
	d.settle()
	d.toReview()
	w.sb.AddFault(sandbox.Fault{Method: model.MethodMonthlyMiniserver, Times: 1, Status: 400,
		Body: `{"error": "os: Debian 13 is out of stock in this zone.", "error_type": "ApiErrorBadParameters", "error_code": 2}`})
	d.placeOrder()
	d.settle()
	d.must("Review your order", "✗ Debian 13 is out of stock in this zone.")
	if d.model().Result().Placed || len(w.sb.Orders()) != 0 {
		t.Fatal("refused order counted as placed")
	}
	d.placeOrder()
	d.settle()
	d.must("Order placed · invoice 100291")
}

// TestQuitWhilePlacingAsksFirst: q during the create call asks, and says
// the order may already exist.
func TestQuitWhilePlacingAsksFirst(t *testing.T) {
	w := newWorld(t)
	g := gatedPlace{Client: w.client, release: make(chan struct{})}
	defer close(g.release)
	cfg := fast(w.config())
	cfg.Backend = g
	s := start(t, cfg, 80, 24)
	s.reachDiscount()
	s.press("enter")
	s.waitIdle("Review your order", "card “Company Visa”")
	s.placeOrder()
	s.waitScreen("Placing your order")
	s.press("q")
	s.waitScreen("may already exist. Quit anyway?", "y yes, quit", "n no, stay")
	s.press("n")
	s.waitScreen("q quit (asks first)")
	s.press("ctrl+c")
	s.waitScreen("Quit anyway?")
	s.press("y")
	s.tm.WaitFinished(t)
	// Leaving while the create is out is not aborting: the order may
	// exist, and main waits a moment for the answer (order.Desk.Leave).
	if res := s.result(); res.Aborted || res.Placed || !res.LeftWhilePlacing || !res.Sent {
		t.Fatalf("Result = %+v", res)
	}
}

// recJournal records the calls the wizard makes, and what the sandbox had
// seen at each.
type recJournal struct {
	mu      sync.Mutex
	w       *world
	calls   []string
	fail    error
	outcome *model.Quote
}

func (j *recJournal) Intent(o model.Order, endpoint string, _ *model.Quote) (string, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.calls = append(j.calls, "intent "+o.SKU+" "+endpoint+" orders="+itoa(len(j.w.sb.Orders())))
	return "J1", j.fail
}

func (j *recJournal) Outcome(id, _ string, q *model.Quote, _, _ string) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.calls = append(j.calls, "outcome "+id+" orders="+itoa(len(j.w.sb.Orders())))
	j.outcome = q
	return nil
}

func (j *recJournal) End(id, state string, job model.Job, stage string) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.calls = append(j.calls, "end "+id+" "+state)
	return nil
}

func (j *recJournal) Tied(string) (map[int]bool, error) { return nil, nil }

func (j *recJournal) Candidates(id string, refs []int) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.calls = append(j.calls, "candidates "+id+" "+fmt.Sprint(refs))
	return nil
}

// placeJournalled places a monthly MSVM001 with Debian 13 in a new world,
// recording the journal calls; fail is what the journal's Intent returns.
func placeJournalled(t *testing.T, fail error) (*world, *recJournal, *driver) {
	t.Helper()
	w := newWorld(t)
	j := &recJournal{w: w, fail: fail}
	cfg := w.config()
	cfg.Journal = j
	d := newDriver(t, cfg, 80, 24)
	d.settle()
	d.toReview()
	d.placeOrder()
	d.settle()
	return w, j, d
}

// TestJournalIntentBeforeOutcomeAfter: the intent is written before the
// create is sent and the outcome after; a failed intent sends nothing.
func TestJournalIntentBeforeOutcomeAfter(t *testing.T) {
	_, j, _ := placeJournalled(t, nil)
	want := []string{"intent MSVM001 " + sandbox.BaseURL + " orders=0", "outcome J1 orders=1"}
	if strings.Join(j.calls, "|") != strings.Join(want, "|") || j.outcome == nil || j.outcome.InvoiceRef != 100291 {
		t.Fatalf("journal calls %q (outcome %+v), want %q", j.calls, j.outcome, want)
	}

	w2, _, d2 := placeJournalled(t, errors.New("disk full"))
	d2.must("Review your order", "The order was not sent: the order journal could not record it: disk full")
	if n := len(w2.sb.Orders()); n != 0 {
		t.Fatalf("%d orders placed although the journal failed", n)
	}
}

// TestBillingToggleIsSent: b on Review cycles add_to_next_bill, the line
// says where the charge goes, and the order carries the choice.
func TestBillingToggleIsSent(t *testing.T) {
	acct, err := sandbox.AccountPreset("consolidated")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		presses int
		line    string
		param   string
		status  string
	}{
		{0, "on your next consolidated bill (your account's setting)", "", "▸ QUEUED"},
		{1, "Billing   on your next consolidated bill   ", "1", "▸ QUEUED"},
		{2, "invoiced now, not on your consolidated bill", "0", "▸ AWAITING-PAYMENT"},
	} {
		w := newWorld(t, sandbox.WithAccount(acct))
		d := newDriver(t, w.config(), 200, 60)
		d.settle()
		d.toReview()
		d.pressN("b", tc.presses)
		d.settle()
		d.must(tc.line)
		d.placeOrder()
		d.advance(time.Millisecond)
		d.must(tc.status)
		if got := w.sb.Orders()[0].Params["add_to_next_bill"]; got != tc.param {
			t.Errorf("%d presses: add_to_next_bill=%q, want %q", tc.presses, got, tc.param)
		}
	}
}

// TestReviewLinesJump: enter on a Review line goes to its step, and enter
// there comes straight back to Review with the change made.
func TestReviewLinesJump(t *testing.T) {
	w := newWorld(t)
	d := newDriver(t, w.config(), 100, 30)
	d.settle()
	d.toReview()
	for _, tc := range []struct {
		downs int
		step  ui.Step
	}{{0, ui.StepService}, {1, ui.StepPlan}, {2, ui.StepImage}, {3, ui.StepExtras}, {4, ui.StepDiscount}} {
		d.press("home")
		d.pressN("down", tc.downs)
		d.press("enter")
		d.settle()
		if got := d.model().Step(); got != tc.step {
			t.Fatalf("line %d jumped to %v, want %v", tc.downs, got, tc.step)
		}
		if tc.step == ui.StepService {
			d.press("esc") // Service has nothing before it; go forward again
			d.toReview()
			continue
		}
		if tc.step == ui.StepImage {
			d.press("down")
			d.settle()
		}
		d.press("enter")
		d.settle()
		if got := d.model().Step(); got != ui.StepReview {
			t.Fatalf("after changing %v: on %v, want straight back to Review", tc.step, got)
		}
	}
	d.must("Image     Debian 12 (Bookworm) 64-bit")
}
