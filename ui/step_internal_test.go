package ui

import (
	"slices"
	"testing"

	"github.com/memset-order/memset-order/api/order"
	"github.com/memset-order/memset-order/model"
)

// TestStepsPerProduct: the steps each product goes through, Service to
// Review (the breadcrumb).
func TestStepsPerProduct(t *testing.T) {
	cat := model.DefaultCatalogue()
	server := []Step{StepService, StepPlan, StepImage, StepExtras, StepDiscount, StepReview}
	for _, tc := range []struct {
		id   model.ProductID
		want []Step
	}{
		{model.ProductMonthlyMiniserver, server},
		{model.ProductHourlyMiniserver, server},
		{model.ProductMonthlyFullserver, server},
		{model.ProductMemstore, []Step{StepService, StepPlan, StepDiscount, StepReview}},
		{model.ProductOpenStack, []Step{StepService, StepPlan, StepExtras, StepDiscount, StepReview}},
		{model.ProductBandwidthBank, []Step{StepService, StepTarget, StepDiscount, StepReview}},
	} {
		p, _ := cat.Product(tc.id)
		if got := stepsFor(p); !slices.Equal(got, tc.want) {
			t.Errorf("%s: steps %v, want %v", tc.id, got, tc.want)
		}
	}
	if got := stepsFor(nil); !slices.Equal(got, []Step{StepService}) {
		t.Errorf("no product: %v", got)
	}
}

// TestTransition: every event from every step for every product.
func TestTransition(t *testing.T) {
	cat := model.DefaultCatalogue()
	for _, p := range cat.Products {
		steps := stepsFor(p)
		for i, s := range steps {
			next := StepPlacing
			if i+1 < len(steps) {
				next = steps[i+1]
			}
			if got := transition(p, s, evNext); got != next {
				t.Errorf("%s: next from %v = %v, want %v", p.ID, s, got, next)
			}
			prev := StepService
			if i > 0 {
				prev = steps[i-1]
			}
			if got := transition(p, s, evBack); got != prev {
				t.Errorf("%s: back from %v = %v, want %v", p.ID, s, got, prev)
			}
		}
		for _, tc := range []struct {
			from Step
			ev   event
			want Step
		}{
			{StepPlacing, evPlaced, StepFollowing},
			{StepPlacing, evPlacedNoJob, StepDone},
			{StepPlacing, evUnknown, StepDone},
			{StepPlacing, evRefused, StepReview},
			{StepPlacing, evBack, StepPlacing},
			{StepPlacing, evNext, StepPlacing},
			{StepFollowing, evJobEnded, StepDone},
			{StepFollowing, evBack, StepFollowing},
			{StepDone, evBack, StepDone},
			{StepDone, evNext, StepDone},
			{StepReview, evPlaced, StepReview},
			{StepService, evJobEnded, StepService},
		} {
			if got := transition(p, tc.from, tc.ev); got != tc.want {
				t.Errorf("%s: %v on event %d = %v, want %v", p.ID, tc.from, tc.ev, got, tc.want)
			}
		}
	}
	if got := transition(nil, StepService, evNext); got != StepService {
		t.Errorf("next with no product = %v, want Service", got)
	}
}

// TestStepNames: every step has a name; unknown ones say so.
func TestStepNames(t *testing.T) {
	seen := map[string]bool{}
	for s := StepService; s <= StepDone; s++ {
		n := s.String()
		if n == "" || seen[n] {
			t.Errorf("step %d: name %q empty or repeated", s, n)
		}
		seen[n] = true
	}
	if got := Step(99).String(); got != "Step(99)" {
		t.Errorf("Step(99) = %q", got)
	}
}

// testEnv is an env for a product and order with a known account.
func testEnv(t *testing.T, id model.ProductID, o model.Order, acct model.Account) *env {
	t.Helper()
	cat := model.DefaultCatalogue()
	p, ok := cat.Product(id)
	if !ok {
		t.Fatalf("no product %s", id)
	}
	o.Product = id
	q := newQuoteBook()
	km := DefaultKeyMap()
	desk := order.New(order.Config{Catalogue: cat})
	return &env{desk: desk, cat: cat, prod: p, order: o, acct: acct, st: NewStyles(true, false), keys: &km, width: 80, height: 20, q: &q}
}

