package order_test

import (
	"context"
	"errors"
	"net"
	"net/http"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/memset-order/memset-order/api"
	"github.com/memset-order/memset-order/api/journal"
	"github.com/memset-order/memset-order/api/order"
	"github.com/memset-order/memset-order/api/sandbox"
	"github.com/memset-order/memset-order/model"
)

// TestPlaceJournalsIntentBeforeSendingAndOutcomeAfter: the intent is on
// disk before the create leaves, the outcome after it was answered, and
// exactly one create is sent (invariants 1 and 2).
func TestPlaceJournalsIntentBeforeSendingAndOutcomeAfter(t *testing.T) {
	type seen struct{ orders, creates int }
	var atIntent, atOutcome []seen
	var w *world
	fj := &fakeJournal{}
	fj.onIntent = func() { atIntent = append(atIntent, seen{len(w.sb.Orders()), w.creates()}) }
	fj.onOutcome = func(string) { atOutcome = append(atOutcome, seen{len(w.sb.Orders()), w.creates()}) }
	w = newWorld(t, worldOpt{wrap: func(j order.Journal) order.Journal { fj.inner = j; return fj }})

	o := miniOrder()
	acct, err := w.client.Account(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	q := w.quote(o)
	if !q.DryRun || q.NetTotal != gbp("7.50") {
		t.Fatalf("dry run = %+v, want £7.50", q)
	}
	before := w.creates()
	p := w.desk.PlaceOnce(t.Context(), o, acct, q)

	if p.Outcome != order.Placed || p.Err != nil || p.JournalErr != nil || !p.Outcome.Ordered() {
		t.Fatalf("placement = %v (err %v, journal %v), want placed", p.Outcome, p.Err, p.JournalErr)
	}
	if got := w.creates() - before; got != 1 {
		t.Fatalf("%d creates sent, want exactly 1", got)
	}
	if want := []seen{{0, before}}; !reflect.DeepEqual(atIntent, want) {
		t.Errorf("at the intent: %+v, want %+v (nothing sent yet)", atIntent, want)
	}
	if want := []seen{{1, before + 1}}; !reflect.DeepEqual(atOutcome, want) {
		t.Errorf("at the outcome: %+v, want %+v (the order already answered)", atOutcome, want)
	}
	if got, want := fj.ops(), []string{"intent", "outcome:placed"}; !reflect.DeepEqual(got, want) {
		t.Errorf("journal calls %v, want %v", got, want)
	}
	if c := fj.Calls()[0].Confirmed; c == nil || c.NetTotal != q.NetTotal {
		t.Errorf("the intent was given confirmed price %+v, want %+v", c, q)
	}

	orders := w.sb.Orders()
	if len(orders) != 1 || orders[0].InvoiceRef != p.Answer.InvoiceRef || p.Answer.Job == nil || orders[0].JobID != p.Answer.Job.ID {
		t.Fatalf("sandbox orders %+v, answer %+v", orders, p.Answer)
	}
	if orders[0].Params["sku"] != "MSVM001" || orders[0].Params["os"] != "debian_bookworm_64" {
		t.Errorf("sent %v, want the order's parameters", orders[0].Params)
	}
	if p.At != t0 || p.Order.Key() != o.Key() || p.Confirmed != q {
		t.Errorf("placement at %v order %s confirmed %+v", p.At, p.Order.Key(), p.Confirmed)
	}

	r := w.record(p.JournalID)
	if r.State != journal.StatePlaced || r.InvoiceRef != p.Answer.InvoiceRef || r.JobID != p.Answer.Job.ID ||
		r.ConfirmedTotal != "7.50" || r.ConfirmedCurrency != "GBP" || r.NetTotal != "7.50" || r.Currency != "GBP" ||
		r.Method != string(createMethod) || r.Params["sku"] != "MSVM001" || r.Endpoint != sandbox.BaseURL || r.Mismatch != "" {
		t.Errorf("journal record = %+v", r)
	}
	if last, ok := w.desk.Last(); !ok || last.Outcome != order.Placed || last.JournalID != p.JournalID {
		t.Errorf("Last() = %v %v, want the placement", last.Outcome, ok)
	}
	if w.desk.InFlight() {
		t.Error("InFlight after Place returned")
	}
	if _, ok := w.desk.Wait(t.Context()); ok {
		t.Error("Wait with nothing in flight reported a placement")
	}
}

// TestPlaceSendsNothingWhenStopped: a rule, an unwritable journal or a
// missing confirmation stops the order before any create is sent.
func TestPlaceSendsNothingWhenStopped(t *testing.T) {
	journalDown := errors.New("disk full")
	windows := miniOrder()
	windows.OS = "win2022serverstd_64"
	paypal := model.Account{Known: true, PaymentMethods: []model.PaymentMethod{{ID: "pm-paypal-1", Type: model.PayPayPal, Default: true}}}
	tests := []struct {
		name      string
		o         model.Order
		acct      model.Account
		confirmed func(model.Quote) model.Quote
		intentErr error
		// wantErr is matched with errors.Is; wantText is in the error.
		wantErr     error
		wantText    string
		blocked     bool   // a rule stopped it: Blocked is set
		wantBlocked string // the blocking problem's Param
		wantIntent  bool   // the journal was asked for an intent
	}{
		{name: "journal cannot write the intent", o: miniOrder(), intentErr: journalDown, wantErr: journalDown, wantText: "order journal could not record it", wantIntent: true},
		{name: "windows on a 1 GB plan", o: windows, wantText: "Windows requires at least 2 GB RAM", blocked: true, wantBlocked: "os"},
		{name: "paypal cannot pay", o: miniOrder(), acct: paypal, wantText: "PayPal", blocked: true},
		{name: "unknown product", o: model.Order{Product: "teleporter"}, wantText: "Unknown product", blocked: true},
		{name: "no dry run at all", o: miniOrder(), confirmed: func(model.Quote) model.Quote { return model.Quote{} }, wantErr: order.ErrNoConfirmedPrice},
		{name: "a real order's answer is no confirmation", o: miniOrder(), confirmed: func(q model.Quote) model.Quote { q.DryRun = false; return q }, wantErr: order.ErrNoConfirmedPrice},
		{name: "a dry run without currency", o: miniOrder(), confirmed: func(q model.Quote) model.Quote { q.Currency = ""; return q }, wantErr: order.ErrNoConfirmedPrice},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fj := &fakeJournal{intentErr: tt.intentErr}
			w := newWorld(t, worldOpt{wrap: func(j order.Journal) order.Journal { fj.inner = j; return fj }})
			q := confirmedQuote()
			if tt.confirmed != nil {
				q = tt.confirmed(q)
			}
			p := w.desk.PlaceOnce(t.Context(), tt.o, tt.acct, q)
			if p.Outcome != order.NotSent || p.Outcome.Ordered() {
				t.Fatalf("outcome %v (err %v), want not sent", p.Outcome, p.Err)
			}
			if p.Err == nil {
				t.Fatal("no error says why")
			}
			if tt.wantErr != nil && !errors.Is(p.Err, tt.wantErr) {
				t.Errorf("err = %v, want %v", p.Err, tt.wantErr)
			}
			if !strings.Contains(p.Err.Error(), tt.wantText) {
				t.Errorf("err = %q, want it to mention %q", p.Err, tt.wantText)
			}
			if n := w.creates(); n != 0 {
				t.Errorf("%d creates reached Memset, want none", n)
			}
			if n := len(w.sb.Orders()); n != 0 {
				t.Errorf("%d orders placed, want none", n)
			}
			if tt.blocked {
				if p.Blocked == nil || p.Blocked.Param != tt.wantBlocked || p.Blocked.Error() != p.Err.Error() {
					t.Errorf("Blocked = %+v, want the problem on %q that is the error", p.Blocked, tt.wantBlocked)
				}
			} else if p.Blocked != nil {
				t.Errorf("Blocked = %+v, want none", p.Blocked)
			}
			wantOps := []string(nil)
			if tt.wantIntent {
				wantOps = []string{"intent"}
			}
			if got := fj.ops(); !reflect.DeepEqual(got, wantOps) {
				t.Errorf("journal calls %v, want %v", got, wantOps)
			}
			if tt.intentErr != nil && !errors.Is(p.JournalErr, tt.intentErr) {
				t.Errorf("JournalErr = %v, want the intent's failure", p.JournalErr)
			}
			if n := len(w.records()); n != 0 {
				t.Errorf("journal has %d records, want none", n)
			}
			if w.desk.InFlight() {
				t.Error("still in flight")
			}
		})
	}
}

