package sandbox_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/memset-order/memset-order/api/sandbox"
	"github.com/memset-order/memset-order/model"
)

// TestDocumentedExamples is the acceptance text of issue #2 for the
// sandbox: the dry run, the real order and the Windows refusal.
func TestDocumentedExamples(t *testing.T) {
	e := newEnv(t)
	dry := e.call(t, model.MethodMonthlyMiniserver, documented("1")).obj(t)
	if dry["sku"] != "MSVM001" || dry["currency"] != "GBP" || dry["dry_run"] != true ||
		amount(t, dry["net_setup_price"]) != 0 || amount(t, dry["net_total"]) != model.MustAmount("7.50") {
		t.Fatalf("dry run = %v", dry)
	}
	if len(e.sb.Orders()) != 0 || len(e.sb.Invoices()) != 0 {
		t.Fatal("a dry run recorded an order or an invoice")
	}

	real := e.call(t, model.MethodMonthlyMiniserver, documented("0")).obj(t)
	if real["dry_run"] != false || amount(t, real["net_total"]) != model.MustAmount("7.50") {
		t.Fatalf("real order = %v", real)
	}
	if ref, err := real["invoice_ref"].(interface{ Int64() (int64, error) }).Int64(); err != nil || ref != 100291 {
		t.Fatalf("invoice_ref = %v, want integer 100291", real["invoice_ref"])
	}
	job := real["job"].(map[string]any)
	if !model.ValidJobID(job["id"].(string)) || job["type"] != "SETUP-NEW-MINISERVER" ||
		job["status"] != "AWAITING-PAYMENT" || job["finished"] != false || job["error"] != false {
		t.Fatalf("job = %v", job)
	}

	e.call(t, model.MethodMonthlyMiniserver, map[string]string{"sku": "MSVM001", "os": "win2012serverstd_r2_64", "dry_run": "0"}).
		wantError(t, http.StatusBadRequest, model.ErrorBadParameters,
			"os: Please select a valid choice. Microsoft Windows 2012 Server R2, Standard Edition is not available for the current configuration. Windows requires at least 2 GB RAM.")
	if n := len(e.sb.Orders()); n != 1 {
		t.Fatalf("%d orders recorded, want 1 (the refused one must not count)", n)
	}
}

// TestQuotes checks prices for several configurations: extras, periods,
// setup fees, hourly prices and discounts (sample prices of the catalogue).
func TestQuotes(t *testing.T) {
	tests := []struct {
		name          string
		method        model.Method
		params        map[string]string
		setup, total  string
		wantSKUInBody bool
	}{
		{"documented", model.MethodMonthlyMiniserver, documented("1"), "0", "7.50", true},
		{"period multiplies", model.MethodMonthlyMiniserver, map[string]string{"sku": "MSVM002", "os": "debian_bookworm_64", "period": "3", "dry_run": "1"}, "0", "36.00", true},
		{"extras add", model.MethodMonthlyMiniserver, map[string]string{"sku": "MSVM001", "os": "debian_bookworm_64", "firewall": "basic", "backups": "50", "dry_run": "1"}, "0", "14.50", true},
		{"default values sent", model.MethodMonthlyMiniserver, map[string]string{"sku": "MSVM001", "os": "debian_bookworm_64", "firewall": "none", "period": "1", "dry_run": "1"}, "0", "7.50", true},
		{"windows licence", model.MethodMonthlyMiniserver, map[string]string{"sku": "MSVM002", "os": "win2022serverstd_64", "dry_run": "1"}, "0", "27.00", true},
		{"WELCOME10", model.MethodMonthlyMiniserver, map[string]string{"sku": "MSVM002", "os": "debian_bookworm_64", "discount_code": "WELCOME10", "dry_run": "1"}, "0", "10.80", true},
		{"MINI25 lower case", model.MethodMonthlyMiniserver, map[string]string{"sku": "MSVM004", "os": "debian_bookworm_64", "discount_code": "mini25", "dry_run": "1"}, "0", "15.00", true},
		{"discount on the period", model.MethodMonthlyMiniserver, map[string]string{"sku": "MSVM001", "os": "debian_bookworm_64", "period": "12", "discount_code": "WELCOME10", "dry_run": "1"}, "0", "81.00", true},
		{"setup fee", model.MethodMonthlyFullserver, map[string]string{"sku": "FS001", "os": "debian_bookworm_64", "dry_run": "1"}, "50.00", "139.00", true},
		{"hourly keeps four decimals", model.MethodHourlyMiniserver, map[string]string{"sku": "MS0025", "os": "debian_bookworm_64", "dry_run": "1"}, "0", "0.0104", true},
		{"top-up has no sku", model.MethodBandwidthBank, map[string]string{"name": "sandyaa1", "gb": "100", "dry_run": "1"}, "0", "5.00", false},
		{"memstore", model.MethodMemstore, map[string]string{"sku": "MEMSTORE-1000", "dry_run": "1"}, "0", "20.00", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			a := e.call(t, tt.method, tt.params)
			if a.status != http.StatusOK {
				t.Fatalf("%d %s", a.status, a.raw)
			}
			m := a.obj(t)
			if got := amount(t, m["net_setup_price"]); got != model.MustAmount(tt.setup) {
				t.Errorf("net_setup_price = %s, want %s", got, tt.setup)
			}
			if got := amount(t, m["net_total"]); got != model.MustAmount(tt.total) {
				t.Errorf("net_total = %s, want %s", got, tt.total)
			}
			if _, has := m["sku"]; has != tt.wantSKUInBody {
				t.Errorf("sku in answer = %v, want %v", has, tt.wantSKUInBody)
			}
		})
	}
}

