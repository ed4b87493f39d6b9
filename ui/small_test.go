package ui_test

import (
	"strings"
	"testing"
)

// smallSizes are the smallest terminals the wizard draws on: its minimum,
// 60×18, and 60×20.
var smallSizes = []struct {
	name string
	w, h int
}{{"60x20", 60, 20}, {"60x18", 60, 18}}

// TestSmallReview: on the smallest terminals Review's lines scroll under
// the cursor, so every line, down to the safety lines (Billing, the real
// account with its endpoint and key fingerprint, Payment) and the Price
// and Total, can be reached and read, with "↑ n more" and "↓ n more" saying
// what is hidden; the help line wraps onto a second line and loses no key.
func TestSmallReview(t *testing.T) {
	for _, sz := range smallSizes {
		t.Run(sz.name, func(t *testing.T) {
			w := newWorld(t)
			cfg := fast(w.config())
			cfg.Sandbox = false
			cfg.Endpoint = "https://api.memset.com/v1/json"
			cfg.AccountLabel = "key …" + testKey[28:]
			s := start(t, cfg, sz.w, sz.h)
			toReviewMSVM001(s, true, "› Service", "more")
			s.shot("review")
			for _, k := range []string{"↑↓ move", "enter edit", "b billing", "p place order", "s script", "esc back", "q quit"} {
				if !said(s.screen(), k) {
					t.Fatalf("the help line lost %q:\n%s", k, s.screen())
				}
			}
			for _, line := range []struct{ label, value string }{
				{"Billing", "invoiced now"},
				{"Account", "key …3c5e at https://api.memset.com/v1/json"},
				{"Payment", "card “Company Visa”, charged £9.00 (with VAT) automatically when the order is placed"},
				{"Price", "£7.50/month · no setup fee · first payment £7.50 for 1 month"},
				{"Total", "£7.50 + £1.50 VAT (20%) = £9.00 first payment"},
			} {
				s.pressUntil("down", "› "+line.label)
				if !said(s.screen(), line.label+" "+line.value) {
					t.Fatalf("with the cursor on %s, its line cannot be read:\n%s", line.label, s.screen())
				}
				if line.label == "Payment" || line.label == "Total" {
					s.shot("cursor on " + line.label)
				}
			}
			if !strings.Contains(s.screen(), "↑") {
				t.Fatalf("Review scrolled but does not say that lines are hidden above:\n%s", s.screen())
			}
			// The script view still opens from Review (its own goldens
			// keep its words).
			s.press("home")
			s.waitIdle("› Service")
			s.press("s")
			s.waitIdle("memset-order order")
			s.press("esc")
			s.waitIdle("› Service", "Press p to place the order")
			checkFits(t, s.history(), sz.w, sz.h)
			s.golden()
		})
	}
}
