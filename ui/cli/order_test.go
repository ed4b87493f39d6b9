package cli

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/memset-order/memset-order/api/journal"
	"github.com/memset-order/memset-order/api/order"
	"github.com/memset-order/memset-order/api/sandbox"
)

// sandboxServer is a sandbox over HTTP with testKey, and the backend
// options that reach it.
func sandboxServer(t *testing.T, opts ...sandbox.Option) (*sandbox.Sandbox, BackendOptions) {
	t.Helper()
	sb := sandbox.New(append([]sandbox.Option{sandbox.WithAPIKey(testKey), sandbox.WithAutoPay(0)}, opts...)...)
	srv := httptest.NewServer(sb)
	t.Cleanup(srv.Close)
	return sb, BackendOptions{APIURL: srv.URL + "/v1/json", Getenv: env(map[string]string{"MEMSET_API_KEY": testKey})}
}

// orderOpts is `order` with answers a, no terminal, a journal of its own.
func orderOpts(t *testing.T, bo BackendOptions, a order.Answers) *OrderOptions {
	t.Helper()
	io, _, _ := testIO()
	return &OrderOptions{IO: io, Backend: bo, JournalPath: filepath.Join(t.TempDir(), "orders.jsonl"), Answers: a,
		Output: "text", LeaveWait: time.Second, Now: func() time.Time { return time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC) }}
}

var msvm001 = order.Answers{Product: "monthly_miniserver", SKU: "MSVM001", OS: "debian_jessie_64"}

// TestOrderDryRunJSONDocumentedExample: Memset's documented example, as
// `order … --dry-run -o json` prints it from the embedded sandbox.
func TestOrderDryRunJSONDocumentedExample(t *testing.T) {
	io, out, errOut := testIO()
	opts := &OrderOptions{IO: io, Backend: BackendOptions{Sandbox: true}, JournalPath: filepath.Join(t.TempDir(), "j"),
		Answers: msvm001, DryRun: true, Output: "json"}
	if err := runOrder(context.Background(), opts); err != nil {
		t.Fatalf("order --dry-run: %v\n%s", err, errOut)
	}
	var doc map[string]any
	dec := json.NewDecoder(strings.NewReader(out.String()))
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("stdout is not one JSON document: %v\n%s", err, out)
	}
	q := doc["quote"].(map[string]any)
	want := map[string]any{"sku": "MSVM001", "currency": "GBP", "dry_run": true, "net_setup_price": json.Number("0.00"), "net_total": json.Number("7.50")}
	for k, v := range want {
		if q[k] != v {
			t.Errorf("quote.%s = %v, want %v (the documented example)", k, q[k], v)
		}
	}
	if doc["outcome"] != "priced" || doc["method"] != "create.monthly_miniserver" || doc["sandbox"] != true ||
		doc["command"] != "memset-order order monthly_miniserver --sku MSVM001 --os debian_jessie_64 --sandbox" {
		t.Errorf("document %v", doc)
	}
	params := doc["params"].(map[string]any)
	if len(params) != 2 || params["sku"] != "MSVM001" || params["os"] != "debian_jessie_64" {
		t.Errorf("params %v, want sku and os only", params)
	}
	price := doc["price"].(map[string]any)
	if price["first_payment"] != json.Number("7.50") || price["with_vat"] != json.Number("9.00") || price["recurring"] != json.Number("7.50") || price["billing"] != "monthly" {
		t.Errorf("price %v", price)
	}
	if strings.Contains(errOut.String(), "{") || !strings.Contains(errOut.String(), "Nothing was ordered") {
		t.Errorf("stderr should hold the messages only:\n%s", errOut)
	}
}

// TestOrderDryRunText: the text form is Review's lines, in Review's words.
func TestOrderDryRunText(t *testing.T) {
	io, out, _ := testIO()
	opts := &OrderOptions{IO: io, Backend: BackendOptions{Sandbox: true}, JournalPath: filepath.Join(t.TempDir(), "j"),
		Answers: order.Answers{Product: "monthly_miniserver", SKU: "MSVM001", OS: "debian_jessie_64", Set: []string{"period=3"}}, DryRun: true, Output: "text"}
	if err := runOrder(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"Service   Miniserver VM (monthly)", "Plan      MSVM001", "Account   SANDBOX", "Price     £7.50/month · no setup fee · first payment £22.50 for 3 months",
		"Total     £22.50 + £4.50 VAT (20%) = £27.00 first payment"} {
		if !strings.Contains(out.String(), w) {
			t.Errorf("stdout lacks %q:\n%s", w, out)
		}
	}
	if strings.Contains(out.String(), "\x1b") {
		t.Errorf("escape codes on stdout:\n%q", out)
	}
}

