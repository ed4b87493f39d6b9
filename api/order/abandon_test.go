package order_test

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/memset-order/memset-order/api/journal"
	"github.com/memset-order/memset-order/api/order"
	"github.com/memset-order/memset-order/api/sandbox"
	"github.com/memset-order/memset-order/model"
)

// createDelay keeps a real create in flight long enough to act on it.
const createDelay = 150 * time.Millisecond

// waitFor polls cond (real time, briefly) until it holds.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(time.Millisecond)
	}
}

// placeInBackground starts Place on a delayed create and returns once the
// create has reached the sandbox (so its intent is journalled).
func placeInBackground(t *testing.T, w *world) (o model.Order, result <-chan order.Placement) {
	t.Helper()
	o = miniOrder()
	q := w.quote(o)
	before := w.creates()
	w.sb.AddFault(sandbox.Fault{Method: createMethod, Times: 1, Delay: createDelay})
	ch := make(chan order.Placement, 1)
	go func() { ch <- w.desk.PlaceOnce(context.Background(), o, model.Account{}, q) }()
	waitFor(t, "the create to arrive", func() bool { return w.creates() == before+1 })
	return o, ch
}

// TestAbandonThenAnswer: leaving while the create is in flight records the
// outcome as unknown; the answer, when it still comes, is recorded after
// it and Wait returns it.
func TestAbandonThenAnswer(t *testing.T) {
	w := newWorld(t, worldOpt{})
	o, result := placeInBackground(t, w)
	if !w.desk.InFlight() {
		t.Fatal("not in flight while the create is under way")
	}
	// The order is not sent a second time while one is in flight.
	second := w.desk.PlaceOnce(t.Context(), o, model.Account{}, confirmedQuote())
	if second.Outcome != order.NotSent || !errors.Is(second.Err, order.ErrBusy) || second.JournalID != "" {
		t.Fatalf("second Place = %v %v, want not sent, busy", second.Outcome, second.Err)
	}

	left, ok := w.desk.Abandon()
	if !ok || left.Outcome != order.Unknown || !errors.Is(left.Err, order.ErrLeft) || left.JournalID == "" || left.JournalErr != nil {
		t.Fatalf("Abandon = %v %+v", ok, left)
	}
	if r := w.record(left.JournalID); r.State != journal.StateUnknown || r.Error != order.ErrLeft.Error() {
		t.Fatalf("journal after Abandon = %+v, want unknown", r)
	}
	// Abandoning twice writes nothing more and returns the same.
	again, ok := w.desk.Abandon()
	if !ok || again.Outcome != order.Unknown || again.JournalID != left.JournalID {
		t.Errorf("second Abandon = %v %+v", ok, again)
	}

	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
	defer cancel()
	p, ok := w.desk.Wait(ctx)
	if !ok || p.Outcome != order.Placed || p.Answer.InvoiceRef == 0 || p.JournalID != left.JournalID {
		t.Fatalf("Wait = %v %+v, want the real placement", ok, p)
	}
	if got := <-result; got.Outcome != order.Placed || got.Answer.InvoiceRef != p.Answer.InvoiceRef {
		t.Errorf("Place returned %v %+v", got.Outcome, got.Answer)
	}
	r := w.record(p.JournalID)
	if r.State != journal.StatePlaced || r.InvoiceRef != p.Answer.InvoiceRef || r.JobID != p.Answer.Job.ID || r.Error != "" {
		t.Errorf("journal after the answer = %+v, want placed with the invoice", r)
	}
	if len(w.sb.Orders()) != 1 {
		t.Errorf("%d orders, want 1", len(w.sb.Orders()))
	}
	if last, ok := w.desk.Last(); !ok || last.Outcome != order.Placed {
		t.Errorf("Last = %v %v", last.Outcome, ok)
	}
	if _, ok := w.desk.Abandon(); ok {
		t.Error("Abandon with nothing in flight reported a placement")
	}
}

