package order_test

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/memset-order/memset-order/api/order"
	"github.com/memset-order/memset-order/api/sandbox"
	"github.com/memset-order/memset-order/model"
)

// withSKU is miniOrder on another plan.
func withSKU(sku string) model.Order {
	o := miniOrder()
	o.SKU = sku
	return o
}

// TestSettleWithSandboxInvoices: after an unknown outcome, the invoices of
// the day are searched for the plan; those the journal ties to other
// orders are left out, and the candidates are journalled.
func TestSettleWithSandboxInvoices(t *testing.T) {
	type setup struct {
		journalled []model.Order // placed through the desk, answered
		outside    []model.Order // placed with the client alone: no journal
		// lost is the order whose outcome is unknown; drop makes the
		// sandbox record it, otherwise a 500 answers without ordering.
		lost model.Order
		drop bool
		// settleOwn settles the first journalled order instead.
		settleOwn bool
		// later moves the clock a day on before the lost order.
		later bool
	}
	tests := []struct {
		name         string
		setup        setup
		want         order.Likelihood
		wantCands    []string // indexes: "j0" journalled[0], "o0" outside[0], "lost"
		wantExcluded []string
	}{
		{
			name:  "likely: the lost order's invoice names the plan",
			setup: setup{journalled: []model.Order{miniOrder()}, lost: miniOrder(), drop: true},
			want:  order.Likely, wantCands: []string{"lost"}, wantExcluded: []string{"j0"},
		},
		{
			name:  "likely: only the invoice naming the plan, not the others of the day",
			setup: setup{outside: []model.Order{withSKU("MSVM004")}, lost: withSKU("MSVM002"), drop: true},
			want:  order.Likely, wantCands: []string{"lost"},
		},
		{
			name:  "possible: no invoice of the day names the plan",
			setup: setup{journalled: []model.Order{miniOrder()}, outside: []model.Order{withSKU("MSVM004")}, lost: withSKU("MSVM002")},
			want:  order.Possible, wantCands: []string{"o0"}, wantExcluded: []string{"j0"},
		},
		{
			name:  "no invoice: the day's only invoices are other orders'",
			setup: setup{journalled: []model.Order{miniOrder(), withSKU("MSVM002")}, lost: miniOrder()},
			want:  order.NoInvoice, wantExcluded: []string{"j0", "j1"},
		},
		{
			name:  "no invoice: nothing that day",
			setup: setup{lost: miniOrder()},
			want:  order.NoInvoice,
		},
		{
			name:  "no invoice: yesterday's invoices are not searched",
			setup: setup{outside: []model.Order{miniOrder()}, lost: miniOrder(), later: true},
			want:  order.NoInvoice,
		},
		{
			name:  "the record's own invoice is not excluded",
			setup: setup{journalled: []model.Order{miniOrder(), withSKU("MSVM002")}, settleOwn: true},
			want:  order.Likely, wantCands: []string{"j0"}, wantExcluded: []string{"j1"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newWorld(t, worldOpt{})
			refs := map[string]int{}
			var firstID string
			var firstAt time.Time
			for i, o := range tt.setup.journalled {
				p := w.desk.PlaceOnce(t.Context(), o, model.Account{}, w.quote(o))
				if p.Outcome != order.Placed {
					t.Fatalf("journalled order %d: %v %v", i, p.Outcome, p.Err)
				}
				refs["j"+string(rune('0'+i))] = p.Answer.InvoiceRef
				if i == 0 {
					firstID, firstAt = p.JournalID, p.At
				}
			}
			for i, o := range tt.setup.outside {
				q, err := w.client.Place(t.Context(), o)
				if err != nil {
					t.Fatalf("outside order %d: %v", i, err)
				}
				refs["o"+string(rune('0'+i))] = q.InvoiceRef
			}
			if tt.setup.later {
				w.clock.Advance(24 * time.Hour)
			}
			id, at, o := firstID, firstAt, tt.setup.lost
			if !tt.setup.settleOwn {
				q := w.quote(o)
				f := sandbox.Fault{Method: createMethod, Times: 1, Status: 500}
				if tt.setup.drop {
					f = sandbox.Fault{Method: createMethod, Times: 1, Drop: true}
				}
				w.sb.AddFault(f)
				p := w.desk.PlaceOnce(t.Context(), o, model.Account{}, q)
				if p.Outcome != order.Unknown {
					t.Fatalf("lost order: %v %v, want unknown", p.Outcome, p.Err)
				}
				if tt.setup.drop {
					orders := w.sb.Orders()
					refs["lost"] = orders[len(orders)-1].InvoiceRef
				}
				id, at = p.JournalID, p.At
			} else {
				o = tt.setup.journalled[0]
			}
			creates, invoiceLists := w.creates(), w.sb.Requests(model.MethodInvoiceList)

			s, err := w.desk.Settle(t.Context(), id, o, at)
			if err != nil {
				t.Fatalf("Settle: %v", err)
			}
			if s.Likelihood != tt.want {
				t.Errorf("likelihood %v, want %v (invoices %v)", s.Likelihood, tt.want, s.Refs())
			}
			wantRefs := func(names []string) []int {
				var out []int
				for _, n := range names {
					r, ok := refs[n]
					if !ok || r == 0 {
						t.Fatalf("no invoice for %q", n)
					}
					out = append(out, r)
				}
				slices.Sort(out)
				return out
			}
			gotCands := slices.Sorted(slices.Values(s.Refs()))
			if want := wantRefs(tt.wantCands); !reflect.DeepEqual(nilIfEmpty(gotCands), want) {
				t.Errorf("candidates %v, want %v (%v)", gotCands, want, tt.wantCands)
			}
			gotExcl := slices.Sorted(slices.Values(s.Excluded))
			if want := wantRefs(tt.wantExcluded); !reflect.DeepEqual(nilIfEmpty(gotExcl), want) {
				t.Errorf("excluded %v, want %v (%v)", gotExcl, want, tt.wantExcluded)
			}
			if want := at.UTC().Format(time.DateOnly); s.From != want {
				t.Errorf("From = %q, want %q", s.From, want)
			}
			if s.Term != o.SKU {
				t.Errorf("Term = %q, want %q", s.Term, o.SKU)
			}
			// Candidates are journalled on the record; none when there are none.
			r := w.record(id)
			if len(tt.wantCands) > 0 {
				if !s.Recorded || s.JournalErr != nil || !reflect.DeepEqual(r.Candidates, s.Refs()) {
					t.Errorf("recorded %v (%v), journal candidates %v, want %v", s.Recorded, s.JournalErr, r.Candidates, s.Refs())
				}
			} else if s.Recorded || len(r.Candidates) != 0 {
				t.Errorf("recorded %v, journal candidates %v, want none", s.Recorded, r.Candidates)
			}
			// Settling never orders.
			if w.creates() != creates {
				t.Errorf("Settle sent %d creates", w.creates()-creates)
			}
			if got := w.sb.Requests(model.MethodInvoiceList) - invoiceLists; got != 1 {
				t.Errorf("Settle made %d invoice.list calls, want 1", got)
			}
			if !strings.Contains(s.Sentence(), s.From) && s.Likelihood != order.Likely {
				t.Errorf("sentence %q does not name the day", s.Sentence())
			}
		})
	}
}

