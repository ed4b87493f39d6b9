package model

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

func TestParseAmount(t *testing.T) {
	tests := []struct {
		in      string
		want    Amount
		wantErr bool
	}{
		{"7.50", 7_500_000, false},
		{"7.5", 7_500_000, false},
		{"0", 0, false},
		{"12", 12_000_000, false},
		{"-3.25", -3_250_000, false},
		{"+1.00", 1_000_000, false},
		{"0.0104", 10_400, false},
		{"0.000001", 1, false},
		{".5", 500_000, false},
		{"5.", 5_000_000, false},
		{"7.5000000000", 7_500_000, false},
		{"0.0000001", 0, true}, // would round
		{"", 0, true},
		{"-", 0, true},
		{".", 0, true},
		{"1e2", 0, true},
		{"1,000", 0, true},
		{" 7.50", 0, true},
		{"£7.50", 0, true},
		{"NaN", 0, true},
		{"12345678901", 0, true},
		{"1.2.3", 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseAmount(tt.in)
			if (err != nil) != tt.wantErr {
				t.Fatalf("ParseAmount(%q) error = %v, wantErr %v", tt.in, err, tt.wantErr)
			}
			if !tt.wantErr && got != tt.want {
				t.Fatalf("ParseAmount(%q) = %d, want %d", tt.in, got, tt.want)
			}
		})
	}
}

func TestAmountDecimalRoundTrip(t *testing.T) {
	tests := map[string]string{
		"7.5": "7.50", "0": "0.00", "0.0104": "0.0104", "-3": "-3.00",
		"123456.789": "123456.789", "0.000001": "0.000001",
	}
	for in, want := range tests {
		a := MustAmount(in)
		if got := a.Decimal(); got != want {
			t.Errorf("MustAmount(%q).Decimal() = %q, want %q", in, got, want)
		}
		back, err := ParseAmount(a.Decimal())
		if err != nil || back != a {
			t.Errorf("round trip of %q: %v, %v", in, back, err)
		}
	}
}

func TestMoneyString(t *testing.T) {
	tests := []struct {
		m    Money
		want string
	}{
		{Money{MustAmount("7.50"), GBP}, "£7.50"},
		{Money{MustAmount("0"), GBP}, "£0.00"},
		{Money{MustAmount("1234.5"), EUR}, "€1,234.50"},
		{Money{MustAmount("1234567.891"), USD}, "$1,234,567.891"},
		{Money{MustAmount("-3"), GBP}, "-£3.00"},
		{Money{MustAmount("0.0104"), GBP}, "£0.0104"},
		{Money{MustAmount("5"), Currency("CHF")}, "CHF 5.00"},
	}
	for _, tt := range tests {
		if got := tt.m.String(); got != tt.want {
			t.Errorf("%v.String() = %q, want %q", tt.m, got, tt.want)
		}
	}
}

func TestMoneyArithmetic(t *testing.T) {
	a := Money{MustAmount("7.50"), GBP}
	b := Money{MustAmount("2.25"), GBP}
	sum, err := a.Add(b)
	if err != nil || sum != (Money{MustAmount("9.75"), GBP}) {
		t.Fatalf("Add = %v, %v", sum, err)
	}
	diff, err := a.Sub(b)
	if err != nil || diff != (Money{MustAmount("5.25"), GBP}) {
		t.Fatalf("Sub = %v, %v", diff, err)
	}
	if _, err := a.Add(Money{MustAmount("1"), EUR}); !errors.Is(err, ErrCurrencyMismatch) {
		t.Fatalf("GBP+EUR error = %v, want ErrCurrencyMismatch", err)
	}
	if z, err := (Money{}).Add(a); err != nil || z != a {
		t.Fatalf("zero + a = %v, %v", z, err)
	}
}

func TestPercentAndRounding(t *testing.T) {
	tests := []struct {
		amount string
		pct    int64
		want   string
		minor  string
	}{
		{"7.50", 10, "0.75", "0.75"},
		{"7.50", 15, "1.125", "1.13"},
		{"0.0104", 25, "0.0026", "0.00"},
		{"-7.50", 15, "-1.125", "-1.13"},
		{"0.000003", 50, "0.000002", "0.00"}, // half away from zero at the millionth
	}
	for _, tt := range tests {
		got := MustAmount(tt.amount).PercentOf(tt.pct)
		if got != MustAmount(tt.want) {
			t.Errorf("%s×%d%% = %s, want %s", tt.amount, tt.pct, got, tt.want)
		}
		if r := got.RoundToMinor(); r != MustAmount(tt.minor) {
			t.Errorf("RoundToMinor(%s) = %s, want %s", got, r, tt.minor)
		}
	}
}

