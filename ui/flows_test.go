package ui_test

import (
	"strings"
	"testing"
	"time"

	"github.com/memset-order/memset-order/api/sandbox"
	"github.com/memset-order/memset-order/model"
)

// payAll pays every invoice awaiting payment.
func (w *world) payAll(t *testing.T) {
	t.Helper()
	for _, inv := range w.sb.Invoices() {
		if inv.Status == model.StatusAwaitingPayment {
			if err := w.sb.PayInvoice(inv.Ref); err != nil {
				t.Fatalf("PayInvoice(%d): %v", inv.Ref, err)
			}
		}
	}
}

// next moves the sandbox's clock by one job stage and waits for the wizard
// to show want.
func (w *world) next(s *session, want ...string) {
	w.clock.Advance(10 * time.Second)
	s.waitScreen(want...)
}

// placeOrder confirms on Review: p, the word, enter.
func (s *session) placeOrder() {
	s.press("p")
	s.waitScreen("type order >")
	s.typeText("order")
	s.press("enter")
}

// skipDiscountAndPlace waits for the Discount step, skips it, waits for
// Review with the account's card, shoots it and places the order.
func (s *session) skipDiscountAndPlace() {
	s.waitIdle("Discount code")
	s.press("enter")
	s.waitIdle("Review your order", "card “Company Visa”")
	s.shot("review")
	s.placeOrder()
}

// followToDone pays the placed order's invoice, moves the job through each
// of stages (waiting for "▸ "+stage) to the Done screen, and shoots it.
//
// A service billed in arrears (OpenStack) waits for no payment: its job
// is queued at once.
func (w *world) followToDone(s *session, stages ...string) {
	s.waitScreen("▸ ")
	if strings.Contains(s.screen(), "▸ AWAITING-PAYMENT") {
		w.payAll(s.t)
	}
	s.waitScreen("▸ QUEUED")
	for _, st := range stages {
		w.next(s, "▸ "+st)
	}
	w.next(s, "enter exit")
	s.waitIdle()
	s.shot("done")
}

// TestFlowDebianMonthlyMiniserver orders the documented MSVM001 with
// Debian and follows the job from AWAITING-PAYMENT to DONE.
func TestFlowDebianMonthlyMiniserver(t *testing.T) {
	w := newWorld(t)
	s := start(t, fast(w.config()), 80, 24)
	s.waitIdle("What would you like to order?")
	s.shot("service")
	s.press("enter")
	s.waitIdle("Choose a plan", "› MSVM001", "£7.50/month · no setup fee")
	s.shot("plan: MSVM001, priced with Debian 13 until an OS is chosen")
	s.press("enter")
	s.waitIdle("Choose the operating system", "no setup fee")
	s.press("down")
	s.waitIdle("› Debian 12")
	s.shot("image: Debian 12")
	s.press("enter")
	s.waitIdle("Extras for")
	s.press("enter")
	s.skipDiscountAndPlace()
	s.waitScreen("▸ AWAITING-PAYMENT", "for invoice 100291")
	s.shot("following: awaiting payment")
	w.payAll(t)
	s.waitScreen("▸ QUEUED")
	w.next(s, "▸ PROVISIONING")
	w.next(s, "▸ INSTALLING-OS")
	s.shot("following: installing")
	w.next(s, "▸ CONFIGURING-NETWORK")
	w.next(s, "▸ BOOTING")
	w.next(s, "Your new service is ready: sandyaa3")
	s.shot("done")
	s.golden()
	if n := len(w.sb.Orders()); n != 1 {
		t.Fatalf("the sandbox received %d orders, want 1", n)
	}
	res := s.result()
	if !res.Placed || res.Service != "sandyaa3" || res.State != model.JobDone || res.InvoiceRef != 100291 {
		t.Fatalf("Result = %+v", res)
	}
}

// pressN presses one key n times.
func (s *session) pressN(k string, n int) {
	for range n {
		s.press(k)
	}
}