// TestCreateRefusals checks what the rules refuse, with the status and the
// parameter the message names.
func TestCreateRefusals(t *testing.T) {
	tests := []struct {
		name    string
		account func(*sandbox.Account)
		method  model.Method
		params  map[string]string
		status  int
		typ     model.ErrorType
		msg     string
	}{
		{"unknown sku", nil, model.MethodMonthlyMiniserver, map[string]string{"sku": "MSVM999", "os": "debian_bookworm_64", "dry_run": "1"},
			400, model.ErrorBadParameters, "sku: Please select a valid choice. MSVM999 is not one of the available choices."},
		{"missing os", nil, model.MethodMonthlyMiniserver, map[string]string{"sku": "MSVM001", "dry_run": "1"},
			400, model.ErrorBadParameters, "os: This field is required."},
		{"cpanel hourly", nil, model.MethodHourlyMiniserver, map[string]string{"sku": "MS0050", "os": "centos7_cpanel_64", "dry_run": "1"},
			400, model.ErrorBadParameters, "os: Please select a valid choice. cPanel on CentOS 7 64-bit is not available for the current configuration. cPanel is only available on monthly servers."},
		{"unknown parameter first", nil, model.MethodMonthlyMiniserver, map[string]string{"skus": "MSVM001", "os": "debian_bookworm_64", "dry_run": "1"},
			400, model.ErrorBadParameters, "skus: Unknown parameter for create.monthly_miniserver."},
		{"sku on a product without plans", nil, model.MethodBandwidthBank, map[string]string{"sku": "X", "name": "sandyaa1", "gb": "10", "dry_run": "1"},
			400, model.ErrorBadParameters, "sku: This product has no plans; do not send sku."},
		{"classic-only extra", nil, model.MethodMonthlyMiniserver, map[string]string{"sku": "MSVM001", "os": "debian_bookworm_64", "disk_type": "ssd", "dry_run": "1"},
			400, model.ErrorBadParameters, ""},
		{"number out of range", nil, model.MethodBandwidthBank, map[string]string{"name": "sandyaa1", "gb": "5", "dry_run": "1"},
			400, model.ErrorBadParameters, "gb: Ensure this value is between 10 and 10000."},
		{"wrong type", nil, model.MethodBandwidthBank, map[string]string{"name": "sandyaa1", "gb": "lots", "dry_run": "1"},
			400, model.ErrorBadParameters, "gb: Enter a whole number."},
		{"top-up of unknown server", nil, model.MethodBandwidthBank, map[string]string{"name": "nosuchaa1", "gb": "100", "dry_run": "1"},
			404, model.ErrorDoesNotExist, "name: Couldn't find server with name 'nosuchaa1'"},
		{"unknown discount code", nil, model.MethodMonthlyMiniserver, map[string]string{"sku": "MSVM001", "os": "debian_bookworm_64", "discount_code": "NOPE", "dry_run": "1"},
			400, model.ErrorBadParameters, "discount_code: Discount code 'NOPE' does not exist or is not valid for this account."},
		{"discount for other products", nil, model.MethodMemstore, map[string]string{"sku": "MEMSTORE-100", "discount_code": "MINI25", "dry_run": "1"},
			400, model.ErrorBadParameters, "discount_code: Discount code 'MINI25' is not valid for Memstore."},
		{"snapshot not ready", nil, model.MethodMonthlyMiniserver, map[string]string{"sku": "MSVM001", "os": "sandyaa1.2026-11-27-09-00-00", "dry_run": "1"},
			400, model.ErrorBadParameters, "os: Snapshot sandyaa1.2026-11-27-09-00-00 is not ready (status IN-PROGRESS)."},
		{"windows snapshot on 1 GB", nil, model.MethodMonthlyMiniserver, map[string]string{"sku": "MSVM001", "os": "sandyaa2.2026-09-15-02-30-00", "dry_run": "1"},
			400, model.ErrorBadParameters, "os: Please select a valid choice. Snapshot sandyaa2.2026-09-15-02-30-00 is not available for the current configuration. Windows requires at least 2 GB RAM."},
		{"paypal", func(a *sandbox.Account) {
			a.PaymentMethods = []model.PaymentMethod{{ID: "pp", Type: model.PayPayPal, Default: true}}
		}, model.MethodMonthlyMiniserver, documented("1"),
			statusOf(model.ErrorPaymentMethod), model.ErrorPaymentMethod, "PayPal cannot be used to create services through the API. Make a card or billing account the default payment method."},
		{"arrears need a card", func(a *sandbox.Account) {
			a.PaymentMethods = []model.PaymentMethod{{ID: "bt", Type: model.PayBankTransfer, Default: true}}
		}, model.MethodHourlyMiniserver, map[string]string{"sku": "MS0025", "os": "debian_bookworm_64", "dry_run": "1"},
			statusOf(model.ErrorPaymentMethod), model.ErrorPaymentMethod, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			if tt.account != nil {
				e.sb.SetAccount(tt.account)
			}
			e.call(t, tt.method, tt.params).wantError(t, tt.status, tt.typ, tt.msg)
		})
	}
}

