package ui_test

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"
	"github.com/memset-order/memset-order/api/order"
	"github.com/memset-order/memset-order/api/sandbox"
	"github.com/memset-order/memset-order/model"
	"github.com/memset-order/memset-order/ui"
)

// A real-order answer of create.monthly_miniserver, as a hostile or broken
// endpoint might give it.
const (
	orderedJob = "739c99f25ed8d13e48ba94ec6a4a0102"
	usdOrder   = `{"sku":"MSVM001","currency":"USD","dry_run":false,"net_setup_price":0,"net_total":750.00,` +
		`"invoice_ref":100777,"job":{"id":"` + orderedJob + `","type":"SETUP-NEW-MINISERVER","status":"AWAITING-PAYMENT","finished":false,"error":false}}`
	gbpOrderOnDryRun = `{"sku":"MSVM001","currency":"GBP","dry_run":false,"net_setup_price":0,"net_total":7.50,` +
		`"invoice_ref":100778,"job":{"id":"` + orderedJob + `","type":"SETUP-NEW-MINISERVER","status":"AWAITING-PAYMENT","finished":false,"error":false}}`
)

// TestPriceDiffersFromConfirmation: a confirmed £7.50 answered with
// 750.00 USD is placed as Memset answered, and the screen says plainly how
// the answer differs; the result carries the differences for the exit.
func TestPriceDiffersFromConfirmation(t *testing.T) {
	w := newWorld(t)
	d := newDriver(t, w.config(), 80, 24)
	d.settle()
	d.toReview()
	w.sb.AddFault(sandbox.Fault{Method: model.MethodMonthlyMiniserver, Times: 1, Body: usdOrder})
	d.placeOrder()
	d.advance(time.Millisecond)
	d.must("Order placed · invoice 100777")
	d.mustSay("differs from the price you confirmed", "the currency is USD, not GBP", "the total is $750.00, not £7.50")
	res := d.model().Result()
	if res.Placement.Outcome != order.PriceDiffers || len(res.Placement.Differences) != 2 || !res.Placed {
		t.Fatalf("Result = %+v", res)
	}
	checkNoKey(t, d.screen())
	golden.RequireEqual(t, []byte(normalize(d.screen())))
}

// TestDryRunAnsweredWithOrderHalts: the first dry run answered with a real
// order stops everything: the wizard says what came back, and not one more
// create request of any kind is sent, however long the person stays.
func TestDryRunAnsweredWithOrderHalts(t *testing.T) {
	w := newWorld(t)
	w.sb.AddFault(sandbox.Fault{Method: model.MethodMonthlyMiniserver, Body: gbpOrderOnDryRun})
	d := newDriver(t, w.config(), 80, 24)
	d.settle()
	d.press("enter") // Miniserver VM (monthly): the plan list prices MSVM001
	d.settle()
	d.must("A price check came back as a real order")
	d.mustSay("invoice 100778, job " + orderedJob)
	sent := w.sb.Requests(model.MethodMonthlyMiniserver)
	if sent < 1 {
		t.Fatal("no dry run reached the sandbox")
	}
	for _, k := range []string{"down", "enter", "esc", "p", "r"} {
		d.press(k)
		d.settle()
	}
	if n := w.sb.Requests(model.MethodMonthlyMiniserver); n != sent {
		t.Fatalf("%d more create requests after the halt, want none", n-sent)
	}
	res := d.model().Result()
	if res.Halt == nil || len(res.Halt.Orders) == 0 || res.Halt.Orders[0].Answer.InvoiceRef != 100778 || res.Aborted {
		t.Fatalf("Result = %+v", res)
	}
	golden.RequireEqual(t, []byte(normalize(d.screen())))
}

// TestUnknownJobStatusTicksNothingItCannotKnow: a status the catalogue's
// stage list lacks (stage names are inferred) is shown as it is, without
// ticking the stages after the last one seen, and the bar is not full.
func TestUnknownJobStatusTicksNothingItCannotKnow(t *testing.T) {
	w := newWorld(t)
	d := newDriver(t, w.config(), 80, 24)
	d.settle()
	d.toReview()
	d.placeOrder()
	d.advance(time.Millisecond)
	job := d.model().Result().JobID
	w.sb.AddFault(sandbox.Fault{Method: model.MethodJobStatus,
		Body: `{"id":"` + job + `","type":"SETUP-NEW-MINISERVER","status":"MIGRATING","finished":false,"error":false}`})
	d.advance(5 * time.Second)
	d.must("▸ MIGRATING", "· DONE")
	d.mustSay("not in the stage list")
	s := d.screen()
	if strings.Contains(s, "✓ DONE") || strings.Contains(s, "100%") || strings.Contains(s, "✓ QUEUED") {
		t.Fatalf("an unknown status ticked stages it cannot know:\n%s", s)
	}
	golden.RequireEqual(t, []byte(normalize(s)))
}

