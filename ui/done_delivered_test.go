package ui_test

import (
	"strings"
	"testing"

	"github.com/memset-order/memset-order/model"
)

// dvSizes are the sizes every Done golden of issue #10's "what you got"
// and "following that never lies" is kept at.
var dvSizes = []struct {
	name string
	w, h int
}{{"80x24", 80, 24}, {"100x30", 100, 30}}

// eachSize runs f once per size, as a subtest named after it (so each
// size has its own golden file).
func eachSize(t *testing.T, f func(t *testing.T, w, h int)) {
	for _, sz := range dvSizes {
		t.Run(sz.name, func(t *testing.T) { f(t, sz.w, sz.h) })
	}
}

// placeFromReview waits for Review, confirms and places the order.
func (s *session) placeFromReview() {
	s.waitIdle("Review your order", "Company Visa")
	s.placeOrder()
}

// toDone pays the placed order, moves its job through stages (waiting to
// see each) and waits for the Done screen with want on it.
func (w *world) toDone(s *session, stages []string, want ...string) {
	s.waitScreen("Order placed · invoice")
	w.payAll(s.t) // an hourly service starts at once: nothing to pay
	s.waitScreen("▸ QUEUED")
	for _, st := range stages {
		w.next(s, "▸ "+st)
	}
	w.next(s, append([]string{"enter exit"}, want...)...)
	s.waitIdle(want...)
}

// noAPIWords fails if a customer sentence on screen names an API method or
// an HTTP status.
func noAPIWords(t *testing.T, screen string) {
	t.Helper()
	for _, m := range model.Methods {
		if strings.Contains(screen, string(m.Name)) {
			t.Errorf("the screen names the API method %s:\n%s", m.Name, screen)
		}
	}
	for _, w := range []string{"HTTP", " 404", " 500", "ApiError"} {
		if strings.Contains(screen, w) {
			t.Errorf("the screen says %q:\n%s", w, screen)
		}
	}
}

// TestDoneMiniserver: a new Miniserver's Done screen names it and gives
// its host name, addresses (primary first), OS by its catalogue name and
// how to log in, as server.info says after the job.
func TestDoneMiniserver(t *testing.T) {
	eachSize(t, func(t *testing.T, width, height int) {
		w := newWorld(t)
		s := start(t, fast(w.config()), width, height)
		s.reachDiscount()
		s.press("enter")
		s.placeFromReview()
		w.toDone(s, []string{"PROVISIONING", "INSTALLING-OS", "CONFIGURING-NETWORK", "BOOTING"}, "Log in")
		s.shot("done")
		s.golden()
		scr := s.screen()
		for _, want := range []string{"✓ Your new service is ready: sandyaa3", "Name       sandyaa3", "Host name  sandyaa3.miniserver.com",
			"IP         198.51.100.10 (primary)", "2001:db8:11::10", "OS         Debian 13", "Log in     ssh root@sandyaa3.miniserver.com"} {
			if !strings.Contains(scr, want) {
				t.Errorf("Done lacks %q:\n%s", want, scr)
			}
		}
		noAPIWords(t, scr)
		if n := w.sb.Requests(model.MethodServerInfo); n != 1 {
			t.Errorf("server.info was asked %d times, want once", n)
		}
	})
}

// TestDoneDedicatedWindows: a dedicated server with Windows is reached by
// Remote Desktop to its address, as Administrator.
func TestDoneDedicatedWindows(t *testing.T) {
	eachSize(t, func(t *testing.T, width, height int) {
		w := newWorld(t)
		s := start(t, fast(w.config()), width, height)
		s.press("down", "down", "enter")
		s.waitIdle("› FS001")
		s.press("enter")
		s.waitIdle("Choose the operating system")
		s.press("end")
		s.pressUntil("up", "› Microsoft Windows 2022 Server")
		s.press("enter")
		s.waitIdle("Extras for Dedicated server")
		s.press("enter")
		s.waitIdle("Discount code")
		s.press("enter")
		s.placeFromReview()
		w.toDone(s, []string{"ALLOCATING-HARDWARE", "INSTALLING-OS", "CONFIGURING-NETWORK", "BOOTING"}, "Log in")
		s.shot("done")
		s.golden()
		scr := s.screen()
		if !strings.Contains(scr, "Remote Desktop to 198.51.100.10 as Administrator") || strings.Contains(scr, "ssh root@") {
			t.Errorf("a Windows server's login is not Remote Desktop:\n%s", scr)
		}
		if got := w.sb.Orders()[0].Params["os"]; got != "win2022serverstd_64" {
			t.Errorf("ordered os=%q", got)
		}
	})
}

// pressUntil presses key until the screen shows want (at most 40 times).
func (s *session) pressUntil(key, want string) {
	s.t.Helper()
	for range 40 {
		s.waitIdle()
		if strings.Contains(s.screen(), want) {
			return
		}
		s.press(key)
	}
	s.t.Fatalf("never reached %q:\n%s", want, s.screen())
}

// TestDoneMemstore: a Memstore's Done screen gives its endpoint and its
// admin user, <service>.admin.
func TestDoneMemstore(t *testing.T) {
	eachSize(t, func(t *testing.T, width, height int) {
		w := newWorld(t)
		s := start(t, fast(w.config()), width, height)
		s.press("down", "down", "down", "enter")
		s.waitIdle("Choose a plan for Memstore", "› MEMSTORE-100")
		s.press("enter")
		s.waitIdle("Discount code")
		s.press("enter")
		s.placeFromReview()
		w.toDone(s, []string{"CREATING-ACCOUNT"}, "Endpoint")
		s.shot("done")
		s.golden()
		scr := s.screen()
		for _, want := range []string{"✓ Your new service is ready: mssandyaa1", "Memstore   mssandyaa1 (LIVE)",
			"Endpoint   https://auth.storage.memset.com/v1.0", "User       mssandyaa1.admin"} {
			if !strings.Contains(scr, want) {
				t.Errorf("Done lacks %q:\n%s", want, scr)
			}
		}
		noAPIWords(t, scr)
	})
}

