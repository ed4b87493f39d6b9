package cli

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/memset-order/memset-order/api"
	"github.com/memset-order/memset-order/api/order"
	"github.com/memset-order/memset-order/model"
	"github.com/memset-order/memset-order/ui"
)

// fakeDesk answers InFlight and Leave as a desk would.
type fakeDesk struct {
	inFlight bool
	// leave is what Leave returns; ok false when nothing was in flight.
	leave order.Placement
	ok    bool
	// left counts Leave calls; deadline is the context's.
	left     int
	deadline time.Duration
}

func (d *fakeDesk) InFlight() bool { return d.inFlight }

func (d *fakeDesk) Leave(ctx context.Context) (order.Placement, bool) {
	d.left++
	if dl, ok := ctx.Deadline(); ok {
		d.deadline = time.Until(dl).Round(time.Second)
	}
	return d.leave, d.ok
}

var (
	testJob   = "739c99f25ed8d13e48ba94ec6a4a0102"
	gbp750    = model.Money{Amount: model.MustAmount("7.50"), Currency: model.GBP}
	confirmed = model.Quote{SKU: "MSVM001", Currency: model.GBP, DryRun: true, NetTotal: gbp750}
	answer    = model.Quote{SKU: "MSVM001", Currency: model.GBP, NetTotal: gbp750, InvoiceRef: 100291,
		Job: &model.Job{ID: testJob, Type: "SETUP-NEW-MINISERVER", Status: model.StatusAwaitingPayment}}
)

// placed is a placement Memset answered with an order.
func placed() order.Placement {
	return order.Placement{Outcome: order.Placed, JournalID: "5f0c1a2b9d3e4f60", Confirmed: confirmed, Answer: answer}
}

