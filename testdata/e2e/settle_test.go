package e2e

import (
	"strconv"
	"strings"
	"testing"
)

// TestOrdersSettle: after an order's answer was lost, `orders settle`
// with the start of its journal entry's id finds the invoice it raised,
// says how likely it is the order, records it, and exits 3 (the outcome
// stays unknown until checked). An entry whose outcome is known, an id
// the journal does not have, and a run without the account's key are
// refused.
func TestOrdersSettle(t *testing.T) {
	t.Parallel()
	b, u, s := startOrdering(t)
	toReview(s)
	b.dropNextOrder()
	confirm(s)
	s.waitScreen("may or may not")
	o := oneOrder(t, b)
	if code := s.quit(); code != 3 {
		t.Fatalf("the wizard exits %d after a lost answer, want 3", code)
	}
	rec := oneRecord(t, u)

	r := u.run("orders", "settle", rec.ID[:8])
	out := squash(r.stdout)
	if r.code != 3 {
		t.Errorf("orders settle exits %d, want 3:\n%s", r.code, r)
	}
	for _, want := range []string{"Entry " + rec.ID, "outcome is unknown", "Invoice " + strconv.Itoa(o.InvoiceRef) + " mentions MSVM001", "most likely placed", "Recorded in the journal"} {
		if !strings.Contains(out, want) {
			t.Errorf("orders settle does not say %q:\n%s", want, r)
		}
	}
	if got := oneRecord(t, u); !containsInt(got.Candidates, o.InvoiceRef) || got.State != "unknown" {
		t.Errorf("after settling the journal records %+v, want the entry still unknown with candidate invoice %d", got, o.InvoiceRef)
	}
	if n := len(b.sb.Orders()); n != 1 {
		t.Errorf("settling changed the ledger to %d orders", n)
	}

	// A known outcome: nothing to settle.
	s2 := u.startOrder(b)
	placeOrder(s2)
	s2.quit()
	placed := u.ordersJSON()[0]
	if r := u.run("orders", "settle", placed.ID); r.code != 2 || !strings.Contains(squash(r.stderr), "nothing to settle") {
		t.Errorf("settling an order Memset answered, want exit 2 saying there is nothing to settle:\n%s", r)
	}
	if r := u.run("orders", "settle", "ffffffffffffffff"); r.code != 1 || !strings.Contains(squash(r.stderr), "no entry") {
		t.Errorf("settling an id the journal does not have, want exit 1 saying so:\n%s", r)
	}
	keyless := &user{t: t, home: u.home, state: u.state, env: map[string]string{}}
	for k, v := range u.env {
		if k != "MEMSET_API_KEY" {
			keyless.env[k] = v
		}
	}
	if r := keyless.run("orders", "settle", rec.ID); r.code != 1 || !strings.Contains(squash(r.stderr), "MEMSET_API_KEY") {
		t.Errorf("settling without a key, want exit 1 naming MEMSET_API_KEY:\n%s", r)
	}
}

// TestJobFollowLatest: `job follow --latest` follows the newest journalled
// order's job at the endpoint the journal recorded (no --api-url), to its
// end, and writes the end back. With an empty journal, or with an ID as
// well, it says what is wrong.
func TestJobFollowLatest(t *testing.T) {
	t.Parallel()
	b, u, s := startOrdering(t)
	ref, job := placeOrder(s)
	s.quit()
	b.pay(t, ref)
	f := u.startWizard("job", "follow", "--latest")
	f.waitScreen(job, strconv.Itoa(ref))
	f.waitUntil("the job done with its new service", func(scr string) bool { return jobDoneOnScreen(b, job, scr) })
	if code := f.quit(); code != 0 {
		t.Errorf("job follow --latest exits %d after the job finished, want 0", code)
	}
	j, _ := b.sb.Job(job)
	if out := squash(f.afterFullScreen()); !strings.Contains(out, "Job "+job+" is done: the new service is "+j.Service+".") {
		t.Errorf("the summary does not say the job is done with its service:\n%s", out)
	}
	if rec := oneRecord(t, u); rec.State != "done" || rec.Service != j.Service {
		t.Errorf("the journal records %+v, want done with service %s", rec, j.Service)
	}

	if r := u.run("job", "follow", job, "--latest"); r.code != 2 || !strings.Contains(r.stderr, "not both") {
		t.Errorf("job follow ID --latest, want exit 2 saying not both:\n%s", r)
	}
	if r := newUser(t).withKey(testKey).run("job", "follow", "--latest"); r.code != 1 || !strings.Contains(r.stderr, "no order with a job") {
		t.Errorf("job follow --latest with an empty journal, want exit 1 saying there is no order with a job:\n%s", r)
	}
}
