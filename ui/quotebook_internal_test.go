package ui

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/memset-order/memset-order/api"
	"github.com/memset-order/memset-order/model"
)

// TestQuoteBookRecord: the book files each answer under its own key —
// prices and refusals are kept, transient failures are kept only when no
// newer request for the key is out, a cancelled request records nothing,
// and only the answer to the latest request clears "in flight".
func TestQuoteBookRecord(t *testing.T) {
	price := model.Quote{Currency: model.GBP, DryRun: true, NetTotal: model.Money{Amount: model.MustAmount("7.50"), Currency: model.GBP}}
	refused := &api.Error{Status: 400, Type: model.ErrorBadParameters, Message: "os: Please select a valid choice.", Param: "os", Method: model.MethodMonthlyMiniserver}
	lost := &api.NetworkError{Method: model.MethodMonthlyMiniserver, Err: errors.New("connection reset")}
	canceled := fmt.Errorf("dry run: %w", context.Canceled)
	tests := []struct {
		name string
		// newer sends a second request for the key before the answer.
		newer        bool
		err          error
		wantAnswer   bool
		wantRefusal  bool
		wantFailure  bool
		wantInFlight bool
		wantCanceled bool
	}{
		{name: "price", wantAnswer: true},
		{name: "refusal is an answer", err: refused, wantAnswer: true, wantRefusal: true},
		{name: "transient failure", err: lost, wantFailure: true},
		{name: "failure while a newer request is out", newer: true, err: lost, wantInFlight: true},
		{name: "late price for an older request", newer: true, wantAnswer: true, wantInFlight: true},
		{name: "cancelled", err: canceled, wantCanceled: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := newQuoteBook()
			o := model.Order{Product: model.ProductMonthlyMiniserver, SKU: "MSVM001"}
			k := o.Key()
			seq := q.send(k)
			if got := q.unanswered([]model.Order{o}); len(got) != 0 {
				t.Fatalf("a request in flight is still unanswered: %v", got)
			}
			if tt.newer {
				q.send(k)
			}
			msg := quoteMsg{key: k, seq: seq, err: tt.err}
			if tt.err == nil {
				msg.quote = price
			}
			if got := q.record(msg); got != tt.wantCanceled {
				t.Fatalf("record reported cancelled=%v, want %v", got, tt.wantCanceled)
			}
			ent, ok := q.answer(k)
			_, failed := q.failure(k)
			_, flying := q.inflight[k]
			if ok != tt.wantAnswer || (ok && (ent.err != nil) != tt.wantRefusal) || failed != tt.wantFailure || flying != tt.wantInFlight {
				t.Fatalf("answer=%v (err %v) failure=%v in flight=%v; want answer=%v refusal=%v failure=%v in flight=%v",
					ok, ent.err, failed, flying, tt.wantAnswer, tt.wantRefusal, tt.wantFailure, tt.wantInFlight)
			}
			if ok && ent.err == nil && ent.quote.NetTotal != price.NetTotal {
				t.Fatalf("price filed as %v", ent.quote.NetTotal)
			}
			other := o.With(nil, model.ParamSKU, "MSVM002")
			if _, ok := q.answer(other.Key()); ok {
				t.Fatal("an answer for MSVM001 is readable under MSVM002's key")
			}
			if got := q.unanswered([]model.Order{o, other}); len(got) == 0 || got[len(got)-1].SKU != "MSVM002" {
				t.Fatalf("unanswered = %v, want MSVM002 among them", got)
			}
			if failed {
				q.forget(k)
				if got := q.unanswered([]model.Order{o}); len(got) != 1 {
					t.Fatal("a forgotten failure is not asked again")
				}
			}
		})
	}
}

// TestQuoteBookStop: stop cancels the on-screen request and the prefetch
// and forgets what was in flight.
func TestQuoteBookStop(t *testing.T) {
	q := newQuoteBook()
	var mainCancelled, preCancelled bool
	q.cancel = func() { mainCancelled = true }
	q.prefetchCancel = func() { preCancelled = true }
	q.prefetching, q.prefetchKey = true, "k"
	q.send("k")
	q.stop()
	if !mainCancelled || !preCancelled || q.prefetching || len(q.inflight) != 0 || q.cancel != nil {
		t.Fatalf("after stop: main cancelled %v, prefetch cancelled %v, prefetching %v, in flight %v", mainCancelled, preCancelled, q.prefetching, q.inflight)
	}
}