// refuseDial fails real creates as a refused connection would: nothing
// leaves the machine. Other requests pass.
type refuseDial struct {
	next   http.RoundTripper
	refuse *atomic.Bool
}

func (r refuseDial) RoundTrip(req *http.Request) (*http.Response, error) {
	if r.refuse.Load() {
		return nil, &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}
	}
	return r.next.RoundTrip(req)
}

const refusalBody = `{"error": "os: Please select a valid choice. Debian is not available today.", "error_type": "ApiErrorBadParameters", "error_code": 2}`

// TestPlaceAfterSending: how the create ends decides the outcome and the
// journal's state; a create is never sent twice, whatever happens.
func TestPlaceAfterSending(t *testing.T) {
	tests := []struct {
		name string
		// sb are sandbox options; fault is set after the dry run.
		sb        []sandbox.Option
		fault     *sandbox.Fault
		refuse    bool // the connection is refused
		cancel    bool // the context ends before sending
		manualDry bool // the dry run is made up (the sandbox refuses it)

		want       order.Outcome
		wantState  string
		wantOrders int // orders the sandbox recorded
		wantSent   int // creates that reached the sandbox after the dry run
		wantText   string
		check      func(t *testing.T, err error)
	}{
		{
			name: "refused with a 400", fault: &sandbox.Fault{Method: createMethod, Times: 1, Status: 400, Body: refusalBody},
			want: order.Refused, wantState: journal.StateRefused, wantSent: 1, wantText: "Please select a valid choice",
			check: func(t *testing.T, err error) {
				if !api.IsBadParameters(err) || api.IsOutcomeUnknown(err) {
					t.Errorf("err = %v, want a definite bad-parameters refusal", err)
				}
			},
		},
		{
			name: "refused by Memset: the card expired", sb: []sandbox.Option{sandbox.WithAccount(expiredCard())}, manualDry: true,
			want: order.Refused, wantState: journal.StateRefused, wantSent: 1, wantText: "expired",
		},
		{
			name: "connection dropped after the order arrived", fault: &sandbox.Fault{Method: createMethod, Times: 1, Drop: true},
			want: order.Unknown, wantState: journal.StateUnknown, wantOrders: 1, wantSent: 1, wantText: "may or may not have been placed",
			check: func(t *testing.T, err error) {
				if !api.IsOutcomeUnknown(err) || !errors.Is(err, sandbox.ErrDropped) {
					t.Errorf("err = %v, want outcome unknown from the dropped connection", err)
				}
			},
		},
		{
			name: "server error", fault: &sandbox.Fault{Method: createMethod, Times: 1, Status: 500},
			want: order.Unknown, wantState: journal.StateUnknown, wantSent: 1, wantText: "may or may not have been placed",
		},
		{
			name: "answer cut short", fault: &sandbox.Fault{Method: createMethod, Times: 1, Body: `{"sku": "MSVM001", "currency": "GBP", "dry_run": false, "invoice_ref": 1002`},
			want: order.Unknown, wantState: journal.StateUnknown, wantSent: 1, wantText: "truncated JSON",
		},
		{
			name: "connection refused", refuse: true,
			want: order.NotSent, wantState: journal.StateRefused, wantSent: 0, wantText: "nothing was sent",
			check: func(t *testing.T, err error) {
				var ne *api.NetworkError
				if !errors.As(err, &ne) || !ne.NotSent {
					t.Errorf("err = %#v, want a NetworkError that sent nothing", err)
				}
			},
		},
		{
			name: "cancelled before sending", cancel: true,
			want: order.NotSent, wantState: journal.StateRefused, wantSent: 0, wantText: "cancel",
			check: func(t *testing.T, err error) {
				if !errors.Is(err, context.Canceled) {
					t.Errorf("err = %v, want context.Canceled", err)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var refuse atomic.Bool
			w := newWorld(t, worldOpt{
				sandbox:   tt.sb,
				transport: func(rt http.RoundTripper) http.RoundTripper { return refuseDial{next: rt, refuse: &refuse} },
			})
			o := miniOrder()
			q := confirmedQuote()
			if !tt.manualDry {
				q = w.quote(o)
			}
			if tt.fault != nil {
				w.sb.AddFault(*tt.fault)
			}
			refuse.Store(tt.refuse)
			ctx := t.Context()
			if tt.cancel {
				c, cancel := context.WithCancel(ctx)
				cancel()
				ctx = c
			}
			before := w.creates()
			p := w.desk.PlaceOnce(ctx, o, model.Account{}, q)

			if p.Outcome != tt.want {
				t.Fatalf("outcome %v (err %v), want %v", p.Outcome, p.Err, tt.want)
			}
			if p.Err == nil || !strings.Contains(p.Err.Error(), tt.wantText) {
				t.Errorf("err = %v, want it to contain %q", p.Err, tt.wantText)
			}
			if tt.check != nil {
				tt.check(t, p.Err)
			}
			if p.Outcome.Ordered() || p.Answer.InvoiceRef != 0 || len(p.Differences) != 0 {
				t.Errorf("placement claims an answer: %+v", p)
			}
			if got := w.creates() - before; got != tt.wantSent {
				t.Errorf("%d creates reached Memset, want %d (never retried)", got, tt.wantSent)
			}
			if got := len(w.sb.Orders()); got != tt.wantOrders {
				t.Errorf("sandbox recorded %d orders, want %d", got, tt.wantOrders)
			}
			if p.JournalID == "" || p.JournalErr != nil {
				t.Fatalf("journal id %q err %v, want the intent written before sending", p.JournalID, p.JournalErr)
			}
			r := w.record(p.JournalID)
			if r.State != tt.wantState || r.Error != p.Err.Error() || r.InvoiceRef != 0 || r.ConfirmedTotal != "7.50" {
				t.Errorf("journal record = %+v, want state %q with the error", r, tt.wantState)
			}
			// A desk may send the next order once this one has ended.
			if w.desk.InFlight() {
				t.Error("still in flight")
			}
		})
	}
}

func expiredCard() sandbox.Account {
	a, err := sandbox.AccountPreset("expired-card")
	if err != nil {
		panic(err)
	}
	return a
}

// realAnswer is a real create's answer with the given currency and prices.
func realAnswer(currency, setup, total string) string {
	return `{"sku": "MSVM001", "currency": "` + currency + `", "dry_run": false, "net_setup_price": ` + setup + `, "net_total": ` + total +
		`, "invoice_ref": 1, "job": {"id": "` + testJobID + `", "type": "SETUP-NEW-MINISERVER", "status": "AWAITING-PAYMENT", "finished": false, "error": false}}`
}

// TestPlaceComparesAnswerWithConfirmedPrice: what Memset says was ordered
// is compared with what was confirmed, and any difference is told and
// journalled (invariant 7).
func TestPlaceComparesAnswerWithConfirmedPrice(t *testing.T) {
	tests := []struct {
		name      string
		body      string // the real create's answer; "" for the sandbox's own
		want      order.Outcome
		wantState string
		wantDiffs []string
		wantTotal string
		wantCur   string
	}{
		{name: "same price", want: order.Placed, wantState: journal.StatePlaced, wantTotal: "7.50", wantCur: "GBP"},
		{
			name: "dollars for pounds", body: realAnswer("USD", "0", "750.00"),
			want: order.PriceDiffers, wantState: journal.StateMismatch, wantTotal: "750.00", wantCur: "USD",
			wantDiffs: []string{"the currency is USD, not GBP", "the total is $750.00, not £7.50"},
		},
		{
			name: "a setup fee appeared", body: realAnswer("GBP", "25", "7.50"),
			want: order.PriceDiffers, wantState: journal.StateMismatch, wantTotal: "7.50", wantCur: "GBP",
			wantDiffs: []string{"the setup fee is £25.00, not £0.00"},
		},
		{
			name: "same price, faked answer", body: realAnswer("GBP", "0", "7.50"),
			want: order.Placed, wantState: journal.StatePlaced, wantTotal: "7.50", wantCur: "GBP",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newWorld(t, worldOpt{})
			o := miniOrder()
			q := w.quote(o)
			if tt.body != "" {
				w.sb.AddFault(sandbox.Fault{Method: createMethod, Times: 1, Body: tt.body})
			}
			before := w.creates()
			p := w.desk.PlaceOnce(t.Context(), o, model.Account{}, q)
			if p.Outcome != tt.want || p.Err != nil || !p.Outcome.Ordered() {
				t.Fatalf("outcome %v (err %v), want %v", p.Outcome, p.Err, tt.want)
			}
			if got := w.creates() - before; got != 1 {
				t.Errorf("%d creates, want 1", got)
			}
			if !reflect.DeepEqual(p.Differences, tt.wantDiffs) {
				t.Errorf("differences %q, want %q", p.Differences, tt.wantDiffs)
			}
			if p.Answer.NetTotal.Amount.Decimal() != tt.wantTotal || string(p.Answer.Currency) != tt.wantCur || p.Answer.Job == nil {
				t.Errorf("answer %+v", p.Answer)
			}
			r := w.record(p.JournalID)
			if r.State != tt.wantState || r.Mismatch != strings.Join(tt.wantDiffs, "; ") ||
				r.ConfirmedTotal != "7.50" || r.ConfirmedCurrency != "GBP" ||
				r.NetTotal != tt.wantTotal || r.Currency != tt.wantCur || r.InvoiceRef == 0 || r.JobID == "" {
				t.Errorf("journal record = %+v", r)
			}
			if tt.wantDiffs != nil {
				// Both the currency and the total are named when both differ.
				for _, d := range tt.wantDiffs {
					if !strings.Contains(r.Mismatch, d) {
						t.Errorf("journal mismatch %q lacks %q", r.Mismatch, d)
					}
				}
			}
		})
	}
}

