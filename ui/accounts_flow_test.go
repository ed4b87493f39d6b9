package ui_test

import (
	"strings"
	"testing"

	"github.com/memset-order/memset-order/api/sandbox"
	"github.com/memset-order/memset-order/model"
)

// sizes are the terminal sizes every customer-words golden is kept at.
var sizes = []struct {
	name string
	w, h int
}{{"80x24", 80, 24}, {"100x30", 100, 30}}

// atBothSizes runs f once per size, as a subtest named after it.
func atBothSizes(t *testing.T, f func(t *testing.T, w, h int)) {
	for _, sz := range sizes {
		t.Run(sz.name, func(t *testing.T) { f(t, sz.w, sz.h) })
	}
}

// presetWorld is a sandbox world with a named demo account.
func presetWorld(t *testing.T, name string) *world {
	t.Helper()
	acct, err := sandbox.AccountPreset(name)
	if err != nil {
		t.Fatal(err)
	}
	return newWorld(t, sandbox.WithAccount(acct))
}

// toReviewMSVM001 walks Service → Plan (MSVM001) → Image (Debian 13) →
// Extras → Discount → Review, waiting for Review to show want.
func toReviewMSVM001(s *session, priced bool, want ...string) {
	s.waitIdle("What would you like to order?")
	s.press("enter")
	if priced {
		s.waitIdle("Choose a plan", "› MSVM001", "£7.50/month · no setup fee")
	} else {
		s.waitIdle("Choose a plan", "› MSVM001", "Cannot be ordered")
	}
	s.shot("plan")
	s.press("enter")
	s.waitIdle("Choose the operating system", "MSVM001 · Debian 13")
	s.press("enter")
	s.waitIdle("Extras for")
	s.press("enter")
	s.waitIdle("Discount code")
	s.press("enter")
	s.waitIdle(append([]string{"Review your order"}, want...)...)
}

// said reports whether the screen says text, however it is wrapped.
func said(screen, text string) bool {
	return strings.Contains(strings.Join(strings.Fields(screen), " "), strings.Join(strings.Fields(text), " "))
}

// TestFlowPerAccount orders the documented Miniserver (MSVM001, Debian 13)
// from every sandbox demo account, from Service to Done or to the
// refusal, and checks that each is told how it will really pay: a card is
// charged automatically, a bank transfer is paid by hand with the amount
// with VAT and the invoice reference, a consolidated account's charge goes
// on the next bill, and PayPal or an expired card is refused once, with
// where to fix it and no place-order key offered.
func TestFlowPerAccount(t *testing.T) {
	for _, tc := range []struct {
		account string
		// review is what Review says of the payment.
		review []string
		// blocked accounts stop on Review: nothing is sent.
		blocked bool
		// waiting is what following says while the invoice is unpaid
		// ("" when the job does not wait for a payment).
		waiting string
	}{
		{account: "default",
			review:  []string{"card “Company Visa”, charged £9.00 (with VAT) automatically when the order is placed"},
			waiting: "Waiting for Memset to charge card “Company Visa” for invoice 100291 (£9.00 with VAT): it is charged automatically"},
		{account: "consolidated",
			review: []string{"card “Company Visa”, with your next consolidated bill; nothing is charged now"}},
		{account: "bank-transfer",
			review:  []string{"bank transfer: you pay an invoice for £9.00 (with VAT) yourself; the set-up starts once it is paid"},
			waiting: "Waiting for your payment: pay invoice 100291 (£9.00 with VAT) by bank transfer, quoting 100291 as the reference"},
		{account: "paypal", blocked: true,
			review: []string{"PayPal, your default payment method, cannot pay for orders placed through the API.", "under Billing › Payment methods"}},
		{account: "expired-card", blocked: true,
			review: []string{"Your default payment method, card “Company Visa” (expired), has expired.", "under Billing › Payment methods"}},
		{account: "empty",
			review:  []string{"card “Company Visa”, charged £9.00 (with VAT) automatically"},
			waiting: "Waiting for Memset to charge card “Company Visa” for invoice 100291"},
	} {
		t.Run(tc.account, func(t *testing.T) {
			atBothSizes(t, func(t *testing.T, w, h int) {
				wd := presetWorld(t, tc.account)
				s := start(t, fast(wd.config()), w, h)
				toReviewMSVM001(s, !tc.blocked, "Payment")
				s.waitFor("Review's payment words", func(screen string, busy bool) bool {
					for _, r := range tc.review {
						if !said(screen, r) {
							return false
						}
					}
					return !busy
				})
				s.shot("review")
				if tc.blocked {
					if strings.Contains(s.screen(), "p place order") {
						t.Fatalf("placing is blocked, but the help line offers it:\n%s", s.screen())
					}
					if n := strings.Count(strings.Join(strings.Fields(s.screen()), " "), tc.review[0]); n != 1 {
						t.Fatalf("the reason is said %d times, want once:\n%s", n, s.screen())
					}
					s.press("p")
					s.waitIdle("Review your order")
					if strings.Contains(s.screen(), "type order >") {
						t.Fatalf("p opened the confirmation although placing is blocked:\n%s", s.screen())
					}
					s.shot("p refused")
					if n := len(wd.sb.Orders()); n != 0 {
						t.Fatalf("the sandbox received %d orders, want none", n)
					}
					s.golden()
					return
				}
				s.placeOrder()
				if tc.waiting != "" {
					s.waitFor("the payment note", func(screen string, _ bool) bool {
						return said(screen, tc.waiting)
					})
					s.shot("following: waiting for the payment")
					wd.payAll(t)
				}
				s.waitScreen("▸ QUEUED")
				if said(s.screen(), "Waiting for") {
					t.Fatalf("the job started but the screen still waits for a payment:\n%s", s.screen())
				}
				for _, st := range []string{"PROVISIONING", "INSTALLING-OS", "CONFIGURING-NETWORK", "BOOTING"} {
					wd.next(s, "▸ "+st)
				}
				wd.next(s, "sandyaa")
				s.waitIdle()
				s.shot("done")
				s.golden()
				if n := len(wd.sb.Orders()); n != 1 {
					t.Fatalf("the sandbox received %d orders, want 1", n)
				}
				if res := s.result(); !res.Placed || res.State != model.JobDone {
					t.Fatalf("Result = %+v", res)
				}
			})
		})
	}
}
