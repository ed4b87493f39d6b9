package e2e

import (
	"strconv"
	"strings"
	"testing"

	"github.com/memset-order/memset-order/api/sandbox"
	"github.com/memset-order/memset-order/model"
)

// The fault tests (issue #5): one confirmation per test, a fault at each
// stage of placing and following, and every time at most one order in the
// sandbox's ledger and every invoice and job id it issued in the journal.

// TestFaultBeforeSend: the backend is gone when the order is confirmed.
// Nothing reaches it, the wizard says nothing was sent and stays on Review,
// and the journal records the attempt as refused.
func TestFaultBeforeSend(t *testing.T) {
	t.Parallel()
	b, u, s := startOrdering(t)
	toReview(s)
	b.stop()
	confirm(s)

	scr := s.waitScreen("Review your order", "nothing was sent")
	if strings.Contains(scr, "Order placed") || strings.Contains(scr, "may or may not") {
		t.Errorf("an order that was never sent is reported as placed or unknown:\n%s", scr)
	}
	if strings.Contains(scr, "Memset refused") {
		t.Errorf("an order that never reached Memset is reported as refused by Memset:\n%s", scr)
	}
	if n := len(b.sb.Orders()); n != 0 {
		t.Errorf("the sandbox ledger holds %d orders, want 0", n)
	}
	rec := oneRecord(t, u)
	if rec.State != "refused" || !strings.Contains(rec.Error, "nothing was sent") || rec.InvoiceRef != 0 || rec.JobID != "" {
		t.Errorf("the journal records %+v, want state refused with an error saying nothing was sent", rec)
	}
	code := s.quit()
	out := s.afterFullScreen() + s.stderrText()
	if code == 0 || code == 3 || !strings.Contains(strings.ToLower(out), "nothing was ordered") || !strings.Contains(out, "nothing was sent") {
		t.Errorf("after a create that was never sent the wizard exits %d and says:\n%s\nwant a non-zero exit (not 3) saying nothing was ordered and nothing was sent", code, out)
	}
	if n := len(b.sb.Orders()); n != 0 {
		t.Errorf("the sandbox ledger holds %d orders after quitting, want 0", n)
	}
}

// TestFaultAfterSendWithoutAnswer: the create is processed but its
// connection drops before the answer. The order exists once; the wizard
// says it may or may not exist and does not send it again; the journal and
// `orders` say OUTCOME UNKNOWN; the exit code is 3.
func TestFaultAfterSendWithoutAnswer(t *testing.T) {
	t.Parallel()
	b, u, s := startOrdering(t)
	toReview(s)
	b.dropNextOrder()
	confirm(s)

	scr := s.waitScreen("may or may not")
	if strings.Contains(scr, "Order placed") {
		t.Errorf("a lost answer is shown as placed:\n%s", scr)
	}
	o := oneOrder(t, b)
	// The wizard checks invoice.list once, without ordering again, shows
	// the invoice the order raised and records it in the journal.
	s.waitScreen(strconv.Itoa(o.InvoiceRef), "candidates")
	if code := s.quit(); code != 3 {
		t.Errorf("the wizard exits %d after a lost answer, want 3\n%s", code, s.screen())
	}
	if out := s.afterFullScreen(); !strings.Contains(out, "may or may not have been placed") || !strings.Contains(out, u.journalPath()) {
		t.Errorf("the summary does not say the order may or may not exist and where the journal is:\n%s", out)
	}
	oneOrder(t, b)

	rec := oneRecord(t, u)
	if rec.State != "unknown" {
		t.Errorf("the journal records state %q for a lost answer, want unknown: %+v", rec.State, rec)
	}
	if rec.Params["sku"] != "MSVM001" {
		t.Errorf("the journal's intent does not say what was sent: %+v", rec)
	}
	if !containsInt(rec.Candidates, o.InvoiceRef) {
		t.Errorf("the journal's candidate invoices %v do not include the invoice the sandbox raised, %d", rec.Candidates, o.InvoiceRef)
	}
	table := u.run("orders")
	if table.code != 0 || !strings.Contains(table.stdout, "OUTCOME UNKNOWN") || !strings.Contains(table.stdout, "may or may not") {
		t.Errorf("orders does not show the lost answer as OUTCOME UNKNOWN with what to check:\n%s", table)
	}
}

// TestFaultAfterAnswer: the create is answered, then job.status fails
// with 503 for a whole poll (every retry of it). The wizard says it is
// retrying, never orders again, and reaches Done once the fault clears.
func TestFaultAfterAnswer(t *testing.T) {
	t.Parallel()
	followThroughFault(t, sandbox.Fault{Method: model.MethodJobStatus, Status: 503, Times: 4}, "not answering properly, retrying")
}

// TestFaultDuringFollowing: the connection of job.status is dropped again
// and again (two whole polls with every retry). The wizard says the
// connection was lost, keeps polling and reaches Done; still one order.
func TestFaultDuringFollowing(t *testing.T) {
	t.Parallel()
	followThroughFault(t, sandbox.Fault{Method: model.MethodJobStatus, Drop: true, Times: 8}, "Connection lost, retrying")
}

// followThroughFault places one order with f armed and checks that the
// wizard shows notice while f lasts, then follows the job to Done.
func followThroughFault(t *testing.T, f sandbox.Fault, notice string) {
	b, u, s := startOrdering(t)
	toReview(s)
	b.sb.AddFault(f)
	confirm(s)
	ref, job := following(s)

	scr := s.waitScreen(notice, "will not be sent again")
	if !strings.Contains(scr, "invoice "+strconv.Itoa(ref)) {
		t.Errorf("while retrying the screen no longer shows the invoice:\n%s", scr)
	}
	o := oneOrder(t, b)
	if o.InvoiceRef != ref || o.JobID != job {
		t.Fatalf("the screen shows invoice %d job %s, the sandbox issued invoice %d job %s", ref, job, o.InvoiceRef, o.JobID)
	}
	journalHoldsLedger(t, u, b)

	b.pay(t, ref)
	s.waitScreen("Your new service is ready")
	if scr := s.screen(); strings.Contains(scr, "retrying") {
		t.Errorf("Done still shows the connection trouble:\n%s", scr)
	}
	if code := s.quit(); code != 0 {
		t.Errorf("the wizard exits %d after the job finished, want 0\n%s", code, s.screen())
	}
	oneOrder(t, b)
	rec := oneRecord(t, u)
	if rec.State != "done" || rec.InvoiceRef != ref || rec.JobID != job || rec.Service == "" {
		t.Errorf("the journal records %+v, want done with invoice %d, job %s and the new service", rec, ref, job)
	}
	if got := b.sb.Requests(model.MethodJobStatus); got <= f.Times {
		t.Errorf("job.status was asked %d times with a fault of %d: the wizard stopped polling", got, f.Times)
	}
}

func containsInt(xs []int, x int) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}