func nilIfEmpty(s []int) []int {
	if len(s) == 0 {
		return nil
	}
	return s
}

// invoice is an invoice with one line per description.
func invoice(ref int, descs ...string) model.Invoice {
	inv := model.Invoice{Ref: ref, Date: "2026-11-27"}
	for _, d := range descs {
		inv.Items = append(inv.Items, model.InvoiceItem{Description: d})
	}
	return inv
}

// TestSettleRules covers the choice of candidates with a fake backend and
// journal.
func TestSettleRules(t *testing.T) {
	invs := []model.Invoice{
		invoice(1, "Miniserver VM 1 GB (MSVM001), debian_bookworm_64"),
		invoice(2, "Bandwidth bank top-up for sandyaa1, 100 GB"),
		invoice(3, "Miniserver VM 4 GB (MSVM004), debian_bookworm_64", "Setup: something"),
		invoice(4),
	}
	topUp := model.Order{Product: model.ProductBandwidthBank, Target: "SandyAA1", Extras: map[string]string{"gb": "100"}}
	tests := []struct {
		name         string
		o            model.Order
		journalID    string
		tied         map[int]bool
		tiedErr      error
		invErr       error
		want         order.Likelihood
		wantTerm     string
		wantCands    []int
		wantExcluded []int
		wantRecorded bool
		wantErr      bool
	}{
		{name: "plan named", o: miniOrder(), journalID: "r1", want: order.Likely, wantTerm: "MSVM001", wantCands: []int{1}, wantRecorded: true},
		{name: "plan named in lower case", o: withSKU("msvm004"), journalID: "r1", want: order.Likely, wantTerm: "msvm004", wantCands: []int{3}, wantRecorded: true},
		{name: "plan named but tied to another order", o: miniOrder(), journalID: "r1", tied: map[int]bool{1: true, 9: true}, want: order.Possible, wantTerm: "MSVM001", wantCands: []int{2, 3, 4}, wantExcluded: []int{1}, wantRecorded: true},
		{name: "every invoice tied", o: miniOrder(), journalID: "r1", tied: map[int]bool{1: true, 2: true, 3: true, 4: true}, want: order.NoInvoice, wantTerm: "MSVM001", wantExcluded: []int{1, 2, 3, 4}},
		{name: "journal unreadable: nothing excluded", o: miniOrder(), journalID: "r1", tiedErr: errors.New("unreadable"), want: order.Likely, wantTerm: "MSVM001", wantCands: []int{1}, wantRecorded: true},
		{name: "top-up searched by its server", o: topUp, journalID: "r1", want: order.Likely, wantTerm: "SandyAA1", wantCands: []int{2}, wantRecorded: true},
		{name: "no search term: every invoice possible", o: model.Order{Product: model.ProductMemstore}, journalID: "r1", want: order.Possible, wantTerm: "", wantCands: []int{1, 2, 3, 4}, wantRecorded: true},
		{name: "no journal record: nothing recorded", o: miniOrder(), want: order.Likely, wantTerm: "MSVM001", wantCands: []int{1}},
		{name: "invoice.list fails", o: miniOrder(), journalID: "r1", invErr: errors.New("HTTP 502"), wantTerm: "MSVM001", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fj := &fakeJournal{tied: tt.tied, tiedErr: tt.tiedErr}
			b := &fakeBackend{invoices: invs, invErr: tt.invErr}
			d := order.New(order.Config{Backend: b, Journal: fj})
			at := time.Date(2026, 11, 27, 23, 30, 0, 0, time.FixedZone("X", -3*3600)) // the 28th in UTC
			s, err := d.Settle(t.Context(), tt.journalID, tt.o, at)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error %v", err, tt.wantErr)
			}
			if s.From != "2026-11-28" || s.Term != tt.wantTerm {
				t.Errorf("From %q Term %q, want 2026-11-28 %q", s.From, s.Term, tt.wantTerm)
			}
			if err != nil {
				if got := fj.ops(); len(got) != 0 {
					t.Errorf("journal calls %v after a failed invoice.list", got)
				}
				return
			}
			if s.Likelihood != tt.want || !reflect.DeepEqual(nilIfEmpty(s.Refs()), tt.wantCands) || !reflect.DeepEqual(s.Excluded, tt.wantExcluded) {
				t.Errorf("got %v %v excluded %v, want %v %v excluded %v", s.Likelihood, s.Refs(), s.Excluded, tt.want, tt.wantCands, tt.wantExcluded)
			}
			if s.Recorded != tt.wantRecorded {
				t.Errorf("Recorded = %v, want %v", s.Recorded, tt.wantRecorded)
			}
			var recorded []int
			for _, c := range fj.Calls() {
				if c.Op == "candidates" {
					if c.ID != tt.journalID {
						t.Errorf("candidates recorded on %q, want %q", c.ID, tt.journalID)
					}
					recorded = c.Refs
				}
				if c.Op == "tied" && c.ID != tt.journalID {
					t.Errorf("Tied(%q), want the record's own id %q left out", c.ID, tt.journalID)
				}
			}
			if tt.wantRecorded && !reflect.DeepEqual(recorded, tt.wantCands) {
				t.Errorf("journalled candidates %v, want %v", recorded, tt.wantCands)
			}
			if !tt.wantRecorded && recorded != nil {
				t.Errorf("journalled candidates %v, want none", recorded)
			}
		})
	}
}