// TestParsePrice: money read from outside is never negative; everything
// else is ParseAmount's.
func TestParsePrice(t *testing.T) {
	tests := []struct {
		in      string
		want    Amount
		wantErr error  // nil: no error
		wantMsg string // in the error's text
	}{
		{in: "7.50", want: 7_500_000},
		{in: "0", want: 0},
		{in: "+0.0104", want: 10_400},
		{in: "-0", want: 0}, // zero, whatever its sign
		{in: "-0.00", want: 0},
		{in: "-7.50", wantErr: ErrNegativeAmount, wantMsg: "amount -7.50 is negative"},
		{in: "-0.000001", wantErr: ErrNegativeAmount, wantMsg: "is negative"},
		{in: "-92.50", wantErr: ErrNegativeAmount, wantMsg: "-92.50 is negative"},
		{in: "-twelve", wantErr: ErrAmountSyntax, wantMsg: "not a decimal amount"},
		{in: "", wantErr: ErrAmountSyntax},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParsePrice(tt.in)
			if tt.wantErr == nil {
				if err != nil || got != tt.want {
					t.Fatalf("ParsePrice(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
				}
				return
			}
			if !errors.Is(err, tt.wantErr) || !strings.Contains(err.Error(), tt.wantMsg) {
				t.Fatalf("ParsePrice(%q) = %d, %v; want %v containing %q", tt.in, got, err, tt.wantErr, tt.wantMsg)
			}
		})
	}
}

// TestAmountTextRefusesNegative: an amount read from a file (the catalogue)
// or built from text (NewMoney) is never negative; printing one still works.
func TestAmountTextRefusesNegative(t *testing.T) {
	var a Amount
	if err := a.UnmarshalText([]byte("-92.50")); !errors.Is(err, ErrNegativeAmount) {
		t.Errorf("UnmarshalText(-92.50) = %v, %v; want ErrNegativeAmount", a, err)
	}
	if err := json.Unmarshal([]byte(`{"p":"-7.50"}`), &struct{ P Amount }{}); !errors.Is(err, ErrNegativeAmount) {
		t.Errorf("a negative amount in JSON: %v; want ErrNegativeAmount", err)
	}
	if err := a.UnmarshalText([]byte("7.50")); err != nil || a != MustAmount("7.50") {
		t.Errorf("UnmarshalText(7.50) = %v, %v", a, err)
	}
	if m, err := NewMoney("-7.50", GBP); !errors.Is(err, ErrNegativeAmount) {
		t.Errorf("NewMoney(-7.50) = %v, %v; want ErrNegativeAmount", m, err)
	}
	if b, err := MustAmount("-3").MarshalText(); err != nil || string(b) != "-3.00" {
		t.Errorf("MarshalText(-3) = %s, %v", b, err)
	}
}

func FuzzParseAmount(f *testing.F) {
	for _, s := range []string{"7.50", "-0.0104", "1e2", "", ".", "99999999999", "0.0000001", "-0", "-0.000001", "+12", "-"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := ParseAmount(s)
		p, perr := ParsePrice(s)
		// ParsePrice is ParseAmount without the negative amounts.
		switch {
		case err != nil && perr == nil:
			t.Fatalf("ParsePrice(%q) = %d although ParseAmount refuses it: %v", s, p, err)
		case err == nil && a < 0 && !errors.Is(perr, ErrNegativeAmount):
			t.Fatalf("ParsePrice(%q) = %d, %v; want ErrNegativeAmount", s, p, perr)
		case err == nil && a >= 0 && (perr != nil || p != a):
			t.Fatalf("ParsePrice(%q) = %d, %v; ParseAmount says %d", s, p, perr, a)
		case perr == nil && p < 0:
			t.Fatalf("ParsePrice(%q) = %d is negative", s, p)
		}
		if err != nil {
			return
		}
		// Whatever parses must print and parse back to the same amount.
		b, err := ParseAmount(a.Decimal())
		if err != nil || a != b {
			t.Fatalf("%q → %d → %q → %d, %v", s, a, a.Decimal(), b, err)
		}
	})
}
