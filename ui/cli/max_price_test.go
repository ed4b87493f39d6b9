package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/memset-order/memset-order/model"
)

// TestParseMaxPrice: an amount, with or without a currency; anything else
// is refused with a message naming --max-price.
func TestParseMaxPrice(t *testing.T) {
	for _, tc := range []struct {
		in     string
		amount string
		cur    model.Currency
		bad    string
	}{
		{"40", "40", "", ""},
		{"40.50", "40.50", "", ""},
		{"£7.50", "7.50", model.GBP, ""},
		{"€ 12", "12", model.EUR, ""},
		{"$0.0104", "0.0104", model.USD, ""},
		{"GBP 40", "40", model.GBP, ""},
		{"40 gbp", "40", model.GBP, ""},
		{"usd40", "40", model.USD, ""},
		{"forty", "", "", "not an amount"},
		{"-5", "", "", "cannot be negative"},
		{"£", "", "", "there is no amount"},
		{"1e3", "", "", "not an amount"},
		{"40 CHF", "", "", "not an amount"},
	} {
		got, err := parseMaxPrice(tc.in)
		if tc.bad != "" {
			if err == nil || !strings.Contains(err.Error(), tc.bad) || !strings.HasPrefix(err.Error(), "--max-price ") {
				t.Errorf("%q: %v, want an error saying %q", tc.in, err, tc.bad)
			}
			continue
		}
		if err != nil || got.Amount != model.MustAmount(tc.amount) || got.Currency != tc.cur {
			t.Errorf("%q: %+v %v, want %s %s", tc.in, got, err, tc.amount, tc.cur)
		}
	}
}

// FuzzParseMaxPrice: no input panics, and an error is one printable line.
func FuzzParseMaxPrice(f *testing.F) {
	for _, s := range []string{"40", "£7.50", "GBP 40", "-1", "\x1b[2J", "€", "99999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := parseMaxPrice(s)
		if err != nil && strings.ContainsAny(err.Error(), "\x1b\n") {
			t.Errorf("error %q is not one printable line", err)
		}
		if err == nil && s != "" && (p == nil || p.Amount < 0) {
			t.Errorf("%q gave %+v", s, p)
		}
	})
}

// FuzzLoadPlan: a plan file with anything in it is read or refused with
// a message naming the file; nothing panics, and what is accepted has a
// price the order desk can compare.
func FuzzLoadPlan(f *testing.F) {
	good := `{"memset_order_plan":1,"created":"2026-11-29T12:00:00Z","endpoint":"https://api.memset.com/v1/json","sandbox":false,` +
		`"product":"monthly_miniserver","method":"create.monthly_miniserver","params":{"os":"debian_jessie_64","sku":"MSVM001"},` +
		`"command":"memset-order order monthly_miniserver","quote":{"sku":"MSVM001","currency":"GBP","dry_run":true,"net_setup_price":0.00,"net_total":7.50}}`
	f.Add(good)
	f.Add(strings.Replace(good, "7.50", "-7.50", 1))
	f.Add(strings.Replace(good, `"GBP"`, `"XXX"`, 1))
	f.Add(`{"memset_order_plan":2}`)
	f.Add("\x00\x1b[31m")
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data string) {
		path := filepath.Join(dir, "p.plan")
		if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
		p, err := loadPlan(path)
		if err != nil {
			if !strings.Contains(err.Error(), "p.plan") || strings.ContainsAny(err.Error(), "\x1b\n") {
				t.Errorf("error %q does not name the file on one printable line", err)
			}
			return
		}
		if q, err := p.quote(); err != nil || !q.Currency.Valid() || q.NetTotal.Amount < 0 {
			t.Errorf("accepted a plan whose price is %+v (%v)", q, err)
		}
	})
}