func testAccount() model.Account {
	return model.Account{
		Known:          true,
		Currency:       model.GBP,
		PaymentMethods: []model.PaymentMethod{{ID: "c", Type: model.PayCard, Default: true, Status: "AVAILABLE"}},
		Snapshots: []model.Snapshot{
			{Name: "lin", OSOption: "lin", Status: "DONE", ImageType: "tar"},
			{Name: "win", OSOption: "win", Status: "DONE", ImageType: "ntfsclone"},
			{Name: "wip", OSOption: "wip", Status: "IN-PROGRESS", ImageType: "tar"},
		},
		Servers: []model.Server{
			{Name: "m1", BandwidthType: "metered"},
			{Name: "u1", BandwidthType: "unmetered"},
		},
	}
}

// rowFor finds the option row with value v.
func rowFor(t *testing.T, rows []row, v string) row {
	t.Helper()
	i := indexOf(rows, v)
	if i < 0 {
		t.Fatalf("no row %q", v)
	}
	return rows[i]
}

// TestImpossibleOptionsStayVisible: every list shows impossible options,
// disabled, with model.WhyNot's reason, and says when f fixes them.
func TestImpossibleOptionsStayVisible(t *testing.T) {
	acct := testAccount()
	for _, tc := range []struct {
		name    string
		rows    func() []row
		value   string
		reason  string
		fixable bool
	}{
		{"Windows on 1 GB", func() []row {
			return imageRows(testEnv(t, model.ProductMonthlyMiniserver, model.Order{SKU: "MSVM001"}, acct))
		}, "win2022serverstd_64", "Windows requires at least 2 GB RAM", true},
		{"Windows snapshot on 1 GB", func() []row {
			return imageRows(testEnv(t, model.ProductMonthlyMiniserver, model.Order{SKU: "MSVM001"}, acct))
		}, "win", "Windows requires at least 2 GB RAM", true},
		{"snapshot not ready", func() []row {
			return imageRows(testEnv(t, model.ProductMonthlyMiniserver, model.Order{SKU: "MSVM004"}, acct))
		}, "wip", "snapshot not ready", false},
		{"cPanel on hourly", func() []row {
			return imageRows(testEnv(t, model.ProductHourlyMiniserver, model.Order{SKU: "MS0025"}, acct))
		}, "centos7_cpanel_64", "cPanel is only available on monthly servers", true},
		{"1 GB plan with Windows chosen", func() []row {
			return planRows(testEnv(t, model.ProductMonthlyMiniserver, model.Order{SKU: "MSVM004", OS: "win2022serverstd_64"}, acct))
		}, "MSVM001", "Windows requires at least 2 GB RAM", false},
		{"unmetered server for a top-up", func() []row {
			return targetRows(testEnv(t, model.ProductBandwidthBank, model.Order{}, acct))
		}, "u1", "A bandwidth bank is only available for servers with metered bandwidth", false},
		{"memory not above the plan's", func() []row {
			e := testEnv(t, model.ProductMonthlyFullserver, model.Order{SKU: "FS002"}, acct)
			x, _ := e.prod.Extra("ram")
			return choiceRows(e, x)
		}, "64", "Memory must be more than the plan's 64 GB", false},
		{"classic-only extra on an MSVM plan", func() []row {
			return extraRows(testEnv(t, model.ProductMonthlyMiniserver, model.Order{SKU: "MSVM002"}, acct))
		}, "disk_type", "only for classic Miniservers (MS0…)", false},
	} {
		r := rowFor(t, tc.rows(), tc.value)
		if r.reason != tc.reason || r.hasFix != tc.fixable {
			t.Errorf("%s: reason %q fix %v, want %q fix %v", tc.name, r.reason, r.hasFix, tc.reason, tc.fixable)
		}
	}
	// And the possible ones are not disabled.
	for _, v := range []string{"debian_trixie_64", "lin"} {
		if r := rowFor(t, imageRows(testEnv(t, model.ProductMonthlyMiniserver, model.Order{SKU: "MSVM001"}, acct)), v); r.disabled() {
			t.Errorf("%s disabled: %s", v, r.reason)
		}
	}
	if r := rowFor(t, targetRows(testEnv(t, model.ProductBandwidthBank, model.Order{}, acct)), "m1"); r.disabled() {
		t.Errorf("metered server disabled: %s", r.reason)
	}
}
