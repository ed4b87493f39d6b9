package model

import (
	"maps"
	"testing"
)

// fixWhat names what a fix does for tests: the value it sets, or for a
// product switch the product and the plan it lands on.
func fixWhat(c *Catalogue, o Order, f Fix) string {
	if f.Product == "" {
		return f.Value
	}
	p, _ := c.Product(o.Product)
	n := f.Apply(p, o)
	return string(n.Product) + " " + n.SKU
}

func full(os string, kv ...string) Order {
	return withExtras(Order{Product: ProductMonthlyFullserver, SKU: "FS001", OS: os}, kv...)
}

// TestUnmeteredHasNoTransferAllowance is the table of the rule that
// unmetered bandwidth excludes a monthly transfer allowance, on the
// dedicated server and on the classic monthly Miniserver.
func TestUnmeteredHasNoTransferAllowance(t *testing.T) {
	c := DefaultCatalogue()
	const reason = "unmetered bandwidth has no monthly transfer allowance"
	tests := []struct {
		name   string
		order  Order
		reason string // "" = no problem
	}{
		{"dedicated: unmetered alone fine", full("debian_bookworm_64", "bandwidth_type", "unmetered"), ""},
		{"dedicated: unmetered with 5 TB refused", full("debian_bookworm_64", "bandwidth_type", "unmetered", "monthly_transfer_gb", "5000"), reason},
		{"dedicated: unmetered with 10 TB refused", full("debian_bookworm_64", "bandwidth_type", "unmetered", "monthly_transfer_gb", "10000"), reason},
		{"dedicated: metered (default) with 5 TB fine", full("debian_bookworm_64", "monthly_transfer_gb", "5000"), ""},
		{"dedicated: metered sent with 10 TB fine", full("debian_bookworm_64", "bandwidth_type", "metered", "monthly_transfer_gb", "10000"), ""},
		{"classic: unmetered with 500 GB refused", withExtras(mini("MS0200", "debian_bookworm_64"), "bandwidth_type", "unmetered", "monthly_transfer_gb", "500"), reason},
		{"classic: unmetered alone fine", withExtras(mini("MS0200", "debian_bookworm_64"), "bandwidth_type", "unmetered"), ""},
		{"classic: transfer alone fine", withExtras(mini("MS0200", "debian_bookworm_64"), "monthly_transfer_gb", "250"), ""},
		{"MSVM: classic-only reason first, not twice", withExtras(mini("MSVM004", "debian_bookworm_64"), "bandwidth_type", "unmetered", "monthly_transfer_gb", "250"), "only for classic Miniservers (MS0…)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps := For(Check(c, tt.order, Account{}), "monthly_transfer_gb")
			if tt.reason == "" {
				if len(ps) > 0 {
					t.Fatalf("unexpected problem: %s", ps[0].Error())
				}
				return
			}
			if len(ps) != 1 {
				t.Fatalf("problems on monthly_transfer_gb = %v, want exactly one", ps)
			}
			pr := ps[0]
			if pr.Reason != tt.reason || pr.Code != ProblemUnavailable {
				t.Fatalf("reason %q code %d, want %q", pr.Reason, pr.Code, tt.reason)
			}
			if pr.Fix == nil || pr.Fix.Param != "monthly_transfer_gb" || pr.Fix.Value != "" || pr.Fix.Done == "" {
				t.Fatalf("fix = %+v, want removing the allowance", pr.Fix)
			}
			p, _ := c.Product(tt.order.Product)
			if again := For(Check(c, pr.Fix.Apply(p, tt.order), Account{}), "monthly_transfer_gb"); len(again) > 0 {
				t.Errorf("after the fix: %s", again[0].Error())
			}
		})
	}
}