// TestFlowWindowsOnMSVM001: Windows is visible but impossible on the 1 GB
// plan, with Memset's reason; enter refuses it inline; f switches to the
// smallest plan that allows it, which is then quoted.
func TestFlowWindowsOnMSVM001(t *testing.T) {
	w := newWorld(t)
	s := start(t, fast(w.config()), 80, 24)
	s.press("enter")
	s.waitIdle("› MSVM001", "£7.50/month")
	s.press("enter")
	s.waitIdle("Choose the operating system")
	s.pressN("down", 14)
	s.waitIdle("› Microsoft Windows 2012 Server R2")
	s.shot("image: Windows 2012 R2 on MSVM001 is disabled with the reason and a fix")
	s.press("enter")
	s.waitIdle("cannot be chosen")
	s.shot("enter refuses it inline")
	s.press("f")
	s.waitIdle("MSVM002 · Microsoft Windows 2012 Server R2", "£27.00/month")
	s.shot("f switched to MSVM002 and the backend quoted it")
	s.golden()
	if n := w.sb.Requests(model.MethodMonthlyMiniserver); n == 0 {
		t.Fatal("no dry run was sent")
	}
}

// TestFlowServerRefusalOnField: when the backend refuses a configuration
// the local rules allowed, its message is shown on the field it names.
func TestFlowServerRefusalOnField(t *testing.T) {
	w := newWorld(t)
	// Without the services list the wizard cannot know the sandbox lacks
	// the plan, so the refusal comes from the sandbox itself.
	w.sb.AddFault(sandbox.Fault{Method: model.MethodServicesList, Status: 500})
	cfg := fast(w.config())
	cat := model.DefaultCatalogue()
	p, _ := cat.Product(model.ProductMonthlyMiniserver)
	p.SKUs = append([]model.SKU{{Code: "MSVM064", Name: "Miniserver VM 64 GB", RAMMB: 65536, DiskGB: 1280, VCPUs: 16, Price: model.MustAmount("250"), PriceSource: model.SourceSample, Source: model.SourceInferred}}, p.SKUs...)
	cfg.Catalogue = cat
	s := start(t, cfg, 80, 24)
	s.press("enter")
	s.waitIdle("› MSVM064", "Memset refused it")
	s.shot("plan: the sandbox does not know MSVM064; its refusal is on the plan")
	s.golden()
}

// TestFlowCPanelHourly: cPanel is listed on the hourly server, disabled,
// with Memset's reason.
func TestFlowCPanelHourly(t *testing.T) {
	w := newWorld(t)
	s := start(t, fast(w.config()), 80, 24)
	s.press("down")
	s.waitIdle("› Miniserver VM (hourly)", "Deprecated:")
	s.shot("service: hourly is deprecated, with Memset's reason")
	s.press("enter")
	s.waitIdle("£0.0104/hour")
	s.press("enter")
	s.waitIdle("Choose the operating system")
	s.pressN("down", 10)
	s.waitIdle("› cPanel on CentOS 7")
	s.press("enter")
	s.waitIdle("cannot be chosen")
	s.shot("image: cPanel refused on the hourly server")
	s.golden()
}

// TestFlowSnapshotAsOS orders a server from one of the account's snapshots.
func TestFlowSnapshotAsOS(t *testing.T) {
	w := newWorld(t)
	s := start(t, fast(w.config()), 100, 30)
	s.press("enter")
	s.waitIdle("£7.50/month")
	s.press("enter")
	s.waitIdle("Choose the operating system")
	s.press("end")
	s.waitIdle("› sandyaa1.2026-11-27-09-00-00")
	s.press("up", "up")
	s.waitIdle("› sandyaa1.2026-10-01-03-00-00", "MSVM001 · snapshot sandyaa1")
	s.shot("image: a Linux snapshot chosen; the Windows one needs 2 GB, the nightly is not ready")
	s.press("enter")
	s.waitIdle("Extras for")
	s.press("enter")
	s.skipDiscountAndPlace()
	s.waitScreen("▸ AWAITING-PAYMENT")
	s.golden()
	if os := w.sb.Orders()[0].Params["os"]; os != "sandyaa1.2026-10-01-03-00-00" {
		t.Fatalf("ordered os=%q, want the snapshot's os_option", os)
	}
}

// reachDiscount goes to the Discount step of a monthly MSVM001 with Debian 13.
func (s *session) reachDiscount() {
	s.press("enter")
	s.waitIdle("£7.50/month")
	s.press("enter")
	s.waitIdle("Choose the operating system", "no setup fee")
	s.press("enter")
	s.waitIdle("Extras for")
	s.press("enter")
	s.waitIdle("Discount code")
}

