package sandbox_test

import (
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/memset-order/memset-order/api/sandbox"
	"github.com/memset-order/memset-order/model"
)

// TestConsolidatedBilling: the charge goes on the next bill and the job
// starts at once, unless add_to_next_bill=0 asks for an invoice now.
func TestConsolidatedBilling(t *testing.T) {
	tests := []struct {
		name          string
		consolidated  bool
		addToNextBill string // "" = not sent
		wantInvoice   string
		wantJob       string
	}{
		{"consolidated default", true, "", "NEW", "QUEUED"},
		{"consolidated, next bill", true, "1", "NEW", "QUEUED"},
		{"consolidated, invoice now", true, "0", "AWAITING-PAYMENT", "AWAITING-PAYMENT"},
		{"not consolidated", false, "", "AWAITING-PAYMENT", "AWAITING-PAYMENT"},
		{"not consolidated, next bill asked", false, "True", "AWAITING-PAYMENT", "AWAITING-PAYMENT"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			e.sb.SetAccount(func(a *sandbox.Account) { a.ConsolidatedBilling = tt.consolidated })
			params := documented("0")
			if tt.addToNextBill != "" {
				params["add_to_next_bill"] = tt.addToNextBill
			}
			ref, id := e.order(t, model.MethodMonthlyMiniserver, params)
			if j := e.jobStatus(t, id); j["status"] != tt.wantJob {
				t.Fatalf("job status = %v, want %s", j["status"], tt.wantJob)
			}
			info := e.call(t, model.MethodInvoiceInfo, map[string]string{"ref": itoa(ref)}).obj(t)
			if info["status"] != tt.wantInvoice {
				t.Fatalf("invoice status = %v, want %s", info["status"], tt.wantInvoice)
			}
			if err := e.sb.PayInvoice(ref); (err == nil) != (tt.wantInvoice == "AWAITING-PAYMENT") {
				t.Fatalf("PayInvoice = %v with invoice %s", err, tt.wantInvoice)
			}
		})
	}
}

// TestInvoiceContents checks lines, VAT and totals: the lines add up to the
// quote's net_total, VAT is 20% of it, the amount includes VAT.
func TestInvoiceContents(t *testing.T) {
	e := newEnv(t)
	params := map[string]string{"sku": "FS001", "os": "debian_bookworm_64", "period": "3", "discount_code": "WELCOME10"}
	quote := e.call(t, model.MethodMonthlyFullserver, map[string]string{"sku": "FS001", "os": "debian_bookworm_64", "period": "3", "discount_code": "WELCOME10", "dry_run": "1"}).obj(t)
	net := amount(t, quote["net_total"]) // 50 setup + 3×89 − 26.70
	if net != model.MustAmount("290.30") {
		t.Fatalf("net_total = %s, want 290.30", net)
	}
	ref, _ := e.order(t, model.MethodMonthlyFullserver, params)
	inv := e.call(t, model.MethodInvoiceInfo, map[string]string{"ref": itoa(ref)}).obj(t)
	var sum model.Amount
	items := inv["items"].([]any)
	for _, it := range items {
		sum += amount(t, it.([]any)[1])
	}
	if sum != net {
		t.Fatalf("items add up to %s, want net_total %s: %v", sum, net, items)
	}
	if len(items) != 3 || items[0].([]any)[2] != "3 months" {
		t.Fatalf("items = %v, want service (3 months), setup, discount", items)
	}
	if vat := amount(t, inv["vat"]); vat != model.MustAmount("58.06") {
		t.Fatalf("vat = %s, want 58.06", vat)
	}
	if total := amount(t, inv["amount"]); total != model.MustAmount("348.36") {
		t.Fatalf("amount = %s, want 348.36", total)
	}
}

