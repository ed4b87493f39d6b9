package ui_test

import (
	"maps"
	"testing"

	"github.com/memset-order/memset-order/api/order"
	"github.com/memset-order/memset-order/model"
	"github.com/memset-order/memset-order/ui"
)

// TestFlagsWizardEquivalence: for each product, an order walked in the
// wizard and the same order given as `memset-order order` flags send the
// same parameters; and the wizard's order, said back as flags
// (order.CommandArgs, what Review's script view shows), builds the same
// order again.
func TestFlagsWizardEquivalence(t *testing.T) {
	cat := model.DefaultCatalogue()
	for _, tc := range []struct {
		name  string
		walk  func(d *driver)
		flags order.Answers
	}{
		{"monthly_miniserver", func(d *driver) {
			d.press("enter", "down", "down")
			d.settle()
			d.must("› MSVM004")
			d.press("enter")
			d.settle()
			for range 5 {
				d.press("down")
			}
			d.settle()
			d.must("› Ubuntu 24.04")
			d.press("enter")
			d.settle()
			d.press("down", "enter", "down", "enter")
			d.settle()
			d.must("3 months")
			d.press("home", "enter")
			d.settle()
			d.typeText("WELCOME10")
			d.press("enter")
			d.settle()
			d.press("enter")
			d.settle()
			d.must("Review your order")
			d.press("b")
			d.settle()
		}, order.Answers{Product: "monthly_miniserver", SKU: "MSVM004", OS: "ubuntu_noble_64", Set: []string{"period=3"}, Discount: "WELCOME10", BillTo: "next-bill"}},
		{"hourly_miniserver", func(d *driver) {
			d.press("down", "enter")
			d.settle()
			d.must("› MS0025")
			d.press("enter")
			d.settle()
			d.must("› Debian 13")
			d.press("enter")
			d.settle()
			d.press("down", "enter", "down", "enter")
			d.settle()
			d.press("home", "enter")
			d.settle()
			d.press("enter")
			d.settle()
			d.must("Review your order")
		}, order.Answers{Product: "hourly_miniserver", SKU: "MS0025", OS: "debian_trixie_64", Set: []string{"firewall=basic"}}},
		{"monthly_fullserver", func(d *driver) {
			d.press("down", "down", "enter")
			d.settle()
			d.must("› FS001")
			d.press("enter")
			d.settle()
			d.press("enter")
			d.settle()
			for range 4 {
				d.press("down")
			}
			d.settle()
			d.must("› Memory")
			d.press("enter")
			d.settle()
			d.press("down", "enter")
			d.settle()
			d.press("home", "enter")
			d.settle()
			d.press("enter")
			d.settle()
			d.must("Review your order")
		}, order.Answers{Product: "monthly_fullserver", SKU: "FS001", OS: "debian_trixie_64", Set: []string{"ram=64"}}},
		{"memstore", func(d *driver) {
			d.press("down", "down", "down", "enter")
			d.settle()
			d.press("down")
			d.settle()
			d.must("› MEMSTORE-1000")
			d.press("enter")
			d.settle()
			d.press("enter")
			d.settle()
			d.must("Review your order")
		}, order.Answers{Product: "memstore", SKU: "MEMSTORE-1000"}},
		{"openstack", func(d *driver) {
			for range 4 {
				d.press("down")
			}
			d.press("enter")
			d.settle()
			d.press("enter")
			d.settle()
			d.press("down", "enter")
			d.settle()
			d.typeText("web-prod")
			d.press("enter")
			d.settle()
			d.press("down", "enter", "down", "enter")
			d.settle()
			d.must("Dunsfold")
			d.press("home", "enter")
			d.settle()
			d.press("enter")
			d.settle()
			d.must("Review your order")
		}, order.Answers{Product: "openstack", SKU: "OSP-SMALL", Set: []string{"project_name=web-prod", "region=dunsfold"}}},
		{"bandwidth_bank", func(d *driver) {
			d.press("end", "enter")
			d.settle()
			d.must("› sandyaa1")
			d.press("enter")
			d.settle()
			d.typeText("100")
			d.settle()
			d.press("enter")
			d.settle()
			d.press("enter")
			d.settle()
			d.must("Review your order")
		}, order.Answers{Product: "bandwidth_bank", Set: []string{"name=sandyaa1", "gb=100"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newWorld(t)
			d := newDriver(t, w.config(), 100, 30)
			d.settle()
			tc.walk(d)
			if d.model().Step() != ui.StepReview {
				t.Fatalf("the walk ended on %s:\n%s", d.model().Step(), d.screen())
			}
			walked := d.model().Order()
			p, _ := cat.Product(walked.Product)
			built, errs := order.Build(cat, tc.flags)
			if len(errs) > 0 {
				t.Fatalf("flags %+v: %v", tc.flags, errs)
			}
			if got, want := built.Params(p), walked.Params(p); !maps.Equal(got, want) {
				t.Errorf("flags send %v, the wizard %v", got, want)
			}
			if ps := order.Problems(cat, built, model.Account{}); len(ps) > 0 {
				t.Errorf("the flags' order has problems: %v", ps)
			}
			again, errs := order.Build(cat, order.AnswersOf(cat, walked))
			if len(errs) > 0 || !maps.Equal(again.Params(p), walked.Params(p)) {
				t.Errorf("said back as %v, the order builds %v (%v), not %v", order.CommandArgs(cat, walked), again.Params(p), errs, walked.Params(p))
			}
		})
	}
}

// TestStartPrefilled: `order` on a terminal with answers missing opens
// the wizard on the first step that needs one, the answers given already
// chosen (esc shows them); with nothing missing it opens on Review.
func TestStartPrefilled(t *testing.T) {
	cat := model.DefaultCatalogue()
	for _, tc := range []struct {
		name string
		o    model.Order
		step ui.Step
		want []string
	}{
		{"no OS", model.Order{Product: model.ProductMonthlyMiniserver, SKU: "MSVM004", Extras: map[string]string{"period": "3"}}, ui.StepImage, []string{"Choose the operating system"}},
		{"no plan", model.Order{Product: model.ProductMonthlyMiniserver, OS: "debian_jessie_64"}, ui.StepPlan, []string{"Choose a plan for"}},
		{"windows on 1 GB", model.Order{Product: model.ProductMonthlyMiniserver, SKU: "MSVM001", OS: "win2019serverstd_64"}, ui.StepImage, []string{"Windows requires at least 2 GB RAM"}},
		{"complete", model.Order{Product: model.ProductMonthlyMiniserver, SKU: "MSVM001", OS: "debian_jessie_64", DiscountCode: "WELCOME10"}, ui.StepReview, []string{"Review your order", "MSVM001", "Debian 8 (Jessie)", "WELCOME10"}},
		{"top-up without amount", model.Order{Product: model.ProductBandwidthBank, Target: "sandyaa1"}, ui.StepTarget, []string{"› sandyaa1"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := ui.StartStep(cat, tc.o); got != tc.step {
				t.Errorf("StartStep = %s, want %s", got, tc.step)
			}
			w := newWorld(t)
			cfg := w.config()
			o := tc.o
			cfg.Start = &o
			d := newDriver(t, cfg, 100, 30)
			d.settle()
			if d.model().Step() != tc.step {
				t.Fatalf("opened on %s, want %s:\n%s", d.model().Step(), tc.step, d.screen())
			}
			d.mustSay(tc.want...)
			if tc.step == ui.StepImage {
				d.press("esc")
				d.settle()
				d.must("› " + tc.o.SKU)
			}
		})
	}
}
