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
	"github.com/memset-order/memset-order/api/order"
	"github.com/memset-order/memset-order/model"
)

// followingStep follows the job with an order.Tracker (the order
// package's polling policy: backoff, stages, unknown statuses), driving it
// from the wizard's timers and showing the product's named stages with the
// time each was first seen. A failed poll is a lost connection: it is
// said, and polling goes on with backoff; the order is never placed again.
//
// The same code follows a job by id (FollowModel): then the tracker is
// ByID, the times count from when following began, and a definite refusal
// (no such job, a refused key) ends the following instead of being retried.
type followingStep struct {
	stepDefaults
	t order.Tracker
	// placement is the order whose job this is (zero when followed by id).
	placement order.Placement
	seq       int
	// clockSeq numbers the once-a-second elapsed-time refresh.
	clockSeq int
	// journalWarn is set when the journal could not record the outcome or
	// the job's end.
	journalWarn error
	// left is set when the person leaves before the job ends.
	left bool
	// reading is set once the job is done while what it delivered is
	// read; Done follows when the read answers.
	reading bool
}

// follower is what following needs from its program: the clock, the
// backoff, and the commands that read the job and wait.
type follower interface {
	now() time.Time
	jobCmd(id string) tea.Cmd
	pollAfter(d time.Duration, seq int) tea.Cmd
	clockAfter(seq int) tea.Cmd
	backoff() order.Backoff
}

// start begins following the job of a placement Memset answered with.
func (s *followingStep) start(p order.Placement, prod *model.Product, r follower) tea.Cmd {
	s.placement = p
	s.t = order.FromAnswer(p.Answer, prod, r.now(), r.backoff())
	s.seq++
	s.clockSeq++
	return tea.Batch(r.pollAfter(s.t.Interval, s.seq), r.clockAfter(s.clockSeq))
}

// startByID begins following job id, known only by its id: the first poll
// goes out at once.
func (s *followingStep) startByID(id string, invoice int, prod *model.Product, r follower) tea.Cmd {
	s.t = order.ByJobID(id, invoice, prod, r.now(), r.backoff())
	s.clockSeq++
	return tea.Batch(r.jobCmd(id), r.clockAfter(s.clockSeq))
}

// answered reports whether job.status has answered at least once.
func (s *followingStep) answered() bool { return s.t.Answered() }

// ended reports whether the job has finished or failed, or following it
// was refused.
func (s *followingStep) ended() bool { return s.t.Ended() }

// job is the job as last seen.
func (s *followingStep) job() model.Job { return s.t.Job }

// advance handles the poll timer and job.status answers; ended is true
// once the job has finished or failed, or (by id) job.status refused it.
func (s *followingStep) advance(msg tea.Msg, r follower) (cmd tea.Cmd, ended bool) {
	switch msg := msg.(type) {
	case clockMsg:
		if msg.seq != s.clockSeq || s.ended() {
			return nil, false
		}
		s.t = s.t.Tick(r.now())
		s.clockSeq++
		return r.clockAfter(s.clockSeq), false
	case pollMsg:
		if msg.seq != s.seq {
			return nil, false
		}
		return r.jobCmd(s.t.Job.ID), false
	case jobMsg:
		if s.ended() {
			return nil, false
		}
		s.t = s.t.Observe(msg.job, msg.err, r.now())
		if s.ended() {
			return nil, true
		}
		s.seq++
		return r.pollAfter(s.t.Interval, s.seq), false
	}
	return nil, false
}