// TestInvoiceList filters by status and date.
func TestInvoiceList(t *testing.T) {
	e := newEnv(t)
	first, _ := e.order(t, model.MethodMonthlyMiniserver, documented("0"))
	e.clock.Advance(48 * time.Hour)
	e.order(t, model.MethodMonthlyMiniserver, documented("0"))
	mustPay(t, e, first)
	tests := []struct {
		params map[string]string
		want   []int
	}{
		{map[string]string{}, []int{100291, 100292}},
		{map[string]string{"status": "AWAITING-PAYMENT"}, []int{100292}},
		{map[string]string{"status": "DONE"}, []int{100291}},
		{map[string]string{"status": "REFUND"}, []int{}},
		{map[string]string{"date_gte": "2026-11-28"}, []int{100292}},
		{map[string]string{"date_lte": "2026-11-27"}, []int{100291}},
		{map[string]string{"date_gte": "2026-11-27", "date_lte": "2026-11-29", "status": "NEW"}, []int{}},
	}
	for _, tt := range tests {
		l := e.call(t, model.MethodInvoiceList, tt.params).list(t)
		got := []int{}
		for _, x := range l {
			n, _ := x.(map[string]any)["ref"].(json.Number).Int64()
			got = append(got, int(n))
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("invoice.list %v = %v, want %v", tt.params, got, tt.want)
		}
	}
	e.call(t, model.MethodInvoiceList, map[string]string{"status": "PAID"}).wantError(t, 400, model.ErrorBadParameters, "status: Please select a valid choice. 'PAID' is not one of the available choices.")
	e.call(t, model.MethodInvoiceList, map[string]string{"date_gte": "27/11/2026"}).wantError(t, 400, model.ErrorBadParameters, "date_gte: '27/11/2026' is not a date; send YYYY-MM-DD.")
}

// TestPayInvoiceErrors checks PayInvoice refuses what cannot be paid.
func TestPayInvoiceErrors(t *testing.T) {
	e := newEnv(t)
	if err := e.sb.PayInvoice(100291); err == nil {
		t.Fatal("paid an invoice that does not exist")
	}
	ref, _ := e.order(t, model.MethodMonthlyMiniserver, documented("0"))
	mustPay(t, e, ref)
	if err := e.sb.PayInvoice(ref); err == nil {
		t.Fatal("paid the same invoice twice")
	}
}

// TestOrdersRecorded checks Orders keeps real orders only, with the
// parameters as received (defaults kept, no api_key), and Requests counts
// everything.
func TestOrdersRecorded(t *testing.T) {
	e := newEnv(t)
	e.call(t, model.MethodMonthlyMiniserver, documented("1"))
	e.call(t, model.MethodMonthlyMiniserver, map[string]string{"sku": "nope", "os": "debian_bookworm_64", "dry_run": "0"})
	req := e.request(t, "POST", "create.monthly_miniserver/", "sku=MSVM001&os=debian_bookworm_64&firewall=none&dry_run=0&api_key="+testKey)
	if a := e.do(t, req); a.status != 200 {
		t.Fatalf("order with api_key parameter: %d %s", a.status, a.raw)
	}
	orders := e.sb.Orders()
	if len(orders) != 1 {
		t.Fatalf("%d orders, want 1", len(orders))
	}
	o := orders[0]
	want := map[string]string{"sku": "MSVM001", "os": "debian_bookworm_64", "firewall": "none", "dry_run": "0"}
	if len(o.Params) != len(want) || o.Params["firewall"] != "none" || o.Params["api_key"] != "" {
		t.Fatalf("params = %v, want %v", o.Params, want)
	}
	if o.InvoiceRef != 100291 || !model.ValidJobID(o.JobID) || !o.At.Equal(t0) || o.Method != model.MethodMonthlyMiniserver {
		t.Fatalf("order = %+v", o)
	}
	if n := e.sb.Requests(model.MethodMonthlyMiniserver); n != 3 {
		t.Fatalf("Requests = %d, want 3", n)
	}
	o.Params["sku"] = "changed"
	if e.sb.Orders()[0].Params["sku"] != "MSVM001" {
		t.Fatal("Orders shares its maps with the caller")
	}
}
