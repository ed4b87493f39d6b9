package order_test

import (
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/memset-order/memset-order/api"
	"github.com/memset-order/memset-order/api/journal"
	"github.com/memset-order/memset-order/api/order"
	"github.com/memset-order/memset-order/api/sandbox"
	"github.com/memset-order/memset-order/model"
)

// strayBody is a dry run answered with a real order.
func strayBody(invoice, job string) string {
	return `{"sku": "MSVM001", "currency": "GBP", "dry_run": false, "invoice_ref": ` + invoice +
		`, "job": {"id": "` + job + `", "type": "SETUP-NEW-MINISERVER", "status": "AWAITING-PAYMENT", "finished": false, "error": false}, "net_setup_price": 0, "net_total": 7.50}`
}

// totalRequests counts requests to every method of model.Methods.
func totalRequests(sb *sandbox.Sandbox) int {
	n := 0
	for _, m := range model.Methods {
		n += sb.Requests(m.Name)
	}
	return n
}

// TestQuoteAnsweredWithOrderHaltsDesk: a dry run answered with a real order
// is journalled as such, and the desk sends nothing more: no quote, no
// order.
func TestQuoteAnsweredWithOrderHaltsDesk(t *testing.T) {
	w := newWorld(t, worldOpt{})
	o := miniOrder()
	w.sb.AddFault(sandbox.Fault{Method: createMethod, Times: 1, Body: strayBody("100291", testJobID)})

	_, err := w.desk.Quote(t.Context(), o)
	var h *order.Halt
	if !errors.As(err, &h) {
		t.Fatalf("Quote err = %v (%T), want *order.Halt", err, err)
	}
	if len(h.Orders) != 1 {
		t.Fatalf("halt has %d orders, want 1", len(h.Orders))
	}
	s := h.Orders[0]
	if s.Answer.InvoiceRef != 100291 || s.Answer.Job == nil || s.Answer.Job.ID != testJobID || s.Order.Key() != o.Key() {
		t.Errorf("stray = %+v", s)
	}
	var od *api.OrderedOnDryRunError
	if !errors.As(s.Err, &od) || od.Method != createMethod {
		t.Errorf("stray err = %v, want the client's OrderedOnDryRunError", s.Err)
	}
	if s.JournalErr != nil || s.JournalID == "" {
		t.Fatalf("stray not journalled: id %q err %v", s.JournalID, s.JournalErr)
	}
	for _, want := range []string{"invoice 100291", "job " + testJobID, "Nothing more will be sent", "cancel the order"} {
		if !strings.Contains(h.Error(), want) {
			t.Errorf("halt says %q; want it to mention %q", h.Error(), want)
		}
	}
	r := w.record(s.JournalID)
	if r.State != journal.StateDryRunOrder || r.InvoiceRef != 100291 || r.JobID != testJobID ||
		r.ConfirmedTotal != "" || r.Method != string(createMethod) || r.Params["sku"] != "MSVM001" || !strings.Contains(r.Error, "REAL ORDER") {
		t.Errorf("journal record = %+v", r)
	}

	if w.desk.Halted() == nil {
		t.Fatal("Halted() = nil after a stray order")
	}
	sent := totalRequests(w.sb)
	if sent != 1 {
		t.Fatalf("%d requests so far, want the one dry run", sent)
	}
	// Every later quote and order is refused without sending anything.
	for i := 0; i < 3; i++ {
		if _, err := w.desk.Quote(t.Context(), o); !errors.As(err, &h) {
			t.Fatalf("Quote after halt: err = %v, want *Halt", err)
		}
		p := w.desk.PlaceOnce(t.Context(), o, model.Account{}, confirmedQuote())
		if p.Outcome != order.NotSent || !errors.As(p.Err, &h) || p.JournalID != "" {
			t.Fatalf("Place after halt: %v err %v journal %q, want not sent with *Halt", p.Outcome, p.Err, p.JournalID)
		}
	}
	if got := totalRequests(w.sb); got != sent {
		t.Errorf("%d requests after the halt, want none", got-sent)
	}
	if len(w.sb.Orders()) != 0 {
		t.Errorf("sandbox recorded orders: %+v", w.sb.Orders())
	}
	if n := len(w.records()); n != 1 {
		t.Errorf("journal has %d records, want only the stray", n)
	}
	// Halted returns a copy: changing it does not change the desk.
	got := w.desk.Halted()
	got.Orders = nil
	if again := w.desk.Halted(); len(again.Orders) != 1 {
		t.Errorf("Halted() shares its slice with the desk: %+v", again)
	}
}

