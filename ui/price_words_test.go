package ui_test

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
)

// TestPricesPeopleCompare: a monthly product shows its price per month, its
// setup fee and its first payment as three facts, in the plan list, the
// pane, Review (with the VAT-inclusive total) and the confirmation; an
// hourly one shows per hour with a 730-hour month beside it.
func TestPricesPeopleCompare(t *testing.T) {
	t.Run("dedicated", func(t *testing.T) {
		atBothSizes(t, func(t *testing.T, w, h int) {
			wd := newWorld(t)
			s := start(t, fast(wd.config()), w, h)
			s.press("down", "down", "enter")
			s.waitIdle("› FS001", "£259.00  £100.00", "£89.00/month + £50.00 setup", "first payment £139.00 for 1 month")
			s.shot("plan list and pane")
			s.press("enter")
			s.waitIdle("Choose the operating system")
			s.press("enter")
			s.waitIdle("Extras for")
			s.press("down", "enter") // the billing period
			s.waitIdle("3 months")
			s.press("down", "enter")
			s.waitIdle("Extras for", "first payment £317.00 for 3 months")
			s.press("home", "enter")
			s.waitIdle("Discount code")
			s.press("enter")
			s.waitIdle("Review your order", "Total")
			scr := strings.Join(strings.Fields(s.screen()), " ")
			for _, want := range []string{
				"£89.00/month + £50.00 setup · first payment £317.00 for 3 months",
				"£317.00 + £63.40 VAT (20%) = £380.40 first payment",
			} {
				if !strings.Contains(scr, want) {
					t.Fatalf("Review does not say %q:\n%s", want, s.screen())
				}
			}
			s.shot("review: net and VAT-inclusive totals")
			s.press("p")
			s.waitIdle("type order >")
			if !said(s.screen(), "Place it for £89.00/month + £50.00 setup · first payment £317.00 for 3 months (£380.40 with VAT)") {
				t.Fatalf("the confirmation does not use the same words:\n%s", s.screen())
			}
			s.shot("confirmation")
			s.golden()
		})
	})
	t.Run("hourly", func(t *testing.T) {
		atBothSizes(t, func(t *testing.T, w, h int) {
			wd := newWorld(t)
			s := start(t, fast(wd.config()), w, h)
			s.press("down", "enter")
			s.waitIdle("› MS0025", "Per hour", "About/month", "£0.0104/hour · no setup fee", "about £7.59/month (730 h)")
			s.shot("plan list and pane")
			s.press("enter")
			s.waitIdle("Choose the operating system")
			s.press("enter")
			s.waitIdle("Extras for")
			s.press("enter")
			s.waitIdle("Discount code")
			s.press("enter")
			s.waitIdle("Review your order", "Total")
			if !said(s.screen(), "£7.59 + £1.52 VAT (20%) = £9.11 for a 730-hour month, estimated") ||
				!said(s.screen(), "charged in arrears for what is used; nothing is charged now") {
				t.Fatalf("Review does not give the hourly estimate and arrears billing:\n%s", s.screen())
			}
			if strings.Contains(s.screen(), "b billing") {
				t.Fatalf("billing in arrears has no choice to make, but b is offered:\n%s", s.screen())
			}
			s.shot("review")
			s.golden()
		})
	})
}

// TestTopUpInItsOwnWords: an unmetered server gets its real reason in the
// pane (not "Amount is required"), and an account with no metered server
// gets a dead end with a way back instead of an Amount field.
func TestTopUpInItsOwnWords(t *testing.T) {
	t.Run("unmetered", func(t *testing.T) {
		atBothSizes(t, func(t *testing.T, w, h int) {
			wd := newWorld(t)
			s := start(t, fast(wd.config()), w, h)
			s.press("end", "enter")
			s.waitIdle("Top up a server's bandwidth bank", "› sandyaa1")
			s.press("down")
			s.waitIdle("› sandyaa2")
			if said(s.screen(), "Amount is required") || !strings.Contains(s.screen(), "No price: sandyaa2 has") {
				t.Fatalf("the pane does not give the unmetered server's reason:\n%s", s.screen())
			}
			s.shot("unmetered server")
			s.golden()
		})
	})
	t.Run("no servers", func(t *testing.T) {
		atBothSizes(t, func(t *testing.T, w, h int) {
			wd := presetWorld(t, "empty")
			s := start(t, fast(wd.config()), w, h)
			s.press("end", "enter")
			s.waitIdle("This account has no servers")
			if strings.Contains(s.screen(), "Amount (") || strings.Contains(s.screen(), "enter amount") {
				t.Fatalf("a dead end still offers the Amount field:\n%s", s.screen())
			}
			s.shot("dead end")
			s.press("enter")
			s.waitIdle("What would you like to order?")
			s.shot("enter goes back")
			s.golden()
		})
	})
}

// TestUnknownOutcomeSaysNetAndGross: the screen after a lost answer
// compares the confirmed net price with invoice amounts that include VAT,
// and says which is which.
func TestUnknownOutcomeSaysNetAndGross(t *testing.T) {
	atBothSizes(t, func(t *testing.T, w, h int) {
		wd := newWorld(t)
		cfg := wd.config()
		j, _ := journalFor(t, wd)
		cfg.Journal = j
		d := newDriver(t, cfg, w, h)
		d.placeLost(wd)
		d.mustSay("You confirmed £7.50 net of VAT (£9.00 with VAT); invoice amounts include VAT.")
		d.must("£9.00 with VAT")
		checkNoKey(t, d.screen())
		golden.RequireEqual(t, []byte(normalize(d.screen())))
	})
}
