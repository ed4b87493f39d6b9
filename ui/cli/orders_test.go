package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/memset-order/memset-order/api/journal"
	"github.com/memset-order/memset-order/api/sandbox"
	"github.com/memset-order/memset-order/model"
)

// record is a journal record of a Miniserver order at 09:30 UTC.
func record(id, state, jobID string, inv int) journal.Record {
	r := journal.Record{ID: id, Time: time.Date(2026, 11, 27, 9, 30, 0, 0, time.UTC), State: state,
		Intent: journal.Intent{Endpoint: "https://api.memset.com/v1/json", Method: "create.monthly_miniserver",
			Product: "monthly_miniserver", Params: map[string]string{"sku": "MSVM001", "os": "debian_trixie_64"},
			ConfirmedTotal: "7.50", ConfirmedCurrency: "GBP"}}
	r.JobID, r.InvoiceRef = jobID, inv
	if inv != 0 {
		r.NetTotal, r.Currency = "7.50", "GBP"
	}
	return r
}

// TestWriteOrders: the journal as `memset-order orders` prints it: one
// row per order, newest first as given, each state in a customer's words
// with its net total and new service; under the table the command that
// follows each job still under way; then what to check for each order
// that needs a look.
func TestWriteOrders(t *testing.T) {
	job1 := strings.Repeat("a1", 16)
	job2 := strings.Repeat("b2", 16)
	sandboxed := record("S", journal.StatePlaced, job2, 100291)
	sandboxed.Sandbox, sandboxed.Endpoint = true, sandbox.BaseURL
	elsewhere := record("E", journal.StatePlaced, job2, 7)
	elsewhere.Endpoint = "https://api.example.test/v1/json"
	unknown := record("U0123456789abcde", journal.StateUnknown, "", 0)
	unknown.Candidates = []int{100291, 100292, 100291}
	topUp := journal.Record{ID: "T", Time: unknown.Time, State: journal.StatePlaced,
		Intent: journal.Intent{Endpoint: "https://api.memset.com/v1/json", Product: "bandwidth_bank",
			Params: map[string]string{"name": "sandyaa1", "gb": "100"}}}
	topUp.InvoiceRef = 12
	hostile := record("H", journal.StatePlaced, "\x1b[2Jnot-a-job", 3)
	hostile.Service = "\x1b]0;pwned\x07svc"
	done := record("D", journal.StateDone, job1, 100291)
	done.Service = "myaccaa1"
	failed := record("F", journal.StateFailed, job1, 100291)
	failed.Stage = "INSTALLING-OS"
	mismatch := record("M", journal.StateMismatch, job1, 100291)
	mismatch.NetTotal, mismatch.Currency = "750.00", "USD"
	mismatch.Mismatch = "the currency is USD, not GBP; the total is $750.00, not £7.50"
	stray := record("R", journal.StateDryRunOrder, job1, 100295)
	refused := record("X", journal.StateRefused, "", 0)

	for _, tc := range []struct {
		name string
		recs []journal.Record
		want []string
		not  []string
	}{
		{"empty journal", nil, []string{"No orders in the journal yet."}, []string{"WHEN", "follow"}},
		{"a placed order with a job", []journal.Record{record("A", journal.StatePlaced, job1, 100291)}, []string{
			"WHEN (UTC)        STATE    WHAT",
			"2026-11-27 09:30  ordered  monthly_miniserver MSVM001 debian_trixie_64  £7.50  100291   " + job1 + "  —        api.memset.com",
			"To follow a job:\n  memset-order job follow " + job1 + "  # 2026-11-27 09:30 monthly_miniserver MSVM001 debian_trixie_64\n",
		}, []string{"!", "--api-url", "SANDBOX"}},
		{"two jobs, newest first, each with its command", []journal.Record{
			record("B", journal.StatePlaced, job2, 100292), record("A", journal.StatePlaced, job1, 100291)}, []string{
			"To follow a job:\n  memset-order job follow " + job2 + "  #",
			"\n  memset-order job follow " + job1 + "  #",
		}, nil},
		{"an order without a job", []journal.Record{topUp}, []string{"bandwidth_bank sandyaa1 +100 GB  —    12       —"},
			[]string{"follow", "!"}},
		{"an embedded-sandbox order: its job ended with the program", []journal.Record{sandboxed}, []string{"SANDBOX"}, []string{"To follow", "--api-url"}},
		{"another endpoint: the journal names it, the command needs no flag", []journal.Record{elsewhere},
			[]string{"api.example.test", "memset-order job follow " + job2 + "  #"}, []string{"--api-url"}},
		{"an unknown outcome with candidates", []journal.Record{unknown}, []string{
			"OUTCOME UNKNOWN", "£7.50 quoted",
			"! 2026-11-27 09:30:00: monthly_miniserver MSVM001 debian_trixie_64 may or may not have been ordered; invoice.list found invoices 100291, 100292, which may be it; check before ordering it again: memset-order orders settle U0123456789abcde",
		}, []string{"To follow"}},
		{"a pending order", []journal.Record{record("P", journal.StatePending, "", 0)}, []string{
			"no answer recorded",
			"may or may not have been ordered; check your invoices before ordering it again: memset-order orders settle P",
		}, []string{"To follow"}},
		{"done, with its service", []journal.Record{done}, []string{"ready", "myaccaa1"}, []string{"To follow", "!"}},
		{"failed, with its stage", []journal.Record{failed}, []string{"SET-UP FAILED", "stopped at INSTALLING-OS",
			"! 2026-11-27 09:30:00: the set-up job of monthly_miniserver MSVM001 debian_trixie_64 failed at INSTALLING-OS: quote job " + job1}, []string{"To follow"}},
		{"a price that differs", []journal.Record{mismatch}, []string{"ordered, PRICE DIFFERS", "$750.00",
			"Memset's answer differs from the price confirmed (the currency is USD, not GBP; the total is $750.00, not £7.50): check invoice 100291 before paying.",
			"memset-order job follow " + job1}, nil},
		{"an order from a price check", []journal.Record{stray}, []string{"ORDERED BY A PRICE CHECK",
			"a price check for monthly_miniserver MSVM001 debian_trixie_64 came back as a real order (invoice 100295, job " + job1 + ")"}, nil},
		{"refused", []journal.Record{refused}, []string{"not ordered", "£7.50 quoted"}, []string{"!", "To follow"}},
		{"a hand-edited job id and service", []journal.Record{hostile}, []string{"\uFFFDnot-a-job", "\uFFFDsvc"}, []string{"\x1b", "\x07", "To follow"}},
	} {
		var b bytes.Buffer
		if err := writeOrders(&b, tc.recs); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		got := b.String()
		for _, w := range tc.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: output lacks %q:\n%s", tc.name, w, got)
			}
		}
		for _, n := range tc.not {
			if strings.Contains(got, n) {
				t.Errorf("%s: output has %q:\n%s", tc.name, n, got)
			}
		}
	}
}

