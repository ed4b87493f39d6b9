package ui

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/progress"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/memset-order/memset-order/api"
	"github.com/memset-order/memset-order/model"
)

// followingStep polls job.status with backoff until the job ends, showing
// the product's named stages with the time each was first seen. A failed
// poll is a lost connection: it is said, and polling goes on with backoff;
// the order is never placed again.
//
// The same code follows a job by id (FollowModel): then byID is set, the
// times count from when following began, and a definite refusal (no such
// job, a refused key) ends the following instead of being retried.
type followingStep struct {
	invoice  int
	job      model.Job
	placedAt time.Time
	now      time.Time
	seen     []stageSeen
	interval time.Duration
	seq      int
	// clockSeq numbers the once-a-second elapsed-time refresh.
	clockSeq int
	// connErr is the last poll's failure; nil once a poll succeeds again.
	connErr error
	// journalWarn is set when the journal could not record the outcome.
	journalWarn error
	// byID marks following a job by its id rather than an order just
	// placed; endErr is the refusal that ended it; left is set when the
	// person leaves before the job ends.
	byID   bool
	endErr error
	left   bool
}

// runningPollCap bounds the wait between polls while a job is moving
// (paid, not yet finished), so a stage's time on screen is never far
// behind Memset's; waiting for payment and lost connections back off up to
// the configured maximum.
const runningPollCap = 5 * time.Second

// stageSeen is a job status and when it was first seen.
type stageSeen struct {
	status string
	at     time.Time
}

// follower is what following needs from the root: the clock and the
// commands that read the job and wait.
type follower interface {
	now() time.Time
	jobCmd(id string) tea.Cmd
	pollAfter(d time.Duration, seq int) tea.Cmd
	clockAfter(seq int) tea.Cmd
	pollBounds() (time.Duration, time.Duration)
}

// start begins following the job a real order returned.
func (s followingStep) start(q model.Quote, r follower) (followingStep, tea.Cmd) {
	now := r.now()
	s.invoice, s.job, s.placedAt, s.now = q.InvoiceRef, *q.Job, now, now
	s.seen = []stageSeen{{status: q.Job.Status, at: now}}
	lo, _ := r.pollBounds()
	s.interval = lo
	s.seq++
	s.clockSeq++
	return s, tea.Batch(r.pollAfter(s.interval, s.seq), r.clockAfter(s.clockSeq))
}

// startByID begins following job id, known only by its id: the first poll
// goes out at once.
func (s followingStep) startByID(id string, invoice int, r follower) (followingStep, tea.Cmd) {
	now := r.now()
	s.byID, s.invoice, s.job, s.placedAt, s.now = true, invoice, model.Job{ID: id}, now, now
	lo, _ := r.pollBounds()
	s.interval = lo
	s.clockSeq++
	return s, tea.Batch(r.jobCmd(id), r.clockAfter(s.clockSeq))
}

// answered reports whether job.status has answered at least once.
func (s followingStep) answered() bool { return len(s.seen) > 0 }

// ended reports whether the job has finished or failed, or following it
// was refused.
func (s followingStep) ended() bool {
	st := s.job.State()
	return s.endErr != nil || (s.answered() && (st == model.JobDone || st == model.JobFailed))
}

// refused reports whether a failed poll is a definite answer that polling
// again cannot change: the job does not exist, the key is refused, the id
// is refused. Only a job followed by id stops on one; an order just placed
// keeps polling whatever happens, since Memset gave its id a moment ago.
func (s followingStep) refused(err error) bool {
	return s.byID && !api.IsOutcomeUnknown(err) &&
		(api.IsDoesNotExist(err) || api.IsAuthentication(err) || api.IsBadParameters(err))
}

