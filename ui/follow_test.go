package ui_test

import (
	"testing"
	"time"

	"github.com/memset-order/memset-order/api/sandbox"
	"github.com/memset-order/memset-order/model"
)

// placedPolling places a monthly MSVM001 with Debian 13 in a new world,
// through a driver whose job.status backoff runs from 1s to pollMax.
func placedPolling(t *testing.T, pollMax time.Duration) (*world, *driver) {
	t.Helper()
	w := newWorld(t)
	cfg := w.config()
	cfg.PollMin, cfg.PollMax = time.Second, pollMax
	d := newDriver(t, cfg, 80, 24)
	d.settle()
	d.toReview()
	d.placeOrder()
	d.advance(time.Millisecond)
	return w, d
}

// TestLostConnectionWhileFollowing: job.status failing is explained as a
// lost connection, the job id stays on screen, polling backs off, and the
// job is followed to the end once the connection is back. The order is
// never sent again.
func TestLostConnectionWhileFollowing(t *testing.T) {
	w, d := placedPolling(t, 8*time.Second)
	d.must("▸ AWAITING-PAYMENT")
	job := d.model().Result().JobID

	w.sb.AddFault(sandbox.Fault{Method: model.MethodJobStatus, Drop: true})
	before := w.sb.Requests(model.MethodJobStatus)
	d.advance(40 * time.Second)
	d.must("Connection lost, retrying", "job "+job, "will not be sent again")
	// Backoff 1s, 2s, 4s, 8s, 8s… gives 7 polls in 40s, not 40.
	if n := w.sb.Requests(model.MethodJobStatus) - before; n < 5 || n > 8 {
		t.Fatalf("%d polls in 40s while failing; want the backoff's 5–8", n)
	}

	w.sb.ClearFaults()
	w.payAll(t)
	d.advance(8 * time.Second)
	d.must("▸ QUEUED")
	if got := d.screen(); containsAll(got, []string{"Connection lost"}) {
		t.Fatalf("still says the connection is lost:\n%s", got)
	}
	w.clock.Advance(60 * time.Second)
	d.advance(10 * time.Second)
	d.must("Your new service is ready: sandyaa3", job)
	if n := len(w.sb.Orders()); n != 1 {
		t.Fatalf("%d orders, want 1", n)
	}
}

// TestFollowingBackoffResetsOnProgress: polling slows down while nothing
// changes and speeds up again when the job moves.
func TestFollowingBackoffResetsOnProgress(t *testing.T) {
	w, d := placedPolling(t, 16*time.Second)
	polls := func() int { return w.sb.Requests(model.MethodJobStatus) }
	start := polls()
	d.advance(31 * time.Second) // 1+2+4+8+16: five polls, then waiting 16s
	if n := polls() - start; n != 5 {
		t.Fatalf("%d polls in 31s of no change, want 5", n)
	}
	w.payAll(t)
	d.advance(16 * time.Second) // the next poll sees QUEUED
	d.must("▸ QUEUED")
	mark := polls()
	d.advance(1 * time.Second) // back to PollMin
	if polls() != mark+1 {
		t.Fatalf("after progress the next poll came later than PollMin")
	}
}

// TestRunningJobPollsAtLeastEveryFiveSeconds: while a paid job runs, the
// backoff stops at 5s, so a new stage is on screen within 5s of Memset
// reaching it, however long the stage before it took.
func TestRunningJobPollsAtLeastEveryFiveSeconds(t *testing.T) {
	w, d := placedPolling(t, 16*time.Second)
	w.payAll(t)
	d.advance(16 * time.Second)
	d.must("▸ QUEUED")
	polls := func() int { return w.sb.Requests(model.MethodJobStatus) }
	start := polls()
	d.advance(40 * time.Second) // the sandbox's clock stands still: no change
	// At most 5s apart: at least eight polls in 40s; backing off to the
	// 16s maximum would give three or four.
	if n := polls() - start; n < 8 {
		t.Fatalf("%d polls in 40s of a running job, want at least 8 (one every 5s at most)", n)
	}
	w.clock.Advance(10 * time.Second) // Memset moves on
	d.advance(5 * time.Second)
	d.must("▸ PROVISIONING")
}
