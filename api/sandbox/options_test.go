package sandbox_test

import (
	"strings"
	"testing"
	"time"

	"github.com/memset-order/memset-order/api/sandbox"
	"github.com/memset-order/memset-order/model"
)

// TestParseFault reads the flag form of a fault.
func TestParseFault(t *testing.T) {
	tests := []struct {
		spec    string
		want    sandbox.Fault
		wantErr string
	}{
		{spec: "method=job.status,status=503,times=2", want: sandbox.Fault{Method: model.MethodJobStatus, Status: 503, Times: 2}},
		{spec: "delay=1500ms", want: sandbox.Fault{Delay: 1500 * time.Millisecond}},
		{spec: "method=create.monthly_miniserver,drop,times=1", want: sandbox.Fault{Method: model.MethodMonthlyMiniserver, Drop: true, Times: 1}},
		{spec: "status=502,body=<html>a, b</html>", want: sandbox.Fault{Status: 502, Body: "<html>a, b</html>"}},
		{spec: "", wantErr: "empty"},
		{spec: "times=2", wantErr: "does nothing"},
		{spec: "method=create.teleporter,status=500", wantErr: "create.teleporter"},
		{spec: "status=99", wantErr: "not an HTTP status"},
		{spec: "delay=soon", wantErr: "not a duration"},
		{spec: "times=-1,drop", wantErr: "times"},
		{spec: "drop=yes", wantErr: "drop takes no value"},
		{spec: "status", wantErr: "needs a value"},
		{spec: "colour=red", wantErr: "unknown field"},
	}
	for _, tt := range tests {
		t.Run(tt.spec, func(t *testing.T) {
			got, err := sandbox.ParseFault(tt.spec)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("ParseFault(%q) = %+v, %v; want an error about %q", tt.spec, got, err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("ParseFault(%q) = %+v, %v; want %+v", tt.spec, got, err, tt.want)
			}
		})
	}
}

// TestAccountPresets: every preset exists and behaves as its name says.
func TestAccountPresets(t *testing.T) {
	want := map[string]int{ // status of the documented dry run
		"default": 200, "consolidated": 200, "paypal": statusOf(model.ErrorPaymentMethod), "bank-transfer": 200,
		"expired-card": statusOf(model.ErrorPaymentMethod), "empty": 200,
	}
	names := sandbox.AccountPresetNames()
	if len(names) != len(want) || names[0] != "default" {
		t.Fatalf("presets = %v", names)
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			a, err := sandbox.AccountPreset(name)
			if err != nil {
				t.Fatal(err)
			}
			e := newEnv(t, sandbox.WithAccount(a))
			if got := e.call(t, model.MethodMonthlyMiniserver, documented("1")).status; got != want[name] {
				t.Fatalf("documented dry run: %d, want %d", got, want[name])
			}
			if !strings.Contains(sandbox.AccountPresetHelp(), name+": ") {
				t.Fatalf("help does not describe %s", name)
			}
		})
	}
	if _, err := sandbox.AccountPreset("rich"); err == nil || !strings.Contains(err.Error(), "default") {
		t.Fatalf("unknown preset: %v", err)
	}
}

// TestWithAccountCopies: changing the caller's account later does not
// change the sandbox's.
func TestWithAccountCopies(t *testing.T) {
	a := sandbox.DefaultAccount()
	e := newEnv(t, sandbox.WithAccount(a))
	a.PaymentMethods[0].Type = model.PayPayPal
	if got := e.call(t, model.MethodMonthlyMiniserver, documented("1")).status; got != 200 {
		t.Fatalf("the caller's later change reached the sandbox: %d", got)
	}
}

// TestFakeClock moves only when told.
func TestFakeClock(t *testing.T) {
	c := sandbox.NewFakeClock(t0)
	if !c.Now().Equal(t0) {
		t.Fatal("clock did not start at t0")
	}
	c.Advance(90 * time.Minute)
	if !c.Now().Equal(t0.Add(90 * time.Minute)) {
		t.Fatalf("after Advance: %v", c.Now())
	}
}

// TestWithCatalogue sells only what the given catalogue holds.
func TestWithCatalogue(t *testing.T) {
	cat := model.DefaultCatalogue()
	var kept []*model.Product
	for _, p := range cat.Products {
		if p.ID != model.ProductMemstore {
			kept = append(kept, p)
		}
	}
	cat.Products = kept
	e := newEnv(t, sandbox.WithCatalogue(cat))
	e.call(t, model.MethodMemstore, map[string]string{"sku": "MEMSTORE-100", "dry_run": "1"}).
		wantError(t, 404, model.ErrorDoesNotExist, "Method 'create.memstore' does not exist")
	if n := len(e.call(t, model.MethodServicesList, nil).list(t)); n != len(kept) {
		t.Fatalf("services list has %d entries, want %d", n, len(kept))
	}
}

// TestAccountCurrency quotes and invoices in the account's currency.
func TestAccountCurrency(t *testing.T) {
	e := newEnv(t)
	e.sb.SetAccount(func(a *sandbox.Account) { a.Currency = model.EUR })
	if cur := e.call(t, model.MethodMonthlyMiniserver, documented("1")).obj(t)["currency"]; cur != "EUR" {
		t.Fatalf("currency = %v, want EUR", cur)
	}
	e.order(t, model.MethodMonthlyMiniserver, documented("0"))
	if inv := e.sb.Invoices()[0]; inv.Amount.Currency != model.EUR {
		t.Fatalf("invoice currency = %s", inv.Amount.Currency)
	}
}
