package order_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/memset-order/memset-order/api"
	"github.com/memset-order/memset-order/api/journal"
	"github.com/memset-order/memset-order/api/order"
	"github.com/memset-order/memset-order/api/sandbox"
	"github.com/memset-order/memset-order/model"
)

const sec = time.Second

// miniProduct is the monthly Miniserver: QUEUED, PROVISIONING,
// INSTALLING-OS, CONFIGURING-NETWORK, BOOTING, DONE.
func miniProduct(t *testing.T) *model.Product {
	t.Helper()
	p, ok := model.DefaultCatalogue().Product(model.ProductMonthlyMiniserver)
	if !ok {
		t.Fatal("no monthly_miniserver in the catalogue")
	}
	return p
}

func job(status string) model.Job { return model.Job{ID: testJobID, Status: status} }

func running(status string) model.Job { return job(status) }

func done() model.Job {
	j := job("DONE")
	j.Finished, j.Service = true, "sandyaa3"
	return j
}

func failed(status string) model.Job {
	j := job(status)
	j.Finished, j.Error = true, true
	return j
}

// answered is a real order's answer whose job awaits payment.
func answered() model.Quote {
	return model.Quote{InvoiceRef: 100291, Job: &model.Job{ID: testJobID, Status: model.StatusAwaitingPayment}}
}

var (
	lost     = &api.OutcomeUnknownError{Err: errors.New("lost")}
	network  = &api.NetworkError{Err: errors.New("connection reset")}
	noSuch   = &api.Error{Status: 404, Type: model.ErrorDoesNotExist, Message: "Couldn't find job", Method: model.MethodJobStatus}
	badKey   = &api.Error{Status: 403, Type: model.ErrorAuthentication, Message: "Authentication failed", Method: model.MethodJobStatus}
	internal = &api.Error{Status: 500, Type: model.ErrorInternal, Message: "Internal error", Method: model.MethodJobStatus}
)

// obs is one job.status answer.
type obs struct {
	job model.Job
	err error
}

