package model

import (
	"strings"
	"testing"
)

const windowsMessage = "os: Please select a valid choice. Microsoft Windows 2012 Server R2, Standard Edition is not available for the current configuration. Windows requires at least 2 GB RAM."

const sshKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFakeKeyForTestsOnly0123456789abcdefABCDEF user@host"

func knownAccount(pay PaymentType) Account {
	return Account{
		Known:          true,
		Currency:       GBP,
		PaymentMethods: []PaymentMethod{{ID: "pm1", Type: pay, Default: true, Status: "AVAILABLE", Name: "Main"}},
		Snapshots: []Snapshot{
			{Name: "web.2026-10-01", OSOption: "web.2026-10-01", Status: "DONE", ImageType: "tar"},
			{Name: "win.2026-10-02", OSOption: "win.2026-10-02", Status: "DONE", ImageType: "ntfsclone"},
			{Name: "busy.2026-11-27", OSOption: "busy.2026-11-27", Status: "IN-PROGRESS", ImageType: "tar"},
		},
		Servers: []Server{
			{Name: "testyaa1", BandwidthType: "metered"},
			{Name: "testyaa2", BandwidthType: "unmetered"},
		},
	}
}

func mini(sku, os string) Order {
	return Order{Product: ProductMonthlyMiniserver, SKU: sku, OS: os}
}

func withExtras(o Order, kv ...string) Order {
	o.Extras = map[string]string{}
	for i := 0; i < len(kv); i += 2 {
		o.Extras[kv[i]] = kv[i+1]
	}
	return o
}