func TestWaitGivesUpWithItsContext(t *testing.T) {
	w := newWorld(t, worldOpt{})
	_, result := placeInBackground(t, w)
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Millisecond)
	defer cancel()
	if _, ok := w.desk.Wait(ctx); ok {
		t.Error("Wait reported a placement before the answer")
	}
	if p := <-result; p.Outcome != order.Placed {
		t.Errorf("Place = %v %v", p.Outcome, p.Err)
	}
}

// TestAbandonBeforeSendingSendsNothing: a front end that leaves while the
// intent is being written stops the create from being sent.
func TestAbandonBeforeSendingSendsNothing(t *testing.T) {
	entered, release := make(chan struct{}), make(chan struct{})
	fj := &fakeJournal{}
	fj.onIntent = func() { close(entered); <-release }
	w := newWorld(t, worldOpt{wrap: func(j order.Journal) order.Journal { fj.inner = j; return fj }})
	o := miniOrder()
	q := w.quote(o)
	before := w.creates()
	result := make(chan order.Placement, 1)
	go func() { result <- w.desk.PlaceOnce(context.Background(), o, model.Account{}, q) }()
	<-entered
	left, ok := w.desk.Abandon()
	if !ok || left.Outcome != order.Unknown || left.JournalID != "" {
		t.Fatalf("Abandon = %v %+v", ok, left)
	}
	close(release)
	p := <-result
	if p.Outcome != order.NotSent || !errors.Is(p.Err, order.ErrLeft) {
		t.Fatalf("Place = %v %v, want not sent", p.Outcome, p.Err)
	}
	if got := w.creates() - before; got != 0 {
		t.Errorf("%d creates sent after the front end left", got)
	}
	if r := w.record(p.JournalID); r.State != journal.StateRefused {
		t.Errorf("journal = %+v, want refused (not sent)", r)
	}
}

// TestAbandonWhileOutcomeIsWritten: a front end that leaves once the
// answer is in, while its outcome is being journalled, is told the order
// was placed, and the journal never ends on "unknown" after "placed" (it
// reads the later line, which would lose the invoice and the job).
func TestAbandonWhileOutcomeIsWritten(t *testing.T) {
	for _, after := range []bool{false, true} {
		name := "before the line is written"
		if after {
			name = "after the line is written"
		}
		t.Run(name, func(t *testing.T) {
			entered, release := make(chan struct{}), make(chan struct{})
			hold := func(state string) {
				if state == journal.StatePlaced {
					close(entered)
					<-release
				}
			}
			fj := &fakeJournal{}
			if after {
				fj.afterOutcome = hold
			} else {
				fj.onOutcome = hold
			}
			w := newWorld(t, worldOpt{wrap: func(j order.Journal) order.Journal { fj.inner = j; return fj }})
			o := miniOrder()
			q := w.quote(o)
			result := make(chan order.Placement, 1)
			go func() { result <- w.desk.PlaceOnce(context.Background(), o, model.Account{}, q) }()
			<-entered // the answer is in; its outcome is being written

			abandoned := make(chan order.Placement, 1)
			go func() { p, _ := w.desk.Abandon(); abandoned <- p }()
			var left order.Placement
			got := false
			select {
			case left = <-abandoned:
				got = true
			case <-time.After(20 * time.Millisecond):
			}
			close(release)
			p := <-result
			if !got {
				left = <-abandoned
			}
			if p.Outcome != order.Placed {
				t.Fatalf("Place = %v %v", p.Outcome, p.Err)
			}
			if left.Outcome != order.Placed || left.Answer.InvoiceRef != p.Answer.InvoiceRef {
				t.Errorf("Abandon after the answer came = %v %+v, want the placement", left.Outcome, left.Answer)
			}
			if got, want := fj.ops(), []string{"intent", "outcome:placed"}; !reflect.DeepEqual(got, want) {
				t.Errorf("journal calls %v, want %v", got, want)
			}
			if r := w.record(p.JournalID); r.State != journal.StatePlaced || r.InvoiceRef != p.Answer.InvoiceRef || r.JobID == "" {
				t.Errorf("journal = %+v, want placed with the invoice and job", r)
			}
		})
	}
}