func TestObserveBackoff(t *testing.T) {
	tests := []struct {
		name    string
		b       order.Backoff
		byID    bool
		obs     []obs
		want    []time.Duration // Interval after each observation
		ended   bool
		endErr  error
		retryAt []int // observations after which Retrying is set
	}{
		{
			name: "awaiting payment doubles to Max",
			b:    order.Backoff{Min: sec, Max: 10 * sec},
			obs:  []obs{{job: job(model.StatusAwaitingPayment)}, {job: job(model.StatusAwaitingPayment)}, {job: job(model.StatusAwaitingPayment)}, {job: job(model.StatusAwaitingPayment)}, {job: job(model.StatusAwaitingPayment)}},
			want: []time.Duration{2 * sec, 4 * sec, 8 * sec, 10 * sec, 10 * sec},
		},
		{
			name: "a change goes back to Min, running is capped at RunningCap",
			b:    order.Backoff{Min: sec, Max: 30 * sec},
			obs:  []obs{{job: running("QUEUED")}, {job: running("QUEUED")}, {job: running("QUEUED")}, {job: running("QUEUED")}, {job: running("QUEUED")}, {job: running("PROVISIONING")}, {job: running("PROVISIONING")}},
			want: []time.Duration{sec, 2 * sec, 4 * sec, order.RunningCap, order.RunningCap, sec, 2 * sec},
		},
		{
			name: "Max below RunningCap bounds a running job",
			b:    order.Backoff{Min: sec, Max: 3 * sec},
			obs:  []obs{{job: running("QUEUED")}, {job: running("QUEUED")}, {job: running("QUEUED")}, {job: running("QUEUED")}},
			want: []time.Duration{sec, 2 * sec, 3 * sec, 3 * sec},
		},
		{
			name: "Min above RunningCap is kept",
			b:    order.Backoff{Min: 8 * sec, Max: 60 * sec},
			obs:  []obs{{job: running("QUEUED")}, {job: running("QUEUED")}, {job: running("QUEUED")}},
			want: []time.Duration{8 * sec, 8 * sec, 8 * sec},
		},
		{
			name: "defaults are 1s to 10s",
			obs:  []obs{{job: job(model.StatusAwaitingPayment)}, {job: job(model.StatusAwaitingPayment)}, {job: job(model.StatusAwaitingPayment)}, {job: job(model.StatusAwaitingPayment)}, {job: job(model.StatusAwaitingPayment)}},
			want: []time.Duration{2 * sec, 4 * sec, 8 * sec, 10 * sec, 10 * sec},
		},
		{
			name:    "failed polls back off to Max, even while running",
			b:       order.Backoff{Min: sec, Max: 20 * sec},
			obs:     []obs{{job: running("QUEUED")}, {err: network}, {err: lost}, {err: internal}, {err: network}, {err: network}, {job: running("QUEUED")}, {job: running("PROVISIONING")}},
			want:    []time.Duration{sec, 2 * sec, 4 * sec, 8 * sec, 16 * sec, 20 * sec, order.RunningCap, sec},
			retryAt: []int{1, 2, 3, 4, 5},
		},
		{
			name:    "an answered order's job is polled whatever Memset says",
			b:       order.Backoff{Min: sec, Max: 10 * sec},
			obs:     []obs{{err: noSuch}, {err: badKey}, {job: running("QUEUED")}},
			want:    []time.Duration{2 * sec, 4 * sec, sec},
			retryAt: []int{0, 1},
		},
		{
			name:   "by id: no such job ends following",
			b:      order.Backoff{Min: sec, Max: 10 * sec},
			byID:   true,
			obs:    []obs{{err: noSuch}, {job: running("QUEUED")}},
			want:   []time.Duration{sec, sec},
			ended:  true,
			endErr: noSuch,
		},
		{
			name:   "by id: a refused key ends following",
			byID:   true,
			obs:    []obs{{err: network}, {err: badKey}},
			want:   []time.Duration{2 * sec, 2 * sec},
			ended:  true,
			endErr: badKey,
			// The network failure set Retrying; the refusal clears it.
			retryAt: []int{0},
		},
		{
			name:    "by id: a lost answer or a server error is retried",
			b:       order.Backoff{Min: sec, Max: 10 * sec},
			byID:    true,
			obs:     []obs{{err: lost}, {err: internal}, {job: running("QUEUED")}},
			want:    []time.Duration{2 * sec, 4 * sec, sec},
			retryAt: []int{0, 1},
		},
		{
			name:  "a finished job ends following; later answers change nothing",
			b:     order.Backoff{Min: sec, Max: 10 * sec},
			obs:   []obs{{job: running("BOOTING")}, {job: done()}, {err: network}, {job: running("QUEUED")}},
			want:  []time.Duration{sec, sec, sec, sec},
			ended: true,
		},
		{
			name:  "a failed job ends following",
			obs:   []obs{{job: failed("FAILED")}},
			want:  []time.Duration{sec},
			ended: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var tr order.Tracker
			if tt.byID {
				tr = order.ByJobID(testJobID, 0, miniProduct(t), t0, tt.b)
			} else {
				tr = order.FromAnswer(answered(), miniProduct(t), t0, tt.b)
			}
			if min := tt.b.Min; min > 0 && tr.Interval != min || min == 0 && tr.Interval != sec {
				t.Errorf("first interval %s, want Min", tr.Interval)
			}
			now := t0
			for i, o := range tt.obs {
				now = now.Add(tr.Interval)
				tr = tr.Observe(o.job, o.err, now)
				if tr.Interval != tt.want[i] {
					t.Errorf("after observation %d: interval %s, want %s", i, tr.Interval, tt.want[i])
				}
				wantRetry := false
				for _, r := range tt.retryAt {
					wantRetry = wantRetry || r == i
				}
				if (tr.Retrying != nil) != wantRetry {
					t.Errorf("after observation %d: Retrying = %v, want set %v", i, tr.Retrying, wantRetry)
				}
			}
			if tr.Ended() != tt.ended {
				t.Errorf("Ended = %v, want %v", tr.Ended(), tt.ended)
			}
			if tr.EndErr != tt.endErr {
				t.Errorf("EndErr = %v, want %v", tr.EndErr, tt.endErr)
			}
			if tr.Job.ID != testJobID {
				t.Errorf("job id %q lost", tr.Job.ID)
			}
		})
	}
}

