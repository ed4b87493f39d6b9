package e2e

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The money tests (issue #8, point 2): what a person sees, on screen, in
// the summary left in the terminal, in the exit status and in the journal,
// when an order does not go the usual way.

// keyCtrlC is ctrl+c as a terminal sends it in raw mode.
const keyCtrlC = "\x03"

// quitPrompt is what the Placing screen asks before quitting.
const quitPrompt = "Quit anyway?"

// TestLeaveWhilePlacing leaves the wizard while the create's answer is
// still coming (the backend holds every real order back for a minute), in
// each of the four ways a person can: q then y, ctrl+c twice, SIGTERM and
// SIGINT. Each time the order may exist: the summary says so and names the
// journal entry, never "Nothing was ordered"; the exit status is 3; the
// journal holds the entry as pending or unknown; the create went out once.
func TestLeaveWhilePlacing(t *testing.T) {
	t.Parallel()
	for _, way := range []struct {
		name  string
		leave func(s *session)
	}{
		{"q then y", func(s *session) {
			s.keys("q")
			s.waitScreen(quitPrompt)
			s.keys("y")
		}},
		{"ctrl+c twice", func(s *session) {
			s.keys(keyCtrlC)
			s.waitScreen(quitPrompt)
			s.keys(keyCtrlC)
		}},
		{"SIGTERM", func(s *session) { s.signal(syscall.SIGTERM) }},
		{"SIGINT", func(s *session) { s.signal(syscall.SIGINT) }},
	} {
		t.Run(way.name, func(t *testing.T) {
			t.Parallel()
			b, u, s := startOrdering(t)
			b.delayOrders(time.Minute)
			toReview(s)
			confirm(s)
			s.waitScreen("Placing your order")
			b.waitRealOrder(t)

			way.leave(s)
			code := s.wait()
			out := s.afterFullScreen()
			rec := oneRecord(t, u)
			if code != 3 {
				t.Errorf("leaving while placing exits %d, want 3 (outcome unknown)\n%s\nstderr:\n%s", code, out, s.stderrText())
			}
			for _, want := range []string{"may or may not have been placed", "journal entry " + rec.ID, u.journalPath(), "orders settle " + rec.ID} {
				if !strings.Contains(squash(out), want) {
					t.Errorf("the summary does not say %q:\n%s", want, out)
				}
			}
			if strings.Contains(strings.ToLower(out+s.stderrText()), "nothing was ordered") {
				t.Errorf("an order that may exist is reported as nothing ordered:\n%s\n%s", out, s.stderrText())
			}
			if !strings.Contains(s.stderrText(), "Waiting up to 5 s for Memset's answer") {
				t.Errorf("stderr does not say the program waits for the answer:\n%s", s.stderrText())
			}
			if rec.State != "pending" && rec.State != "unknown" {
				t.Errorf("the journal records state %q for an order left while placing, want pending or unknown: %+v", rec.State, rec)
			}
			if n := b.realOrders(); n != 1 {
				t.Errorf("%d real orders reached the backend for one confirmation, want 1", n)
			}
		})
	}
}

// TestPriceMismatch: the real create is answered with net_total 750.00 in
// USD after £7.50 was confirmed. The order exists (once); the screen and
// the summary say Memset's answer differs, naming what it says was
// ordered; the exit status is 5; the journal says price-mismatch with
// Memset's total and currency.
func TestPriceMismatch(t *testing.T) {
	t.Parallel()
	b, u, s := startOrdering(t)
	b.rewriteOrders(func(t *testing.T, body []byte) []byte {
		return rewriteJSON(t, body, map[string]json.RawMessage{"net_total": json.RawMessage("750.00"), "currency": json.RawMessage(`"USD"`)})
	})
	toReview(s)
	confirm(s)
	ref, job := following(s)
	scr := s.waitScreen("differs from the price you confirmed", "$750.00")
	if !strings.Contains(squash(scr), "the currency is USD, not GBP") {
		t.Errorf("the screen does not say the currency differs:\n%s", scr)
	}
	o := oneOrder(t, b)
	if o.InvoiceRef != ref || o.JobID != job {
		t.Fatalf("the screen shows invoice %d job %s, the sandbox issued invoice %d job %s", ref, job, o.InvoiceRef, o.JobID)
	}
	code := s.quit()
	out := squash(s.afterFullScreen())
	if code != 5 {
		t.Errorf("the wizard exits %d after a price that differs, want 5\n%s", code, out)
	}
	for _, want := range []string{
		"Ordered: invoice " + strconv.Itoa(ref) + ", job " + job + ".",
		"differs from the price you confirmed (£7.50 net, GBP)",
		"$750.00 net, in USD",
		"the total is $750.00, not £7.50",
		"awaiting payment",
		"job follow " + job,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the summary does not say %q:\n%s", want, out)
		}
	}
	rec := oneRecord(t, u)
	if rec.State != "price-mismatch" || rec.NetTotal != "750.00" || rec.Currency != "USD" || rec.InvoiceRef != ref || rec.JobID != job {
		t.Errorf("the journal records %+v, want price-mismatch with 750.00 USD, invoice %d and job %s", rec, ref, job)
	}
	if table := u.run("orders"); !containsAll(table.stdout, []string{"PRICE DIFFERS", "$750.00", "differs from the price confirmed"}) {
		t.Errorf("orders does not show the price that differs:\n%s", table)
	}
}