// TestOrderAnswerErrors: without a terminal, every wrong or missing flag
// is named, one line each, with exit status 2, before anything is sent.
func TestOrderAnswerErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		a    order.Answers
		max  string
		want []string
	}{
		{"missing plan and OS", order.Answers{Product: "monthly_miniserver"}, "", []string{"2 answers are wrong or missing", "--sku: missing: choose a plan (one of MSVM001", "--os: missing: servers need an operating system (one of "}},
		{"unknown product", order.Answers{Product: "vps"}, "", []string{`PRODUCT vps: not a product; use one of monthly_miniserver, hourly_miniserver`}},
		{"unknown plan", order.Answers{Product: "monthly_miniserver", SKU: "MSX", OS: "debian_jessie_64"}, "", []string{"--sku MSX: no such plan for Miniserver VM (monthly); one of MSVM001"}},
		{"unknown extra", order.Answers{Product: "monthly_miniserver", SKU: "MSVM001", OS: "debian_jessie_64", Set: []string{"colour=red"}}, "", []string{"--set colour=red: colour is not a setting of monthly_miniserver; it takes period, firewall"}},
		{"bad extra value", order.Answers{Product: "monthly_miniserver", SKU: "MSVM001", OS: "debian_jessie_64", Set: []string{"period=5"}}, "", []string{"--set period=5: not one of the choices; one of 1, 3, 6, 12"}},
		{"not NAME=VALUE", order.Answers{Product: "monthly_miniserver", SKU: "MSVM001", OS: "debian_jessie_64", Set: []string{"period"}}, "", []string{"--set period: give NAME=VALUE"}},
		{"bill-to", order.Answers{Product: "monthly_miniserver", SKU: "MSVM001", OS: "debian_jessie_64", BillTo: "later"}, "", []string{"--bill-to later: use default, next-bill, invoice-now"}},
		{"malformed amount", msvm001, "forty", []string{`--max-price "forty": not an amount`}},
		{"windows on 1 GB", order.Answers{Product: "monthly_miniserver", SKU: "MSVM001", OS: "win2012serverstd_r2_64"}, "", []string{"--os win2012serverstd_r2_64: Windows requires at least 2 GB RAM; --sku MSVM002 fixes it"}},
		{"top-up amount missing", order.Answers{Product: "bandwidth_bank", Set: []string{"name=myacc1"}}, "", []string{"--set gb: missing: "}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sb, bo := sandboxServer(t)
			opts := orderOpts(t, bo, tc.a)
			opts.MaxPrice, opts.Yes = tc.max, true
			err := runOrder(context.Background(), opts)
			if StatusOf(err) != StatusUsage {
				t.Fatalf("status %d (%v), want 2", StatusOf(err), err)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("message lacks %q:\n%s", w, err)
				}
			}
			if strings.Contains(err.Error(), "goroutine") || strings.Contains(err.Error(), ".go:") {
				t.Errorf("a stack trace in the message:\n%s", err)
			}
			if n := len(sb.Orders()); n != 0 {
				t.Errorf("the sandbox received %d orders", n)
			}
		})
	}
}

// TestOrderNeedsYes: a complete order without --yes or --dry-run, and no
// terminal to open the wizard on, orders nothing and exits 2.
func TestOrderNeedsYes(t *testing.T) {
	sb, bo := sandboxServer(t)
	opts := orderOpts(t, bo, msvm001)
	err := runOrder(context.Background(), opts)
	if StatusOf(err) != StatusUsage || !strings.Contains(err.Error(), "a real order needs --yes") {
		t.Errorf("%v (status %d)", err, StatusOf(err))
	}
	if n := len(sb.Orders()); n != 0 {
		t.Errorf("the sandbox received %d orders", n)
	}
}

