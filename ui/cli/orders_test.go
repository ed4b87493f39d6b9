package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/memset-order/memset-order/api/journal"
	"github.com/memset-order/memset-order/api/sandbox"
	"github.com/memset-order/memset-order/model"
	"github.com/memset-order/memset-order/ui"
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
			"! 2026-11-27 09:30:00: the set-up job of monthly_miniserver MSVM001 debian_trixie_64 failed at INSTALLING-OS. " + ui.SupportContact + ", quoting job " + job1 + "."}, []string{"To follow"}},
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

// TestParseSince: --since takes a date, a date and time (UTC unless the
// form gives a zone) or a time ago; anything else is refused by name.
func TestParseSince(t *testing.T) {
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		in   string
		want time.Time
		err  bool
	}{
		{in: "2026-11-20", want: time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)},
		{in: "2026-11-20 09:30", want: time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC)},
		{in: "2026-11-20T09:30", want: time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC)},
		{in: "2026-11-20 09:30:15", want: time.Date(2026, 11, 20, 9, 30, 15, 0, time.UTC)},
		{in: "2026-11-20T09:30:00+01:00", want: time.Date(2026, 11, 20, 8, 30, 0, 0, time.UTC)},
		{in: "36h", want: now.Add(-36 * time.Hour)},
		{in: "90m", want: now.Add(-90 * time.Minute)},
		{in: "7d", want: now.Add(-7 * 24 * time.Hour)},
		{in: "2w", want: now.Add(-14 * 24 * time.Hour)},
		{in: " 0d ", want: now},
		{in: "-3h", err: true},
		{in: "1.5d", err: true},
		{in: "yesterday", err: true},
		{in: "2026-13-01", err: true},
		{in: "d", err: true},
		{in: "", err: true},
	} {
		got, err := parseSince(tc.in, now)
		if tc.err {
			if err == nil || !strings.Contains(err.Error(), "--since") {
				t.Errorf("parseSince(%q) = %v, %v; want an error naming --since", tc.in, got, err)
			}
			continue
		}
		if err != nil || !got.Equal(tc.want) {
			t.Errorf("parseSince(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
}

// TestNewCmdOrdersFlags: the table shows 50 orders unless --limit says
// otherwise; -o json shows all unless --limit is given; bad values are
// usage errors.
func TestNewCmdOrdersFlags(t *testing.T) {
	f, _, _ := testFactory(nil)
	for _, tc := range []struct {
		args   []string
		limit  int
		since  bool
		status Status
	}{
		{args: nil, limit: defaultOrdersLimit},
		{args: []string{"-o", "json"}, limit: 0},
		{args: []string{"-o", "json", "--limit", "5"}, limit: 5},
		{args: []string{"--limit", "0"}, limit: 0},
		{args: []string{"--since", "7d"}, limit: defaultOrdersLimit, since: true},
		{args: []string{"--limit", "-1"}, status: StatusUsage},
		{args: []string{"--limit", "many"}, status: StatusUsage},
		{args: []string{"--since", "soon"}, status: StatusUsage},
	} {
		var got *OrdersOptions
		cmd := newCmdOrders(f, &Globals{JournalPath: "/tmp/j"}, func(o *OrdersOptions) error { got = o; return nil })
		err := execute(cmd, tc.args...)
		if StatusOf(err) != tc.status {
			t.Errorf("orders %v: %v (status %d), want status %d", tc.args, err, StatusOf(err), tc.status)
			continue
		}
		if err == nil && (got.Limit != tc.limit || got.Since.IsZero() == tc.since) {
			t.Errorf("orders %v: limit %d since %v, want limit %d (since given: %v)", tc.args, got.Limit, got.Since, tc.limit, tc.since)
		}
	}
}

// manyOrders writes n placed orders a minute apart from 09:00, newest
// last, with the older ones listed in unusual states, and returns the
// journal's path and the records, newest first.
func manyOrders(t *testing.T, n int, unusual map[int]string) (string, []journal.Record) {
	t.Helper()
	var recs []journal.Record
	for i := range n {
		// Two orders share the first four digits of their ids.
		id := fmt.Sprintf("%04x%x%011x", i/2, i%2, i)
		state := journal.StatePlaced
		if s, ok := unusual[i]; ok {
			state = s
		}
		r := record(id, state, fmt.Sprintf("%02x%030x", i, 0xb000+i), 100000+i)
		if state == journal.StatePending || state == journal.StateUnknown {
			r.JobID, r.InvoiceRef, r.NetTotal, r.Currency = "", 0, "", ""
		}
		if state == journal.StateMismatch {
			r.Mismatch = "the total is £8.00, not £7.50"
		}
		r.Time = time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Minute)
		recs = append(recs, r)
	}
	path := writeJournal(t, recs...)
	slices.Reverse(recs)
	return path, recs
}

// TestRunOrdersLimitAndSince: the table shows the newest orders the limit
// allows and says how many older ones it left out, and how many of those
// need a look; --since keeps the orders from a time.
func TestRunOrdersLimitAndSince(t *testing.T) {
	path, recs := manyOrders(t, 60, map[int]string{
		2: journal.StateUnknown, 3: journal.StateUnknown, 4: journal.StateFailed, 5: journal.StateMismatch, 45: journal.StatePending})
	at := func(i int) time.Time { return recs[len(recs)-1-i].Time }
	for _, tc := range []struct {
		name  string
		opts  OrdersOptions
		rows  int
		want  []string
		not   []string
		empty bool
	}{
		{name: "the default limit", opts: OrdersOptions{Limit: defaultOrdersLimit}, rows: 50, want: []string{
			"! 10 older orders not shown, 4 of which need a look (2 OUTCOME UNKNOWN, 1 PRICE DIFFERS, 1 SET-UP FAILED): memset-order orders --limit 0 lists them all.",
			"memset-order orders settle " + recs[14].ID}},
		{name: "no limit", opts: OrdersOptions{}, rows: 60, want: []string{"memset-order orders settle " + recs[57].ID}, not: []string{"not shown"}},
		{name: "a limit leaving out nothing to look at", opts: OrdersOptions{Limit: 58}, rows: 58, want: []string{"\n2 older orders not shown: memset-order orders --limit 0 lists them all.\n"}, not: []string{"need a look"}},
		{name: "one older order", opts: OrdersOptions{Limit: 59}, rows: 59, want: []string{"\n1 older order not shown: memset-order"}},
		{name: "since", opts: OrdersOptions{Since: at(40)}, rows: 20, not: []string{"not shown", "OUTCOME UNKNOWN"}},
		{name: "since and a limit", opts: OrdersOptions{Since: at(40), Limit: 5}, rows: 5, want: []string{"15 older orders not shown, 1 of which needs a look (1 no answer recorded)"}},
		{name: "since after every order", opts: OrdersOptions{Since: at(59).Add(time.Minute)}, empty: true,
			want: []string{"No orders since 2026-11-27 10:00 UTC (60 orders in the journal, all older).\n"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			io, out, errOut := testIO()
			opts := tc.opts
			opts.IO, opts.JournalPath, opts.Output = io, path, "table"
			if err := runOrders(&opts); err != nil {
				t.Fatal(err)
			}
			got := out.String()
			if rows := strings.Count(got, "2026-11-27 ") - strings.Count(got, "# 2026-11-27 ") - strings.Count(got, "! 2026-11-27 "); !tc.empty && rows != tc.rows {
				t.Errorf("%d rows, want %d:\n%s", rows, tc.rows, got)
			}
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("output lacks %q:\n%s", w, got)
				}
			}
			for _, n := range tc.not {
				if strings.Contains(got, n) {
					t.Errorf("output has %q:\n%s", n, got)
				}
			}
			if errOut.Len() != 0 {
				t.Errorf("stderr: %s", errOut)
			}
		})
	}
}

