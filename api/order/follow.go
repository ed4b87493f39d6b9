package order

import (
	"context"
	"errors"
	"slices"
	"time"

	"github.com/memset-order/memset-order/api"
	"github.com/memset-order/memset-order/api/journal"
	"github.com/memset-order/memset-order/model"
)

// Backoff bounds the wait between job.status polls.
type Backoff struct {
	// Min is the wait after a change; Max the longest wait (waiting for
	// payment, a lost connection).
	Min, Max time.Duration
}

// RunningCap bounds the wait between polls while a job is moving (paid,
// not finished), so a stage's time is never far behind Memset's.
const RunningCap = 5 * time.Second

// normal fills in the defaults: 1s to 10s.
func (b Backoff) normal() Backoff {
	if b.Min <= 0 {
		b.Min = time.Second
	}
	if b.Max < b.Min {
		b.Max = max(10*time.Second, b.Min)
	}
	return b
}

// Seen is a job status and when it was first seen.
type Seen struct {
	Status string
	At     time.Time
}

// Tracker follows one job: it is a pure state machine (no I/O, no clock of
// its own). Feed it each job.status answer with Observe; Interval is then
// the wait before the next poll. A value type: Observe returns the new
// state.
type Tracker struct {
	// Job is the job as last seen (only its ID before the first answer).
	Job model.Job
	// Invoice is the order's invoice, when known.
	Invoice int
	// Product names the expected stages (nil: statuses as they come).
	Product *model.Product
	// Start is when the order was placed or following began.
	Start time.Time
	// Now is the time of the last observation or clock reading.
	Now time.Time
	// LastHeard is when Memset last answered about the job (zero: never).
	LastHeard time.Time
	// Seen lists each status with when it was first seen.
	Seen []Seen
	// Interval is the wait before the next poll.
	Interval time.Duration
	// Retrying is the last poll's failure; nil once a poll succeeds.
	Retrying error
	// EndErr is a definite refusal that ended following (ByID only).
	EndErr error
	// ByID marks a job known only by its id: a definite refusal ends it.
	// A job from an order just placed is polled whatever happens, since
	// Memset gave its id a moment ago.
	ByID bool
	// FailedAt is the stage an earlier record (the journal) says the job
	// failed in. It is used only when the job is failed and Memset's
	// answers seen here do not show where: a job that had already failed
	// when following began.
	FailedAt string

	backoff Backoff
}

// FromAnswer starts following the job of an order Memset just answered
// with, at now; the first poll is due after Interval.
func FromAnswer(q model.Quote, p *model.Product, now time.Time, b Backoff) Tracker {
	b = b.normal()
	t := Tracker{Invoice: q.InvoiceRef, Product: p, Start: now, Now: now, LastHeard: now, backoff: b, Interval: b.Min}
	if q.Job != nil {
		t.Job = *q.Job
		t.Seen = []Seen{{Status: q.Job.Status, At: now}}
	}
	return t
}

// ErrBadJobID ends following an id that is not a job id (32 lower-case
// hex digits): nothing is asked of Memset.
var ErrBadJobID = errors.New("not a job id: Memset's job ids are 32 lower-case hex digits")

// ByJobID starts following job id, known only by its id; the first poll
// is due at once. An id that is not a job id has ended already, with
// ErrBadJobID.
func ByJobID(id string, invoice int, p *model.Product, now time.Time, b Backoff) Tracker {
	b = b.normal()
	t := Tracker{Job: model.Job{ID: id}, Invoice: invoice, Product: p, Start: now, Now: now, ByID: true, backoff: b, Interval: b.Min}
	if !model.ValidJobID(id) {
		t.EndErr = ErrBadJobID
	}
	return t
}

// Answered reports whether Memset has said anything about the job.
func (t Tracker) Answered() bool { return len(t.Seen) > 0 }

// Ended reports whether the job finished or failed, or following it was
// refused.
func (t Tracker) Ended() bool {
	st := t.Job.State()
	return t.EndErr != nil || (t.Answered() && (st == model.JobDone || st == model.JobFailed))
}

// Heard reports how long ago Memset last answered, at now; ok is false
// before the first answer.
func (t Tracker) Heard(now time.Time) (ago time.Duration, ok bool) {
	if t.LastHeard.IsZero() {
		return 0, false
	}
	return max(now.Sub(t.LastHeard), 0), true
}

