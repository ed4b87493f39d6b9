package order_test

import (
	"maps"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/memset-order/memset-order/api/order"
	"github.com/memset-order/memset-order/model"
)

// TestBuild: answers become the order the wizard would build; each wrong
// answer is named by its flag, all of them at once.
func TestBuild(t *testing.T) {
	cat := model.DefaultCatalogue()
	for _, tc := range []struct {
		name   string
		a      order.Answers
		params map[string]string
		errs   []string
	}{
		{"documented example", order.Answers{Product: "monthly_miniserver", SKU: "MSVM001", OS: "debian_jessie_64"},
			map[string]string{"sku": "MSVM001", "os": "debian_jessie_64"}, nil},
		{"a default value is not sent", order.Answers{Product: "monthly_miniserver", SKU: "MSVM001", OS: "debian_jessie_64", Set: []string{"period=1", "firewall=basic"}},
			map[string]string{"sku": "MSVM001", "os": "debian_jessie_64", "firewall": "basic"}, nil},
		{"billing and discount", order.Answers{Product: "memstore", SKU: "MEMSTORE-100", Discount: " WELCOME10 ", BillTo: "invoice-now"},
			map[string]string{"sku": "MEMSTORE-100", "discount_code": "WELCOME10", "add_to_next_bill": "0"}, nil},
		{"top-up target through --set", order.Answers{Product: "bandwidth_bank", Set: []string{"name=myacc1", "gb=100"}, BillTo: "next-bill"},
			map[string]string{"name": "myacc1", "gb": "100", "add_to_next_bill": "1"}, nil},
		{"a value with = in it", order.Answers{Product: "openstack", SKU: "OSP-SMALL", Set: []string{"project_name=a=b"}},
			map[string]string{"sku": "OSP-SMALL", "project_name": "a=b"}, nil},
		{"every wrong answer", order.Answers{Product: "monthly_miniserver", Set: []string{"period", "sku=MSVM001", "colour=red", "period=3", "period=6", "vlan="}, BillTo: "soon"},
			nil, []string{
				"--set period: give NAME=VALUE",
				"--set sku=MSVM001: use --sku for sku",
				"--set colour=red: colour is not a setting of monthly_miniserver",
				"--set period=6: given more than once",
				"--set vlan: give a value",
				"--bill-to soon: use default, next-bill, invoice-now",
			}},
		{"no product", order.Answers{}, nil, []string{"PRODUCT: missing; use one of monthly_miniserver"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o, errs := order.Build(cat, tc.a)
			var got []string
			for _, e := range errs {
				got = append(got, e.Error())
			}
			if len(got) != len(tc.errs) {
				t.Fatalf("errors %q, want %q", got, tc.errs)
			}
			for i, w := range tc.errs {
				if !strings.HasPrefix(got[i], w) {
					t.Errorf("error %d is %q, want it to start %q", i, got[i], w)
				}
			}
			if tc.params != nil {
				p, _ := cat.Product(o.Product)
				if !maps.Equal(o.Params(p), tc.params) {
					t.Errorf("params %v, want %v", o.Params(p), tc.params)
				}
			}
		})
	}
}

// TestProblems: the rules, said as the flag that fixes each, with the fix.
func TestProblems(t *testing.T) {
	cat := model.DefaultCatalogue()
	for _, tc := range []struct {
		name string
		o    model.Order
		want []string
	}{
		{"nothing wrong", model.Order{Product: model.ProductMemstore, SKU: "MEMSTORE-100"}, nil},
		{"missing", model.Order{Product: model.ProductMonthlyMiniserver}, []string{"--sku: missing: choose a plan (one of MSVM001", "--os: missing: servers need an operating system (one of debian_trixie_64"}},
		{"windows on 1 GB", model.Order{Product: model.ProductMonthlyMiniserver, SKU: "MSVM001", OS: "win2012serverstd_r2_64"}, []string{"--os win2012serverstd_r2_64: Windows requires at least 2 GB RAM; --sku MSVM002 fixes it"}},
		{"cPanel on hourly", model.Order{Product: model.ProductHourlyMiniserver, SKU: "MS0025", OS: "centos7_cpanel_64"}, []string{"--os centos7_cpanel_64: cPanel is only available on monthly servers; order monthly_miniserver instead"}},
		{"classic-only extra", model.Order{Product: model.ProductMonthlyMiniserver, SKU: "MSVM001", OS: "debian_jessie_64", Extras: map[string]string{"disk_gb": "40"}}, []string{"--set disk_gb=40: only for classic Miniservers (MS0…); leave out --set disk_gb"}},
		{"number out of range", model.Order{Product: model.ProductBandwidthBank, Target: "a1", Extras: map[string]string{"gb": "5"}}, []string{"--set gb=5: must be 10–10000 GB; a whole number from 10 to 10000"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ps := order.Problems(cat, tc.o, model.Account{})
			if len(ps) != len(tc.want) {
				t.Fatalf("problems %v, want %q", ps, tc.want)
			}
			for i, w := range tc.want {
				if !strings.HasPrefix(ps[i].Error(), w) {
					t.Errorf("problem %d is %q, want it to start %q", i, ps[i].Error(), w)
				}
			}
		})
	}
}