func TestTrackerHeard(t *testing.T) {
	tr := order.ByJobID(testJobID, 7, miniProduct(t), t0, order.Backoff{})
	if _, ok := tr.Heard(t0.Add(time.Hour)); ok || tr.Answered() {
		t.Fatal("heard before any answer")
	}
	tr = tr.Observe(model.Job{}, network, t0.Add(sec))
	if _, ok := tr.Heard(t0.Add(2 * sec)); ok {
		t.Fatal("a failed poll counts as hearing from Memset")
	}
	tr = tr.Observe(running("QUEUED"), nil, t0.Add(3*sec))
	tr = tr.Observe(model.Job{}, network, t0.Add(10*sec))
	tests := []struct {
		at   time.Time
		want time.Duration
	}{
		{t0.Add(3 * sec), 0},
		{t0.Add(10 * sec), 7 * sec},
		{t0.Add(93 * sec), 90 * sec},
		{t0, 0}, // a clock that went back never shows a negative age
	}
	for _, tt := range tests {
		if got, ok := tr.Heard(tt.at); !ok || got != tt.want {
			t.Errorf("Heard(%s) = %s %v, want %s", tt.at.Sub(t0), got, ok, tt.want)
		}
	}
	if tr.Now != t0.Add(10*sec) || tr.Invoice != 7 {
		t.Errorf("Now %s Invoice %d", tr.Now.Sub(t0), tr.Invoice)
	}
	if tr = tr.Tick(t0.Add(time.Minute)); tr.Now != t0.Add(time.Minute) {
		t.Errorf("Tick did not move Now")
	}
	// An answered order's tracker has heard from Memset at once.
	fa := order.FromAnswer(answered(), nil, t0, order.Backoff{})
	if got, ok := fa.Heard(t0.Add(4 * sec)); !ok || got != 4*sec || !fa.Answered() || fa.Invoice != 100291 {
		t.Errorf("FromAnswer: heard %s %v answered %v", got, ok, fa.Answered())
	}
}

// marks renders a Progress compactly: NAME=mark, "?" after names the
// catalogue lacks, "*" after names seen.
func marks(p order.Progress) string {
	var out []string
	for _, l := range p.Stages {
		m := map[order.Mark]string{order.Pending: "-", order.Reached: "R", order.Current: "C", order.Finished: "F", order.FailedHere: "X", order.Unsure: "U"}[l.Mark]
		name := l.Name
		if !l.Known {
			name += "?"
		}
		if l.Seen {
			name += "*"
		}
		out = append(out, name+"="+m)
	}
	return strings.Join(out, " ")
}

