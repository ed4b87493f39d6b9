package ui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/progress"
	tea "charm.land/bubbletea/v2"
	"github.com/memset-order/memset-order/model"
)

// followingStep polls job.status with backoff until the job ends, showing
// the product's named stages with the time each was first seen. A failed
// poll is a lost connection: it is said, and polling goes on with backoff;
// the order is never placed again.
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
}

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

// update handles the poll timer and job.status answers; ended is true once
// the job has finished or failed.
func (s followingStep) update(msg tea.Msg, r follower) (f followingStep, cmd tea.Cmd, ended bool) {
	lo, hi := r.pollBounds()
	switch msg := msg.(type) {
	case clockMsg:
		if msg.seq != s.clockSeq {
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
		s.now = r.now()
		if msg.err != nil {
			s.connErr = msg.err
			s.interval = min(s.interval*2, hi)
			s.seq++
			return s, r.pollAfter(s.interval, s.seq), false
		}
		s.connErr = nil
		if msg.job.Status != s.job.Status {
			s.seen = append(s.seen, stageSeen{status: msg.job.Status, at: s.now})
			s.interval = lo
		} else {
			s.interval = min(s.interval*2, hi)
		}
		s.job = msg.job
		if st := s.job.State(); st == model.JobDone || st == model.JobFailed {
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
	out = append(out, st.Title.Render(truncate("Order placed · invoice "+invoiceText(s.invoice)+" · job "+s.job.ID, w)))
	out = append(out, st.Subtle.Render(truncate(s.job.Type+" · "+s.job.State().String()+" · elapsed "+elapsed(s.now.Sub(s.placedAt)), w)), "")
	stages := s.stageList(e.prod)
	cur := indexOfString(stages, s.job.Status)
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
		case i < cur:
			out = append(out, truncate("✓ "+line, w))
		default:
			out = append(out, st.Subtle.Render(truncate("· "+line, w)))
		}
	}
	frac := 0.0
	if len(stages) > 1 && cur > 0 {
		frac = float64(cur) / float64(len(stages)-1)
	}
	bar := progress.New(progress.WithWidth(min(w, 40)), progress.WithColors(st.BarFull), progress.WithFillCharacters('█', '░'))
	bar.EmptyColor = st.BarEmpty
	out = append(out, "", bar.ViewAs(frac))
	var note []string
	if s.job.State() == model.JobAwaitingPayment {
		note = append(note, st.Warning.Render(wrap("Awaiting payment: pay invoice "+invoiceText(s.invoice)+" in the Memset control panel; the job starts once it is paid.", w)))
	}
	if s.connErr != nil {
		note = append(note, st.Error.Render(wrap(pollTrouble(s.connErr)+": "+describe(s.connErr)+". The order is placed; it will not be sent again.", w)))
	}
	if s.journalWarn != nil {
		note = append(note, st.Warning.Render(wrap("The journal could not record the outcome ("+describe(s.journalWarn)+"); note the invoice and job id.", w)))
	}
	if len(note) == 0 {
		note = append(note, st.Subtle.Render(wrap("You can quit at any time: the job goes on at Memset, and its id is printed when you leave.", w)))
	}
	return withDetail(strings.Join(out, "\n"), block(note...), e.height)
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