// TestOrderMaxPrice: --max-price below the fresh quote refuses with exit
// 5 and sends no order; at or above it the order is placed once.
func TestOrderMaxPrice(t *testing.T) {
	for _, tc := range []struct {
		max    string
		status Status
		orders int
	}{
		{"7.49", StatusPriceGuard, 0},
		{"£5", StatusPriceGuard, 0},
		{"EUR 100", StatusPriceGuard, 0},
		{"7.50", StatusDone, 1},
		{"GBP 10", StatusDone, 1},
	} {
		sb, bo := sandboxServer(t)
		opts := orderOpts(t, bo, msvm001)
		opts.MaxPrice, opts.Yes = tc.max, true
		err := runOrder(context.Background(), opts)
		if StatusOf(err) != tc.status {
			t.Errorf("--max-price %s: status %d (%v), want %d", tc.max, StatusOf(err), err, tc.status)
		}
		if n := len(sb.Orders()); n != tc.orders {
			t.Errorf("--max-price %s: the sandbox received %d orders, want %d", tc.max, n, tc.orders)
		}
	}
}

// TestOrderYes: --yes places the order once through the journal and says
// what was ordered on stdout; -o json carries the invoice and the job.
func TestOrderYes(t *testing.T) {
	sb, bo := sandboxServer(t)
	io, out, errOut := testIO()
	opts := orderOpts(t, bo, msvm001)
	opts.IO, opts.Yes, opts.Output = io, true, "json"
	if err := runOrder(context.Background(), opts); err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	orders := sb.Orders()
	if len(orders) != 1 {
		t.Fatalf("the sandbox received %d orders, want 1", len(orders))
	}
	var doc orderJSON
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if doc.Outcome != "placed" || doc.Quote == nil || doc.Quote.DryRun || doc.Quote.InvoiceRef == 0 || doc.Quote.Job == nil || doc.JournalID == "" {
		t.Errorf("document %+v", doc)
	}
	res, err := journal.Read(opts.JournalPath)
	if err != nil {
		t.Fatal(err)
	}
	r, ok := res.Find(doc.JournalID)
	if !ok || r.State != journal.StatePlaced || r.InvoiceRef != doc.Quote.InvoiceRef {
		t.Errorf("journal record %+v", r)
	}
	if !strings.Contains(errOut.String(), "Ordered: invoice") {
		t.Errorf("the summary should be on stderr with -o json:\n%s", errOut)
	}
}

// TestOrderWait: --wait follows the job with plain lines on stderr and
// ends with its result: done exits 0, a failed job 6.
func TestOrderWait(t *testing.T) {
	for _, tc := range []struct {
		failAt string
		status Status
		want   string
	}{
		{"", StatusDone, "Set-up finished"},
		{"INSTALLING-OS", StatusJobFailed, "The set-up job failed"},
	} {
		acct := sandbox.DefaultAccount()
		acct.FailJobsAt = tc.failAt
		_, bo := sandboxServer(t, sandbox.WithAccount(acct), sandbox.WithStageDuration(5*time.Millisecond), sandbox.WithAutoPay(5*time.Millisecond))
		io, out, errOut := testIO()
		opts := orderOpts(t, bo, msvm001)
		opts.IO, opts.Yes, opts.Wait = io, true, true
		opts.Poll = order.Backoff{Min: time.Millisecond, Max: 5 * time.Millisecond}
		err := runOrder(context.Background(), opts)
		if StatusOf(err) != tc.status {
			t.Errorf("fail at %q: status %d (%v), want %d\n%s", tc.failAt, StatusOf(err), err, tc.status, errOut)
		}
		if !strings.Contains(out.String(), tc.want) {
			t.Errorf("fail at %q: stdout lacks %q:\n%s", tc.failAt, tc.want, out)
		}
		if strings.Contains(errOut.String(), "\x1b") || strings.Count(errOut.String(), "\n") < 3 {
			t.Errorf("fail at %q: stderr should hold plain progress lines:\n%q", tc.failAt, errOut)
		}
	}
}