// TestHaltCollectsConcurrentStrays: dry runs in flight together that all
// come back as orders are all journalled and named.
func TestHaltCollectsConcurrentStrays(t *testing.T) {
	w := newWorld(t, worldOpt{})
	jobs := []string{"00000000000000000000000000000001", "00000000000000000000000000000002"}
	// The delay keeps both dry runs in flight until both have left.
	w.sb.AddFault(sandbox.Fault{Method: createMethod, Times: 1, Delay: 30 * time.Millisecond, Body: strayBody("11", jobs[0])})
	w.sb.AddFault(sandbox.Fault{Method: createMethod, Times: 1, Delay: 30 * time.Millisecond, Body: strayBody("12", jobs[1])})
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = w.desk.Quote(t.Context(), miniOrder())
		}()
	}
	wg.Wait()
	for i, err := range errs {
		var h *order.Halt
		if !errors.As(err, &h) {
			t.Fatalf("quote %d: err = %v, want *Halt", i, err)
		}
	}
	h := w.desk.Halted()
	if h == nil || len(h.Orders) != 2 {
		t.Fatalf("Halted() = %+v, want both strays", h)
	}
	refs := map[int]bool{}
	for _, s := range h.Orders {
		refs[s.Answer.InvoiceRef] = true
		if r := w.record(s.JournalID); r.State != journal.StateDryRunOrder || r.InvoiceRef != s.Answer.InvoiceRef {
			t.Errorf("journal record = %+v", r)
		}
	}
	if !refs[11] || !refs[12] {
		t.Errorf("strays have invoices %v, want 11 and 12", refs)
	}
	for _, want := range []string{"invoice 11", "invoice 12"} {
		if !strings.Contains(h.Error(), want) {
			t.Errorf("halt says %q; want %q", h.Error(), want)
		}
	}
}

// TestHaltJournalFailure: when the stray cannot be journalled the desk
// still halts, and the stray says why there is no record.
func TestHaltJournalFailure(t *testing.T) {
	fj := &fakeJournal{intentErr: errors.New("disk full")}
	w := newWorld(t, worldOpt{wrap: func(order.Journal) order.Journal { return fj }})
	w.sb.AddFault(sandbox.Fault{Method: createMethod, Times: 1, Body: strayBody("5", testJobID)})
	_, err := w.desk.Quote(t.Context(), miniOrder())
	var h *order.Halt
	if !errors.As(err, &h) || len(h.Orders) != 1 {
		t.Fatalf("err = %v, want *Halt", err)
	}
	if s := h.Orders[0]; !errors.Is(s.JournalErr, fj.intentErr) || s.JournalID != "" {
		t.Errorf("stray journal id %q err %v, want the intent's failure", s.JournalID, s.JournalErr)
	}
	if w.desk.Halted() == nil {
		t.Error("not halted")
	}
}

// TestQuoteRefusalDoesNotHalt: an ordinary refusal of a dry run is
// returned as it is and the desk goes on.
func TestQuoteRefusalDoesNotHalt(t *testing.T) {
	w := newWorld(t, worldOpt{})
	o := miniOrder()
	o.OS = "win2022serverstd_64"
	if _, err := w.desk.Quote(t.Context(), o); !api.IsBadParameters(err) {
		t.Fatalf("err = %v, want the sandbox's refusal", err)
	}
	if w.desk.Halted() != nil {
		t.Fatal("a refusal halted the desk")
	}
	if q := w.quote(miniOrder()); q.NetTotal != gbp("7.50") {
		t.Errorf("quote after a refusal = %+v", q)
	}
	if len(w.records()) != 0 {
		t.Error("a refused dry run was journalled")
	}
}

func TestStrayDescribe(t *testing.T) {
	tests := []struct {
		answer model.Quote
		want   string
	}{
		{model.Quote{InvoiceRef: 100291, Job: &model.Job{ID: testJobID}}, "invoice 100291, job " + testJobID},
		{model.Quote{InvoiceRef: 7}, "invoice 7"},
		{model.Quote{Job: &model.Job{ID: testJobID}}, "job " + testJobID},
		{model.Quote{Job: &model.Job{}}, "no invoice or job number given"},
		{model.Quote{}, "no invoice or job number given"},
	}
	for _, tt := range tests {
		if got := (order.Stray{Answer: tt.answer}).Describe(); got != tt.want {
			t.Errorf("Describe(%+v) = %q, want %q", tt.answer, got, tt.want)
		}
	}
}
