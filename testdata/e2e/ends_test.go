package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/memset-order/memset-order/api/sandbox"
)

// TestJobFailedJournal: the set-up job fails. The wizard says where; the
// summary names the stage and the job; the exit status is 6; the journal
// records the order as failed with the stage, and `orders` shows it. (A
// job followed to the end is TestDebianFlow: state done with the new
// service.)
func TestJobFailedJournal(t *testing.T) {
	t.Parallel()
	acct := sandbox.DefaultAccount()
	acct.FailJobsAt = "INSTALLING-OS"
	// Stages slow enough for the wizard's polls to see some of them.
	b := newBackend(t, sandbox.WithAccount(acct), sandbox.WithStageDuration(1200*time.Millisecond))
	u := newUser(t).withKey(testKey)
	s := u.startOrder(b)
	ref, job := placeOrder(s)
	b.pay(t, ref)
	s.waitScreen("The setup job failed")
	code := s.quit()
	out := squash(s.afterFullScreen())
	rec := oneRecord(t, u)
	if code != 6 {
		t.Errorf("the wizard exits %d after the set-up job failed, want 6\n%s", code, out)
	}
	if rec.State != "failed" || rec.Stage == "" || rec.JobID != job || rec.Service != "" {
		t.Fatalf("the journal records %+v, want failed with the stage job %s stopped at", rec, job)
	}
	if want := "The set-up job failed at " + rec.Stage + ". Contact Memset support (control panel → Support, or support@memset.com), quoting job " + job + "."; !strings.Contains(out, want) {
		t.Errorf("the summary does not say %q:\n%s", want, out)
	}
	if table := u.run("orders"); !containsAll(table.stdout, []string{"SET-UP FAILED", "stopped at " + rec.Stage, "failed at " + rec.Stage}) {
		t.Errorf("orders does not show the failed set-up and its stage:\n%s", table)
	}
}