func TestProgress(t *testing.T) {
	tests := []struct {
		name string
		// statuses are job.status answers after an answer awaiting payment
		// (or, with byID, from nothing).
		byID bool
		// failedAt is an earlier record's failing stage (Tracker.FailedAt).
		failedAt     string
		jobs         []model.Job
		want         string
		prefix       bool    // want is only the start of the stages
		fraction     float64 // -1: only check it is between 0 and 1
		unrecognised string
		lastStage    string
		lastAt       bool
	}{
		{
			name: "awaiting payment",
			want: "AWAITING-PAYMENT*=C QUEUED=- PROVISIONING=- INSTALLING-OS=- CONFIGURING-NETWORK=- BOOTING=- DONE=-",
			// Nothing passed yet.
			fraction: 0, lastStage: "AWAITING-PAYMENT", lastAt: true,
		},
		{
			name:     "known status ticks the stages before it, seen or not",
			jobs:     []model.Job{running("QUEUED"), running("INSTALLING-OS")},
			want:     "AWAITING-PAYMENT*=R QUEUED*=R PROVISIONING=R INSTALLING-OS*=C CONFIGURING-NETWORK=- BOOTING=- DONE=-",
			fraction: 3.0 / 6, lastStage: "INSTALLING-OS", lastAt: true,
		},
		{
			name:     "by id, first seen running",
			byID:     true,
			jobs:     []model.Job{running("CONFIGURING-NETWORK")},
			want:     "QUEUED=R PROVISIONING=R INSTALLING-OS=R CONFIGURING-NETWORK*=C BOOTING=- DONE=-",
			fraction: 3.0 / 5, lastStage: "CONFIGURING-NETWORK", lastAt: true,
		},
		{
			name:         "unknown running status ticks nothing after the last known stage seen",
			jobs:         []model.Job{running("QUEUED"), running("PROVISIONING"), running("MIGRATING")},
			want:         "AWAITING-PAYMENT*=R QUEUED*=R PROVISIONING*=R INSTALLING-OS=- CONFIGURING-NETWORK=- BOOTING=- DONE=- MIGRATING?*=C",
			fraction:     2.0 / 7,
			unrecognised: "MIGRATING", lastStage: "PROVISIONING", lastAt: false,
		},
		{
			name:         "unknown status straight after payment",
			jobs:         []model.Job{running("WARMING-UP")},
			want:         "AWAITING-PAYMENT*=R QUEUED=- PROVISIONING=- INSTALLING-OS=- CONFIGURING-NETWORK=- BOOTING=- DONE=- WARMING-UP?*=C",
			fraction:     0,
			unrecognised: "WARMING-UP", lastStage: "AWAITING-PAYMENT", lastAt: false,
		},
		{
			// How the passed unknown status itself is marked, and whether it
			// counts in the fraction, is left open: only the known stages
			// are checked.
			name:     "back to a known status after an unknown one",
			jobs:     []model.Job{running("PROVISIONING"), running("MIGRATING"), running("BOOTING")},
			want:     "AWAITING-PAYMENT*=R QUEUED=R PROVISIONING*=R INSTALLING-OS=R CONFIGURING-NETWORK=R BOOTING*=C DONE=- ",
			prefix:   true,
			fraction: -1, lastStage: "BOOTING", lastAt: true,
		},
		{
			name:     "finished ticks every stage",
			jobs:     []model.Job{running("QUEUED"), done()},
			want:     "AWAITING-PAYMENT*=R QUEUED*=R PROVISIONING=R INSTALLING-OS=R CONFIGURING-NETWORK=R BOOTING=R DONE*=F",
			fraction: 1, lastStage: "DONE", lastAt: true,
		},
		{
			name: "finished after an unrecognised status ticks it too",
			jobs: []model.Job{running("QUEUED"), running("MIGRATING"), done()},
			want: "AWAITING-PAYMENT*=R QUEUED*=R PROVISIONING=R INSTALLING-OS=R CONFIGURING-NETWORK=R BOOTING=R DONE*=F MIGRATING?*=R",
			// A finished job has passed every stage.
			fraction: 1, lastStage: "DONE", lastAt: true,
		},
		{
			// The job was last seen in PROVISIONING, then FAILED: it failed
			// in PROVISIONING, which keeps its place in the list.
			name:     "failed with FAILED after PROVISIONING",
			jobs:     []model.Job{running("QUEUED"), running("PROVISIONING"), failed("FAILED")},
			want:     "AWAITING-PAYMENT*=R QUEUED*=R PROVISIONING*=X INSTALLING-OS=- CONFIGURING-NETWORK=- BOOTING=- DONE=-",
			fraction: 2.0 / 6, lastStage: "PROVISIONING", lastAt: true,
		},
		{
			name:     "failed with FAILED in INSTALLING-OS, as the sandbox fails",
			jobs:     []model.Job{running("QUEUED"), running("PROVISIONING"), running("INSTALLING-OS"), failed("FAILED")},
			want:     "AWAITING-PAYMENT*=R QUEUED*=R PROVISIONING*=R INSTALLING-OS*=X CONFIGURING-NETWORK=- BOOTING=- DONE=-",
			fraction: 3.0 / 6, lastStage: "INSTALLING-OS", lastAt: true,
		},
		{
			name:     "failed in a known stage",
			jobs:     []model.Job{running("QUEUED"), running("PROVISIONING"), failed("INSTALLING-OS")},
			want:     "AWAITING-PAYMENT*=R QUEUED*=R PROVISIONING*=R INSTALLING-OS*=X CONFIGURING-NETWORK=- BOOTING=- DONE=-",
			fraction: 3.0 / 6, lastStage: "INSTALLING-OS", lastAt: true,
		},
		{
			name:     "failed while awaiting payment",
			jobs:     []model.Job{failed("FAILED")},
			want:     "AWAITING-PAYMENT*=X QUEUED=- PROVISIONING=- INSTALLING-OS=- CONFIGURING-NETWORK=- BOOTING=- DONE=-",
			fraction: 0, lastStage: "AWAITING-PAYMENT", lastAt: true,
		},
		{
			name:     "failed after an unrecognised status: it failed there",
			jobs:     []model.Job{running("QUEUED"), running("PROVISIONING"), running("MIGRATING"), failed("FAILED")},
			want:     "AWAITING-PAYMENT*=R QUEUED*=R PROVISIONING*=R INSTALLING-OS=- CONFIGURING-NETWORK=- BOOTING=- DONE=- MIGRATING?*=X",
			fraction: 3.0 / 6, lastStage: "MIGRATING", lastAt: true,
		},
		{
			// Followed by id after the failure, with nothing on record: no
			// stage is ticked or left pending as if known.
			name:     "failed before any known stage",
			byID:     true,
			jobs:     []model.Job{failed("FAILED")},
			want:     "QUEUED=U PROVISIONING=U INSTALLING-OS=U CONFIGURING-NETWORK=U BOOTING=U DONE=U FAILED?*=X",
			fraction: 0, lastStage: "", lastAt: false,
		},
		{
			name:     "failed before following began, the stage on record",
			byID:     true,
			failedAt: "INSTALLING-OS",
			jobs:     []model.Job{failed("FAILED")},
			want:     "QUEUED=R PROVISIONING=R INSTALLING-OS=X CONFIGURING-NETWORK=- BOOTING=- DONE=-",
			fraction: 2.0 / 5, lastStage: "INSTALLING-OS", lastAt: true,
		},
		{
			name:     "what was seen wins over the record",
			byID:     true,
			failedAt: "BOOTING",
			jobs:     []model.Job{running("QUEUED"), failed("FAILED")},
			want:     "QUEUED*=X PROVISIONING=- INSTALLING-OS=- CONFIGURING-NETWORK=- BOOTING=- DONE=-",
			fraction: 0, lastStage: "QUEUED", lastAt: true,
		},
		{
			name: "by id, before any answer",
			byID: true,
			want: "QUEUED=- PROVISIONING=- INSTALLING-OS=- CONFIGURING-NETWORK=- BOOTING=- DONE=-",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var tr order.Tracker
			if tt.byID {
				tr = order.ByJobID(testJobID, 0, miniProduct(t), t0, order.Backoff{})
			} else {
				tr = order.FromAnswer(answered(), miniProduct(t), t0, order.Backoff{})
			}
			tr.FailedAt = tt.failedAt
			for i, j := range tt.jobs {
				tr = tr.Observe(j, nil, t0.Add(time.Duration(i+1)*10*sec))
			}
			p := tr.Progress()
			if got := marks(p); got != tt.want && !(tt.prefix && strings.HasPrefix(got, tt.want)) {
				t.Errorf("stages\n got %s\nwant %s", got, tt.want)
			}
			if tt.fraction < 0 {
				if p.Fraction <= 0 || p.Fraction >= 1 {
					t.Errorf("Fraction = %v, want between 0 and 1", p.Fraction)
				}
			} else if p.Fraction != tt.fraction {
				t.Errorf("Fraction = %v, want %v", p.Fraction, tt.fraction)
			}
			if p.Unrecognised != tt.unrecognised {
				t.Errorf("Unrecognised = %q, want %q", p.Unrecognised, tt.unrecognised)
			}
			if p.Unrecognised != "" && p.Fraction >= 1 {
				t.Errorf("Fraction = %v for a job in an unrecognised status", p.Fraction)
			}
			if stage, at := tr.LastStage(); stage != tt.lastStage || at != tt.lastAt {
				t.Errorf("LastStage = %q %v, want %q %v", stage, at, tt.lastStage, tt.lastAt)
			}
			// A seen stage carries when it was first seen.
			for _, l := range p.Stages {
				if l.Seen == l.At.IsZero() {
					t.Errorf("%s: Seen %v At %v", l.Name, l.Seen, l.At)
				}
			}
		})
	}
}