// refusedByMemset reports whether a failed poll is Memset's answer that
// polling again cannot change: no such job, a refused key or id.
func refusedByMemset(err error) bool {
	return !api.IsOutcomeUnknown(err) &&
		(api.IsDoesNotExist(err) || api.IsAuthentication(err) || api.IsBadParameters(err))
}

// Observe takes job.status's answer (or its error) at now.
func (t Tracker) Observe(job model.Job, err error, now time.Time) Tracker {
	if t.Ended() {
		return t
	}
	b := t.backoff.normal()
	t.Now = now
	if err != nil {
		// A refusal by Memset ends following a job known only by its id;
		// a refusal before sending (a malformed id, even one Memset gave)
		// ends any following: asking again cannot help.
		if (t.ByID && refusedByMemset(err)) || errors.Is(err, api.ErrRefusedLocally) {
			t.EndErr, t.Retrying = err, nil
			return t
		}
		t.Retrying = err
		t.Interval = min(t.Interval*2, b.Max)
		return t
	}
	t.Retrying, t.LastHeard = nil, now
	if !t.Answered() || job.Status != t.Job.Status {
		t.Seen = append(slices.Clip(t.Seen), Seen{Status: job.Status, At: now})
		t.Interval = b.Min
	} else {
		ceiling := b.Max
		if job.State() == model.JobRunning {
			ceiling = min(b.Max, max(b.Min, RunningCap))
		}
		t.Interval = min(t.Interval*2, ceiling)
	}
	if job.ID == "" {
		job.ID = t.Job.ID
	}
	t.Job = job
	return t
}

// Tick moves the tracker's clock to now (for elapsed times on screen).
func (t Tracker) Tick(now time.Time) Tracker {
	t.Now = now
	return t
}

// Mark is how a stage stands.
type Mark int

// The marks.
const (
	// Pending: not reached, or not known to be.
	Pending Mark = iota
	// Reached: passed.
	Reached
	// Current: the job is in it now.
	Current
	// Finished: the job finished in it.
	Finished
	// FailedHere: the job failed in it.
	FailedHere
	// Unsure: the job failed and nothing seen says whether it got this
	// far (it had failed already when following began).
	Unsure
)

// StageLine is one line of the stage list.
type StageLine struct {
	Name string
	Mark Mark
	// At is when the status was first seen (Seen false: never).
	At   time.Time
	Seen bool
	// Known is false for a status the catalogue's stage list lacks.
	Known bool
}

// Progress is the job's stages as far as they can be known.
type Progress struct {
	Stages []StageLine
	// Fraction is the share of the stage list passed, 0 to 1.
	Fraction float64
	// Unrecognised is the current status when the catalogue's stage list
	// does not have it (stage names are inferred): nothing after the last
	// known stage seen is ticked.
	Unrecognised string
	// FailedStageUnknown is set for a failed job when no answer seen (nor
	// FailedAt) says at which stage it failed: the stages are Unsure and
	// the failure status is listed, FailedHere, after them.
	FailedStageUnknown bool
}

// known is the product's stage list, with AWAITING-PAYMENT first when the
// job waited for payment.
func (t Tracker) known() []string {
	var out []string
	if slices.ContainsFunc(t.Seen, func(s Seen) bool { return s.Status == model.StatusAwaitingPayment }) {
		out = append(out, model.StatusAwaitingPayment)
	}
	if t.Product != nil {
		for _, s := range t.Product.JobStages {
			if !slices.Contains(out, s) {
				out = append(out, s)
			}
		}
	}
	return out
}

func (t Tracker) seenAt(status string) (time.Time, bool) {
	for _, s := range t.Seen {
		if s.Status == status {
			return s.At, true
		}
	}
	return time.Time{}, false
}

