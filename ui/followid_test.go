package ui_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"
	"github.com/memset-order/memset-order/api"
	"github.com/memset-order/memset-order/api/sandbox"
	"github.com/memset-order/memset-order/model"
	"github.com/memset-order/memset-order/ui"
)

// placed orders a monthly MSVM001 with Debian 13 in the sandbox directly
// and returns its answer: an invoice awaiting payment and a job.
func (w *world) placed(t *testing.T) model.Quote {
	t.Helper()
	q, err := w.client.Place(context.Background(), model.Order{Product: model.ProductMonthlyMiniserver, SKU: "MSVM001", OS: "debian_trixie_64"})
	if err != nil || q.Job == nil {
		t.Fatalf("Place: %+v, %v", q, err)
	}
	return q
}

// followConfig follows job id in this world.
func (w *world) followConfig(id string) ui.FollowConfig {
	return ui.FollowConfig{Backend: w.client, JobID: id, Sandbox: true, Now: w.clock.Now}
}

// shots collects a follower's checkpoint screens for one golden file.
type shots struct {
	d   *driver
	out []string
}

func (s *shots) shot(name string) {
	s.out = append(s.out, "── "+name+" "+strings.Repeat("─", max(0, 60-len(name)))+"\n"+normalize(s.d.screen()))
}

func (s *shots) golden(t *testing.T) {
	t.Helper()
	out := strings.Join(s.out, "\n")
	checkNoKey(t, out)
	golden.RequireEqual(t, []byte(out))
}

// follower is the FollowModel the driver runs.
func (d *driver) follower() ui.FollowModel { return d.m.(ui.FollowModel) }

// stage lets the sandbox's job move one stage and the follower see it.
func (w *world) stage(d *driver) {
	w.clock.Advance(10 * time.Second)
	d.advance(5 * time.Second)
}

// TestFollowByIDToDone follows a job known only by its id through every
// stage to DONE, with the same stages view as the wizard, and exits with
// enter. The product is found by the job's type.
func TestFollowByIDToDone(t *testing.T) {
	w := newWorld(t)
	q := w.placed(t)
	id := q.Job.ID
	d := newFollowDriver(t, w.followConfig(id), 80, 24)
	s := &shots{d: d}
	d.must("Job "+id, "SETUP-NEW-MINISERVER · awaiting payment", "▸ AWAITING-PAYMENT", "· QUEUED")
	d.mustSay("Resume with: memset-order job follow " + id)
	s.shot("awaiting payment")
	w.payAll(t)
	d.advance(8 * time.Second)
	d.must("▸ QUEUED")
	for _, st := range []string{"PROVISIONING", "INSTALLING-OS"} {
		w.stage(d)
		d.must("▸ " + st)
	}
	s.shot("installing")
	for range 3 {
		w.stage(d)
	}
	// It ends on the wizard's Done screen: what the job delivered.
	d.must("✓ Your new service is ready: sandyaa3", "Host name  sandyaa3.miniserver.com", "IP         198.51.100.10 (primary)",
		"Log in     ssh root@sandyaa3.miniserver.com", "followed for 0:50", "enter exit")
	s.shot("done")
	s.golden(t)
	polls := w.sb.Requests(model.MethodJobStatus)
	d.advance(time50s)
	if n := w.sb.Requests(model.MethodJobStatus); n != polls {
		t.Fatalf("%d more polls after the job ended", n-polls)
	}
	d.press("enter")
	if !d.quit {
		t.Fatal("enter did not exit once the job was done")
	}
	res := d.follower().Result()
	if res.Left || res.Err != nil || res.State != model.JobDone || res.Job.Service != "sandyaa3" || res.Job.ID != id {
		t.Fatalf("Result = %+v", res)
	}
}