// TestCheckRules is the table of every rule: one row per rule and per
// boundary, with the first problem expected (or none).
func TestCheckRules(t *testing.T) {
	c := DefaultCatalogue()
	card := knownAccount(PayCard)
	tests := []struct {
		name      string
		order     Order
		acct      Account
		wantParam string      // "" with wantCode 0 = no problem
		wantCode  ProblemCode // 0 = no problem at all
		wantText  string      // substring of Error()
		wantFix   string      // Fix.Value, when a fix is expected
	}{
		{"documented example is fine", mini("MSVM001", "debian_jessie_64"), Account{}, "", 0, "", ""},
		{"windows on 1 GB refused with Memset's message", mini("MSVM001", "win2012serverstd_r2_64"), Account{}, "os", ProblemUnavailable, windowsMessage, "MSVM002"},
		{"windows on 2 GB fine", mini("MSVM002", "win2012serverstd_r2_64"), Account{}, "", 0, "", ""},
		{"current windows on 1 GB refused too", mini("MSVM001", "win2022serverstd_64"), Account{}, "os", ProblemUnavailable, "Windows requires at least 2 GB RAM", "MSVM002"},
		{"windows snapshot on 1 GB refused", mini("MSVM001", "win.2026-10-02"), card, "os", ProblemUnavailable, "Snapshot win.2026-10-02 is not available", "MSVM002"},
		{"linux snapshot accepted as os", mini("MSVM001", "web.2026-10-01"), card, "", 0, "", ""},
		{"snapshot not done refused", mini("MSVM001", "busy.2026-11-27"), card, "os", ProblemUnavailable, "not ready", ""},
		{"unknown os with known account refused", mini("MSVM001", "plan9_64"), card, "os", ProblemInvalid, "plan9_64 is not one of the available choices", ""},
		{"unknown os left to the API when account unknown", mini("MSVM001", "plan9_64"), Account{}, "", 0, "", ""},
		{"os required for servers", mini("MSVM001", ""), Account{}, "os", ProblemRequired, "os: This field is required.", ""},
		{"os required for hourly servers", Order{Product: ProductHourlyMiniserver, SKU: "MS0025"}, Account{}, "os", ProblemRequired, "required", ""},
		{"os refused for memstore", Order{Product: ProductMemstore, SKU: "MEMSTORE-100", OS: "debian_bookworm_64"}, Account{}, "os", ProblemUnknownParam, "takes no operating system", ""},
		{"cpanel on monthly miniserver fine", mini("MSVM002", "centos7_cpanel_64"), Account{}, "", 0, "", ""},
		{"cpanel on monthly full server fine", Order{Product: ProductMonthlyFullserver, SKU: "FS001", OS: "centos7_cpanel_64"}, Account{}, "", 0, "", ""},
		{"cpanel on hourly refused", Order{Product: ProductHourlyMiniserver, SKU: "MS0025", OS: "centos7_cpanel_64"}, Account{}, "os", ProblemUnavailable, "cPanel is only available on monthly servers", ""},
		{"windows not offered hourly", Order{Product: ProductHourlyMiniserver, SKU: "MS0050", OS: "win2022serverstd_64"}, Account{}, "os", ProblemUnavailable, "not offered for Miniserver VM (hourly)", ""},
		{"sku required", mini("", "debian_bookworm_64"), Account{}, "sku", ProblemRequired, "sku: This field is required.", ""},
		{"unknown sku", mini("MSVM999", "debian_bookworm_64"), Account{}, "sku", ProblemInvalid, "MSVM999 is not one of the available choices", ""},
		{"classic-only disk_type refused on MSVM", withExtras(mini("MSVM004", "debian_bookworm_64"), "disk_type", "ssd"), Account{}, "disk_type", ProblemUnavailable, "only supported for classic Miniservers", ""},
		{"classic-only disk_gb refused on MSVM", withExtras(mini("MSVM004", "debian_bookworm_64"), "disk_gb", "100"), Account{}, "disk_gb", ProblemUnavailable, "classic", ""},
		{"classic-only bandwidth_type refused on MSVM", withExtras(mini("MSVM004", "debian_bookworm_64"), "bandwidth_type", "metered"), Account{}, "bandwidth_type", ProblemUnavailable, "classic", ""},
		{"classic-only connection refused on MSVM", withExtras(mini("MSVM004", "debian_bookworm_64"), "connection", "10"), Account{}, "connection", ProblemUnavailable, "classic", ""},
		{"classic-only monthly_transfer_gb refused on MSVM", withExtras(mini("MSVM004", "debian_bookworm_64"), "monthly_transfer_gb", "250"), Account{}, "monthly_transfer_gb", ProblemUnavailable, "classic", ""},
		{"classic-only params fine on MS0 classic", withExtras(mini("MS0200", "debian_bookworm_64"), "disk_type", "ssd", "disk_gb", "100", "bandwidth_type", "metered", "connection", "100", "monthly_transfer_gb", "500"), Account{}, "", 0, "", ""},
		{"disk_gb out of range", withExtras(mini("MS0200", "debian_bookworm_64"), "disk_gb", "5"), Account{}, "disk_gb", ProblemInvalid, "between 20 and 1000", ""},
		{"disk_gb not a number", withExtras(mini("MS0200", "debian_bookworm_64"), "disk_gb", "lots"), Account{}, "disk_gb", ProblemInvalid, "whole number", ""},
		{"bad choice", withExtras(mini("MSVM002", "debian_bookworm_64"), "firewall", "wall-of-china"), Account{}, "firewall", ProblemInvalid, "wall-of-china is not one of the available choices", ""},
		{"unknown parameter", withExtras(mini("MSVM002", "debian_bookworm_64"), "colour", "red"), Account{}, "colour", ProblemUnknownParam, "Unknown parameter", ""},
		{"valid ssh key", withExtras(mini("MSVM002", "debian_bookworm_64"), "pub_ssh_key", sshKey), Account{}, "", 0, "", ""},
		{"bad ssh key", withExtras(mini("MSVM002", "debian_bookworm_64"), "pub_ssh_key", "hunter2"), Account{}, "pub_ssh_key", ProblemInvalid, "OpenSSH public key", ""},
		{"bad vlan name", withExtras(mini("MSVM002", "debian_bookworm_64"), "vlan", "my vlan!"), Account{}, "vlan", ProblemInvalid, "valid name", ""},
		{"full server ram upgrade fine", withExtras(Order{Product: ProductMonthlyFullserver, SKU: "FS001", OS: "debian_bookworm_64"}, "ram", "128"), Account{}, "", 0, "", ""},
		{"full server ram not above plan", withExtras(Order{Product: ProductMonthlyFullserver, SKU: "FS002", OS: "debian_bookworm_64"}, "ram", "64"), Account{}, "ram", ProblemUnavailable, "more than the plan's 64 GB", ""},
		{"topup needs a server", Order{Product: ProductBandwidthBank, Extras: map[string]string{"gb": "100"}}, Account{}, "name", ProblemRequired, "name: This field is required.", ""},
		{"topup needs an amount", Order{Product: ProductBandwidthBank, Target: "testyaa1"}, Account{}, "gb", ProblemRequired, "gb: This field is required.", ""},
		{"topup for metered server fine", Order{Product: ProductBandwidthBank, Target: "testyaa1", Extras: map[string]string{"gb": "100"}}, card, "", 0, "", ""},
		{"topup for unmetered server refused", Order{Product: ProductBandwidthBank, Target: "testyaa2", Extras: map[string]string{"gb": "100"}}, card, "name", ProblemUnavailable, "only available for servers with metered bandwidth", ""},
		{"topup for unknown server", Order{Product: ProductBandwidthBank, Target: "nosuch1", Extras: map[string]string{"gb": "100"}}, card, "name", ProblemNotFound, "Couldn't find server with name 'nosuch1'", ""},
		{"topup amount too small", Order{Product: ProductBandwidthBank, Target: "testyaa1", Extras: map[string]string{"gb": "1"}}, card, "gb", ProblemInvalid, "between 10 and 10000", ""},
		{"memstore has no os and is fine", Order{Product: ProductMemstore, SKU: "MEMSTORE-100"}, card, "", 0, "", ""},
		{"paypal never", mini("MSVM001", "debian_jessie_64"), knownAccount(PayPayPal), "", ProblemPayment, "PayPal cannot be used", ""},
		{"paypal never even for memstore", Order{Product: ProductMemstore, SKU: "MEMSTORE-100"}, knownAccount(PayPayPal), "", ProblemPayment, "PayPal", ""},
		{"no default payment method", mini("MSVM001", "debian_jessie_64"), Account{Known: true}, "", ProblemPayment, "no default payment method", ""},
		{"arrears with bank transfer refused", Order{Product: ProductHourlyMiniserver, SKU: "MS0025", OS: "debian_bookworm_64"}, knownAccount(PayBankTransfer), "", ProblemPayment, "billed in arrears", ""},
		{"arrears openstack with cheque refused", Order{Product: ProductOpenStack, SKU: "OSP-SMALL"}, knownAccount(PayCheque), "", ProblemPayment, "billed in arrears", ""},
		{"arrears with card fine", Order{Product: ProductHourlyMiniserver, SKU: "MS0025", OS: "debian_bookworm_64"}, card, "", 0, "", ""},
		{"arrears with billing account fine", Order{Product: ProductOpenStack, SKU: "OSP-SMALL"}, knownAccount(PayAccount), "", 0, "", ""},
		{"monthly with bank transfer fine", mini("MSVM001", "debian_jessie_64"), knownAccount(PayBankTransfer), "", 0, "", ""},
		{"unknown product", Order{Product: "teleporter"}, Account{}, "", ProblemInvalid, "Unknown product", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := First(c, tt.order, tt.acct)
			if tt.wantCode == 0 {
				if p != nil {
					t.Fatalf("unexpected problem: %s", p.Error())
				}
				return
			}
			if p == nil {
				t.Fatalf("no problem, want %q", tt.wantText)
			}
			if p.Param != tt.wantParam || p.Code != tt.wantCode {
				t.Errorf("problem on %q code %d, want %q code %d (%s)", p.Param, p.Code, tt.wantParam, tt.wantCode, p.Error())
			}
			if !strings.Contains(p.Error(), tt.wantText) {
				t.Errorf("Error() = %q, want it to contain %q", p.Error(), tt.wantText)
			}
			if p.Reason == "" {
				t.Errorf("problem has no short reason for the wizard")
			}
			if tt.wantFix != "" {
				if p.Fix == nil || p.Fix.Value != tt.wantFix {
					t.Fatalf("fix = %+v, want value %q", p.Fix, tt.wantFix)
				}
				prod, _ := c.Product(tt.order.Product)
				if again := First(c, p.Fix.Apply(prod, tt.order), tt.acct); again != nil {
					t.Errorf("after the fix %q the order still has a problem: %s", p.Fix.Label, again.Error())
				}
			}
		})
	}
}