// Progress lists the expected stages, then any status seen that they lack,
// each marked as far as it can be known: a finished job has passed them
// all; otherwise only the stages up to the current known one (or the last
// known one seen) are passed.
//
// A failed job keeps the list: the stage it failed in (FailingStage) is
// FailedHere, the stages before it Reached, those after it Pending, and
// the failure status (FAILED) is not listed as a stage of its own.
func (t Tracker) Progress() Progress {
	if t.Answered() && t.Job.State() == model.JobFailed {
		return t.failedProgress()
	}
	known := t.known()
	names := slices.Clone(known)
	for _, s := range t.Seen {
		if !slices.Contains(names, s.Status) {
			names = append(names, s.Status)
		}
	}
	state := t.Job.State()
	cur := slices.Index(names, t.Job.Status)
	if !t.Answered() {
		cur = -1
	}
	curKnown := cur >= 0 && cur < len(known)
	// reached is the last stage known to be passed (or current).
	reached := -1
	switch {
	case state == model.JobDone && cur >= 0:
		reached = cur
	case curKnown:
		reached = cur
	default:
		for _, s := range t.Seen {
			if i := slices.Index(known, s.Status); i >= 0 && s.Status != t.Job.Status && i > reached {
				reached = i
			}
		}
	}
	var p Progress
	if cur >= len(known) && state != model.JobDone {
		p.Unrecognised = t.Job.Status
	}
	for i, name := range names {
		at, seen := t.seenAt(name)
		l := StageLine{Name: name, At: at, Seen: seen, Known: i < len(known)}
		switch {
		case i == cur && state == model.JobDone:
			l.Mark = Finished
		case i == cur:
			l.Mark = Current
		case i < cur && (i <= reached || (!l.Known && seen)), state == model.JobDone && cur >= 0:
			// A finished job has passed every stage, including statuses
			// the catalogue lacks that were listed after its last one.
			l.Mark = Reached
		}
		p.Stages = append(p.Stages, l)
	}
	switch {
	case state == model.JobDone && cur >= 0:
		p.Fraction = 1
	case len(names) > 1 && reached > 0:
		p.Fraction = float64(reached) / float64(len(names)-1)
	}
	return p
}

// LastStage is the stage the job is in or ended in: for a failed job the
// stage it failed in (FailingStage; "" when that is not known), otherwise
// its status when that is a known stage, or else the last known stage seen
// before it ("" when none was). at is true when the job is (or failed) in
// that stage, false when it only passed it.
func (t Tracker) LastStage() (stage string, at bool) {
	if t.Answered() && t.Job.State() == model.JobFailed {
		s := t.FailingStage()
		return s, s != ""
	}
	known := t.known()
	if slices.Contains(known, t.Job.Status) {
		return t.Job.Status, true
	}
	last := -1
	for _, s := range t.Seen {
		if i := slices.Index(known, s.Status); i > last {
			last = i
		}
	}
	if last < 0 {
		return "", false
	}
	return known[last], false
}

// RecordEnd writes how the job of journal record journalID ended: done
// with its service, or failed with the stage (LastStage). It does nothing
// before the job has ended or without a journal.
func (d *Desk) RecordEnd(journalID string, t Tracker) error {
	j := d.cfg.Journal
	if j == nil || journalID == "" || !t.Answered() {
		return nil
	}
	state, stage, err := t.End()
	if err != nil {
		return nil
	}
	return j.End(journalID, state, t.Job, stage)
}

// Follow polls job.status until the job ends, ctx ends, or (by id) Memset
// refuses it, calling update after every answer; sleep waits between polls
// (nil: a timer). The end is written to journal record journalID. It is
// for front ends without an event loop of their own (scripts, line
// prompts); the wizard drives a Tracker from its own timers.
func (d *Desk) Follow(ctx context.Context, t Tracker, journalID string, sleep func(context.Context, time.Duration) error, update func(Tracker)) (Tracker, error) {
	if sleep == nil {
		sleep = sleepCtx
	}
	first := t.ByID && !t.Answered()
	for !t.Ended() {
		if !first {
			if err := sleep(ctx, t.Interval); err != nil {
				return t, err
			}
		}
		first = false
		pctx, cancel := context.WithTimeout(ctx, time.Minute)
		job, err := d.JobStatus(pctx, t.Job.ID)
		cancel()
		if ctx.Err() != nil {
			return t, ctx.Err()
		}
		t = t.Observe(job, err, d.cfg.Now())
		if update != nil {
			update(t)
		}
	}
	if t.EndErr != nil {
		return t, t.EndErr
	}
	return t, d.RecordEnd(journalID, t)
}

// sleepCtx waits d or until ctx ends.
func sleepCtx(ctx context.Context, d time.Duration) error {
	tm := time.NewTimer(d)
	defer tm.Stop()
	select {
	case <-tm.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// errNotEnded is returned by End for a job still running.
var errNotEnded = errors.New("the job has not ended")

// End is how the job ended, for a journal or a summary: StateDone or
// StateFailed, with the stage (LastStage).
func (t Tracker) End() (state, stage string, err error) {
	switch t.Job.State() {
	case model.JobDone:
		state = journal.StateDone
	case model.JobFailed:
		state = journal.StateFailed
	default:
		return "", "", errNotEnded
	}
	stage, _ = t.LastStage()
	return state, stage, nil
}
