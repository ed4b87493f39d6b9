package model

import "testing"

func TestSamplePrice(t *testing.T) {
	c := DefaultCatalogue()
	welcome := &DiscountCode{Code: "WELCOME10", PercentOff: 10}
	mini25 := &DiscountCode{Code: "MINI25", PercentOff: 25, Products: []ProductID{ProductMonthlyMiniserver, ProductHourlyMiniserver}}
	tests := []struct {
		name                          string
		order                         Order
		discount                      *DiscountCode
		setup, recurring, disc, total string
		period                        int
	}{
		{"documented example", mini("MSVM001", "debian_jessie_64"), nil, "0", "7.50", "0", "7.50", 1},
		{"windows licence added", mini("MSVM002", "win2022serverstd_64"), nil, "0", "27.00", "0", "27.00", 1},
		{"cpanel licence added", mini("MSVM002", "centos7_cpanel_64"), nil, "0", "32.00", "0", "32.00", 1},
		{"extras add", withExtras(mini("MSVM001", "debian_jessie_64"), "firewall", "managed", "backups", "50"), nil, "0", "26.50", "0", "26.50", 1},
		{"period multiplies", withExtras(mini("MSVM001", "debian_jessie_64"), "period", "12"), nil, "0", "7.50", "0", "90.00", 12},
		{"discount on recurring", mini("MSVM001", "debian_jessie_64"), welcome, "0", "7.50", "0.75", "6.75", 1},
		{"discount rounds to pence", mini("MSVM001", "debian_jessie_64"), &DiscountCode{PercentOff: 15}, "0", "7.50", "1.13", "6.37", 1},
		{"discount for other products ignored", Order{Product: ProductMemstore, SKU: "MEMSTORE-100"}, mini25, "0", "3.00", "0", "3.00", 1},
		{"full server setup", Order{Product: ProductMonthlyFullserver, SKU: "FS001", OS: "debian_bookworm_64"}, nil, "50.00", "89.00", "0", "139.00", 1},
		{"full server ram upgrade", withExtras(Order{Product: ProductMonthlyFullserver, SKU: "FS001", OS: "debian_bookworm_64"}, "ram", "64"), nil, "50.00", "119.00", "0", "169.00", 1},
		{"hourly keeps sub-penny", withExtras(Order{Product: ProductHourlyMiniserver, SKU: "MS0025", OS: "debian_bookworm_64"}, "disk_type", "ssd"), nil, "0", "0.0144", "0", "0.0144", 1},
		{"hourly discount exact", Order{Product: ProductHourlyMiniserver, SKU: "MS0025", OS: "debian_bookworm_64"}, mini25, "0", "0.0104", "0.0026", "0.0078", 1},
		{"top-up per GB", Order{Product: ProductBandwidthBank, Target: "x", Extras: map[string]string{"gb": "100"}}, nil, "0", "5.00", "0", "5.00", 1},
		{"classic disk size per GB", withExtras(mini("MS0200", "debian_bookworm_64"), "disk_gb", "100"), nil, "0", "20.00", "0", "20.00", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := SamplePrice(c, tt.order, tt.discount, Account{})
			if err != nil {
				t.Fatal(err)
			}
			if p.Setup != MustAmount(tt.setup) || p.Recurring != MustAmount(tt.recurring) || p.Discount != MustAmount(tt.disc) || p.Total != MustAmount(tt.total) || p.Period != tt.period {
				t.Fatalf("price = setup %s recurring %s discount %s total %s period %d; want %s %s %s %s %d",
					p.Setup, p.Recurring, p.Discount, p.Total, p.Period, tt.setup, tt.recurring, tt.disc, tt.total, tt.period)
			}
			if p.Currency != GBP {
				t.Errorf("currency %s", p.Currency)
			}
		})
	}
	if _, err := SamplePrice(c, mini("NOPE", "debian_bookworm_64"), nil, Account{}); err == nil {
		t.Error("unknown sku priced")
	}
}