// TestDoneOpenStack: an OpenStack project's Done screen names the project
// as the customer typed it, its zone and its dashboard.
func TestDoneOpenStack(t *testing.T) {
	eachSize(t, func(t *testing.T, width, height int) {
		w := newWorld(t)
		s := start(t, fast(w.config()), width, height)
		s.pressN("down", 4)
		s.press("enter")
		s.waitIdle("Choose a plan for OpenStack project")
		s.press("enter")
		s.waitIdle("Extras for OpenStack project")
		s.press("down", "enter")
		s.waitIdle("Project name")
		s.typeText("web-prod")
		s.press("enter")
		s.waitIdle("› Project name", "web-prod")
		s.press("down", "enter", "down", "enter")
		s.waitIdle("› Region", "Dunsfold")
		s.press("home", "enter")
		s.waitIdle("Discount code")
		s.press("enter")
		s.placeFromReview()
		w.toDone(s, []string{"CREATING-PROJECT", "SETTING-QUOTAS"}, "Dashboard")
		s.shot("done")
		s.golden()
		scr := s.screen()
		for _, want := range []string{"✓ Your new service is ready: ossandyaa1", "Project    web-prod", "Zone       dunsfold",
			"Dashboard  https://dashboard.dunsfold-a.openstack.memset.com/"} {
			if !strings.Contains(scr, want) {
				t.Errorf("Done lacks %q:\n%s", want, scr)
			}
		}
	})
}

// TestDoneTopUp: a top-up's Done screen is not a new service: it says
// how much was added to which server's bank, and the bank's new balance
// as bandwidth.info says after the job.
func TestDoneTopUp(t *testing.T) {
	eachSize(t, func(t *testing.T, width, height int) {
		w := newWorld(t)
		s := start(t, fast(w.config()), width, height)
		s.press("end", "enter")
		s.waitIdle("Top up a server's bandwidth bank", "› sandyaa1")
		s.press("enter")
		s.waitIdle("tab server")
		s.typeText("50")
		s.waitIdle("sandyaa1 · 50 GB")
		s.press("enter")
		s.waitIdle("Discount code")
		s.press("enter")
		s.placeFromReview()
		w.toDone(s, nil, "Bank")
		s.shot("done")
		s.golden()
		scr := s.screen()
		if strings.Contains(scr, "new service") {
			t.Errorf("a top-up is called a new service:\n%s", scr)
		}
		for _, want := range []string{"✓ Added 50 GB to sandyaa1's bandwidth bank", "Bank       50 GB in sandyaa1's bandwidth bank now",
			"100 GB a month included · 150 GB left this month"} {
			if !strings.Contains(scr, want) {
				t.Errorf("Done lacks %q:\n%s", want, scr)
			}
		}
		if gb, _ := w.sb.BandwidthBank("sandyaa1"); gb != 50 {
			t.Errorf("the sandbox's bank holds %d GB", gb)
		}
	})
}

// TestDoneFailedJob: a job the sandbox fails in INSTALLING-OS keeps its
// stage list on Done with INSTALLING-OS marked ✗ (the stages before it ✓,
// after it pending), says how to reach Memset's support, and the result
// and the journal's stage agree.
func TestDoneFailedJob(t *testing.T) {
	eachSize(t, func(t *testing.T, width, height int) {
		w := newWorld(t, sandboxAccount(func(a *sandboxAcct) { a.FailJobsAt = "INSTALLING-OS" }))
		s := start(t, fast(w.config()), width, height)
		s.reachDiscount()
		s.press("enter")
		s.placeFromReview()
		s.waitScreen("▸ AWAITING-PAYMENT")
		w.payAll(t)
		s.waitScreen("▸ QUEUED")
		w.next(s, "▸ PROVISIONING")
		w.next(s, "▸ INSTALLING-OS")
		s.shot("following: installing, as the sandbox shows it before it fails")
		w.next(s, "The setup job failed")
		s.waitIdle("enter exit")
		s.shot("done: failed")
		s.golden()
		scr := s.screen()
		for _, want := range []string{"✗ The setup job failed at INSTALLING-OS (status FAILED)", "✓ PROVISIONING", "✗ INSTALLING-OS",
			"· CONFIGURING-NETWORK", "· DONE"} {
			if !strings.Contains(scr, want) {
				t.Errorf("Done lacks %q:\n%s", want, scr)
			}
		}
		if !dvSaid(scr, "Contact Memset support (control panel → Support, or support@memset.com) with the job id and invoice below.") {
			t.Errorf("Done does not say how to reach support:\n%s", scr)
		}
		if strings.Contains(scr, "✗ FAILED") {
			t.Errorf("FAILED is listed as a stage of its own:\n%s", scr)
		}
		if res := s.result(); res.State != model.JobFailed || res.Stage != "INSTALLING-OS" {
			t.Errorf("Result = %+v, want failed at INSTALLING-OS", res)
		}
		if n := w.sb.Requests(model.MethodServerInfo) + w.sb.Requests(model.MethodServiceInfo); n != 0 {
			t.Errorf("%d reads of a service a failed job never made", n)
		}
	})
}

// dvSaid reports whether screen says text, however it is wrapped.
func dvSaid(screen, text string) bool {
	return strings.Contains(strings.Join(strings.Fields(screen), " "), strings.Join(strings.Fields(text), " "))
}
