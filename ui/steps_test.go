package ui_test

import (
	"strings"
	"testing"
)

// TestStepGoldens keeps one golden screen per step (and per state of the
// steps that have several), at 80×24.
func TestStepGoldens(t *testing.T) {
	w := newWorld(t)
	g := gatedPlace{Client: w.client, release: make(chan struct{})}
	cfg := fast(w.config())
	cfg.Backend = g
	s := start(t, cfg, 80, 24)
	s.waitIdle("What would you like to order?")
	s.stepGolden("Service")
	s.press("enter", "down")
	s.waitIdle("› MSVM002", "£12.00/month · no setup fee")
	s.stepGolden("Plan")
	s.press("enter")
	s.waitIdle("Choose the operating system", "£12.00/month")
	s.stepGolden("Image")
	s.press("enter")
	s.waitIdle("Extras for")
	s.stepGolden("Extras")
	s.press("down", "down", "enter")
	s.waitIdle("Each option shows what it adds", "+£15.00")
	s.stepGolden("ExtrasChoice")
	s.press("esc", "end")
	s.pressN("up", 6)
	s.press("enter")
	s.waitIdle("SSH public key", "ssh-ed25519 AAAA")
	s.typeText("not-a-key")
	s.press("enter")
	s.waitIdle("not an OpenSSH public key")
	s.stepGolden("ExtrasField")
	s.press("esc", "home", "enter")
	s.waitIdle("Discount code")
	s.stepGolden("Discount")
	s.press("enter")
	s.waitIdle("Review your order", "card “Company Visa”")
	s.stepGolden("Review")
	s.press("p")
	s.typeText("ord")
	s.press("enter")
	s.waitIdle("That is not the word order")
	s.stepGolden("ReviewConfirm")
	s.typeText("er")
	s.press("enter")
	s.waitScreen("Placing your order")
	s.stepGolden("Placing")
	close(g.release)
	s.waitScreen("▸ AWAITING-PAYMENT", "for invoice 100291")
	s.stepGolden("Following")
	w.payAll(t)
	s.waitScreen("▸ QUEUED")
	for _, st := range []string{"PROVISIONING", "INSTALLING-OS", "CONFIGURING-NETWORK", "BOOTING"} {
		w.next(s, "▸ "+st)
	}
	w.next(s, "Your new service is ready")
	s.stepGolden("Done")
}

// TestStepGoldenTarget is the top-up's own step.
func TestStepGoldenTarget(t *testing.T) {
	w := newWorld(t)
	s := start(t, fast(w.config()), 80, 24)
	s.press("end", "enter")
	s.waitIdle("Top up a server's bandwidth bank", "› sandyaa1")
	s.press("enter")
	s.typeText("250")
	s.waitIdle("£12.50 one-off")
	s.stepGolden("Target")
}

// TestStepGoldensLarge shows the layout at 200×60: the quote pane is a
// column on the right.
func TestStepGoldensLarge(t *testing.T) {
	w := newWorld(t)
	s := start(t, fast(w.config()), 200, 60)
	s.waitIdle("What would you like to order?")
	s.stepGolden("Service")
	s.press("enter")
	s.waitIdle("› MSVM001", "£130.00")
	s.stepGolden("Plan")
	s.press("enter")
	s.waitIdle("Choose the operating system", "no setup fee")
	s.stepGolden("Image")
	s.press("enter", "enter")
	s.waitIdle("Discount code")
	s.typeText("WELCOME10")
	s.press("enter")
	s.waitIdle("WELCOME10 saves")
	s.press("enter")
	s.waitIdle("Review your order", "card “Company Visa”")
	s.stepGolden("Review")
}

// TestStepGoldenReviewLive is Review against a real endpoint: no SANDBOX
// badge, the endpoint and the key's label (never the key) instead.
func TestStepGoldenReviewLive(t *testing.T) {
	w := newWorld(t)
	cfg := fast(w.config())
	cfg.Sandbox = false
	cfg.Endpoint = "https://api.memset.com/v1/json"
	cfg.AccountLabel = "key …" + testKey[28:]
	s := start(t, cfg, 80, 24)
	s.reachDiscount()
	s.press("enter")
	s.waitIdle("Review your order", "card “Company Visa”")
	acct := "key …" + testKey[28:] + " at https://api.memset.com/v1/json"
	if !strings.Contains(s.screen(), "Account   "+acct) {
		t.Fatalf("Review does not name the account and endpoint:\n%s", s.screen())
	}
	s.press("p")
	s.waitIdle("type order >")
	if got := strings.Join(strings.Fields(s.screen()), " "); !strings.Contains(got, "on the account of "+acct+"?") {
		t.Fatalf("the confirmation does not name the account and endpoint:\n%s", s.screen())
	}
	s.stepGolden("ReviewConfirm")
}