// TestWhyNotUnmetered: the wizard's question both ways round. With an
// allowance chosen, unmetered is impossible, with the fix that removes the
// allowance; with unmetered chosen, every allowance above the default is.
func TestWhyNotUnmetered(t *testing.T) {
	c := DefaultCatalogue()
	pr := WhyNot(c, full("debian_bookworm_64", "monthly_transfer_gb", "5000"), Account{}, "bandwidth_type", "unmetered")
	if pr == nil || pr.Param != "monthly_transfer_gb" || pr.Fix == nil || pr.Fix.Param != "monthly_transfer_gb" {
		t.Fatalf("WhyNot(unmetered) = %+v, want the allowance's problem with its fix", pr)
	}
	for _, v := range []string{"5000", "10000"} {
		if pr := WhyNot(c, full("debian_bookworm_64", "bandwidth_type", "unmetered"), Account{}, "monthly_transfer_gb", v); pr == nil {
			t.Errorf("WhyNot(monthly_transfer_gb=%s) under unmetered = nil", v)
		}
	}
	p, _ := c.Product(ProductMonthlyFullserver)
	if got := Excluded(p, full("", "bandwidth_type", "unmetered"), "monthly_transfer_gb"); got == "" {
		t.Error("Excluded under unmetered = \"\"")
	}
	if got := Excluded(p, full(""), "monthly_transfer_gb"); got != "" {
		t.Errorf("Excluded under metered = %q", got)
	}
}

// TestUnmeteredDefaultNotSentNorCharged: the dedicated server's default
// allowance (1 TB) is neither sent nor priced under unmetered bandwidth,
// so a plain unmetered order is possible and costs the plan plus the
// unmetered charge alone.
func TestUnmeteredDefaultNotSentNorCharged(t *testing.T) {
	c := DefaultCatalogue()
	p, _ := c.Product(ProductMonthlyFullserver)
	tests := []struct {
		name      string
		order     Order
		recurring string
	}{
		{"metered plan", full("debian_bookworm_64"), "89.00"},
		{"unmetered", full("debian_bookworm_64").With(p, "bandwidth_type", "unmetered"), "109.00"},
		{"unmetered, then the default allowance chosen", full("debian_bookworm_64").With(p, "bandwidth_type", "unmetered").With(p, "monthly_transfer_gb", "1000"), "109.00"},
		{"metered with 5 TB", full("debian_bookworm_64").With(p, "monthly_transfer_gb", "5000"), "109.00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if ps := Check(c, tt.order, Account{}); len(ps) > 0 {
				t.Fatalf("refused: %s", ps[0].Error())
			}
			if tt.order.Extra("bandwidth_type") == "unmetered" {
				if v, sent := tt.order.Params(p)["monthly_transfer_gb"]; sent {
					t.Fatalf("monthly_transfer_gb=%s sent under unmetered", v)
				}
			}
			pr, err := SamplePrice(c, tt.order, nil, Account{})
			if err != nil {
				t.Fatal(err)
			}
			if want := MustAmount(tt.recurring); pr.Recurring != want {
				t.Errorf("recurring = %s, want %s", pr.Recurring, want)
			}
		})
	}
}

// TestExcludedDefaultIsNotCharged prices an allowance whose default has a
// price (a catalogue where 1 TB costs something): under unmetered it is
// not charged.
func TestExcludedDefaultIsNotCharged(t *testing.T) {
	c := DefaultCatalogue()
	p, _ := c.Product(ProductMonthlyFullserver)
	for i, e := range p.Extras {
		if e.Param == "monthly_transfer_gb" {
			e.Choices = append([]Choice(nil), e.Choices...)
			e.Choices[0].Price = MustAmount("7.00")
			p.Extras[i] = e
		}
	}
	metered, _ := SamplePrice(c, full("debian_bookworm_64"), nil, Account{})
	unmetered, _ := SamplePrice(c, full("debian_bookworm_64", "bandwidth_type", "unmetered"), nil, Account{})
	if metered.Recurring != MustAmount("96.00") || unmetered.Recurring != MustAmount("109.00") {
		t.Fatalf("recurring metered %s, unmetered %s; want 96.00 (default allowance charged) and 109.00 (not)", metered.Recurring, unmetered.Recurring)
	}
}