func TestDifferences(t *testing.T) {
	base := confirmedQuote()
	answer := func(f func(*model.Quote)) model.Quote {
		q := base
		q.DryRun, q.InvoiceRef, q.Job = false, 100291, &model.Job{ID: testJobID}
		f(&q)
		return q
	}
	tests := []struct {
		name   string
		answer model.Quote
		want   []string
	}{
		{"same", answer(func(*model.Quote) {}), nil},
		{"currency and total", answer(func(q *model.Quote) { q.Currency, q.NetTotal, q.NetSetup = model.USD, usd("750.00"), usd("0") }),
			[]string{"the currency is USD, not GBP", "the total is $750.00, not £7.50"}},
		{"same number, other currency", answer(func(q *model.Quote) {
			q.Currency, q.NetTotal, q.NetSetup = model.EUR, model.Money{Amount: model.MustAmount("7.50"), Currency: model.EUR}, model.Money{Currency: model.EUR}
		}),
			[]string{"the currency is EUR, not GBP", "the total is €7.50, not £7.50"}},
		{"total only", answer(func(q *model.Quote) { q.NetTotal = gbp("8.00") }), []string{"the total is £8.00, not £7.50"}},
		{"a penny less", answer(func(q *model.Quote) { q.NetTotal = gbp("7.49") }), []string{"the total is £7.49, not £7.50"}},
		{"setup fee", answer(func(q *model.Quote) { q.NetSetup = gbp("25") }), []string{"the setup fee is £25.00, not £0.00"}},
		{"another plan", answer(func(q *model.Quote) { q.SKU = "MSVM002" }), []string{"the plan is MSVM002, not MSVM001"}},
		{"no plan in the answer", answer(func(q *model.Quote) { q.SKU = "" }), nil},
		{"no currency in the answer", answer(func(q *model.Quote) { q.Currency = "" }), []string{"the currency is not given, not GBP"}},
		{"everything", answer(func(q *model.Quote) {
			q.Currency, q.NetTotal, q.NetSetup, q.SKU = model.USD, usd("9"), usd("1"), "MSVM004"
		}), []string{"the currency is USD, not GBP", "the total is $9.00, not £7.50", "the setup fee is $1.00, not £0.00", "the plan is MSVM004, not MSVM001"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := order.Differences(base, tt.answer); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Differences = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestOutcomeNames(t *testing.T) {
	tests := []struct {
		o       order.Outcome
		name    string
		ordered bool
	}{
		{order.NotSent, "not sent", false},
		{order.Refused, "refused", false},
		{order.Placed, "placed", true},
		{order.PriceDiffers, "placed at a different price", true},
		{order.Unknown, "unknown", false},
		{order.Outcome(0), "Outcome(0)", false},
	}
	for _, tt := range tests {
		if got := tt.o.String(); got != tt.name {
			t.Errorf("String = %q, want %q", got, tt.name)
		}
		if got := tt.o.Ordered(); got != tt.ordered {
			t.Errorf("%s: Ordered = %v, want %v", tt.name, got, tt.ordered)
		}
	}
}

// TestPlaceWithoutJournal: a desk without a journal still sends exactly
// once and reports the answer; it has no record to name.
func TestPlaceWithoutJournal(t *testing.T) {
	w := newWorld(t, worldOpt{noJournal: true})
	o := miniOrder()
	q := w.quote(o)
	p := w.desk.PlaceOnce(t.Context(), o, model.Account{}, q)
	if p.Outcome != order.Placed || p.JournalID != "" || p.JournalErr != nil {
		t.Fatalf("placement %v id %q journal err %v", p.Outcome, p.JournalID, p.JournalErr)
	}
	if len(w.sb.Orders()) != 1 || len(w.records()) != 0 {
		t.Fatalf("orders %d records %d", len(w.sb.Orders()), len(w.records()))
	}
}

// TestPlaceOutcomeJournalFailure: when the outcome cannot be written the
// order still stands as Memset answered, and JournalErr says so.
func TestPlaceOutcomeJournalFailure(t *testing.T) {
	b := &fakeBackend{place: func() (model.Quote, error) {
		return model.Quote{SKU: "MSVM001", Currency: model.GBP, NetSetup: gbp("0"), NetTotal: gbp("7.50"), InvoiceRef: 7, Job: &model.Job{ID: testJobID}}, nil
	}}
	fj := &failingOutcome{fakeJournal: &fakeJournal{}, err: errors.New("read-only file system")}
	d := order.New(order.Config{Backend: b, Journal: fj})
	p := d.PlaceOnce(t.Context(), miniOrder(), model.Account{}, confirmedQuote())
	if p.Outcome != order.Placed || p.Answer.InvoiceRef != 7 || !errors.Is(p.JournalErr, fj.err) {
		t.Fatalf("placement %v invoice %d journal err %v", p.Outcome, p.Answer.InvoiceRef, p.JournalErr)
	}
	if b.places != 1 {
		t.Fatalf("%d creates, want 1", b.places)
	}
}

type failingOutcome struct {
	*fakeJournal
	err error
}

func (f *failingOutcome) Outcome(id, state string, answer *model.Quote, errText, mismatch string) error {
	_ = f.fakeJournal.Outcome(id, state, answer, errText, mismatch)
	return f.err
}