func TestTrackerEnd(t *testing.T) {
	tests := []struct {
		name      string
		jobs      []model.Job
		wantState string
		wantStage string
		wantErr   bool
	}{
		{"running", []model.Job{running("QUEUED")}, "", "", true},
		{"awaiting payment", nil, "", "", true},
		{"done", []model.Job{running("QUEUED"), done()}, journal.StateDone, "DONE", false},
		{"failed after provisioning", []model.Job{running("PROVISIONING"), failed("FAILED")}, journal.StateFailed, "PROVISIONING", false},
		{"failed while awaiting payment", []model.Job{failed("FAILED")}, journal.StateFailed, "AWAITING-PAYMENT", false},
		{"failed in a stage", []model.Job{running("PROVISIONING"), failed("BOOTING")}, journal.StateFailed, "BOOTING", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := order.FromAnswer(answered(), miniProduct(t), t0, order.Backoff{})
			for _, j := range tt.jobs {
				tr = tr.Observe(j, nil, t0.Add(sec))
			}
			state, stage, err := tr.End()
			if (err != nil) != tt.wantErr || state != tt.wantState || stage != tt.wantStage {
				t.Errorf("End = %q %q %v, want %q %q (error %v)", state, stage, err, tt.wantState, tt.wantStage, tt.wantErr)
			}
			fj := &fakeJournal{}
			d := order.New(order.Config{Backend: &fakeBackend{}, Journal: fj})
			if err := d.RecordEnd("r1", tr); err != nil {
				t.Fatalf("RecordEnd: %v", err)
			}
			calls := fj.Calls()
			if tt.wantErr {
				if len(calls) != 0 {
					t.Errorf("a job still going was recorded as ended: %+v", calls)
				}
				return
			}
			if len(calls) != 1 || calls[0].Op != "end" || calls[0].ID != "r1" || calls[0].State != tt.wantState || calls[0].Stage != tt.wantStage || calls[0].Job != tr.Job {
				t.Errorf("journal calls %+v", calls)
			}
			// Nothing without a record id.
			if err := d.RecordEnd("", tr); err != nil || len(fj.Calls()) != 1 {
				t.Errorf("RecordEnd without an id wrote %+v (%v)", fj.Calls(), err)
			}
		})
	}
}