// TestFollowByIDFailedJob: a job that fails is shown failed, where it
// stopped, and following ends.
func TestFollowByIDFailedJob(t *testing.T) {
	w := newWorld(t, sandboxAccount(func(a *sandboxAcct) { a.FailJobsAt = "INSTALLING-OS" }))
	q := w.placed(t)
	cfg := w.followConfig(q.Job.ID)
	cfg.Product, cfg.InvoiceRef = model.ProductMonthlyMiniserver, q.InvoiceRef
	d := newFollowDriver(t, cfg, 80, 24)
	w.payAll(t)
	d.advance(8 * time.Second)
	w.stage(d)
	w.stage(d)
	d.must("▸ INSTALLING-OS")
	w.stage(d)
	d.must("✗ INSTALLING-OS", "Miniserver VM (monthly)", "Invoice    "+itoa(q.InvoiceRef), "✓ PROVISIONING", "· CONFIGURING-NETWORK", "· DONE", "enter exit")
	d.mustSay("The setup job failed at INSTALLING-OS (status FAILED)", "Contact Memset support (control panel → Support, or support@memset.com)")
	if strings.Contains(d.screen(), "✗ FAILED") {
		t.Fatalf("FAILED listed as a stage:\n%s", d.screen())
	}
	s := &shots{d: d}
	s.shot("failed")
	s.golden(t)
	res := d.follower().Result()
	if res.State != model.JobFailed || res.Left || res.Err != nil {
		t.Fatalf("Result = %+v", res)
	}
	if res.Job.Status != "FAILED" || res.Stage != "INSTALLING-OS" {
		t.Fatalf("failed job %+v at stage %q, want status FAILED in INSTALLING-OS", res.Job, res.Stage)
	}
}

// TestFollowByIDLeave: q leaves at once, without asking, while the job
// runs; the last screen and the result say how to resume, and the job goes
// on at Memset.
func TestFollowByIDLeave(t *testing.T) {
	for _, k := range []string{"q", "ctrl+c"} {
		w := newWorld(t)
		q := w.placed(t)
		id := q.Job.ID
		w.payAll(t)
		d := newFollowDriver(t, w.followConfig(id), 80, 24)
		w.stage(d)
		d.must("▸ PROVISIONING", "q quit (the job goes on)")
		d.press(k)
		if !d.quit {
			t.Fatalf("%s did not leave at once", k)
		}
		d.mustSay("The job keeps running at Memset. Resume with: memset-order job follow " + id)
		if k == "q" {
			s := &shots{d: d}
			s.shot("left with q")
			s.golden(t)
		}
		res := d.follower().Result()
		if !res.Left || res.Err != nil || res.State != model.JobRunning {
			t.Fatalf("%s: Result = %+v", k, res)
		}
		if res.Job.Status != "PROVISIONING" {
			t.Fatalf("%s: left with the job %+v, want it seen in PROVISIONING", k, res.Job)
		}
		w.clock.Advance(time.Hour)
		if j, _ := w.sb.Job(id); j.State() != model.JobDone {
			t.Fatalf("%s: the job did not go on after leaving: %+v", k, j)
		}
	}
}

// TestFollowByIDUnknownJob: a well-formed id Memset does not know ends
// following with a clear message after one call.
func TestFollowByIDUnknownJob(t *testing.T) {
	w := newWorld(t)
	id := strings.Repeat("0", 28) + "dead" // well-formed, unknown, and unlike any test key
	d := newFollowDriver(t, w.followConfig(id), 80, 24)
	d.settle()
	d.must("enter exit")
	d.must("Job "+id, "stopped: no such job")
	d.mustSay("Memset has no such job", "memset-order orders lists the jobs of your orders")
	s := &shots{d: d}
	s.shot("unknown id")
	s.golden(t)
	if n := w.sb.Requests(model.MethodJobStatus); n != 1 {
		t.Fatalf("%d job.status calls, want 1", n)
	}
	res := d.follower().Result()
	if !api.IsDoesNotExist(res.Err) || res.Left || res.State != 0 {
		t.Fatalf("Result = %+v", res)
	}
	d.press("q")
	if !d.quit || d.follower().Result().Left {
		t.Fatal("q after the end should exit without saying the job was left running")
	}
}

