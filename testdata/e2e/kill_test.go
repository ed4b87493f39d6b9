package e2e

import (
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestKillAfterAnswer kills the wizard with SIGKILL (no chance to clean
// up) at two points after an order was made, and checks that `orders`
// still shows it (issue #5): right after the sandbox recorded the create,
// the journal has the intent or the outcome; once Following is on screen,
// it has the outcome with the invoice and job id the sandbox issued.
func TestKillAfterAnswer(t *testing.T) {
	t.Parallel()
	t.Run("as soon as the create is recorded", func(t *testing.T) {
		t.Parallel()
		b, u, s := startOrdering(t)
		toReview(s)
		confirm(s)
		orders := b.waitOrders(1, screenTimeout)
		s.kill()
		if len(orders) != 1 {
			t.Fatalf("the sandbox ledger holds %d orders after the confirmation, want 1", len(orders))
		}
		rec := oneRecord(t, u)
		t.Logf("killed with the order in the ledger; the journal says %s", rec.State)
		switch rec.State {
		case "pending":
			if rec.Params["sku"] != "MSVM001" || rec.Method != "create.monthly_miniserver" {
				t.Errorf("the pending record does not say what was sent: %+v", rec)
			}
			table := u.run("orders")
			if !strings.Contains(table.stdout, "no answer recorded") || !strings.Contains(table.stdout, "may or may not") {
				t.Errorf("orders does not flag the order with no recorded answer:\n%s", table)
			}
		case "placed":
			if rec.InvoiceRef != orders[0].InvoiceRef || rec.JobID != orders[0].JobID {
				t.Errorf("the journal records invoice %d job %q, the sandbox issued %d and %s", rec.InvoiceRef, rec.JobID, orders[0].InvoiceRef, orders[0].JobID)
			}
		default:
			t.Errorf("after SIGKILL the journal records state %q, want pending or placed: %+v", rec.State, rec)
		}
		oneOrder(t, b)
	})
	t.Run("once Following is on screen", func(t *testing.T) {
		t.Parallel()
		b, u, s := startOrdering(t)
		ref, job := placeOrder(s)
		s.kill()
		o := oneOrder(t, b)
		rec := oneRecord(t, u)
		if rec.State != "placed" || rec.InvoiceRef != o.InvoiceRef || rec.JobID != o.JobID || rec.InvoiceRef != ref || rec.JobID != job {
			t.Errorf("after SIGKILL on Following the journal records %+v; the sandbox issued invoice %d job %s", rec, o.InvoiceRef, o.JobID)
		}
		table := u.run("orders")
		if !strings.Contains(table.stdout, strconv.Itoa(ref)) || !strings.Contains(table.stdout, job) {
			t.Errorf("orders does not show invoice %d and job %s:\n%s", ref, job, table)
		}
		// The job goes on without the wizard.
		b.pay(t, ref)
		deadline := time.Now().Add(screenTimeout)
		for j, _ := b.sb.Job(job); !j.Finished; j, _ = b.sb.Job(job) {
			if time.Now().After(deadline) {
				t.Fatalf("job %s did not finish at the sandbox after the wizard was killed: %+v", job, j)
			}
			time.Sleep(10 * time.Millisecond)
		}
	})
}
