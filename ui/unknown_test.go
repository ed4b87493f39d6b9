package ui_test

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
	"github.com/memset-order/memset-order/api"
	"github.com/memset-order/memset-order/api/journal"
	"github.com/memset-order/memset-order/api/order"
	"github.com/memset-order/memset-order/api/sandbox"
	"github.com/memset-order/memset-order/model"
	"github.com/memset-order/memset-order/ui"
)

// journalFor opens a real order journal in a temporary directory, on the
// world's clock, with record ids J1, J2, ….
func journalFor(t *testing.T, w *world) (order.Journal, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), journal.FileName)
	n := 0
	j, err := journal.Open(path, journal.WithSandbox(true), journal.WithClock(w.clock.Now),
		journal.WithIDs(func() string { n++; return "J" + itoa(n) }))
	if err != nil {
		t.Fatal(err)
	}
	return journal.OrderLog{Journal: j, Catalogue: model.DefaultCatalogue()}, path
}

// placeLost drives a monthly MSVM001 with Debian 13 to Review and places
// it with the create's answer dropped (the sandbox records the order, then
// closes the connection without answering).
func (d *driver) placeLost(w *world) {
	d.settle()
	d.toReview()
	w.sb.AddFault(sandbox.Fault{Method: model.MethodMonthlyMiniserver, Drop: true, Times: 1})
	d.placeOrder()
	d.settle()
}

// TestUnknownOutcomeShowsJournalAndCandidates: the create's answer is lost.
// The Done screen says the order may or may not exist, shows the journal
// entry (id, time, endpoint, what was sent), checks invoice.list once and
// shows the sandbox's invoice as the candidate, which the journal records.
// No key orders again: the sandbox ends with exactly one order.
func TestUnknownOutcomeShowsJournalAndCandidates(t *testing.T) {
	w := newWorld(t)
	cfg := w.config()
	j, path := journalFor(t, w)
	cfg.Journal = j
	d := newDriver(t, cfg, 80, 24)
	d.placeLost(w)

	orders := w.sb.Orders()
	if len(orders) != 1 {
		t.Fatalf("the sandbox recorded %d orders, want 1", len(orders))
	}
	ref := orders[0].InvoiceRef
	d.must("The order may or may not exist",
		"Invoice "+itoa(ref)+" mentions MSVM001: the order was most likely placed",
		"Journal   J1 · 2026-11-27 09:00:00 UTC",
		"Sent to   "+sandbox.BaseURL,
		"Ordered   Miniserver VM (monthly) (create.monthly_miniserver) · MSVM001",
		"Image     Debian 13 (Trixie) 64-bit",
		"Recorded in the journal entry as candidates.")
	if n := w.sb.Requests(model.MethodInvoiceList); n != 1 {
		t.Fatalf("invoice.list was called %d times, want once", n)
	}
	checkNoKey(t, d.screen())
	golden.RequireEqual(t, []byte(normalize(d.screen())))

	// Every key that does anything elsewhere does nothing here but leave.
	for _, k := range []string{"r", "p", "b", "f", "esc", "up", "down", "tab", "ctrl+x", "y"} {
		d.press(k)
		d.settle()
		if d.model().Step() != ui.StepDone || d.quit {
			t.Fatalf("%s left the Done screen (step %v, quit %v)", k, d.model().Step(), d.quit)
		}
	}
	if strings.Contains(strings.ToLower(d.footer()), "retry") || strings.Contains(d.footer(), "place") {
		t.Fatalf("the help offers to order again: %q", d.footer())
	}
	d.press("enter")
	d.settle()
	if !d.quit {
		t.Fatal("enter did not leave")
	}
	if n := len(w.sb.Orders()); n != 1 {
		t.Fatalf("the sandbox recorded %d orders after the Done screen, want 1", n)
	}
	if n := w.sb.Requests(model.MethodMonthlyMiniserver); n == 0 {
		t.Fatal("no create was sent at all: the test proves nothing")
	}

	res := d.model().Result()
	if !api.IsOutcomeUnknown(res.Err) || res.Placed || !slices.Equal(res.Candidates, []int{ref}) {
		t.Fatalf("Result = %+v", res)
	}
	got, err := journal.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Records) != 1 {
		t.Fatalf("journal holds %d records, want 1", len(got.Records))
	}
	rec := got.Records[0]
	if rec.ID != "J1" || rec.State != journal.StateUnknown || !slices.Equal(rec.Candidates, []int{ref}) || rec.Params["sku"] != "MSVM001" {
		t.Fatalf("journal record = %+v", rec)
	}
}

// failingInvoices is a backend whose invoice.list fails.
type failingInvoices struct{ *apiClient }

func (failingInvoices) InvoiceList(context.Context, api.InvoiceFilter) ([]model.Invoice, error) {
	return nil, errors.New("invoice.list: connection refused")
}

// TestUnknownOutcomeCandidates: which invoices the look-up shows, and what
// it says when it finds none or cannot look.
func TestUnknownOutcomeCandidates(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup func(*world, *ui.Config)
		want  []string
	}{
		{"an invoice that mentions the plan", func(*world, *ui.Config) {},
			[]string{"Invoice 100292 mentions MSVM001: the order was most likely placed", "100292  2026-11-27  AWAITING-PAYMENT"}},
		{"invoices that day, none mentioning the plan", func(w *world, cfg *ui.Config) {
			cfg.Backend = renamedSKU{w.client}
		}, []string{"No invoice from 2026-11-27 mentions MSVM001; possible matches:", "100291", "(possible)"}},
		{"the look-up fails", func(w *world, cfg *ui.Config) { cfg.Backend = failingInvoices{w.client} },
			[]string{"Could not check invoice.list", "Check the invoices in the Memset control panel"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newWorld(t)
			// Another order the same day comes first (invoice 100291).
			mustPlace(t, w, model.Order{Product: model.ProductMemstore, SKU: "MEMSTORE-1000"})
			cfg := w.config()
			tc.setup(w, &cfg)
			d := newDriver(t, cfg, 100, 30)
			d.placeLost(w)
			d.must(tc.want...)
		})
	}
}

// renamedSKU hides the plan code from the invoices' items, as a real
// invoice might word it differently.
type renamedSKU struct{ *apiClient }

func (r renamedSKU) InvoiceList(ctx context.Context, f api.InvoiceFilter) ([]model.Invoice, error) {
	invs, err := r.apiClient.InvoiceList(ctx, f)
	for i := range invs {
		for k := range invs[i].Items {
			invs[i].Items[k].Description = strings.ReplaceAll(invs[i].Items[k].Description, "MSVM001", "1 GB VM")
		}
	}
	return invs, err
}

// mustPlace orders o in the sandbox directly, as another order of the day.
func mustPlace(t *testing.T, w *world, o model.Order) {
	t.Helper()
	if _, err := w.client.Place(context.Background(), o); err != nil {
		t.Fatal(err)
	}
}