// TestSummarize: what is left in the terminal after the wizard, and the
// exit status, for every way it can end.
func TestSummarize(t *testing.T) {
	usd := answer
	usd.Currency, usd.NetTotal = model.USD, model.Money{Amount: model.MustAmount("750.00"), Currency: model.USD}
	differs := placed()
	differs.Outcome, differs.Answer = order.PriceDiffers, usd
	differs.Differences = order.Differences(confirmed, usd)
	unknown := order.Placement{Outcome: order.Unknown, JournalID: "5f0c1a2b9d3e4f60", Err: order.ErrLeft}
	lost := order.Placement{Outcome: order.Unknown, JournalID: "5f0c1a2b9d3e4f60",
		Err: &api.OutcomeUnknownError{Method: model.MethodMonthlyMiniserver, Err: errors.New("connection reset")}}
	refused := order.Placement{Outcome: order.Refused, JournalID: "5f0c1a2b9d3e4f60", Err: errors.New("create.monthly_miniserver: The default payment method cannot pay for this order.")}
	notSent := order.Placement{Outcome: order.NotSent, Err: errors.New("dial tcp: connection refused; nothing was sent")}
	halt := &order.Halt{Orders: []order.Stray{{Answer: answer, JournalID: "aaaabbbbccccdddd"}}}

	for _, tc := range []struct {
		name string
		end  wizardEnd
		desk *fakeDesk
		want []string
		not  []string
		// status is the exit status; waits says whether the summary waited
		// for an answer in flight.
		status Status
		waits  bool
	}{
		{name: "nothing ordered", want: []string{"Nothing was ordered."}, status: StatusDone},
		{name: "nothing ordered, interrupted", end: wizardEnd{Interrupted: true}, want: []string{"Nothing was ordered."}, status: StatusInterrupted},
		{name: "left a configured order",
			end: wizardEnd{Result: ui.Result{Aborted: true, Unplaced: &model.Order{Product: model.ProductMonthlyMiniserver, SKU: "MSVM002", OS: "debian_trixie_64",
				Extras: map[string]string{"period": "3"}}}, Embedded: true},
			want:   []string{"Nothing was ordered (SANDBOX: nothing was bought).", "To order it later: memset-order order monthly_miniserver --sku MSVM002 --os debian_trixie_64 --set period=3 --sandbox"},
			status: StatusDone},
		{name: "left while placing, no answer came",
			end:    wizardEnd{Result: ui.Result{Sent: true, LeftWhilePlacing: true}},
			desk:   &fakeDesk{inFlight: true, leave: unknown, ok: true},
			want:   []string{"The order may or may not have been placed: the program ended before Memset answered.", "It is journal entry 5f0c1a2b9d3e4f60 in /j/orders.jsonl.", "memset-order orders settle 5f0c1a2b9d3e4f60"},
			not:    []string{"Nothing was ordered", "othing was ordered"},
			status: StatusUnknown, waits: true},
		{name: "a signal while placing (outcome not yet known to the wizard)",
			end:    wizardEnd{Result: ui.Result{Sent: true}, Interrupted: true},
			desk:   &fakeDesk{inFlight: true, leave: unknown, ok: true},
			want:   []string{"may or may not have been placed", "journal entry 5f0c1a2b9d3e4f60"},
			not:    []string{"othing was ordered"},
			status: StatusUnknown, waits: true},
		{name: "left while placing, and the answer came in the wait",
			end:    wizardEnd{Result: ui.Result{Sent: true, LeftWhilePlacing: true}, Interrupted: true},
			desk:   &fakeDesk{inFlight: true, leave: placed(), ok: true},
			want:   []string{"Ordered: invoice 100291, job " + testJob + ".", "The set-up job is awaiting payment.", "Resume with: memset-order job follow " + testJob},
			status: StatusDone, waits: true},
		{name: "left while placing on the embedded sandbox",
			end:    wizardEnd{Result: ui.Result{Sent: true, LeftWhilePlacing: true}, Embedded: true},
			desk:   &fakeDesk{inFlight: true, leave: unknown, ok: true},
			want:   []string{"may or may not have been placed (SANDBOX: nothing was bought)", "its invoices ended with the program"},
			not:    []string{"orders settle"},
			status: StatusUnknown, waits: true},
		{name: "the desk had nothing at all",
			end:    wizardEnd{Result: ui.Result{Sent: true, LeftWhilePlacing: true}},
			desk:   &fakeDesk{},
			want:   []string{"may or may not have been placed", "No journal entry names it"},
			status: StatusUnknown, waits: true},
		{name: "an answer lost, settled on screen",
			end: wizardEnd{Result: ui.Result{Sent: true, Placement: lost,
				Settlement: &order.Settlement{From: "2026-11-27", Term: "MSVM001", Likelihood: order.Likely, Invoices: []model.Invoice{{Ref: 100291}}}}},
			want:   []string{"The order may or may not have been placed: it was sent but its answer was lost (connection reset).", "Invoice 100291 mentions MSVM001: the order was most likely placed."},
			status: StatusUnknown},
		{name: "refused by Memset",
			end:    wizardEnd{Result: ui.Result{Sent: true, Placement: refused, Aborted: true}},
			want:   []string{"Memset refused the order; nothing was ordered: The default payment method cannot pay for this order."},
			status: StatusRefused},
		{name: "not sent",
			end:    wizardEnd{Result: ui.Result{Placement: notSent, Aborted: true}},
			want:   []string{"Nothing was ordered: the order was not sent (dial tcp: connection refused; nothing was sent)."},
			status: StatusError},
		{name: "placed and set up",
			end:    wizardEnd{Result: ui.Result{Sent: true, Placement: placed(), Placed: true, InvoiceRef: 100291, JobID: testJob, State: model.JobDone, Service: "myaccaa1"}},
			want:   []string{"Ordered: invoice 100291, job " + testJob + ".", "Set-up finished: your new service is myaccaa1."},
			not:    []string{"Resume"},
			status: StatusDone},
		{name: "placed, job failed",
			end:    wizardEnd{Result: ui.Result{Sent: true, Placement: placed(), Placed: true, JobID: testJob, State: model.JobFailed, Stage: "PROVISIONING"}},
			want:   []string{"The set-up job failed at PROVISIONING. " + ui.SupportContact + ", quoting job " + testJob + "."},
			status: StatusJobFailed},
		{name: "placed at another price, then the job failed: the price wins",
			end: wizardEnd{Result: ui.Result{Sent: true, Placement: differs, Placed: true, JobID: testJob, State: model.JobFailed, Stage: "PROVISIONING"}},
			want: []string{"! Memset's answer differs from the price you confirmed (£7.50 net, GBP): it says it ordered invoice 100291, job " + testJob + ", at $750.00 net, in USD:",
				"  - the currency is USD, not GBP", "  - the total is $750.00, not £7.50", "The set-up job failed at PROVISIONING."},
			status: StatusPriceGuard},
		{name: "placed through another endpoint with no journal entry",
			end:    wizardEnd{Result: ui.Result{Sent: true, Placement: order.Placement{Outcome: order.Placed, Answer: answer, JournalErr: errors.New("disk full")}, Placed: true, JobID: testJob, State: model.JobAwaitingPayment}, Endpoint: "http://127.0.0.1:8080/v1/json"},
			want:   []string{"! The journal could not record the outcome (disk full)", "Resume with: memset-order job follow " + testJob + " --api-url http://127.0.0.1:8080/v1/json"},
			status: StatusDone},
		{name: "placed on the embedded sandbox",
			end:    wizardEnd{Result: ui.Result{Sent: true, Placement: placed(), Placed: true, JobID: testJob, State: model.JobRunning}, Embedded: true},
			want:   []string{"Ordered (SANDBOX: nothing was bought): invoice 100291", "its jobs end with the program, so there is nothing to resume"},
			not:    []string{"Resume with"},
			status: StatusDone},
		{name: "a price check came back as an order",
			end:    wizardEnd{Result: ui.Result{Halt: halt, Placement: order.Placement{Outcome: order.NotSent, Err: halt}}},
			want:   []string{"came back as a real order", "Came back: invoice 100291, job " + testJob + " · journal entry aaaabbbbccccdddd"},
			not:    []string{"Nothing was ordered"},
			status: StatusPriceGuard},
		{name: "hostile text from Memset is filtered",
			end:    wizardEnd{Result: ui.Result{Sent: true, Placement: order.Placement{Outcome: order.Refused, Err: errors.New("no\x1b[2J\nway")}}},
			want:   []string{"nothing was ordered: no\uFFFD way."},
			not:    []string{"\x1b"},
			status: StatusRefused},
	} {
		t.Run(tc.name, func(t *testing.T) {
			io, out, errOut := testIO()
			e := tc.end
			e.JournalPath, e.Wait = "/j/orders.jsonl", 5*time.Second
			if tc.desk != nil {
				e.Desk = tc.desk
			} else {
				e.Desk = &fakeDesk{}
			}
			err := summarize(context.Background(), io, e)
			got := out.String()
			if s := StatusOf(err); s != tc.status {
				t.Errorf("status %d (%v), want %d\n%s", s, err, tc.status, got)
			}
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("the summary lacks %q:\n%s", w, got)
				}
			}
			for _, n := range tc.not {
				if strings.Contains(got, n) {
					t.Errorf("the summary has %q:\n%s", n, got)
				}
			}
			waited := strings.Contains(errOut.String(), "Waiting up to 5 s for Memset's answer to the order…")
			if waited != tc.waits {
				t.Errorf("waited for the answer: %v, want %v (stderr %q)", waited, tc.waits, errOut)
			}
			if d, ok := e.Desk.(*fakeDesk); ok && tc.waits && (d.left != 1 || d.deadline != 5*time.Second) {
				t.Errorf("Leave was called %d times with a %s deadline, want once with 5s", d.left, d.deadline)
			}
		})
	}
}

// TestSummarizeWaitsDespiteSignal: a signal cancels the command's context;
// the wait for the answer still gets its seconds.
func TestSummarizeWaitsDespiteSignal(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	d := &fakeDesk{inFlight: true, leave: order.Placement{Outcome: order.Unknown, Err: order.ErrLeft, JournalID: "x"}, ok: true}
	io, _, _ := testIO()
	err := summarize(ctx, io, wizardEnd{Result: ui.Result{Sent: true}, Desk: d, Interrupted: true, Wait: 5 * time.Second})
	if StatusOf(err) != StatusUnknown || d.deadline != 5*time.Second {
		t.Errorf("status %d, deadline %s; want 3 and 5s", StatusOf(err), d.deadline)
	}
}
