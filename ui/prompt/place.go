package prompt

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"github.com/memset-order/memset-order/api/order"
	"github.com/memset-order/memset-order/model"
	"github.com/memset-order/memset-order/ui"
)

// confirmWord is what must be typed to place an order, as on the wizard's
// Review: no stray answer can order anything.
const confirmWord = "order"

// confirmAndPlace asks the wizard's confirmation question and places the
// order once when the word order is typed; anything else goes back to
// Review, nothing ordered. q is the price confirmed: the dry run for
// exactly the order in f.
func (s *session) confirmAndPlace(f ui.OrderFacts, q model.Quote) error {
	s.out.say(ui.ConfirmQuestion(f))
	v, err := s.ask("Type " + confirmWord + " and press enter to place it; anything else goes back to Review:")
	if err != nil {
		return err
	}
	if v != confirmWord {
		s.out.say("That is not the word " + confirmWord + ": nothing was ordered.")
		return nil
	}
	return s.place(q)
}

// place hands the order to the desk, which sends it exactly once, and
// carries on from Memset's answer: following its job, or back to Review
// after a refusal, or ending with an outcome that is not known.
func (s *session) place(confirmed model.Quote) error {
	o := s.order.Clone()
	s.res.Sent = true
	s.placing = true
	s.out.say("Placing your order… It is sent once: if the answer is lost it is not sent again, and you will be told what to check instead.")
	done := make(chan order.Placement, 1)
	go func() {
		// The create is not cut short by leaving: its answer is waited
		// for at the end (order.Desk.Leave).
		ctx, cancel := context.WithTimeout(context.WithoutCancel(s.ctx), placeTimeout)
		defer cancel()
		done <- s.desk.PlaceOnce(ctx, o, s.acct, confirmed)
	}()
	var p order.Placement
	select {
	case p = <-done:
	case <-s.ctx.Done():
		return s.ctx.Err()
	}
	s.placing = false
	p.Answer = p.Answer.Printable()
	s.res.Placement = p
	switch p.Outcome {
	case order.NotSent:
		s.res.Sent, s.res.Err = false, p.Err
		s.placeErr = "The order was not sent: " + ui.Describe(p.Err)
		s.out.say(s.placeErr)
		return nil
	case order.Refused:
		s.res.Err = p.Err
		s.placeErr = "Memset refused the order, so nothing was ordered: " + ui.Describe(p.Err)
		if _, _, ok := ui.Refusal(p.Err); ok {
			s.placeErr = "Memset refused the order, so nothing was ordered: " + ui.RefusalText(p.Err)
		}
		s.out.say(s.placeErr)
		return nil
	case order.Unknown:
		s.unknown(p)
		return errEnd
	}
	s.res.Placed, s.res.InvoiceRef, s.res.Err = true, p.Answer.InvoiceRef, nil
	if p.Answer.Job == nil {
		s.out.say(ui.DoneLines(s.cfg.Backend, s.cat, p, order.Tracker{}, s.cfg.Sandbox)...)
		return errEnd
	}
	s.res.JobID, s.res.State = p.Answer.Job.ID, p.Answer.Job.State()
	return s.follow(p)
}

// follow follows the order's job with one plain line per change (the
// same follower as `order --wait`) and says how it ended, as Done does.
func (s *session) follow(p order.Placement) error {
	inv := "on the next bill"
	if p.Answer.InvoiceRef != 0 {
		inv = "invoice " + strconv.Itoa(p.Answer.InvoiceRef)
	}
	s.out.say("Ordered: "+inv+", job "+p.Answer.Job.ID+".", "Following its set-up, one line per change (time since the order):")
	t := order.FromAnswer(p.Answer, s.prod, s.cfg.Now(), s.cfg.Poll)
	t, err := ui.FollowPlain(s.ctx, s.desk, t, p.JournalID, lineFilter{s.out}, s.cfg.Sleep)
	if t.Answered() {
		j := t.Job
		s.res.Service, s.res.State = j.Service, j.State()
		if j.State() == model.JobFailed && t.EndErr == nil {
			s.res.Stage, _ = t.LastStage()
			s.res.Err = errors.New("job " + j.ID + " failed at " + j.Status)
		}
	}
	if s.ctx.Err() != nil {
		return s.ctx.Err()
	}
	if err != nil && t.EndErr == nil && !t.Ended() {
		s.out.say("Following stopped: " + ui.Describe(err))
		return errEnd
	}
	if err != nil && t.Ended() && t.EndErr == nil {
		s.out.say("The journal could not record how the job ended (" + ui.Describe(err) + ").")
	}
	s.out.say("")
	s.out.say(ui.DoneLines(s.cfg.Backend, s.cat, p, t, s.cfg.Sandbox)...)
	s.out.say("")
	return errEnd
}

// unknown says that the create's answer was lost, looks once for the
// invoices it may have raised (order.Desk.Settle), and keeps what it
// found in the Result.
func (s *session) unknown(p order.Placement) {
	s.res.Err = p.Err
	s.out.say("The order may or may not exist: it was sent once and its answer was lost (" + ui.Describe(p.Err) + "). It was not sent again, and nothing here sends it again.")
	ctx, cancel := context.WithTimeout(context.WithoutCancel(s.ctx), readTimeout)
	defer cancel()
	st, err := s.desk.Settle(ctx, p.JournalID, p.Order, p.At)
	if err != nil {
		s.out.say("Your invoices could not be searched for it (" + ui.Describe(err) + ").")
		return
	}
	for i := range st.Invoices {
		st.Invoices[i] = st.Invoices[i].Printable()
	}
	s.res.Settlement, s.res.Candidates = &st, st.Refs()
	s.out.say(st.Sentence())
}

// lineFilter passes the follower's lines through the writer, so they meet
// the same printable filter as every other line.
type lineFilter struct{ w *writer }

// Write writes p's lines.
func (l lineFilter) Write(p []byte) (int, error) {
	for _, line := range strings.Split(strings.TrimSuffix(string(p), "\n"), "\n") {
		l.w.say(line)
	}
	return len(p), l.w.err
}