// TestFlowDiscountValid: a valid code says what it is and the price is
// re-quoted with and without it.
func TestFlowDiscountValid(t *testing.T) {
	w := newWorld(t)
	s := start(t, fast(w.config()), 80, 24)
	s.reachDiscount()
	s.typeText("MINI25")
	s.press("enter")
	s.waitIdle("is valid", "(saves £1.88)")
	s.shot("discount: MINI25 checked and re-quoted")
	s.press("enter")
	s.waitIdle("Review your order")
	s.shot("review with the code")
	s.golden()
}

// TestFlowDiscountInvalid: an unknown code is refused, said so, and
// cleared with one key.
func TestFlowDiscountInvalid(t *testing.T) {
	w := newWorld(t)
	s := start(t, fast(w.config()), 80, 24)
	s.reachDiscount()
	s.typeText("NOPE")
	s.press("enter")
	s.waitIdle("'NOPE' does not exist")
	s.shot("discount: NOPE refused")
	s.press("ctrl+x")
	s.waitIdle("enter skip")
	s.shot("cleared")
	s.golden()
}

// TestFlowFullServerWithExtras configures a dedicated server with extras,
// each option showing what it adds, and orders it.
func TestFlowFullServerWithExtras(t *testing.T) {
	w := newWorld(t)
	s := start(t, fast(w.config()), 100, 30)
	s.press("down", "down", "enter")
	s.waitIdle("› FS001", "£259.00  £100.00")
	s.shot("plan")
	s.press("enter")
	s.waitIdle("Choose the operating system", "first payment £139.00 for 1 month")
	s.press("enter")
	s.waitIdle("Extras for Dedicated server")
	s.pressN("down", 4)
	s.waitIdle("› Memory")
	s.press("enter")
	s.waitIdle("+£70.00", "+£150.00")
	s.shot("extras: memory options with what each adds")
	s.press("down", "enter")
	s.waitIdle("› Memory", "64 GB")
	s.press("up", "up", "enter", "end")
	s.waitIdle("› Managed by Memset", "+£25.00")
	s.press("enter")
	s.pressN("down", 9)
	s.press("enter", "down", "down")
	s.waitIdle("› 100 GB daily")
	s.press("enter")
	s.waitIdle("› Backups", "100 GB daily")
	s.shot("extras set")
	s.press("home", "enter")
	s.waitIdle("Discount code")
	s.press("enter")
	s.waitIdle("Review your order")
	s.shot("review")
	s.placeOrder()
	w.followToDone(s, "ALLOCATING-HARDWARE", "INSTALLING-OS", "CONFIGURING-NETWORK", "BOOTING")
	s.golden()
	got := w.sb.Orders()[0].Params
	for k, v := range map[string]string{"ram": "64", "firewall": "managed", "backups": "100", "sku": "FS001"} {
		if got[k] != v {
			t.Errorf("ordered %s=%q, want %q (all: %v)", k, got[k], v, got)
		}
	}
}

// TestFlowMemstore: Memstore has a plan and no OS or extras.
func TestFlowMemstore(t *testing.T) {
	w := newWorld(t)
	s := start(t, fast(w.config()), 80, 24)
	s.press("down", "down", "down", "enter")
	s.waitIdle("Choose a plan for Memstore", "£90.00")
	s.press("down")
	s.waitIdle("› MEMSTORE-1000", "£20.00/month · no setup fee")
	s.shot("plan")
	s.press("enter")
	s.skipDiscountAndPlace()
	w.followToDone(s, "CREATING-ACCOUNT")
	s.golden()
}

