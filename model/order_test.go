package model

import "testing"

func TestOrderWithAndKey(t *testing.T) {
	c := DefaultCatalogue()
	p, _ := c.Product(ProductMonthlyMiniserver)
	o := Order{Product: p.ID}.With(p, "sku", "MSVM002").With(p, "os", "debian_bookworm_64")
	a := o.With(p, "firewall", "basic")
	if a.Extra("firewall") != "basic" || o.Extra("firewall") != "" {
		t.Fatal("With must not change the original order")
	}
	// Setting an extra to its default removes it: the same request, the same key.
	b := a.With(p, "firewall", "none")
	if b.Key() != o.Key() {
		t.Fatalf("default value changed the key:\n%s\n%s", b.Key(), o.Key())
	}
	if a.Key() == o.Key() {
		t.Fatal("different configurations share a key")
	}
	// Map order never matters.
	x := o.With(p, "backups", "50").With(p, "vulnscan", "basic")
	y := o.With(p, "vulnscan", "basic").With(p, "backups", "50")
	if x.Key() != y.Key() {
		t.Fatal("key depends on the order extras were set in")
	}
	// Values cannot be confused across keys by quoting.
	q1 := o.With(p, "vlan", `a|b="c"`)
	q2 := o.With(p, "vlan", `a`).With(p, "pub_ssh_key", `c`)
	if q1.Key() == q2.Key() {
		t.Fatal("keys collide")
	}
	d := o.With(p, "discount_code", "  WELCOME10 ")
	if d.DiscountCode != "WELCOME10" {
		t.Fatalf("discount code not trimmed: %q", d.DiscountCode)
	}
}

func TestOrderParams(t *testing.T) {
	c := DefaultCatalogue()
	bw, _ := c.Product(ProductBandwidthBank)
	tests := []struct {
		name  string
		order Order
		p     *Product
		want  map[string]string
	}{
		{"documented example", mini("MSVM001", "debian_jessie_64"), nil, map[string]string{"sku": "MSVM001", "os": "debian_jessie_64"}},
		{"invoice now", Order{Product: ProductMemstore, SKU: "MEMSTORE-100", BillTo: BillNow}, nil, map[string]string{"sku": "MEMSTORE-100", "add_to_next_bill": "0"}},
		{"next bill", Order{Product: ProductMemstore, SKU: "MEMSTORE-100", BillTo: BillNextBill, DiscountCode: "X"}, nil, map[string]string{"sku": "MEMSTORE-100", "add_to_next_bill": "1", "discount_code": "X"}},
		{"top-up target", Order{Product: ProductBandwidthBank, Target: "sandyaa1", Extras: map[string]string{"gb": "50"}}, bw, map[string]string{"name": "sandyaa1", "gb": "50"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.order.Params(tt.p)
			if len(got) != len(tt.want) {
				t.Fatalf("Params = %v, want %v", got, tt.want)
			}
			for k, v := range tt.want {
				if got[k] != v {
					t.Fatalf("Params = %v, want %v", got, tt.want)
				}
			}
		})
	}
}

func TestChargedNow(t *testing.T) {
	tests := []struct {
		consolidated bool
		bill         BillTo
		want         bool
	}{
		{false, BillDefault, true},
		{false, BillNextBill, true},
		{false, BillNow, true},
		{true, BillDefault, false},
		{true, BillNextBill, false},
		{true, BillNow, true},
	}
	for _, tt := range tests {
		if got := (Account{ConsolidatedBilling: tt.consolidated}).ChargedNow(tt.bill); got != tt.want {
			t.Errorf("consolidated=%v bill=%v: ChargedNow = %v, want %v", tt.consolidated, tt.bill, got, tt.want)
		}
	}
}

func TestJobState(t *testing.T) {
	tests := []struct {
		job  Job
		want JobState
	}{
		{Job{Status: "AWAITING-PAYMENT"}, JobAwaitingPayment},
		{Job{Status: "INSTALLING-OS"}, JobRunning},
		{Job{Status: "DONE", Finished: true}, JobDone},
		{Job{Status: "FAILED", Finished: true, Error: true}, JobFailed},
		{Job{Status: "AWAITING-PAYMENT", Error: true}, JobFailed},
	}
	for _, tt := range tests {
		if got := tt.job.State(); got != tt.want {
			t.Errorf("%+v: %v, want %v", tt.job, got, tt.want)
		}
	}
	if !ValidJobID("739c99f25ed8d13e48ba94ec6a4a0102") || ValidJobID("739C99F25ED8D13E48BA94EC6A4A0102x") || ValidJobID("") {
		t.Error("ValidJobID")
	}
}
