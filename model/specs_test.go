package model

import "testing"

// TestOrderSpecs: the memory and storage actually ordered, plan defaults
// replaced by the extras that change them.
func TestOrderSpecs(t *testing.T) {
	c := DefaultCatalogue()
	full := Order{Product: ProductMonthlyFullserver, SKU: "FS001", OS: "debian_bookworm_64"}
	tests := []struct {
		name         string
		order        Order
		ramMB, diskG int
	}{
		{"plan defaults", full, 32768, 960},
		{"memory extra", withExtras(full, "ram", "128"), 131072, 960},
		{"disk extra", withExtras(full, "disk", "4x1920ssd"), 32768, 3840},
		{"both", withExtras(full, "ram", "256", "disk", "2x1920ssd"), 262144, 1920},
		{"unknown choice keeps the plan's", withExtras(full, "ram", "9000"), 32768, 960},
		{"other extras change nothing", withExtras(full, "firewall", "basic"), 32768, 960},
		{"miniserver plan", mini("MSVM004", "debian_bookworm_64"), 4096, 80},
		{"classic disk size", withExtras(mini("MS0200", "debian_bookworm_64"), "disk_gb", "100"), 2048, 100},
		{"unknown plan", mini("MSVM999", "debian_bookworm_64"), 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, _ := c.Product(tt.order.Product)
			ram, disk := tt.order.Specs(p)
			if ram != tt.ramMB || disk != tt.diskG {
				t.Fatalf("Specs = %d MB, %d GB; want %d MB, %d GB", ram, disk, tt.ramMB, tt.diskG)
			}
		})
	}
	if r, d := full.Specs(nil); r != 0 || d != 0 {
		t.Errorf("no product: %d %d", r, d)
	}
	// Every disk choice of the catalogue says what it gives.
	for _, p := range c.Products {
		if e, ok := p.Extra("disk"); ok {
			for _, ch := range e.Choices {
				if ch.DiskGB <= 0 {
					t.Errorf("%s disk choice %s has no disk_gb", p.ID, ch.Value)
				}
			}
		}
	}
}