// TestWriteOrdersJSONIsTheEncoders: -o json writes one record at a time
// exactly what json.Encoder with a two-space indent writes for the slice,
// and only the records the limit keeps.
func TestWriteOrdersJSONIsTheEncoders(t *testing.T) {
	_, recs := manyOrders(t, 7, map[int]string{1: journal.StateUnknown, 2: journal.StateMismatch})
	recs[3].Params["note"] = "<&> \u2028 £" // escaped alike
	oldest := slices.Clone(recs)
	slices.Reverse(oldest)
	path := writeJournal(t, oldest...)
	all, err := journal.Read(path)
	if err != nil || len(all.Records) != len(recs) {
		t.Fatalf("read back %d records: %v", len(all.Records), err)
	}
	for _, limit := range []int{0, 1, 3} {
		io, out, _ := testIO()
		if err := runOrders(&OrdersOptions{IO: io, JournalPath: path, Output: "json", Limit: limit}); err != nil {
			t.Fatal(err)
		}
		want := all.Records
		if limit > 0 {
			want = want[:limit]
		}
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetIndent("", "  ")
		if err := enc.Encode(want); err != nil {
			t.Fatal(err)
		}
		if out.String() != b.String() {
			t.Errorf("limit %d: orders -o json wrote\n%s\nwant\n%s", limit, out, b.String())
		}
	}
}