// writeJournal writes recs (intent and, unless pending, outcome) through
// the journal package to a new journal and returns its path.
func writeJournal(t *testing.T, recs ...journal.Record) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "orders.jsonl")
	for _, r := range recs {
		j, err := journal.Open(path, journal.WithSandbox(r.Sandbox),
			journal.WithIDs(func() string { return r.ID }), journal.WithClock(func() time.Time { return r.Time }))
		if err != nil {
			t.Fatal(err)
		}
		var confirmed *model.Quote
		if r.ConfirmedTotal != "" {
			m, err := model.NewMoney(r.ConfirmedTotal, model.Currency(r.ConfirmedCurrency))
			if err != nil {
				t.Fatal(err)
			}
			confirmed = &model.Quote{NetTotal: m, Currency: m.Currency, DryRun: true}
		}
		o := model.Order{Product: model.ProductID(r.Product)}
		if _, err := j.IntentConfirmed(model.Method(r.Method), o, r.Params, r.Endpoint, confirmed); err != nil {
			t.Fatal(err)
		}
		if r.State == journal.StatePending {
			continue
		}
		var answer *model.Quote
		if r.InvoiceRef != 0 || r.JobID != "" {
			m, err := model.NewMoney(r.NetTotal, model.Currency(r.Currency))
			if err != nil {
				t.Fatal(err)
			}
			answer = &model.Quote{InvoiceRef: r.InvoiceRef, NetTotal: m, Currency: m.Currency}
			if r.JobID != "" {
				answer.Job = &model.Job{ID: r.JobID, Type: "SETUP-NEW-MINISERVER", Status: model.StatusAwaitingPayment}
			}
		}
		if err := j.OutcomeMismatch(r.ID, r.State, answer, r.Error, r.Mismatch); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

// testIO is a Factory-free IOStreams writing to buffers.
func testIO() (*IOStreams, *bytes.Buffer, *bytes.Buffer) {
	var out, errOut bytes.Buffer
	return &IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut}, &out, &errOut
}