// TestExpiredDiscountCode moves the clock past MINI25's last day.
func TestExpiredDiscountCode(t *testing.T) {
	e := newEnv(t)
	params := map[string]string{"sku": "MSVM002", "os": "debian_bookworm_64", "discount_code": "MINI25", "dry_run": "1"}
	if a := e.call(t, model.MethodMonthlyMiniserver, params); a.status != http.StatusOK {
		t.Fatalf("before expiry: %d %s", a.status, a.raw)
	}
	e.clock.Advance(t0.AddDate(0, 7, 4).Sub(t0)) // 2027-07-01
	e.call(t, model.MethodMonthlyMiniserver, params).wantError(t, 400, model.ErrorBadParameters, "")
	e.call(t, model.MethodDiscountCode, map[string]string{"discount_code": "MINI25"}).
		wantError(t, 404, model.ErrorDoesNotExist, "Discount code 'MINI25' does not exist or is not valid for this account")
}

// TestSnapshotAsOS orders a server from a snapshot's os_option, as
// server.snapshot_list gives it.
func TestSnapshotAsOS(t *testing.T) {
	e := newEnv(t)
	var opt string
	for _, s := range e.call(t, model.MethodSnapshotList, nil).list(t) {
		if m := s.(map[string]any); m["status"] == "DONE" && m["image_type"] == "tar" {
			opt = m["os_option"].(string)
		}
	}
	if opt == "" {
		t.Fatal("no DONE Linux snapshot listed")
	}
	ref, id := e.order(t, model.MethodMonthlyMiniserver, map[string]string{"sku": "MSVM001", "os": opt})
	mustPay(t, e, ref)
	e.clock.Advance(5 * stage)
	name := e.jobStatus(t, id)["service"].(string)
	for _, s := range e.call(t, model.MethodServerList, nil).list(t) {
		if m := s.(map[string]any); m["name"] == name {
			if m["os"] != opt {
				t.Fatalf("server %s os = %v, want the snapshot %s", name, m["os"], opt)
			}
			return
		}
	}
	t.Fatalf("server %s not in server.list", name)
}