// TestRefusedAfterSendingSaysSo: a create refused with a 4xx the wizard
// cannot tie to a field was sent and refused; the screen says Memset
// refused it, never that it was not sent.
func TestRefusedAfterSendingSaysSo(t *testing.T) {
	w := newWorld(t)
	d := newDriver(t, w.config(), 80, 24)
	d.settle()
	d.toReview()
	w.sb.AddFault(sandbox.Fault{Method: model.MethodMonthlyMiniserver, Times: 1, Status: 403,
		Body: `{"error": "This account may not order servers.", "error_type": "ApiErrorPermissionDenied", "error_code": 4}`})
	d.placeOrder()
	d.settle()
	d.must("Review your order", "Memset refused the order, so nothing was ordered")
	if s := d.screen(); strings.Contains(s, "was not sent") {
		t.Fatalf("a refusal after sending reads as not sent:\n%s", s)
	}
	if res := d.model().Result(); res.Placement.Outcome != order.Refused || res.Placed {
		t.Fatalf("Result = %+v", res)
	}
	if d.model().Step() != ui.StepReview {
		t.Fatalf("on %v, want Review", d.model().Step())
	}
}

// TestHostileAnswerNeverReachesTheTerminal: an order answered with a job
// whose id, type and status carry escape sequences (a title change, a
// clipboard write, a screen clear, colours) cannot be trusted: its outcome
// is unknown, nothing of the escapes reaches the screen or the window
// title, and no job.status is asked with an id that cannot be sent.
func TestHostileAnswerNeverReachesTheTerminal(t *testing.T) {
	w := newWorld(t)
	d := newDriver(t, w.config(), 80, 24)
	d.settle()
	d.toReview()
	w.sb.AddFault(sandbox.Fault{Method: model.MethodMonthlyMiniserver, Times: 1, Body: `{"sku":"MSVM001","currency":"GBP","dry_run":false,` +
		`"net_setup_price":0,"net_total":7.50,"invoice_ref":100779,"job":{"id":"\u001b]0;pwned\u0007","type":"\u001b[2JSETUP\u001b[31m",` +
		`"status":"\u001b]52;c;cm0gLXJmIH4=\u0007QUEUED","finished":false,"error":false}}`})
	d.placeOrder()
	d.settle()
	v := d.m.View()
	for _, bad := range []string{"\x1b]", "\x1b[2J", "\x07", "pwned\x07"} {
		if strings.Contains(v.Content, bad) || strings.Contains(v.WindowTitle, bad) {
			t.Fatalf("the screen passes %q through:\n%q", bad, v.Content)
		}
	}
	d.mustSay("The order may or may not exist")
	if n := w.sb.Requests(model.MethodJobStatus); n != 0 {
		t.Fatalf("%d job.status requests for an id that cannot be sent", n)
	}
}

// TestHostileJobStatusIsFiltered: a job.status answer whose status, type
// and service carry escape sequences reaches the screen filtered (each
// sequence one U+FFFD), and the window title stays the program's.
func TestHostileJobStatusIsFiltered(t *testing.T) {
	w := newWorld(t)
	d := newDriver(t, w.config(), 100, 30)
	d.settle()
	d.toReview()
	d.placeOrder()
	d.advance(time.Millisecond)
	job := d.model().Result().JobID
	w.sb.AddFault(sandbox.Fault{Method: model.MethodJobStatus, Body: `{"id":"` + job + `","type":"\u001b[2JSETUP-NEW-MINISERVER",` +
		`"status":"\u001b]52;c;cm0gLXJmIH4=\u0007QUEUED\u001b[1;31m","service":"\u001b]0;pwned\u0007x","finished":false,"error":false}`})
	d.advance(5 * time.Second)
	v := d.m.View()
	for _, bad := range []string{"\x1b]", "\x1b[2J", "\x07", "\x1b[1;31m"} {
		if strings.Contains(v.Content, bad) || strings.Contains(v.WindowTitle, bad) {
			t.Fatalf("the screen passes %q through:\n%q", bad, v.Content)
		}
	}
	d.must("\uFFFDQUEUED\uFFFD", "\uFFFDSETUP-NEW-MINISERVER")
}