// TestRunOrdersJSON: -o json keeps the journal's own field names, and an
// empty journal is an empty array.
func TestRunOrdersJSON(t *testing.T) {
	done := record("D", journal.StatePlaced, strings.Repeat("c3", 16), 100291)
	path := writeJournal(t, done)
	io, out, _ := testIO()
	if err := runOrders(&OrdersOptions{IO: io, JournalPath: path, Output: "json"}); err != nil {
		t.Fatal(err)
	}
	var got []map[string]any
	if err := json.Unmarshal(out.Bytes(), &got); err != nil || len(got) != 1 {
		t.Fatalf("orders -o json = %s (%v)", out, err)
	}
	for _, k := range []string{"id", "state", "net_total", "currency", "invoice_ref", "job_id", "endpoint", "params", "confirmed_net_total"} {
		if _, ok := got[0][k]; !ok {
			t.Errorf("orders -o json lacks %q: %s", k, out)
		}
	}
	if got[0]["state"] != "placed" || got[0]["net_total"] != "7.50" {
		t.Errorf("orders -o json = %s, want the raw state and net_total", out)
	}
	io, out, _ = testIO()
	if err := runOrders(&OrdersOptions{IO: io, JournalPath: filepath.Join(t.TempDir(), "none.jsonl"), Output: "json"}); err != nil || strings.TrimSpace(out.String()) != "[]" {
		t.Errorf("orders -o json of no journal = %q, %v; want []", out, err)
	}
}

// TestFindEntry: an entry is found by its id, its job id, or a prefix of
// either that only it has.
func TestFindEntry(t *testing.T) {
	a := record("5f0c1a2b9d3e4f60", journal.StatePlaced, strings.Repeat("a1", 16), 1)
	b := record("5f0d000000000000", journal.StateUnknown, "", 0)
	res := journal.ReadResult{Records: []journal.Record{a, b}}
	for _, tc := range []struct {
		id, want string
		status   Status
	}{
		{"5f0c1a2b9d3e4f60", "5f0c1a2b9d3e4f60", StatusDone},
		{strings.Repeat("a1", 16), "5f0c1a2b9d3e4f60", StatusDone},
		{"5f0c", "5f0c1a2b9d3e4f60", StatusDone},
		{"a1a1a1", "5f0c1a2b9d3e4f60", StatusDone},
		{"5f0d", "5f0d000000000000", StatusDone},
		{"5f0", "", StatusError}, // too short to be a prefix
		{"5f0c1", "5f0c1a2b9d3e4f60", StatusDone},
		{"ffff", "", StatusError},
	} {
		r, err := findEntry(res, tc.id, "J")
		if StatusOf(err) != tc.status || r.ID != tc.want {
			t.Errorf("findEntry(%q) = %q, %v; want %q with status %d", tc.id, r.ID, err, tc.want, tc.status)
		}
		if err != nil && tc.status == StatusError && !errors.Is(err, errNoEntry) {
			t.Errorf("findEntry(%q): %v is not errNoEntry", tc.id, err)
		}
	}
	c := record("5f0c9999", journal.StatePlaced, "", 0)
	res.Records = append(res.Records, c)
	if _, err := findEntry(res, "5f0c", "J"); StatusOf(err) != StatusUsage || !strings.Contains(err.Error(), "give more of the id") {
		t.Errorf("an ambiguous prefix: %v, want a usage error asking for more of the id", err)
	}
}
