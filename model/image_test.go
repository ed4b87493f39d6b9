package model

import (
	"strings"
	"testing"
)

// TestWindowsSnapshotIsWindows is the table of the rules a Windows
// snapshot meets because it carries Windows: the 2 GB minimum (with the
// plan fix) and no Windows where the product offers none (hourly).
func TestWindowsSnapshotIsWindows(t *testing.T) {
	c := DefaultCatalogue()
	card := knownAccount(PayCard)
	hourly := func(sku, os string) Order { return Order{Product: ProductHourlyMiniserver, SKU: sku, OS: os} }
	full := func(os string) Order { return Order{Product: ProductMonthlyFullserver, SKU: "FS001", OS: os} }
	tests := []struct {
		name     string
		order    Order
		wantCode ProblemCode // 0 = no problem
		wantText string      // substring of Error()
		reason   string
		fix      string // fixWhat of the fix, "" = no fix
	}{
		{"on 1 GB monthly refused, 2 GB plan offered", mini("MSVM001", "win.2026-10-02"), ProblemUnavailable,
			"os: Please select a valid choice. Snapshot win.2026-10-02 is not available for the current configuration. Windows requires at least 2 GB RAM.",
			"Windows requires at least 2 GB RAM", "MSVM002"},
		{"on 2 GB monthly fine", mini("MSVM002", "win.2026-10-02"), 0, "", "", ""},
		{"on the dedicated server fine", full("win.2026-10-02"), 0, "", "", ""},
		{"on hourly 2 GB refused: hourly offers no Windows", hourly("MS0050", "win.2026-10-02"), ProblemUnavailable,
			"os: Please select a valid choice. Snapshot win.2026-10-02 is not available for the current configuration. Windows is not offered for Miniserver VM (hourly).",
			"Windows is not offered for Miniserver VM (hourly)", "monthly_miniserver MSVM002"},
		{"on hourly 1 GB refused for the same reason, not for memory", hourly("MS0025", "win.2026-10-02"), ProblemUnavailable,
			"Windows is not offered", "Windows is not offered for Miniserver VM (hourly)", "monthly_miniserver MSVM002"},
		{"stock Windows on hourly refused alike", hourly("MS0050", "win2022serverstd_64"), ProblemUnavailable,
			"not offered for Miniserver VM (hourly)", "It is not offered for Miniserver VM (hourly)", "monthly_miniserver MSVM002"},
		{"Linux snapshot on hourly fine", hourly("MS0025", "web.2026-10-01"), 0, "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := First(c, tt.order, card)
			if tt.wantCode == 0 {
				if p != nil {
					t.Fatalf("unexpected problem: %s", p.Error())
				}
				return
			}
			if p == nil {
				t.Fatalf("accepted; want %q", tt.wantText)
			}
			if p.Param != "os" || p.Code != tt.wantCode || !strings.Contains(p.Error(), tt.wantText) || p.Reason != tt.reason {
				t.Fatalf("problem %q code %d reason %q; want os code %d containing %q reason %q", p.Error(), p.Code, p.Reason, tt.wantCode, tt.wantText, tt.reason)
			}
			switch {
			case tt.fix == "" && p.Fix != nil:
				t.Errorf("fix %+v offered, want none", *p.Fix)
			case tt.fix != "" && (p.Fix == nil || fixWhat(c, tt.order, *p.Fix) != tt.fix):
				t.Errorf("fix %+v, want %s", p.Fix, tt.fix)
			}
		})
	}
}

// TestWhyNotWindowsSnapshot: the wizard's question "why can't I pick this
// snapshot?" gets the Windows answers.
func TestWhyNotWindowsSnapshot(t *testing.T) {
	c := DefaultCatalogue()
	card := knownAccount(PayCard)
	tests := []struct {
		name         string
		order        Order
		param, value string
		want         string // "" = allowed
	}{
		{"Windows snapshot on hourly", Order{Product: ProductHourlyMiniserver, SKU: "MS0100"}, "os", "win.2026-10-02", "Windows is not offered for Miniserver VM (hourly)"},
		{"Linux snapshot on hourly", Order{Product: ProductHourlyMiniserver, SKU: "MS0100"}, "os", "web.2026-10-01", ""},
		{"Windows snapshot on 1 GB", mini("MSVM001", ""), "os", "win.2026-10-02", "Windows requires at least 2 GB RAM"},
		{"1 GB plan under a Windows snapshot", mini("MSVM004", "win.2026-10-02"), "sku", "MSVM001", "Windows requires at least 2 GB RAM"},
		{"4 GB plan under a Windows snapshot", mini("MSVM002", "win.2026-10-02"), "sku", "MSVM004", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ""
			if p := WhyNot(c, tt.order, card, tt.param, tt.value); p != nil {
				got = p.Reason
			}
			if got != tt.want {
				t.Fatalf("WhyNot(%s=%s) = %q, want %q", tt.param, tt.value, got, tt.want)
			}
		})
	}
}