func (s *followingStep) keys(e *env) []key.Binding {
	if s.ended() {
		return []key.Binding{with(e.keys.Quit, "quit", true)}
	}
	return []key.Binding{with(e.keys.Quit, "quit (the job goes on)", true)}
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

func (s *followingStep) view(e *env) string {
	st, w := e.st, e.width
	var out []string
	out = append(out, st.Title.Render(truncate(s.title(), w)))
	out = append(out, st.Subtle.Render(truncate(s.subtitle(e), w)))
	if s.t.EndErr != nil && !s.answered() {
		return withDetail(strings.Join(out, "\n"), block(s.notes(e)...), e.height)
	}
	out = append(out, s.heardLine(e), "")
	prog := s.t.Progress()
	out = append(out, stageLines(e, prog, s.t.Start)...)
	bar := progress.New(progress.WithWidth(min(w, 40)), progress.WithColors(st.BarFull), progress.WithFillCharacters(st.Glyphs.BarFull, st.Glyphs.BarEmpty))
	bar.EmptyColor = st.BarEmpty
	out = append(out, "", bar.ViewAs(prog.Fraction))
	notes := s.notes(e)
	if prog.Unrecognised != "" {
		notes = append([]string{st.Warning.Render(wrap("Memset reports the status "+prog.Unrecognised+", which is not in the stage list this program expects (the names are inferred): stages after the last one seen are not ticked.", w))}, notes...)
	}
	return withDetail(strings.Join(out, "\n"), block(notes...), e.height)
}

// stageLines are the job's stages, each marked (✓ passed or finished, ▸
// current, ✗ failed here, ? not known, · pending) with when it was first
// seen, counted from start.
func stageLines(e *env, prog order.Progress, start time.Time) []string {
	st, w, g := e.st, e.width, &e.st.Glyphs
	var out []string
	for _, l := range prog.Stages {
		t := ""
		if l.Seen {
			t = "+" + elapsed(l.At.Sub(start))
		}
		line := padRight(l.Name, 22) + " " + t
		switch l.Mark {
		case order.FailedHere:
			out = append(out, st.Error.Render(truncate(g.Cross+" "+line, w)))
		case order.Finished:
			out = append(out, st.Success.Render(truncate(g.Check+" "+line, w)))
		case order.Current:
			out = append(out, st.Cursor.Render(truncate(g.Current+" "+line, w)))
		case order.Reached:
			out = append(out, truncate(g.Check+" "+line, w))
		case order.Unsure:
			out = append(out, st.Subtle.Render(truncate("? "+line, w)))
		default:
			out = append(out, st.Subtle.Render(truncate("· "+line, w)))
		}
	}
	return out
}

// heardLine says how long ago Memset last answered about the job and,
// while polls fail, that it is retrying.
func (s *followingStep) heardLine(e *env) string {
	st, w := e.st, e.width
	heard := "Memset has not answered yet"
	if ago, ok := s.t.Heard(s.t.Now); ok {
		heard = "Memset last answered " + agoText(ago)
	}
	if err := s.t.Retrying; err != nil && !s.ended() {
		return st.Warning.Render(truncate(heard+" · "+pollTrouble(err)+"…", w))
	}
	return st.Subtle.Render(truncate(heard, w))
}

// agoText is how long ago something was: "just now", "12s ago",
// "3m 05s ago", "1h 02m ago".
func agoText(d time.Duration) string {
	d = d.Round(time.Second)
	switch {
	case d < time.Second:
		return "just now"
	case d < time.Minute:
		return fmt.Sprintf("%ds ago", int(d/time.Second))
	case d < time.Hour:
		return fmt.Sprintf("%dm %02ds ago", int(d/time.Minute), int(d/time.Second)%60)
	}
	return fmt.Sprintf("%dh %02dm ago", int(d/time.Hour), int(d/time.Minute)%60)
}

// title names what is followed.
func (s *followingStep) title() string {
	if !s.t.ByID {
		return "Order placed · invoice " + invoiceText(s.t.Invoice) + " · job " + s.t.Job.ID
	}
	t := "Job " + s.t.Job.ID
	if s.t.Invoice != 0 {
		t += " · invoice " + itoa(s.t.Invoice)
	}
	return t
}

// subtitle is the job's type, state and elapsed time.
func (s *followingStep) subtitle(e *env) string {
	d := elapsed(s.t.Now.Sub(s.t.Start))
	j, endErr := s.t.Job, s.t.EndErr
	switch {
	case !s.t.ByID:
		return j.Type + " · " + j.State().String() + " · elapsed " + d
	case !s.answered() && api.IsDoesNotExist(endErr):
		return "stopped: no such job"
	case !s.answered() && api.IsAuthentication(endErr):
		return "stopped: the API key was refused"
	case !s.answered() && endErr != nil:
		return "stopped: the id was refused"
	case !s.answered():
		return "asking Memset (job.status)…"
	}
	return j.Type + " · " + j.State().String() + " · following for " + d
}

// notes say what the person can do, and what went wrong.
func (s *followingStep) notes(e *env) []string {
	st, w := e.st, e.width
	var note []string
	say := func(style lipgloss.Style, text string) { note = append(note, style.Render(wrap(text, w))) }
	j, byID := s.t.Job, s.t.ByID
	if d := s.placement.Differences; len(d) > 0 {
		say(st.Error, priceDiffers(d))
	}
	switch {
	case s.t.EndErr != nil:
		say(st.Error, followRefusal(j.ID, s.t.EndErr))
		return note
	case byID && s.answered() && e.prod == nil:
		say(st.Subtle, "Job type "+j.Type+" is not in the catalogue: its statuses are shown as Memset reports them.")
	}
	switch st2 := j.State(); {
	case s.answered() && st2 == model.JobDone && s.reading:
		say(st.Success, "✓ The job is done: "+readingNote)
		return note
	case byID && s.answered() && st2 == model.JobDone:
		done := "✓ The job is done."
		if j.Service != "" {
			done = "✓ The job is done: the new service is " + j.Service + "."
		}
		say(st.Success, done)
		return note
	case byID && s.answered() && st2 == model.JobFailed:
		say(st.Error, "✗ The job failed"+s.failedAt()+". "+SupportContact+" with the job id.")
		return note
	case s.left:
		say(st.Warning, e.resumeHint(j.ID))
		return note
	case s.answered() && st2 == model.JobAwaitingPayment:
		say(st.Warning, e.awaitingPaymentNote(s.t.Invoice))
	}
	if err := s.t.Retrying; err != nil {
		msg := pollTrouble(err) + ": " + describe(err) + "."
		if !byID {
			msg += " The order is placed; it will not be sent again."
		}
		say(st.Error, msg)
	}
	if s.journalWarn != nil {
		say(st.Warning, "The journal could not record the outcome ("+describe(s.journalWarn)+"); note the invoice and job id.")
	}
	switch {
	case byID:
		say(st.Subtle, "You can quit at any time: the job goes on at Memset. "+e.resumeCommand(j.ID))
	case len(note) == 0 && e.ephemeral:
		say(st.Subtle, "You can quit at any time; this embedded sandbox's jobs end with the program.")
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

// ResumeCommand is the command that follows job id again, as it must be
// pasted.
func ResumeCommand(id string) string { return "memset-order job follow " + id }

// priceDiffers says that Memset's answer differs from the confirmed price.
func priceDiffers(diffs []string) string {
	return "! Memset's answer differs from the price you confirmed: " + strings.Join(diffs, "; ") +
		". The order was placed as Memset answered; check the invoice before paying, and contact Memset if it is wrong."
}

func invoiceText(ref int) string {
	if ref == 0 {
		return "(on the next bill)"
	}
	return itoa(ref)
}

// failedAt says where a failed job stopped: " at INSTALLING-OS (status
// FAILED)", or " (status FAILED)" when that is not known.
func (s *followingStep) failedAt() string {
	out := ""
	if stage := s.t.FailingStage(); stage != "" {
		out = " at " + stage
	}
	if s.t.Job.Status == s.t.FailingStage() {
		return out
	}
	return out + " (status " + s.t.Job.Status + ")"
}
