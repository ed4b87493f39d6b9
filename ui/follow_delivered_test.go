package ui_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/memset-order/memset-order/api/sandbox"
	"github.com/memset-order/memset-order/model"
	"github.com/memset-order/memset-order/ui"
)

// TestFollowingRetrying: while job.status fails, the Following screen
// says how long ago Memset last answered and that it is retrying; once
// it answers again, "retrying" goes and the time since is fresh.
func TestFollowingRetrying(t *testing.T) {
	eachSize(t, func(t *testing.T, width, height int) {
		w := newWorld(t)
		cfg := w.config()
		cfg.PollMin, cfg.PollMax = time.Second, 8*time.Second
		d := newDriver(t, cfg, width, height)
		d.settle()
		d.toReview()
		d.placeOrder()
		d.advance(time.Millisecond)
		w.payAll(t)
		d.advance(2 * time.Second)
		d.must("▸ QUEUED", "Memset last answered just now")
		s := &shots{d: d}
		s.shot("following: Memset answered a moment ago")

		w.sb.AddFault(sandbox.Fault{Method: model.MethodJobStatus, Drop: true})
		w.clock.Advance(45 * time.Second)
		d.advance(20 * time.Second)
		d.must("Memset last answered 45s ago · Connection lost, retrying…", "▸ QUEUED")
		d.mustSay("will not be sent again")
		noAPIWords(t, strings.SplitN(d.screen(), "\n\n", 2)[0])
		s.shot("following: no answer for 45s, retrying")

		w.sb.ClearFaults()
		d.advance(10 * time.Second)
		d.must("Memset last answered just now", "▸ BOOTING")
		if strings.Contains(d.screen(), "retrying") {
			t.Fatalf("still retrying after Memset answered:\n%s", d.screen())
		}
		s.golden(t)
		checkFits(t, d.views, width, height)
	})
}

// failedBeforeFollowing places an order whose job fails in INSTALLING-OS
// and lets it fail long before anyone follows it.
func failedBeforeFollowing(t *testing.T) (*world, model.Quote) {
	t.Helper()
	w := newWorld(t, sandboxAccount(func(a *sandboxAcct) { a.FailJobsAt = "INSTALLING-OS" }))
	q := w.placed(t)
	w.payAll(t)
	w.clock.Advance(time.Hour)
	if j, _ := w.sb.Job(q.Job.ID); j.State() != model.JobFailed {
		t.Fatalf("job %+v, want failed", j)
	}
	return w, q
}

// TestFollowAlreadyFailed: `job follow` of a job that had failed before
// following began sees only FAILED. Without a record of the stage it does
// not pretend stages were pending: they are marked "?" and it says that
// Memset's answer does not say where it failed; with the journal's stage
// that stage is marked ✗.
func TestFollowAlreadyFailed(t *testing.T) {
	eachSize(t, func(t *testing.T, width, height int) {
		w, q := failedBeforeFollowing(t)
		d := newFollowDriver(t, w.followConfig(q.Job.ID), width, height)
		d.settle()
		d.must("✗ The setup job failed (status FAILED)", "? QUEUED", "? INSTALLING-OS", "? DONE", "✗ FAILED", "enter exit")
		d.mustSay("Memset's answer does not say at which stage the job failed", "Contact Memset support")
		for _, l := range strings.Split(d.screen(), "\n") {
			if strings.HasPrefix(l, "· ") || strings.HasPrefix(l, "✓ ") {
				t.Fatalf("a stage is shown as pending or passed although nothing says so: %q\n%s", l, d.screen())
			}
		}
		if res := d.follower().Result(); res.State != model.JobFailed || res.Stage != "" {
			t.Fatalf("Result = %+v, want failed at no known stage", res)
		}
		s := &shots{d: d}
		s.shot("failed before following began, no record of where")

		cfg := w.followConfig(q.Job.ID)
		cfg.Product, cfg.InvoiceRef, cfg.FailedStage = model.ProductMonthlyMiniserver, q.InvoiceRef, "INSTALLING-OS"
		d2 := newFollowDriver(t, cfg, width, height)
		d2.settle()
		d2.must("✗ The setup job failed at INSTALLING-OS (status FAILED)", "✓ PROVISIONING", "✗ INSTALLING-OS", "· BOOTING", "Invoice    "+itoa(q.InvoiceRef))
		if strings.Contains(d2.screen(), "does not say") || strings.Contains(d2.screen(), "? ") {
			t.Fatalf("the journal's stage is not used:\n%s", d2.screen())
		}
		if res := d2.follower().Result(); res.Stage != "INSTALLING-OS" {
			t.Fatalf("Result.Stage = %q, want the journal's INSTALLING-OS", res.Stage)
		}
		s.d = d2
		s.shot("failed before following began, the journal's stage")
		s.golden(t)
		checkFits(t, append(d.views, d2.views...), width, height)
	})
}

// TestFollowByIDDelivered: `job follow` ends on the wizard's Done
// screen, with what the order (from the journal) says: a top-up's GB.
func TestFollowByIDDelivered(t *testing.T) {
	w := newWorld(t)
	o := model.Order{Product: model.ProductBandwidthBank, Target: "sandyaa1", Extras: map[string]string{"gb": "50"}}
	q, err := w.client.Place(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	w.payAll(t)
	w.clock.Advance(time.Minute)
	cfg := w.followConfig(q.Job.ID)
	cfg.Product, cfg.Order = model.ProductBandwidthBank, o
	d := newFollowDriver(t, cfg, 80, 24)
	d.settle()
	d.must("✓ Added 50 GB to sandyaa1's bandwidth bank", "Bank       50 GB in sandyaa1's bandwidth bank now", "enter exit")

	// Without the journal's order the GB are not known; the bank still is.
	cfg.Order = model.Order{}
	d = newFollowDriver(t, cfg, 80, 24)
	d.settle()
	d.must("✓ Added to sandyaa1's bandwidth bank", "Bank       50 GB in sandyaa1's bandwidth bank now")
}

// failingReads is the real client with server.info failing.
type failingReads struct{ *apiClient }

func (failingReads) ServerInfo(context.Context, string) (model.ServerInfo, error) {
	return model.ServerInfo{}, context.DeadlineExceeded
}

// TestDoneWhenTheReadFails: when what was delivered cannot be read, Done
// still says the job is done, with a plain sentence and where to look; no
// API name or status in it.
func TestDoneWhenTheReadFails(t *testing.T) {
	w := newWorld(t)
	w.sb.AddFault(sandbox.Fault{Method: model.MethodServerInfo, Status: 503, Times: 5})
	d := newDriver(t, w.config(), 80, 24)
	d.settle()
	d.toReview()
	d.placeOrder()
	d.advance(time.Millisecond)
	w.payAll(t)
	w.clock.Advance(time.Minute)
	d.advance(time50s)
	d.must("✓ Your new service is ready: sandyaa3", "Job        ", "enter exit")
	d.mustSay("Its address, operating system and login could not be read just now: they are on the server's page in the Memset control panel.")
	sentence := strings.SplitN(d.screen(), "(", 2)[0]
	noAPIWords(t, sentence)

	// The follower says the same.
	w2 := newWorld(t)
	q := w2.placed(t)
	w2.payAll(t)
	w2.clock.Advance(time.Minute)
	cfg := w2.followConfig(q.Job.ID)
	cfg.Backend = failingReads{w2.client}
	f := newFollowDriver(t, cfg, 80, 24)
	f.settle()
	f.must("✓ Your new service is ready: sandyaa3", "enter exit")
	f.mustSay("Its address, operating system and login could not be read just now")
	var _ ui.FollowBackend = failingReads{}
}