// update handles the poll timer and job.status answers; ended is true once
// the job has finished or failed, or (by id) job.status refused it.
func (s followingStep) update(msg tea.Msg, r follower) (f followingStep, cmd tea.Cmd, ended bool) {
	lo, hi := r.pollBounds()
	switch msg := msg.(type) {
	case clockMsg:
		if msg.seq != s.clockSeq || s.ended() {
			return s, nil, false
		}
		s.now = r.now()
		s.clockSeq++
		return s, r.clockAfter(s.clockSeq), false
	case pollMsg:
		if msg.seq != s.seq {
			return s, nil, false
		}
		return s, r.jobCmd(s.job.ID), false
	case jobMsg:
		if s.ended() {
			return s, nil, false
		}
		s.now = r.now()
		if msg.err != nil {
			if s.refused(msg.err) {
				s.endErr, s.connErr = msg.err, nil
				return s, nil, true
			}
			s.connErr = msg.err
			s.interval = min(s.interval*2, hi)
			s.seq++
			return s, r.pollAfter(s.interval, s.seq), false
		}
		s.connErr = nil
		if !s.answered() || msg.job.Status != s.job.Status {
			s.seen = append(s.seen, stageSeen{status: msg.job.Status, at: s.now})
			s.interval = lo
		} else {
			ceiling := hi
			if msg.job.State() == model.JobRunning {
				ceiling = min(hi, max(lo, runningPollCap))
			}
			s.interval = min(s.interval*2, ceiling)
		}
		if msg.job.ID == "" {
			msg.job.ID = s.job.ID
		}
		s.job = msg.job
		if s.ended() {
			return s, nil, true
		}
		s.seq++
		return s, r.pollAfter(s.interval, s.seq), false
	}
	return s, nil, false
}

func (s followingStep) keys(e *env) []key.Binding {
	return []key.Binding{with(e.keys.Quit, "quit (the job goes on)", true)}
}

// stageList is the product's expected stages, with AWAITING-PAYMENT first
// when the job waited for payment and any unexpected status (a failure) at
// the end.
func (s followingStep) stageList(p *model.Product) []string {
	var out []string
	for _, x := range s.seen {
		if x.status == model.StatusAwaitingPayment {
			out = append(out, x.status)
			break
		}
	}
	if p != nil {
		out = append(out, p.JobStages...)
	}
	for _, x := range s.seen {
		if !contains(out, x.status) {
			out = append(out, x.status)
		}
	}
	return out
}

// lastReached is the index in stages of the last status seen before the
// current one, or -1.
func (s followingStep) lastReached(stages []string) int {
	last := -1
	for _, x := range s.seen {
		if i := indexOfString(stages, x.status); x.status != s.job.Status && i > last {
			last = i
		}
	}
	return last
}

func (s followingStep) seenAt(status string) (time.Time, bool) {
	for _, x := range s.seen {
		if x.status == status {
			return x.at, true
		}
	}
	return time.Time{}, false
}

// elapsed formats a duration as m:ss (h:mm:ss from an hour).
func elapsed(d time.Duration) string {
	if d < 0 {
		d = 0
	}
	d = d.Round(time.Second)
	h, m, sec := int(d/time.Hour), int(d/time.Minute)%60, int(d/time.Second)%60
	if h > 0 {
		return fmt.Sprintf("%d:%02d:%02d", h, m, sec)
	}
	return fmt.Sprintf("%d:%02d", m, sec)
}

func (s followingStep) view(e *env) string {
	st, w := e.st, e.width
	var out []string
	out = append(out, st.Title.Render(truncate(s.title(), w)))
	out = append(out, st.Subtle.Render(truncate(s.subtitle(e), w)))
	if s.endErr != nil && !s.answered() {
		return withDetail(strings.Join(out, "\n"), block(s.notes(e)...), e.height)
	}
	out = append(out, "")
	stages := s.stageList(e.prod)
	cur := indexOfString(stages, s.job.Status)
	// A failed job's status comes after the expected stages: those it
	// never reached are not ticked.
	reached := cur
	if s.job.State() == model.JobFailed {
		reached = s.lastReached(stages)
	}
	for i, name := range stages {
		at, seen := s.seenAt(name)
		t := ""
		if seen {
			t = "+" + elapsed(at.Sub(s.placedAt))
		}
		line := padRight(name, 22) + " " + t
		switch {
		case i == cur && s.job.State() == model.JobFailed:
			out = append(out, st.Error.Render(truncate("✗ "+line, w)))
		case i == cur && s.job.State() == model.JobDone:
			out = append(out, st.Success.Render(truncate("✓ "+line, w)))
		case i == cur:
			out = append(out, st.Cursor.Render(truncate("▸ "+line, w)))
		case i < cur && i <= reached:
			out = append(out, truncate("✓ "+line, w))
		default:
			out = append(out, st.Subtle.Render(truncate("· "+line, w)))
		}
	}
	frac := 0.0
	if len(stages) > 1 && reached > 0 {
		frac = float64(reached) / float64(len(stages)-1)
	}
	bar := progress.New(progress.WithWidth(min(w, 40)), progress.WithColors(st.BarFull), progress.WithFillCharacters('█', '░'))
	bar.EmptyColor = st.BarEmpty
	out = append(out, "", bar.ViewAs(frac))
	return withDetail(strings.Join(out, "\n"), block(s.notes(e)...), e.height)
}

