package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/memset-order/memset-order/api"
	"github.com/memset-order/memset-order/api/order"
	"github.com/memset-order/memset-order/model"
	"github.com/memset-order/memset-order/ui"
)

// leaver is the part of *order.Desk the summary needs: whether a create is
// still in flight, and waiting for its answer.
type leaver interface {
	InFlight() bool
	Leave(ctx context.Context) (order.Placement, bool)
}

// wizardEnd is how the wizard ended and what the summary needs to say so.
type wizardEnd struct {
	Result ui.Result
	Desk   leaver
	// Interrupted: a signal ended the program.
	Interrupted bool
	// Embedded: the embedded sandbox (its jobs end with the program).
	Embedded    bool
	Endpoint    string
	JournalPath string
	// Wait bounds the wait for an answer still in flight.
	Wait time.Duration
}

// rank orders statuses by what the summary must not hide: an order that
// may exist first, then a price that is not the one confirmed, a refusal,
// a failed job, an error, an interruption.
func rank(s Status) int {
	switch s {
	case StatusUnknown:
		return 7
	case StatusPriceGuard:
		return 6
	case StatusRefused:
		return 5
	case StatusJobFailed:
		return 4
	case StatusError:
		return 3
	case StatusInterrupted:
		return 2
	}
	return 1
}

// report collects the summary's lines and its exit status.
type report struct {
	w      io.Writer
	status Status
	// reason is the one-line message for stderr with a non-zero status.
	reason string
}

func (r *report) say(format string, args ...any) { fmt.Fprintf(r.w, format+"\n", args...) }

// raise sets the status to s unless a more important one is set.
func (r *report) raise(s Status, reason string) {
	if rank(s) > rank(r.status) {
		r.status, r.reason = s, reason
	}
}

// err is the command's error for the status reached (nil for done).
func (r *report) err() error {
	if r.status == StatusDone {
		return nil
	}
	return &ExitError{Status: r.status, Err: errors.New(r.reason)}
}

// summarize prints, after the wizard's screen has closed, what it did, so
// that the invoice reference, the job id and what to do next stay in the
// terminal's scrollback; it returns the exit status as an error. A create
// that was handed to the desk and had not ended (the person left while
// placing, or a signal ended the program) is waited for, up to e.Wait, and
// then reported as it stands: never as "nothing was ordered".
func summarize(ctx context.Context, s *IOStreams, e wizardEnd) error {
	res := e.Result
	rep := &report{w: s.Out, status: StatusDone}
	where := ""
	if e.Embedded {
		where = " (SANDBOX: nothing was bought)"
	}
	if res.Halt != nil {
		e.halt(rep, res.Halt)
	}
	p := res.Placement
	if res.LeftWhilePlacing || (res.Sent && p.Outcome == 0) || (e.Desk != nil && e.Desk.InFlight()) {
		p = e.leave(ctx, s.ErrOut, p)
	}
	switch p.Outcome {
	case order.Unknown:
		e.unknown(rep, p, where)
	case order.Refused:
		rep.say("Memset refused the order%s; nothing was ordered: %s", where, sentence(describe(p.Err)))
		rep.raise(StatusRefused, "Memset refused the order")
	case order.NotSent:
		var h *order.Halt
		switch {
		case errors.As(p.Err, &h):
			// Said above: nothing more was sent after the price check.
		case errors.Is(p.Err, order.ErrLeft):
			rep.say("Nothing was ordered%s: the program ended before the order was sent.", where)
		default:
			rep.say("Nothing was ordered%s: the order was not sent (%s).", where, strings.TrimSuffix(describe(p.Err), "."))
			rep.raise(StatusError, "the order was not sent")
		}
	case order.Placed, order.PriceDiffers:
		e.ordered(rep, p, where)
	default:
		if res.Halt == nil {
			rep.say("Nothing was ordered%s.", where)
		}
	}
	if o := res.Unplaced; o != nil {
		rep.say("To order it later: %s", order.CommandLine(model.DefaultCatalogue(), *o, e.Embedded, e.Endpoint))
	}
	if e.Interrupted && !p.Outcome.Ordered() {
		// With an order placed, the signal only ended the following: the
		// order is done, and its job goes on.
		rep.raise(StatusInterrupted, "interrupted")
	}
	return rep.err()
}

// leave waits, up to e.Wait and whatever ctx says (a signal may have
// cancelled it), for the answer to the create in flight, and returns the
// placement as it then stands: Unknown when no answer came.
func (e wizardEnd) leave(ctx context.Context, errOut io.Writer, p order.Placement) order.Placement {
	fmt.Fprintf(errOut, "Waiting up to %d s for Memset's answer to the order…\n", int(e.Wait.Round(time.Second)/time.Second))
	if e.Desk == nil {
		p.Outcome, p.Err = order.Unknown, order.ErrLeft
		return p
	}
	lctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), e.Wait)
	defer cancel()
	lp, ok := e.Desk.Leave(lctx)
	if !ok || lp.Outcome == 0 {
		p.Outcome, p.Err = order.Unknown, order.ErrLeft
		return p
	}
	return lp
}