func TestSettleCandidatesJournalFailure(t *testing.T) {
	fj := &failingCandidates{fakeJournal: &fakeJournal{}, err: errors.New("disk full")}
	d := order.New(order.Config{Backend: &fakeBackend{invoices: []model.Invoice{invoice(1, "MSVM001")}}, Journal: fj})
	s, err := d.Settle(t.Context(), "r1", miniOrder(), t0)
	if err != nil || s.Likelihood != order.Likely {
		t.Fatalf("Settle = %v %v", s.Likelihood, err)
	}
	if s.Recorded || !errors.Is(s.JournalErr, fj.err) {
		t.Errorf("Recorded %v JournalErr %v, want the journal's failure", s.Recorded, s.JournalErr)
	}
}

type failingCandidates struct {
	*fakeJournal
	err error
}

func (f *failingCandidates) Candidates(string, []int) error { return f.err }

func TestSettlementSentence(t *testing.T) {
	tests := []struct {
		name string
		s    order.Settlement
		want []string
		not  []string
	}{
		{"likely, one", order.Settlement{From: "2026-11-27", Term: "MSVM001", Likelihood: order.Likely, Invoices: []model.Invoice{invoice(100291)}},
			[]string{"Invoice 100291 mentions MSVM001", "most likely placed", "Do not order it again"}, nil},
		{"likely, several", order.Settlement{From: "2026-11-27", Term: "MSVM001", Likelihood: order.Likely, Invoices: []model.Invoice{invoice(1), invoice(2)}},
			[]string{"2 invoices from 2026-11-27 mention MSVM001", "most likely placed"}, nil},
		{"possible", order.Settlement{From: "2026-11-27", Term: "MSVM002", Likelihood: order.Possible, Invoices: []model.Invoice{invoice(3), invoice(4)}},
			[]string{"No invoice from 2026-11-27 mentions MSVM002", "3, 4 may be the order", "check before ordering again"}, []string{"most likely"}},
		{"possible without a term", order.Settlement{From: "2026-11-27", Likelihood: order.Possible, Invoices: []model.Invoice{invoice(3)}},
			[]string{"mentions —", "3 may be the order"}, nil},
		{"no invoice", order.Settlement{From: "2026-11-27", Term: "MSVM001", Likelihood: order.NoInvoice},
			[]string{"No invoice dated from 2026-11-27", "probably not placed", "an invoice can appear later"}, []string{"Do not order"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.s.Sentence()
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("%q lacks %q", got, w)
				}
			}
			for _, w := range tt.not {
				if strings.Contains(got, w) {
					t.Errorf("%q says %q", got, w)
				}
			}
		})
	}
	for l, want := range map[order.Likelihood]string{order.NoInvoice: "probably not placed", order.Possible: "possibly placed", order.Likely: "most likely placed", 0: "Likelihood(0)"} {
		if l.String() != want {
			t.Errorf("%d.String() = %q, want %q", int(l), l.String(), want)
		}
	}
}