// TestApply: a saved plan is re-priced and placed; a plan whose price
// changed, or made at another endpoint, is refused with exit 5 and
// nothing sent; --accept-new-price goes ahead.
func TestApply(t *testing.T) {
	sb, bo := sandboxServer(t)
	plan := filepath.Join(t.TempDir(), "ms.plan")
	opts := orderOpts(t, bo, msvm001)
	opts.PlanOut = plan
	if err := runOrder(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(plan); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("plan file: %v %v", fi, err)
	}
	apply := func(path string, bo BackendOptions, mut func(*ApplyOptions)) (string, error) {
		io, out, _ := testIO()
		a := &ApplyOptions{IO: io, Backend: bo, JournalPath: opts.JournalPath, Path: path, Output: "text", Yes: true, LeaveWait: time.Second}
		if mut != nil {
			mut(a)
		}
		err := runApply(context.Background(), a)
		return out.String(), err
	}
	// The price changed: the plan says 7.00.
	data, _ := os.ReadFile(plan)
	cheaper := filepath.Join(t.TempDir(), "cheaper.plan")
	os.WriteFile(cheaper, []byte(strings.Replace(string(data), `"net_total": 7.50`, `"net_total": 7.00`, 1)), 0o600)
	if _, err := apply(cheaper, bo, nil); StatusOf(err) != StatusPriceGuard || !strings.Contains(err.Error(), "the total is £7.50, not £7.00") {
		t.Errorf("changed price: %v (status %d)", err, StatusOf(err))
	}
	if n := len(sb.Orders()); n != 0 {
		t.Fatalf("a refused plan sent %d orders", n)
	}
	// Another endpoint: the embedded sandbox.
	if _, err := apply(plan, BackendOptions{Sandbox: true}, nil); StatusOf(err) != StatusPriceGuard || !strings.Contains(err.Error(), "this run would order at the embedded sandbox") {
		t.Errorf("other endpoint: %v (status %d)", err, StatusOf(err))
	}
	// A configuration the catalogue no longer means the same way.
	edited := filepath.Join(t.TempDir(), "edited.plan")
	os.WriteFile(edited, []byte(strings.Replace(string(data), `"os": "debian_jessie_64",`, `"os": "debian_jessie_64", "period": "1",`, 1)), 0o600)
	if _, err := apply(edited, bo, nil); StatusOf(err) != StatusPriceGuard || !strings.Contains(err.Error(), "period: 1 is no longer sent") {
		t.Errorf("changed configuration: %v (status %d)", err, StatusOf(err))
	}
	if n := len(sb.Orders()); n != 0 {
		t.Fatalf("refused plans sent %d orders", n)
	}
	if _, err := apply(cheaper, bo, func(a *ApplyOptions) { a.AcceptNewPrice = true }); err != nil {
		t.Errorf("--accept-new-price: %v", err)
	}
	if out, err := apply(plan, bo, nil); err != nil || !strings.Contains(out, "Ordered: invoice") {
		t.Errorf("apply: %v\n%s", err, out)
	}
	if n := len(sb.Orders()); n != 2 {
		t.Errorf("the sandbox received %d orders, want 2", n)
	}
	// Not a plan at all.
	junk := filepath.Join(t.TempDir(), "junk")
	os.WriteFile(junk, []byte(`{"hello": 1}`), 0o600)
	if _, err := apply(junk, bo, nil); StatusOf(err) != StatusError || !strings.Contains(err.Error(), "is not a memset-order plan") {
		t.Errorf("junk plan: %v", err)
	}
}

// TestOrderJSONShape: the README's example of the order command's JSON is
// exactly what `order monthly_miniserver --sku MSVM001 --os
// debian_jessie_64 --dry-run -o json` prints from the embedded sandbox.
func TestOrderJSONShape(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, after, ok := strings.Cut(string(readme), "### The order command's JSON")
	_, block, ok2 := strings.Cut(after, "```json\n")
	block, _, ok3 := strings.Cut(block, "```")
	if !ok || !ok2 || !ok3 {
		t.Fatal("the README has no JSON example under \"### The order command's JSON\"")
	}
	io, out, _ := testIO()
	opts := &OrderOptions{IO: io, Backend: BackendOptions{Sandbox: true}, JournalPath: filepath.Join(t.TempDir(), "j"),
		Answers: msvm001, DryRun: true, Output: "json"}
	if err := runOrder(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	if out.String() != block {
		t.Errorf("the README's example is not what the command prints:\n%s\nprinted:\n%s", block, out)
	}
}