// TestCommandArgsRoundTrip: an order said as flags builds the same order.
func TestCommandArgsRoundTrip(t *testing.T) {
	cat := model.DefaultCatalogue()
	for _, o := range []model.Order{
		{Product: model.ProductMonthlyFullserver, SKU: "FS002", OS: "debian_bookworm_64", Extras: map[string]string{"ram": "128", "period": "12", "pub_ssh_key": "ssh-ed25519 AAAA me@host"}, DiscountCode: "WELCOME10", BillTo: model.BillNow},
		{Product: model.ProductBandwidthBank, Target: "myacc1", Extras: map[string]string{"gb": "250"}},
		{Product: model.ProductMemstore, SKU: "MEMSTORE-5000", BillTo: model.BillNextBill},
	} {
		args := order.CommandArgs(cat, o)
		if args[0] != "order" || args[1] != string(o.Product) {
			t.Errorf("args %q", args)
		}
		back, errs := order.Build(cat, order.AnswersOf(cat, o))
		if len(errs) > 0 || back.Key() != o.Key() {
			t.Errorf("%q builds %s (%v), want %s", args, back.Key(), errs, o.Key())
		}
	}
}

// FuzzBuild: no answer, however odd, panics Build; every error names a
// flag, is one printable line, and an order built without errors sends
// only the product's own parameters.
func FuzzBuild(f *testing.F) {
	f.Add("monthly_miniserver", "MSVM001", "debian_jessie_64", "period=3", "WELCOME10", "next-bill")
	f.Add("bandwidth_bank", "", "", "name=x\x1b[2J", "", "")
	f.Add("openstack", "OSP-SMALL", "", "project_name=a=b=c", "\n", "invoice-now")
	f.Add("", "", "", "=", "", "x")
	cat := model.DefaultCatalogue()
	f.Fuzz(func(t *testing.T, product, sku, os, set, discount, billTo string) {
		a := order.Answers{Product: product, SKU: sku, OS: os, Set: []string{set}, Discount: discount, BillTo: billTo}
		o, errs := order.Build(cat, a)
		for _, e := range errs {
			msg := e.Error()
			if !strings.HasPrefix(msg, "--") && !strings.HasPrefix(msg, "PRODUCT") {
				t.Errorf("error %q names no flag", msg)
			}
			if strings.ContainsAny(msg, "\x1b\n\r") || !utf8.ValidString(msg) {
				t.Errorf("error %q is not one printable line", msg)
			}
		}
		if len(errs) > 0 {
			return
		}
		p, _ := cat.Product(o.Product)
		allowed := map[string]bool{model.ParamSKU: true, model.ParamOS: true, model.ParamDiscountCode: true, model.ParamAddToNextBill: true, p.TargetParam: true}
		for _, n := range order.SetNames(p) {
			allowed[n] = true
		}
		for k := range o.Params(p) {
			if !allowed[k] {
				t.Errorf("the order sends %q, not a parameter of %s", k, p.ID)
			}
		}
		for _, e := range order.Problems(cat, o, model.Account{}) {
			if strings.ContainsAny(e.Error(), "\x1b\n\r") {
				t.Errorf("problem %q is not one printable line", e.Error())
			}
		}
	})
}