// TestNeedsLookIsNote: what the footer counts as needing a look is what
// note has something to say about, state by state.
func TestNeedsLookIsNote(t *testing.T) {
	states := []string{journal.StatePending, journal.StatePlaced, journal.StateUnknown, journal.StateRefused,
		journal.StateMismatch, journal.StateDryRunOrder, journal.StateDone, journal.StateFailed, "hand-edited"}
	for _, s := range states {
		for _, mismatch := range []string{"", "the total is £8.00, not £7.50"} {
			r := record("0123456789abcdef", s, strings.Repeat("a1", 16), 1)
			r.Mismatch = mismatch
			b := journal.Brief{ID: r.ID, Time: r.Time, State: r.State, JobID: r.JobID, InvoiceRef: r.InvoiceRef, Mismatch: mismatch != ""}
			if got, want := needsLook(b), note(r) != ""; got != want {
				t.Errorf("state %s, mismatch %q: needsLook %v, note %q", s, mismatch, got, note(r))
			}
		}
	}
}

// TestFollowRecords: job follow reads only the entries it may follow,
// and plans exactly as it would with the whole journal.
func TestFollowRecords(t *testing.T) {
	path, recs := manyOrders(t, 30, map[int]string{29: journal.StateUnknown, 28: journal.StateRefused})
	all, err := journal.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		opts FollowOptions
		n    int // entries read
	}{
		{"--latest", FollowOptions{Latest: true}, 1},
		{"a job id", FollowOptions{ID: recs[10].JobID}, 1},
		{"an entry id", FollowOptions{ID: recs[10].ID}, 1},
		{"an entry id's start", FollowOptions{ID: recs[10].ID[:15]}, 1},
		{"an ambiguous start", FollowOptions{ID: recs[10].ID[:4]}, 2},
		{"a job id's start", FollowOptions{ID: recs[10].JobID[:30]}, 1},
		{"a start too short", FollowOptions{ID: "000"}, 0},
		{"an entry without a job", FollowOptions{ID: recs[0].ID}, 1},
		{"nothing like it", FollowOptions{ID: strings.Repeat("d4", 16)}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			io, _, _ := testIO()
			opts := tc.opts
			opts.IO, opts.JournalPath = io, path
			res, err := followRecords(&opts)
			if err != nil || len(res.Records) != tc.n {
				t.Fatalf("followRecords read %d entries (%v), want %d", len(res.Records), err, tc.n)
			}
			got, gotErr := planFollow(&opts, res)
			want, wantErr := planFollow(&opts, all)
			if !reflect.DeepEqual(got, want) || fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
				t.Errorf("plan %+v, %v; with the whole journal %+v, %v", got, gotErr, want, wantErr)
			}
		})
	}
}

// TestOmittedCountsByWords: orders left out are counted by the words the
// table would use, a price that differed counted once whatever the state.
func TestOmittedCountsByWords(t *testing.T) {
	var recs []journal.Record
	for i, s := range []string{journal.StatePlaced, journal.StateRefused, journal.StateUnknown, journal.StatePlaced, journal.StatePlaced} {
		r := record(fmt.Sprintf("%016x", i+1), s, "", 0)
		r.Time = r.Time.Add(time.Duration(i) * time.Minute)
		if i < 2 {
			r.Mismatch = "the total is £8.00, not £7.50"
		}
		recs = append(recs, r)
	}
	io, out, _ := testIO()
	if err := runOrders(&OrdersOptions{IO: io, JournalPath: writeJournal(t, recs...), Output: "table", Limit: 2}); err != nil {
		t.Fatal(err)
	}
	if want := "! 3 older orders not shown, 3 of which need a look (1 OUTCOME UNKNOWN, 2 price differed)"; !strings.Contains(out.String(), want) {
		t.Errorf("output lacks %q:\n%s", want, out)
	}
}
