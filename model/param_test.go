package model

import "testing"

// TestGetIsTheInverseOfWith: every parameter set with With reads back with
// Get, including the target parameter and add_to_next_bill as sent.
func TestGetIsTheInverseOfWith(t *testing.T) {
	c := DefaultCatalogue()
	top, _ := c.Product(ProductBandwidthBank)
	vm, _ := c.Product(ProductMonthlyMiniserver)
	tests := []struct {
		p            *Product
		param, value string
	}{
		{vm, ParamSKU, "MSVM002"},
		{vm, ParamOS, "debian_jessie_64"},
		{vm, ParamDiscountCode, "WELCOME10"},
		{top, top.TargetParam, "sandyaa1"},
		{top, "gb", "50"},
	}
	for _, tt := range tests {
		o := Order{Product: tt.p.ID}.With(tt.p, tt.param, tt.value)
		if got := o.Get(tt.p, tt.param); got != tt.value {
			t.Errorf("%s: Get(%q) = %q after With(%q)", tt.p.ID, tt.param, got, tt.value)
		}
		if got := o.With(tt.p, tt.param, "").Get(tt.p, tt.param); got != "" {
			t.Errorf("%s: Get(%q) = %q after clearing it", tt.p.ID, tt.param, got)
		}
	}
	for b, want := range map[BillTo]string{BillDefault: "", BillNextBill: "1", BillNow: "0"} {
		if got := (Order{BillTo: b}).Get(vm, ParamAddToNextBill); got != want {
			t.Errorf("BillTo %v: add_to_next_bill reads %q, want %q", b, got, want)
		}
	}
}

// TestBillToNextCycles: the billing toggle visits every choice and comes
// back.
func TestBillToNextCycles(t *testing.T) {
	b := BillDefault
	seen := map[BillTo]bool{}
	for range 3 {
		seen[b] = true
		b = b.Next()
	}
	if b != BillDefault || len(seen) != 3 {
		t.Fatalf("three Next from the default end at %v having seen %v", b, seen)
	}
}
