package e2e

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestDebianFlow orders a Miniserver MSVM001 with Debian 12 (one arrow key
// down the image list) through the wizard in a pseudo-terminal, as a person
// would (issue #4), against a real-API backend: one order reaches the
// sandbox, the job is followed to the end, the summary and the journal keep
// the invoice and job id.
func TestDebianFlow(t *testing.T) {
	t.Parallel()
	b, u, s := startOrdering(t)

	if scr := toReviewWith(s, 1, "Debian 12"); !strings.Contains(scr, "Company Visa") || !strings.Contains(scr, b.url) {
		t.Errorf("the review does not show the account's payment method and the endpoint:\n%s", scr)
	}
	if n := len(b.sb.Orders()); n != 0 {
		t.Fatalf("the sandbox has %d orders before any confirmation", n)
	}
	confirm(s)
	ref, job := following(s)
	if scr := s.screen(); !containsAll(scr, []string{"QUEUED", "PROVISIONING", "BOOTING"}) {
		t.Errorf("the Following screen does not name the stages to come:\n%s", scr)
	}

	o := oneOrder(t, b)
	if o.InvoiceRef != ref || o.JobID != job {
		t.Fatalf("the screen shows invoice %d job %s, the sandbox issued invoice %d job %s", ref, job, o.InvoiceRef, o.JobID)
	}
	if o.Params["sku"] != "MSVM001" || o.Params["os"] != "debian_bookworm_64" {
		t.Errorf("the sandbox received %v, want sku MSVM001 and os debian_bookworm_64 (Debian 12)", o.Params)
	}
	if o.Params["dry_run"] != "0" {
		t.Errorf("the order went out with dry_run=%q, want 0", o.Params["dry_run"])
	}

	b.pay(t, ref)
	s.waitScreen("Your new service is ready")
	j, ok := b.sb.Job(job)
	if !ok || j.Service == "" {
		t.Fatalf("the wizard says the service is ready, but the sandbox's job %s is %+v", job, j)
	}
	s.waitScreen("Your new service is ready: "+j.Service, job, strconv.Itoa(ref))
	if code := s.quit(); code != 0 {
		t.Fatalf("the wizard exited %d after a completed order, want 0\n%s\nstderr:\n%s", code, s.screen(), s.stderrText())
	}
	summary := s.afterFullScreen()
	for _, want := range []string{
		"Ordered: invoice " + strconv.Itoa(ref) + ", job " + job + ".",
		"Set-up finished: your new service is " + j.Service + ".",
	} {
		if !strings.Contains(summary, want) {
			t.Errorf("the summary left in the terminal lacks %q:\n%s", want, summary)
		}
	}

	// The journal keeps up: the job's end and its new service are in it.
	rec := oneRecord(t, u)
	if rec.State != "done" || rec.InvoiceRef != ref || rec.JobID != job || rec.Service != j.Service {
		t.Errorf("orders -o json shows state %q invoice %d job %q service %q, want done, %d, %s, %s", rec.State, rec.InvoiceRef, rec.JobID, rec.Service, ref, job, j.Service)
	}
	if rec.NetTotal != "7.50" || rec.Currency != "GBP" {
		t.Errorf("orders -o json shows net total %q %q, want 7.50 GBP", rec.NetTotal, rec.Currency)
	}
	if rec.Sandbox || rec.Endpoint != b.url {
		t.Errorf("the journal says sandbox=%v endpoint %q, want a real order to %s", rec.Sandbox, rec.Endpoint, b.url)
	}
	table := u.run("orders")
	if table.code != 0 || !containsAll(table.stdout, []string{strconv.Itoa(ref), job, "ready", "£7.50", j.Service}) {
		t.Errorf("orders does not list the finished order with its invoice, job, net total and new service:\n%s", table)
	}
	// The journal records what the account bought: for its owner only.
	for path, want := range map[string]os.FileMode{u.journalPath(): 0o600, filepath.Dir(u.journalPath()): 0o700} {
		st, err := os.Stat(path)
		if err != nil {
			t.Error(err)
		} else if st.Mode().Perm() != want {
			t.Errorf("%s has mode %04o, want %04o", path, st.Mode().Perm(), want)
		}
	}
	oneOrder(t, b)
}