// TestWindowsSnapshotPrice: a Windows snapshot pays the Windows licence,
// exactly what Windows 2022 costs on the same plan; other snapshots and an
// unknown account add nothing.
func TestWindowsSnapshotPrice(t *testing.T) {
	c := DefaultCatalogue()
	card := knownAccount(PayCard)
	price := func(o Order, acct Account) Price {
		t.Helper()
		pr, err := SamplePrice(c, o, nil, acct)
		if err != nil {
			t.Fatal(err)
		}
		return pr
	}
	tests := []struct {
		name      string
		order     Order
		acct      Account
		recurring string
		total     string
		sameAs    *Order // when set, the price must equal this order's
	}{
		{"Windows snapshot on MSVM002 = Windows 2022 on MSVM002", mini("MSVM002", "win.2026-10-02"), card, "27.00", "27.00", ptr(mini("MSVM002", "win2022serverstd_64"))},
		{"Windows snapshot on MSVM004 = Windows 2022 on MSVM004", mini("MSVM004", "win.2026-10-02"), card, "35.00", "35.00", ptr(mini("MSVM004", "win2022serverstd_64"))},
		{"Windows snapshot on the dedicated server for 3 months", withExtras(Order{Product: ProductMonthlyFullserver, SKU: "FS001", OS: "win.2026-10-02"}, "period", "3"), card, "104.00", "362.00",
			ptr(withExtras(Order{Product: ProductMonthlyFullserver, SKU: "FS001", OS: "win2022serverstd_64"}, "period", "3"))},
		{"Linux snapshot adds nothing", mini("MSVM002", "web.2026-10-01"), card, "12.00", "12.00", ptr(mini("MSVM002", "debian_bookworm_64"))},
		{"unknown account: a snapshot is not known to be Windows", mini("MSVM002", "win.2026-10-02"), Account{}, "12.00", "12.00", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := price(tt.order, tt.acct)
			if got.Recurring != MustAmount(tt.recurring) || got.Total != MustAmount(tt.total) {
				t.Fatalf("recurring %s total %s, want %s %s", got.Recurring, got.Total, tt.recurring, tt.total)
			}
			if tt.sameAs != nil {
				if want := price(*tt.sameAs, tt.acct); got != want {
					t.Fatalf("price %+v, want the same as %s: %+v", got, tt.sameAs.OS, want)
				}
			}
		})
	}
}

func ptr[T any](v T) *T { return &v }

// TestWindowsSnapshotLicence: the licence is the dearest current Windows
// the product offers, the catalogue's when it offers none, and follows a
// catalogue whose Windows prices differ.
func TestWindowsSnapshotLicence(t *testing.T) {
	c := DefaultCatalogue()
	mp, _ := c.Product(ProductMonthlyMiniserver)
	hp, _ := c.Product(ProductHourlyMiniserver)
	if o, ok := WindowsSnapshotLicence(c, mp); !ok || !o.Windows || o.EOL || o.Monthly != MustAmount("15.00") {
		t.Errorf("monthly: %+v %v", o, ok)
	}
	if o, ok := WindowsSnapshotLicence(c, hp); !ok || !o.Windows || o.Hourly != MustAmount("0.03") {
		t.Errorf("hourly (offers none): %+v %v", o, ok)
	}
	if c.OffersWindows(hp) || !c.OffersWindows(mp) {
		t.Errorf("OffersWindows: hourly %v monthly %v", c.OffersWindows(hp), c.OffersWindows(mp))
	}

	dear := DefaultCatalogue()
	for i := range dear.OSes {
		switch dear.OSes[i].Name {
		case "win2019serverstd_64":
			dear.OSes[i].Monthly = MustAmount("19.00")
		case "win2012serverstd_r2_64": // end of life: never the licence
			dear.OSes[i].Monthly = MustAmount("99.00")
		}
	}
	dp, _ := dear.Product(ProductMonthlyMiniserver)
	if o, _ := WindowsSnapshotLicence(dear, dp); o.Name != "win2019serverstd_64" {
		t.Errorf("dearest current Windows = %s, want win2019serverstd_64", o.Name)
	}
	pr, err := SamplePrice(dear, mini("MSVM002", "win.2026-10-02"), nil, knownAccount(PayCard))
	if err != nil || pr.Recurring != MustAmount("31.00") {
		t.Errorf("priced %s (%v), want 31.00", pr.Recurring, err)
	}

	none := DefaultCatalogue()
	var kept []OS
	for _, o := range none.OSes {
		if !o.Windows {
			kept = append(kept, o)
		}
	}
	none.OSes = kept
	np, _ := none.Product(ProductMonthlyMiniserver)
	if _, ok := WindowsSnapshotLicence(none, np); ok {
		t.Error("a catalogue without Windows still gave a licence")
	}
}

// TestResolveImage: what an os value carries.
func TestResolveImage(t *testing.T) {
	c := DefaultCatalogue()
	card := knownAccount(PayCard)
	tests := []struct {
		os                string
		acct              Account
		ok, snap, win, cp bool
		display           string
	}{
		{"win2022serverstd_64", Account{}, true, false, true, false, "Microsoft Windows 2022 Server, Standard Edition"},
		{"centos7_cpanel_64", Account{}, true, false, false, true, "cPanel on CentOS 7 64-bit"},
		{"win.2026-10-02", card, true, true, true, false, "Snapshot win.2026-10-02"},
		{"web.2026-10-01", card, true, true, false, false, "Snapshot web.2026-10-01"},
		{"win.2026-10-02", Account{}, false, false, false, false, ""},
		{"plan9_64", card, false, false, false, false, ""},
	}
	for _, tt := range tests {
		im, ok := ResolveImage(c, tt.os, tt.acct)
		if ok != tt.ok || im.IsSnapshot != tt.snap || im.Windows != tt.win || im.CPanel != tt.cp || im.Display != tt.display {
			t.Errorf("ResolveImage(%s, known=%v) = %+v %v", tt.os, tt.acct.Known, im, ok)
		}
	}
}