// unknown says that the order may exist, where its journal entry is and
// how to settle it.
func (e wizardEnd) unknown(rep *report, p order.Placement, where string) {
	why := "its answer was lost"
	var lost *api.OutcomeUnknownError
	switch {
	case errors.Is(p.Err, order.ErrLeft):
		why = "the program ended before Memset answered"
	case errors.As(p.Err, &lost) && lost.Err != nil:
		why = "it was sent but its answer was lost (" + strings.TrimSuffix(describe(lost.Err), ".") + ")"
	case p.Err != nil:
		why = "its answer was lost (" + strings.TrimSuffix(describe(p.Err), ".") + ")"
	}
	rep.say("The order may or may not have been placed%s: %s.", where, why)
	res := e.Result
	if st := res.Settlement; st != nil {
		rep.say("%s", oneLine(st.Sentence()))
	} else if len(res.Candidates) > 0 {
		rep.say("Invoices that may be this order: %s.", refList(res.Candidates))
	}
	switch {
	case p.JournalID != "" && p.JournalErr == nil:
		rep.say("It is journal entry %s in %s.", oneLine(p.JournalID), oneLine(e.JournalPath))
	case p.JournalID != "":
		rep.say("It is journal entry %s in %s, but its outcome could not be written (%s).", oneLine(p.JournalID), oneLine(e.JournalPath), strings.TrimSuffix(errText(p.JournalErr), "."))
	default:
		rep.say("No journal entry names it: note what you ordered. The journal is %s.", oneLine(e.JournalPath))
	}
	switch {
	case e.Embedded:
		rep.say("This was the embedded sandbox: nothing real was ordered, and its invoices ended with the program.")
	case p.JournalID != "":
		rep.say("Do not order it again before checking your invoices: memset-order orders settle %s", oneLine(p.JournalID))
	default:
		rep.say("Do not order it again before checking your invoices in the Memset control panel.")
	}
	rep.raise(StatusUnknown, "the order's outcome is unknown")
}

// ordered says what Memset says was ordered, how it differs from what was
// confirmed, and how its job stands.
func (e wizardEnd) ordered(rep *report, p order.Placement, where string) {
	res, q := e.Result, p.Answer
	inv := "on the next bill"
	if q.InvoiceRef != 0 {
		inv = fmt.Sprintf("invoice %d", q.InvoiceRef)
	}
	jobID := res.JobID
	if jobID == "" && q.Job != nil {
		jobID = q.Job.ID
	}
	if jobID == "" {
		rep.say("Ordered%s: %s. Memset gave no job to follow.", where, inv)
	} else {
		rep.say("Ordered%s: %s, job %s.", where, inv, oneLine(jobID))
	}
	if p.Outcome == order.PriceDiffers {
		what := inv
		if jobID != "" {
			what += ", job " + oneLine(jobID) + ","
		}
		rep.say("! Memset's answer differs from the price you confirmed (%s net, %s): it says it ordered %s at %s net, in %s:",
			oneLine(p.Confirmed.NetTotal.String()), orNone(oneLine(string(p.Confirmed.Currency))), what, oneLine(q.NetTotal.String()), orNone(oneLine(string(q.Currency))))
		for _, d := range p.Differences {
			rep.say("  - %s", oneLine(d))
		}
		rep.say("The order was placed as Memset answered: check the invoice before paying, and contact Memset if it is wrong.")
		rep.raise(StatusPriceGuard, "Memset's answer differs from the price you confirmed")
	}
	if p.JournalErr != nil {
		rep.say("! The journal could not record the outcome (%s): note the invoice and job id.", strings.TrimSuffix(errText(p.JournalErr), "."))
	}
	if jobID == "" {
		return
	}
	state := res.State
	if res.JobID == "" && q.Job != nil {
		state = q.Job.State()
	}
	switch state {
	case model.JobDone:
		rep.say("Set-up finished: your new service is %s.", orNone(oneLine(res.Service)))
	case model.JobFailed:
		at := ""
		if res.Stage != "" {
			at = " at " + oneLine(res.Stage)
		}
		rep.say("The set-up job failed%s. %s, quoting job %s.", at, ui.SupportContact, oneLine(jobID))
		rep.raise(StatusJobFailed, "the set-up job failed")
	default:
		what := "not known yet"
		if state != 0 {
			what = state.String()
		}
		rep.say("The set-up job is %s.", what)
		if e.Embedded {
			rep.say("This was the embedded sandbox: its jobs end with the program, so there is nothing to resume.")
		} else {
			rep.say("The job keeps running at Memset. Resume with: %s", resumeCommand(oneLine(jobID), e.Endpoint, p.JournalID != "" && p.JournalErr == nil))
		}
	}
}

// halt says that a price check came back as a real order, and what came
// back.
func (e wizardEnd) halt(rep *report, h *order.Halt) {
	rep.say("! A price check (a dry run, which never orders) came back as a real order. memset-order stopped and sent nothing more to Memset.")
	for _, s := range h.Orders {
		line := "  Came back: " + oneLine(s.Describe())
		switch {
		case s.JournalID != "" && s.JournalErr == nil:
			line += " · journal entry " + oneLine(s.JournalID)
		case s.JournalErr != nil:
			line += " · not journalled (" + strings.TrimSuffix(errText(s.JournalErr), ".") + "): note the numbers"
		}
		rep.say("%s", line)
	}
	rep.say("Check your invoices in the Memset control panel, and cancel the order there if you did not want it; memset-order orders lists it (journal %s).", oneLine(e.JournalPath))
	rep.raise(StatusPriceGuard, "a price check came back as a real order")
}

// orNone is s, or "not given".
func orNone(s string) string {
	if s == "" {
		return "not given"
	}
	return s
}