func TestWindowsMessageIsExact(t *testing.T) {
	p := First(DefaultCatalogue(), mini("MSVM001", "win2012serverstd_r2_64"), Account{})
	if p == nil || p.Error() != windowsMessage {
		t.Fatalf("got %v\nwant %s", p, windowsMessage)
	}
	if p.Reason != "Windows requires at least 2 GB RAM" {
		t.Errorf("Reason = %q", p.Reason)
	}
	if p.Fix == nil || p.Fix.Label != "Switch to MSVM002 (2 GB RAM)" {
		t.Errorf("Fix = %+v", p.Fix)
	}
}

func TestWhyNot(t *testing.T) {
	c := DefaultCatalogue()
	tests := []struct {
		name         string
		order        Order
		param, value string
		wantReason   string // "" = allowed
	}{
		{"windows on 1 GB", mini("MSVM001", ""), "os", "win2022serverstd_64", "Windows requires at least 2 GB RAM"},
		{"debian on 1 GB", mini("MSVM001", ""), "os", "debian_bookworm_64", ""},
		{"1 GB plan under windows", mini("MSVM004", "win2022serverstd_64"), "sku", "MSVM001", "Windows requires at least 2 GB RAM"},
		{"2 GB plan under windows", mini("MSVM004", "win2022serverstd_64"), "sku", "MSVM002", ""},
		{"cpanel on hourly", Order{Product: ProductHourlyMiniserver, SKU: "MS0025"}, "os", "centos7_cpanel_64", "cPanel is only available on monthly servers"},
		{"classic extra on MSVM", mini("MSVM004", "debian_bookworm_64"), "disk_type", "ssd", "only for classic Miniservers (MS0…)"},
		{"existing problems are not blamed on the change", mini("MSVM001", "win2022serverstd_64"), "firewall", "basic", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := WhyNot(c, tt.order, Account{}, tt.param, tt.value)
			got := ""
			if p != nil {
				got = p.Reason
			}
			if got != tt.wantReason {
				t.Fatalf("WhyNot(%s=%s) = %q, want %q", tt.param, tt.value, got, tt.wantReason)
			}
		})
	}
}

func TestCheckListsEveryProblemInStepOrder(t *testing.T) {
	o := withExtras(Order{Product: ProductMonthlyMiniserver, SKU: "MSVM001", OS: "win2022serverstd_64"}, "zeta", "1", "disk_type", "ssd", "alpha", "2")
	ps := Check(DefaultCatalogue(), o, knownAccount(PayPayPal))
	var params []string
	for _, p := range ps {
		params = append(params, p.Param)
	}
	want := []string{"os", "disk_type", "alpha", "zeta", ""}
	if strings.Join(params, ",") != strings.Join(want, ",") {
		t.Fatalf("params in order %q, want %q", params, want)
	}
	if got := For(ps, "disk_type"); len(got) != 1 {
		t.Fatalf("For(disk_type) = %v", got)
	}
}