// TestSwitchToMonthlyKeepsAnswers: cPanel or Windows on the hourly server
// is fixed by moving to the monthly Miniserver with the answers kept and
// the plan with the same memory or the nearest larger.
func TestSwitchToMonthlyKeepsAnswers(t *testing.T) {
	c := DefaultCatalogue()
	hourly := func(sku, os string, kv ...string) Order {
		o := withExtras(Order{Product: ProductHourlyMiniserver, SKU: sku, OS: os, DiscountCode: "SPRING10", BillTo: BillNow}, kv...)
		return o
	}
	const key = sshKey
	tests := []struct {
		name       string
		order      Order
		acct       Account
		wantSKU    string
		wantExtras map[string]string
		wantDone   string
	}{
		{"cPanel on 1 GB → MSVM001", hourly("MS0025", "centos7_cpanel_64"), Account{}, "MSVM001", map[string]string{}, "Switched to Miniserver VM (monthly), MSVM001 (1 GB RAM), your answers kept: cPanel needs a monthly server"},
		{"cPanel on 2 GB → MSVM002, extras kept", hourly("MS0050", "centos7_cpanel_64", "firewall", "managed", "intrusion_detection", "basic", "pub_ssh_key", key, "vlan", "myaccaa-vlan1"), Account{},
			"MSVM002", map[string]string{"firewall": "managed", "intrusion_detection": "basic", "pub_ssh_key": key, "vlan": "myaccaa-vlan1"}, ""},
		{"cPanel on 4 GB → MSVM004, SSD dropped (classic only there)", hourly("MS0100", "centos7_cpanel_64", "disk_type", "ssd", "firewall", "basic"), Account{},
			"MSVM004", map[string]string{"firewall": "basic"}, ""},
		{"Windows snapshot on 1 GB → MSVM002 (Windows needs 2 GB)", hourly("MS0025", "win.2026-10-02"), knownAccount(PayCard), "MSVM002", map[string]string{}, "Switched to Miniserver VM (monthly), MSVM002 (2 GB RAM), your answers kept: Windows needs a monthly server"},
		{"Windows snapshot on 4 GB → MSVM004", hourly("MS0100", "win.2026-10-02"), knownAccount(PayCard), "MSVM004", map[string]string{}, ""},
		{"stock Windows on 2 GB → MSVM002", hourly("MS0050", "win2022serverstd_64"), Account{}, "MSVM002", map[string]string{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pr := First(c, tt.order, tt.acct)
			if pr == nil || pr.Param != "os" || pr.Fix == nil || pr.Fix.Product != ProductMonthlyMiniserver {
				t.Fatalf("problem %+v, want os with a switch to the monthly Miniserver", pr)
			}
			if tt.wantDone != "" && pr.Fix.Done != tt.wantDone {
				t.Errorf("Done = %q, want %q", pr.Fix.Done, tt.wantDone)
			}
			p, _ := c.Product(tt.order.Product)
			n := pr.Fix.Apply(p, tt.order)
			if n.Product != ProductMonthlyMiniserver || n.SKU != tt.wantSKU || n.OS != tt.order.OS {
				t.Fatalf("switched to %s %s os %s, want %s %s os %s", n.Product, n.SKU, n.OS, ProductMonthlyMiniserver, tt.wantSKU, tt.order.OS)
			}
			if n.DiscountCode != "SPRING10" || n.BillTo != BillNow {
				t.Errorf("discount %q bill %v not kept", n.DiscountCode, n.BillTo)
			}
			got := n.Extras
			if got == nil {
				got = map[string]string{}
			}
			if !maps.Equal(got, tt.wantExtras) {
				t.Errorf("extras = %v, want %v", got, tt.wantExtras)
			}
			if again := First(c, n, tt.acct); again != nil && again.Code != ProblemPayment {
				t.Errorf("after the switch: %s", again.Error())
			}
		})
	}
}