// TestDryRunAnsweredWithOrder: a price check (dry run) is answered with a
// real order. The wizard says so, sends no create of any kind after it,
// journals what came back as dry-run-order, and exits 5 saying what came
// back.
func TestDryRunAnsweredWithOrder(t *testing.T) {
	t.Parallel()
	ref, job, body := realOrderAnswer(t)
	b := newBackend(t)
	b.answerDryRuns(body)
	u := newUser(t).withKey(testKey)
	s := u.startOrder(b)
	s.waitScreen("What would you like to order?", "Miniserver VM (monthly)")
	s.keys(keyEnter)
	s.waitScreen("A price check came back as a real order", "invoice "+strconv.Itoa(ref))
	sent := b.creates()
	// Keys that would ask prices on any other screen; and time for the
	// debounce and the list prices' prefetch to fire, were they armed.
	s.keys(keyDown, keyDown, keyEnter)
	time.Sleep(2 * time.Second)
	if n := b.creates(); n != sent {
		t.Errorf("%d more create calls reached the backend after the price check came back as an order, want none", n-sent)
	}
	if n := b.realOrders(); n != 0 {
		t.Errorf("%d real orders reached the backend, want none", n)
	}
	code := s.quit()
	out := squash(s.afterFullScreen())
	recs := u.ordersJSON()
	if code != 5 {
		t.Errorf("the wizard exits %d after a price check came back as an order, want 5\n%s", code, out)
	}
	if len(recs) == 0 {
		t.Fatalf("the journal records nothing of the order that came back")
	}
	for _, r := range recs {
		if r.State != "dry-run-order" || r.InvoiceRef != ref || r.JobID != job {
			t.Errorf("the journal records %+v, want dry-run-order with invoice %d and job %s", r, ref, job)
		}
	}
	for _, want := range []string{"came back as a real order", "Came back: invoice " + strconv.Itoa(ref) + ", job " + job, "journal entry " + recs[0].ID} {
		if !strings.Contains(out, want) {
			t.Errorf("the summary does not say %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "Nothing was ordered") {
		t.Errorf("the summary says nothing was ordered:\n%s", out)
	}
}

// TestRefusedAfterSend: the create reaches Memset and is refused with a
// 4xx and Memset's error body. The screen says Memset refused it (not that
// it was not sent); the summary says nothing was ordered and why; the exit
// status is 4; the journal says refused.
func TestRefusedAfterSend(t *testing.T) {
	t.Parallel()
	b, u, s := startOrdering(t)
	b.refuseOrders(http.StatusPaymentRequired,
		`{"error":"The default payment method cannot pay for this order.","error_type":"ApiErrorPaymentMethod","error_code":7}`)
	toReview(s)
	confirm(s)
	scr := s.waitScreen("Memset refused", "cannot pay for this order")
	if strings.Contains(scr, "not sent") {
		t.Errorf("a create Memset refused is reported as not sent:\n%s", scr)
	}
	code := s.quit()
	out := squash(s.afterFullScreen())
	if code != 4 {
		t.Errorf("the wizard exits %d after Memset refused the order, want 4\n%s", code, out)
	}
	if !strings.Contains(out, "Memset refused the order; nothing was ordered:") || !strings.Contains(out, "cannot pay for this order") {
		t.Errorf("the summary does not say Memset refused the order and why:\n%s", out)
	}
	if rec := oneRecord(t, u); rec.State != "refused" {
		t.Errorf("the journal records %+v, want refused", rec)
	}
	if n := b.realOrders(); n != 1 {
		t.Errorf("%d real orders reached the backend for one confirmation, want 1", n)
	}
}

// realOrderAnswer orders MSVM001 from a sandbox of its own and returns
// the invoice, the job and the raw answer: a real order's answer as the
// sandbox writes it.
func realOrderAnswer(t *testing.T) (int, string, string) {
	t.Helper()
	other := newBackend(t)
	code, body := postCreateBody(t, other.url, testKey, "sku=MSVM001&os=debian_trixie_64&dry_run=0")
	o := other.sb.Orders()
	if code != http.StatusOK || len(o) != 1 {
		t.Fatalf("ordering from a sandbox directly: HTTP %d, %d orders: %s", code, len(o), body)
	}
	return o[0].InvoiceRef, o[0].JobID, body
}

// rewriteJSON sets fields of a JSON object, keeping the rest of it as it
// was written.
func rewriteJSON(t *testing.T, body []byte, set map[string]json.RawMessage) []byte {
	t.Helper()
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(body, &obj); err != nil {
		t.Errorf("the sandbox's answer is not a JSON object: %v\n%s", err, body)
		return body
	}
	for k, v := range set {
		if _, ok := obj[k]; !ok {
			t.Errorf("the sandbox's answer has no %q to rewrite: %s", k, body)
		}
		obj[k] = v
	}
	out, err := json.Marshal(obj)
	if err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSpace(out)
}

// TestInterruptedBeforeOrdering: a signal before anything was confirmed
// ends the wizard with nothing ordered and nothing in doubt: it says so,
// waits for nothing, and exits 130.
func TestInterruptedBeforeOrdering(t *testing.T) {
	t.Parallel()
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			t.Parallel()
			b, _, s := startOrdering(t)
			s.waitScreen("What would you like to order?", "Miniserver VM (monthly)")
			s.signal(sig)
			if code := s.wait(); code != 130 {
				t.Errorf("a signal before ordering exits %d, want 130\n%s", code, s.stderrText())
			}
			if out := s.afterFullScreen(); !strings.Contains(out, "Nothing was ordered.") {
				t.Errorf("the summary does not say nothing was ordered:\n%s", out)
			}
			if strings.Contains(s.stderrText(), "Waiting") {
				t.Errorf("the program waited for an answer to an order it never sent:\n%s", s.stderrText())
			}
			if n := b.creates(); n != 0 {
				t.Logf("%d price checks were made before the signal", n)
			}
			if n := b.realOrders(); n != 0 {
				t.Errorf("%d real orders reached the backend", n)
			}
		})
	}
}
