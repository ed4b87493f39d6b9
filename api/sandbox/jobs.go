package sandbox

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strconv"
	"time"

	"github.com/memset-order/memset-order/model"
)

// statusFailed is the status of a job that stopped with an error (inferred).
const statusFailed = "FAILED"

// job is the setup work behind a real order. Its state is not stored but
// computed from the clock: a started job reaches stage i at
// startedAt + i×stageDur, so every observer at the same time sees the same
// thing and nothing runs in the background.
type job struct {
	id      string
	typ     string
	stages  []string
	failAt  string
	started bool
	// startedAt is when the invoice was paid, or the order placed when the
	// charge went on the next consolidated bill.
	startedAt time.Time
	// service is the new service's name, reserved when the order was placed
	// and shown once the job is DONE; for a top-up, the server topped up.
	service string
	topUp   bool
	// settled is set once the job's outcome has been applied to the account
	// (the service created, the bandwidth bank filled).
	settled bool
	// outcome is what to create when the job finishes.
	outcome pending
}

// pending is what a finished job adds to the account.
type pending struct {
	product *model.Product
	order   model.Order
	price   model.Price
	gb      int // top-ups
}

// jobID is the n-th job id for a seed: 32 hex digits of SHA-256.
func jobID(seed string, n int) string {
	sum := sha256.Sum256([]byte(seed + ":" + strconv.Itoa(n)))
	return hex.EncodeToString(sum[:16])
}

// stage returns the index of the stage the job is in at now; the job must
// have started.
func (j *job) stage(now time.Time, d time.Duration) int {
	last := len(j.stages) - 1
	if d <= 0 {
		return last
	}
	elapsed := now.Sub(j.startedAt)
	if elapsed < 0 {
		return 0
	}
	if n := elapsed / d; n < time.Duration(last) {
		return int(n)
	}
	return last
}

// doneAt is when the job reaches its last stage.
func (j *job) doneAt(d time.Duration) time.Time {
	return j.startedAt.Add(time.Duration(len(j.stages)-1) * d)
}

// failed reports whether the job has failed by now. A job set to fail at
// a stage is seen in that stage for the stage's duration, as a real job
// that breaks while it works, and FAILED from then on; one set to fail at
// its last stage (the finished status, which a job never shows and then
// leaves) fails when it would reach it. A stage the job does not go
// through never fails it.
func (j *job) failed(now time.Time, d time.Duration) bool {
	f := slices.Index(j.stages, j.failAt)
	if j.failAt == "" || f < 0 {
		return false
	}
	last := len(j.stages) - 1
	if d <= 0 {
		return true
	}
	end := f + 1
	if f == last {
		end = last
	}
	return now.Sub(j.startedAt) >= time.Duration(end)*d
}

// view is the job as job.status shows it at now.
func (j *job) view(now time.Time, d time.Duration) model.Job {
	out := model.Job{ID: j.id, Type: j.typ}
	if j.topUp {
		out.Service = j.service // the server exists all along
	}
	if !j.started {
		out.Status = model.StatusAwaitingPayment
		return out
	}
	if j.failed(now, d) {
		out.Status, out.Error, out.Finished = statusFailed, true, true
		return out
	}
	i := j.stage(now, d)
	out.Status = j.stages[i]
	if i == len(j.stages)-1 {
		out.Finished = true
		out.Service = j.service
	}
	return out
}

// advance brings the account up to now: invoices due for automatic payment
// by card or billing account are paid (at the time they fell due, not when
// someone looked), and jobs
// that have finished add their service or bandwidth. s.mu must be held.
func (s *Sandbox) advance(now time.Time) {
	if s.autoPay > 0 {
		for _, inv := range s.invoices {
			if due := inv.created.Add(s.autoPay); inv.status == model.StatusAwaitingPayment && inv.charged() && !due.After(now) {
				inv.pay(due)
			}
		}
	}
	for _, j := range s.jobs {
		if j.settled || !j.started {
			continue
		}
		v := j.view(now, s.stageDur)
		if !v.Finished {
			continue
		}
		j.settled = true
		if v.Error {
			continue
		}
		if j.topUp {
			s.banks[j.service] += j.outcome.gb
			continue
		}
		s.addService(j, j.doneAt(s.stageDur))
	}
}

// findJob returns the job with id. s.mu must be held.
func (s *Sandbox) findJob(id string) (*job, bool) {
	for _, j := range s.jobs {
		if j.id == id {
			return j, true
		}
	}
	return nil, false
}