// TestFlowOpenStack: an OpenStack project with a name and a region.
func TestFlowOpenStack(t *testing.T) {
	w := newWorld(t)
	s := start(t, fast(w.config()), 80, 24)
	s.pressN("down", 4)
	s.press("enter")
	s.waitIdle("Choose a plan for OpenStack project", "£0.20")
	s.press("enter")
	s.waitIdle("Extras for OpenStack project")
	s.press("down", "enter")
	s.waitIdle("Project name")
	s.typeText("web prod")
	s.press("enter")
	s.waitIdle("✗ 1–64 letters, digits, - . _")
	s.shot("a name with a space is refused by the rule the API applies")
	s.press("backspace", "backspace", "backspace", "backspace", "backspace")
	s.typeText("-prod")
	s.press("enter")
	s.waitIdle("› Project name", "web-prod")
	s.press("down", "enter", "down", "enter")
	s.waitIdle("› Region", "Dunsfold")
	s.shot("extras")
	s.press("home", "enter")
	s.skipDiscountAndPlace()
	w.followToDone(s, "CREATING-PROJECT", "SETTING-QUOTAS")
	s.golden()
	got := w.sb.Orders()[0].Params
	if got["project_name"] != "web-prod" || got["region"] != "dunsfold" {
		t.Fatalf("ordered %v", got)
	}
}

// TestFlowBandwidthTopUp: which metered server and how many GB.
func TestFlowBandwidthTopUp(t *testing.T) {
	w := newWorld(t)
	s := start(t, fast(w.config()), 80, 24)
	s.press("end", "enter")
	s.waitIdle("Top up a server's bandwidth bank", "› sandyaa1")
	s.press("down")
	s.waitIdle("› sandyaa2")
	s.press("enter")
	s.waitIdle("cannot have a bandwidth bank")
	s.shot("an unmetered server is disabled, with Memset's reason")
	s.press("up", "enter")
	s.waitIdle("tab server")
	s.typeText("100")
	s.waitIdle("sandyaa1 · 100 GB", "£5.00 one-off")
	s.shot("100 GB priced")
	s.press("enter")
	s.skipDiscountAndPlace()
	w.followToDone(s)
	s.golden()
	if gb, _ := w.sb.BandwidthBank("sandyaa1"); gb != 100 {
		t.Fatalf("sandyaa1's bank holds %d GB, want 100", gb)
	}
}

// TestFlowJobFails: a job that fails is explained and its id stays.
func TestFlowJobFails(t *testing.T) {
	acct := sandboxAccount(func(a *sandboxAcct) { a.FailJobsAt = "INSTALLING-OS" })
	w := newWorld(t, acct)
	s := start(t, fast(w.config()), 80, 24)
	s.reachDiscount()
	s.press("enter")
	s.waitIdle("Review your order", "card “Company Visa”")
	s.placeOrder()
	s.waitScreen("▸ AWAITING-PAYMENT")
	w.payAll(t)
	s.waitScreen("▸ QUEUED")
	w.next(s, "▸ PROVISIONING")
	w.next(s, "▸ INSTALLING-OS")
	w.next(s, "The setup job failed at INSTALLING-OS")
	s.shot("done: failed")
	s.golden()
	res := s.result()
	if res.State != model.JobFailed || res.JobID == "" || res.Err == nil {
		t.Fatalf("Result = %+v", res)
	}
}

// TestFlowEscBackFromReviewKeepsAnswers: going back from Review to the
// start and forward again keeps every answer.
func TestFlowEscBackFromReviewKeepsAnswers(t *testing.T) {
	w := newWorld(t)
	s := start(t, fast(w.config()), 80, 24)
	s.press("enter", "down", "down")
	s.waitIdle("› MSVM004", "£20.00/month")
	s.press("enter")
	s.waitIdle("Choose the operating system", "no setup fee")
	s.pressN("down", 5)
	s.waitIdle("› Ubuntu 24.04")
	s.press("enter")
	s.waitIdle("Extras for")
	s.press("down", "enter", "down", "enter")
	s.waitIdle("› Billing period", "3 months")
	s.press("home", "enter")
	s.waitIdle("Discount code")
	s.typeText("WELCOME10")
	s.press("enter")
	s.waitIdle("is valid", "(saves £")
	s.press("enter")
	s.waitIdle("Review your order", "card “Company Visa”")
	before := normalize(s.screen())
	s.shot("review")
	s.pressN("esc", 5)
	s.waitIdle("What would you like to order?", "› Miniserver VM (monthly)")
	s.shot("back at Service")
	s.pressN("enter", 4)
	s.waitIdle("Discount code", "WELCOME10 is valid")
	s.press("enter")
	s.waitIdle("Review your order")
	s.shot("forward again: the same review")
	s.golden()
	if after := normalize(s.screen()); after != before {
		t.Fatalf("review changed after going back:\nbefore:\n%s\nafter:\n%s", before, after)
	}
}