// TestFollowByIDRefusedBeforeAsking: a malformed id is refused before any
// call; the screen and the result say what a job id looks like.
func TestFollowByIDRefusedBeforeAsking(t *testing.T) {
	for _, id := range []string{"", "abc", strings.Repeat("A", 32), strings.Repeat("0", 31) + "g", "\x1b[2J" + strings.Repeat("0", 30), strings.Repeat("0", 33)} {
		w := newWorld(t)
		d := newFollowDriver(t, w.followConfig(id), 80, 24)
		d.settle()
		d.mustSay("is not a job id: Memset's job ids are 32 lower-case hex digits", "Nothing was asked of Memset.")
		if strings.Contains(d.m.View().Content, "\x1b[2J") {
			t.Fatalf("%q: the id's escape sequence reached the screen", id)
		}
		if n := w.sb.Requests(model.MethodJobStatus); n != 0 {
			t.Fatalf("%q: %d job.status calls, want none", id, n)
		}
		res := d.follower().Result()
		if res.Err == nil || res.Left {
			t.Fatalf("%q: Result = %+v", id, res)
		}
		if msg := res.Err.Error(); !strings.Contains(msg, "is not a job id") || strings.Contains(msg, "\x1b") {
			t.Fatalf("%q: Err = %q", id, msg)
		}
	}
}

// TestFollowByIDRefusedKey: a key Memset refuses ends following with a
// clear message; the key itself appears nowhere.
func TestFollowByIDRefusedKey(t *testing.T) {
	w := newWorld(t)
	q := w.placed(t)
	other := strings.Repeat("9", 32)
	c, err := api.New(api.WithBaseURL(sandbox.BaseURL), api.WithHTTPClient(&http.Client{Transport: w.sb.Transport()}),
		api.WithAPIKey(other), api.WithRetry(api.NoRetry))
	if err != nil {
		t.Fatal(err)
	}
	cfg := w.followConfig(q.Job.ID)
	cfg.Backend = c
	d := newFollowDriver(t, cfg, 80, 24)
	d.settle()
	d.mustSay("Memset refused the API key")
	if strings.Contains(d.screen(), other) {
		t.Fatalf("the refused key is on screen:\n%s", d.screen())
	}
	res := d.follower().Result()
	if !api.IsAuthentication(res.Err) || strings.Contains(res.Err.Error(), other) {
		t.Fatalf("Result = %+v", res)
	}
}

// TestFollowByIDConnectionLost: network trouble keeps polling with
// backoff and says so; once it clears, the job is followed to the end.
func TestFollowByIDConnectionLost(t *testing.T) {
	w := newWorld(t)
	q := w.placed(t)
	w.sb.AddFault(sandbox.Fault{Method: model.MethodJobStatus, Drop: true})
	cfg := w.followConfig(q.Job.ID)
	cfg.PollMax = 8 * time.Second
	d := newFollowDriver(t, cfg, 80, 24)
	d.advance(40 * time.Second)
	d.must("Connection lost, retrying", "asking Memset (job.status)…")
	if d.quit || d.follower().Result().Err != nil {
		t.Fatal("network trouble ended following")
	}
	// Polls at 0, 2, 6, 14, 22, 30, 38: the backoff, not one a second.
	if n := w.sb.Requests(model.MethodJobStatus); n < 5 || n > 8 {
		t.Fatalf("%d polls in 40s while failing; want the backoff's 5–8", n)
	}
	w.sb.ClearFaults()
	w.payAll(t)
	d.advance(8 * time.Second)
	d.must("▸ QUEUED")
	if strings.Contains(d.screen(), "Connection lost") {
		t.Fatalf("still says the connection is lost:\n%s", d.screen())
	}
	w.clock.Advance(time.Hour)
	d.advance(10 * time.Second)
	d.mustSay("Your new service is ready")
	checkFits(t, d.views, 80, 24)
}