// follower polls the sandbox through a desk, moving the fake clock on by
// each wait instead of sleeping.
type follower struct {
	w       *world
	sleeps  []time.Duration
	updates []order.Tracker
}

func (f *follower) sleep(ctx context.Context, d time.Duration) error {
	if len(f.sleeps) > 500 {
		return errors.New("followed for too long")
	}
	f.sleeps = append(f.sleeps, d)
	f.w.clock.Advance(d)
	return ctx.Err()
}

func (f *follower) update(t order.Tracker) { f.updates = append(f.updates, t) }

// placePaid places miniOrder through the desk and pays its invoice.
func placePaid(t *testing.T, w *world) order.Placement {
	t.Helper()
	o := miniOrder()
	p := w.desk.PlaceOnce(t.Context(), o, model.Account{}, w.quote(o))
	if p.Outcome != order.Placed {
		t.Fatalf("Place: %v %v", p.Outcome, p.Err)
	}
	if err := w.sb.PayInvoice(p.Answer.InvoiceRef); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestDeskFollowToDone(t *testing.T) {
	w := newWorld(t, worldOpt{})
	p := placePaid(t, w)
	f := &follower{w: w}
	tr := order.FromAnswer(p.Answer, miniProduct(t), w.clock.Now(), order.Backoff{})
	polls := w.sb.Requests(model.MethodJobStatus)

	end, err := w.desk.Follow(t.Context(), tr, p.JournalID, f.sleep, f.update)
	if err != nil {
		t.Fatalf("Follow: %v", err)
	}
	sbJob, _ := w.sb.Job(p.Answer.Job.ID)
	if !end.Ended() || end.Job.State() != model.JobDone || end.Job.Service == "" || end.Job.Service != sbJob.Service {
		t.Fatalf("followed to %+v, sandbox says %+v", end.Job, sbJob)
	}
	if got := w.sb.Requests(model.MethodJobStatus) - polls; got != len(f.updates) || got != len(f.sleeps) {
		t.Errorf("%d polls, %d updates, %d sleeps: want one each per poll", got, len(f.updates), len(f.sleeps))
	}
	// Every stage of 10s was seen: polls while running are at most
	// RunningCap apart.
	for _, d := range f.sleeps {
		if d > order.RunningCap {
			t.Errorf("waited %s between polls of a running job", d)
		}
	}
	if got := marks(end.Progress()); got != "AWAITING-PAYMENT*=R QUEUED*=R PROVISIONING*=R INSTALLING-OS*=R CONFIGURING-NETWORK*=R BOOTING*=R DONE*=F" {
		t.Errorf("stages %s", got)
	}
	if end.Now != w.clock.Now() {
		t.Errorf("tracker's Now %s, clock %s", end.Now, w.clock.Now())
	}
	res, err := journal.Read(w.path)
	if err != nil {
		t.Fatal(err)
	}
	r := res.Records[0]
	if r.ID != p.JournalID || r.State != journal.StateDone || r.Service != sbJob.Service || r.Stage != "DONE" ||
		r.JobStatus != "DONE" || r.InvoiceRef != p.Answer.InvoiceRef || r.EndedAt.IsZero() {
		t.Errorf("journal record = %+v", r)
	}
}

func TestDeskFollowToFailure(t *testing.T) {
	acct := sandbox.DefaultAccount()
	acct.FailJobsAt = "INSTALLING-OS"
	w := newWorld(t, worldOpt{sandbox: []sandbox.Option{sandbox.WithAccount(acct)}})
	p := placePaid(t, w)
	f := &follower{w: w}
	tr := order.FromAnswer(p.Answer, miniProduct(t), w.clock.Now(), order.Backoff{})
	end, err := w.desk.Follow(t.Context(), tr, p.JournalID, f.sleep, f.update)
	if err != nil {
		t.Fatalf("Follow: %v", err)
	}
	if end.Job.State() != model.JobFailed || end.Job.Status != "FAILED" {
		t.Fatalf("followed to %+v", end.Job)
	}
	// The sandbox fails the job in INSTALLING-OS: it is seen there, then
	// FAILED, and that is the stage that failed.
	if stage, at := end.LastStage(); stage != "INSTALLING-OS" || !at {
		t.Errorf("LastStage = %q %v, want INSTALLING-OS, failed in it", stage, at)
	}
	if got := marks(end.Progress()); got != "AWAITING-PAYMENT*=R QUEUED*=R PROVISIONING*=R INSTALLING-OS*=X CONFIGURING-NETWORK=- BOOTING=- DONE=-" {
		t.Errorf("stages %s", got)
	}
	r := w.record(p.JournalID)
	if r.State != journal.StateFailed || r.Stage != "INSTALLING-OS" || r.JobStatus != "FAILED" || r.Service != "" || r.InvoiceRef != p.Answer.InvoiceRef {
		t.Errorf("journal record = %+v", r)
	}
}

func TestDeskFollowByID(t *testing.T) {
	t.Run("no such job ends at the first poll", func(t *testing.T) {
		w := newWorld(t, worldOpt{})
		f := &follower{w: w}
		tr := order.ByJobID("0123456789abcdef0123456789abcdef", 0, miniProduct(t), w.clock.Now(), order.Backoff{})
		end, err := w.desk.Follow(t.Context(), tr, "", f.sleep, f.update)
		if !api.IsDoesNotExist(err) || end.EndErr != err || !end.Ended() {
			t.Fatalf("Follow = %v (EndErr %v), want the refusal", err, end.EndErr)
		}
		if len(f.sleeps) != 0 || w.sb.Requests(model.MethodJobStatus) != 1 || len(f.updates) != 1 {
			t.Errorf("sleeps %v, polls %d, updates %d: want one poll at once", f.sleeps, w.sb.Requests(model.MethodJobStatus), len(f.updates))
		}
		if len(w.records()) != 0 {
			t.Error("journal written")
		}
	})
	t.Run("a known job is followed to its end", func(t *testing.T) {
		w := newWorld(t, worldOpt{})
		p := placePaid(t, w)
		f := &follower{w: w}
		tr := order.ByJobID(p.Answer.Job.ID, p.Answer.InvoiceRef, miniProduct(t), w.clock.Now(), order.Backoff{})
		end, err := w.desk.Follow(t.Context(), tr, p.JournalID, f.sleep, nil)
		if err != nil || end.Job.State() != model.JobDone {
			t.Fatalf("Follow = %+v %v", end.Job, err)
		}
		if r := w.record(p.JournalID); r.State != journal.StateDone || r.Service == "" {
			t.Errorf("journal record = %+v", r)
		}
	})
	t.Run("a cancelled context stops following", func(t *testing.T) {
		w := newWorld(t, worldOpt{})
		p := placePaid(t, w)
		ctx, cancel := context.WithCancel(t.Context())
		n := 0
		sleep := func(ctx context.Context, d time.Duration) error {
			if n++; n == 3 {
				cancel()
			}
			w.clock.Advance(d)
			return ctx.Err()
		}
		tr := order.FromAnswer(p.Answer, miniProduct(t), w.clock.Now(), order.Backoff{})
		end, err := w.desk.Follow(ctx, tr, p.JournalID, sleep, nil)
		if !errors.Is(err, context.Canceled) || end.Ended() {
			t.Fatalf("Follow = %v, ended %v; want cancelled", err, end.Ended())
		}
		if r := w.record(p.JournalID); r.State != journal.StatePlaced {
			t.Errorf("journal state %q after following stopped, want placed", r.State)
		}
	})
}

// TestFollowRefusesAMalformedIDAtOnce: an id that is not a job id ends
// following before anything is asked, instead of being polled forever.
func TestFollowRefusesAMalformedIDAtOnce(t *testing.T) {
	w := newWorld(t, worldOpt{})
	tr := order.ByJobID("NOT-A-JOB-ID", 0, nil, t0, order.Backoff{})
	if !tr.Ended() || !errors.Is(tr.EndErr, order.ErrBadJobID) {
		t.Fatalf("tracker for a malformed id: ended %v, err %v", tr.Ended(), tr.EndErr)
	}
	_, err := w.desk.Follow(t.Context(), tr, "", func(context.Context, time.Duration) error {
		t.Fatal("a malformed id was polled")
		return nil
	}, nil)
	if !errors.Is(err, order.ErrBadJobID) || w.sb.Requests(model.MethodJobStatus) != 0 {
		t.Fatalf("Follow: err %v, %d job.status requests", err, w.sb.Requests(model.MethodJobStatus))
	}
}

// TestObserveEndsOnLocalRefusal: an id the client refuses before sending
// (here one a hostile answer gave: not hex) ends following at once, even
// for a job from an order just placed, instead of a retry loop.
func TestObserveEndsOnLocalRefusal(t *testing.T) {
	q := model.Quote{InvoiceRef: 1, Job: &model.Job{ID: "\x1b]0;x\x07", Status: model.StatusAwaitingPayment}}
	tr := order.FromAnswer(q, nil, t0, order.Backoff{})
	w := newWorld(t, worldOpt{})
	_, err := w.client.JobStatus(t.Context(), tr.Job.ID)
	if !errors.Is(err, api.ErrRefusedLocally) {
		t.Fatalf("JobStatus of a malformed id: %v, want a local refusal", err)
	}
	tr = tr.Observe(model.Job{}, err, t0.Add(time.Second))
	if !tr.Ended() || tr.EndErr == nil {
		t.Fatalf("tracker after a local refusal: ended %v, err %v", tr.Ended(), tr.EndErr)
	}
}