// title names what is followed.
func (s followingStep) title() string {
	if !s.byID {
		return "Order placed · invoice " + invoiceText(s.invoice) + " · job " + s.job.ID
	}
	t := "Job " + s.job.ID
	if s.invoice != 0 {
		t += " · invoice " + itoa(s.invoice)
	}
	return t
}

// subtitle is the job's type, state and elapsed time.
func (s followingStep) subtitle(e *env) string {
	d := elapsed(s.now.Sub(s.placedAt))
	switch {
	case !s.byID:
		return s.job.Type + " · " + s.job.State().String() + " · elapsed " + d
	case !s.answered() && api.IsDoesNotExist(s.endErr):
		return "stopped: no such job"
	case !s.answered() && api.IsAuthentication(s.endErr):
		return "stopped: the API key was refused"
	case !s.answered() && s.endErr != nil:
		return "stopped: the id was refused"
	case !s.answered():
		return "asking Memset (job.status)…"
	}
	return s.job.Type + " · " + s.job.State().String() + " · following for " + d
}

// notes say what the person can do, and what went wrong.
func (s followingStep) notes(e *env) []string {
	st, w := e.st, e.width
	var note []string
	say := func(style lipgloss.Style, text string) { note = append(note, style.Render(wrap(text, w))) }
	switch {
	case s.endErr != nil:
		say(st.Error, followRefusal(s.job.ID, s.endErr))
		return note
	case s.byID && s.answered() && e.prod == nil:
		say(st.Subtle, "Job type "+s.job.Type+" is not in the catalogue: its statuses are shown as Memset reports them.")
	}
	switch st2 := s.job.State(); {
	case s.byID && s.answered() && st2 == model.JobDone:
		done := "✓ The job is done."
		if s.job.Service != "" {
			done = "✓ The job is done: the new service is " + s.job.Service + "."
		}
		say(st.Success, done)
		return note
	case s.byID && s.answered() && st2 == model.JobFailed:
		say(st.Error, "✗ The job failed"+s.failedAfter()+". Contact Memset support with the job id.")
		return note
	case s.left:
		say(st.Warning, ResumeHint(s.job.ID))
		return note
	case s.answered() && st2 == model.JobAwaitingPayment:
		inv := "invoice " + invoiceText(s.invoice)
		if s.byID && s.invoice == 0 {
			inv = "the job's invoice"
		}
		say(st.Warning, "Awaiting payment: pay "+inv+" in the Memset control panel; the job starts once it is paid.")
	}
	if s.connErr != nil {
		msg := pollTrouble(s.connErr) + ": " + describe(s.connErr) + "."
		if !s.byID {
			msg += " The order is placed; it will not be sent again."
		}
		say(st.Error, msg)
	}
	if s.journalWarn != nil {
		say(st.Warning, "The journal could not record the outcome ("+describe(s.journalWarn)+"); note the invoice and job id.")
	}
	switch {
	case s.byID:
		say(st.Subtle, "You can quit at any time: the job goes on at Memset. Resume with: memset-order job follow "+s.job.ID)
	case len(note) == 0:
		say(st.Subtle, "You can quit at any time: the job goes on at Memset, and its id is printed when you leave.")
	}
	return note
}

// followRefusal explains a definite refusal of job.status.
func followRefusal(id string, err error) string {
	var e *api.Error
	detail := describe(err)
	if errors.As(err, &e) {
		detail = e.Detail()
	}
	switch {
	case api.IsDoesNotExist(err):
		return "Memset has no such job (job.status: " + detail + "). Check the id: memset-order orders lists the jobs of your orders."
	case api.IsAuthentication(err):
		return "Memset refused the API key (" + describe(err) + "). Use the key of the account that placed the order."
	}
	return "Memset refused the job id " + id + ": " + detail
}

// ResumeHint is what to tell a person who leaves while job id runs.
func ResumeHint(id string) string {
	return "The job keeps running at Memset. Resume with: memset-order job follow " + id
}

func invoiceText(ref int) string {
	if ref == 0 {
		return "(on the next bill)"
	}
	return itoa(ref)
}

func indexOfString(ss []string, s string) int {
	for i, x := range ss {
		if x == s {
			return i
		}
	}
	return -1
}

// failedAfter says where a failed job stopped: " after PROVISIONING (status
// FAILED)".
func (s followingStep) failedAfter() string {
	var last string
	for _, x := range s.seen {
		if x.status != s.job.Status {
			last = x.status
		}
	}
	out := ""
	if last != "" {
		out = " after " + last
	}
	return out + " (status " + s.job.Status + ")"
}