// TestTopUp adds bandwidth to a metered server, and only to a metered one.
func TestTopUp(t *testing.T) {
	e := newEnv(t)
	e.call(t, model.MethodBandwidthBank, map[string]string{"name": "sandyaa2", "gb": "100", "dry_run": "0"}).
		wantError(t, 400, model.ErrorBadParameters, "name: Please select a valid choice. Server sandyaa2 is not available for the current configuration. A bandwidth bank is only available for servers with metered bandwidth.")

	// The name may also come as a path segment.
	req := e.request(t, http.MethodPost, "create.bandwidth_bank/sandyaa1/", "gb=250&dry_run=0")
	req.SetBasicAuth(testKey, "")
	a := e.do(t, req)
	if a.status != http.StatusOK {
		t.Fatalf("top-up: %d %s", a.status, a.raw)
	}
	job := a.obj(t)["job"].(map[string]any)
	if job["type"] != "ADD-BANDWIDTH-BANK" || job["service"] != "sandyaa1" {
		t.Fatalf("job = %v", job)
	}
	if _, ok := e.sb.BandwidthBank("sandyaa1"); ok {
		t.Fatal("bank filled before the invoice was paid")
	}
	mustPay(t, e, 100291)
	e.clock.Advance(stage)
	if gb, ok := e.sb.BandwidthBank("sandyaa1"); !ok || gb != 250 {
		t.Fatalf("bank = %d, %v; want 250 GB", gb, ok)
	}
	if got := e.sb.Orders()[0].Params["name"]; got != "sandyaa1" {
		t.Fatalf("recorded name = %q", got)
	}
}

// TestServiceNames checks the naming rule: the account stem, two letters
// and a digit, skipping existing servers; Memstore and OpenStack prefixed.
func TestServiceNames(t *testing.T) {
	e := newEnv(t, sandbox.WithStageDuration(0))
	orders := []struct {
		method model.Method
		params map[string]string
		want   string
	}{
		{model.MethodMonthlyMiniserver, documented("0"), "sandyaa3"},
		{model.MethodMemstore, map[string]string{"sku": "MEMSTORE-100"}, "mssandyaa1"},
		{model.MethodMonthlyFullserver, map[string]string{"sku": "FS001", "os": "debian_bookworm_64"}, "sandyaa4"},
		{model.MethodOpenStack, map[string]string{"sku": "OSP-SMALL", "region": "dunsfold"}, "ossandyaa1"},
	}
	for _, o := range orders {
		ref, id := e.order(t, o.method, o.params)
		if o.method != model.MethodOpenStack { // billed in arrears: nothing to pay
			mustPay(t, e, ref)
		}
		if got := e.jobStatus(t, id)["service"]; got != o.want {
			t.Fatalf("%s: service %v, want %s", o.method, got, o.want)
		}
		info := e.call(t, model.MethodServiceInfo, map[string]string{"name": o.want})
		if info.status != http.StatusOK || info.obj(t)["status"] != "LIVE" {
			t.Fatalf("service.info %s: %d %s", o.want, info.status, info.raw)
		}
	}
	zones := e.call(t, model.MethodServiceInfo, map[string]string{"name": "ossandyaa1"}).obj(t)["network_zones"].([]any)
	if len(zones) != 1 || zones[0] != "dunsfold" {
		t.Fatalf("OpenStack zones = %v, want the ordered region", zones)
	}
	if n := len(e.call(t, model.MethodServerList, nil).list(t)); n != 4 {
		t.Fatalf("server.list has %d servers, want 2 existing + 2 new servers", n)
	}
}

// TestArrearsOrdersWaitForNoPayment checks that a service billed in
// arrears starts at once: its invoice is NEW (billed after use), not
// awaiting payment, whatever the billing choice.
func TestArrearsOrdersWaitForNoPayment(t *testing.T) {
	for _, tc := range []struct {
		method model.Method
		params map[string]string
	}{
		{model.MethodHourlyMiniserver, map[string]string{"sku": "MS0025", "os": "debian_bookworm_64"}},
		{model.MethodOpenStack, map[string]string{"sku": "OSP-SMALL"}},
		{model.MethodOpenStack, map[string]string{"sku": "OSP-SMALL", "add_to_next_bill": "0"}},
	} {
		e := newEnv(t)
		ref, id := e.order(t, tc.method, tc.params)
		if st := e.jobStatus(t, id)["status"]; st == model.StatusAwaitingPayment {
			t.Errorf("%s %v: job %v, want it started", tc.method, tc.params, st)
		}
		inv := e.call(t, model.MethodInvoiceInfo, map[string]string{"ref": fmt.Sprint(ref)}).obj(t)
		if inv["status"] != "NEW" {
			t.Errorf("%s %v: invoice status %v, want NEW (billed in arrears)", tc.method, tc.params, inv["status"])
		}
	}
}
