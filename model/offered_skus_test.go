package model

import (
	"reflect"
	"testing"
)

// offering is an account whose services list offers codes for the
// monthly Miniserver (and says nothing of other products' plans).
func offering(codes ...string) Account {
	return Account{OfferedSKUs: map[ProductID][]string{ProductMonthlyMiniserver: codes}}
}

// TestCheckWithoutOffersIsTheCatalogues: with no services list, or one
// that names no plans of the order's product, Check answers exactly what
// it answered before the list existed.
func TestCheckWithoutOffersIsTheCatalogues(t *testing.T) {
	c := DefaultCatalogue()
	other := Account{OfferedSKUs: map[ProductID][]string{ProductHourlyMiniserver: {"MS0025"}}}
	for _, o := range []Order{
		mini("MSVM001", "debian_jessie_64"),
		mini("MSVM001", "win2012serverstd_r2_64"),
		mini("MSVM064", "debian_jessie_64"),
		mini("", "debian_jessie_64"),
	} {
		want := Check(c, o, Account{})
		for _, acct := range []Account{{OfferedSKUs: map[ProductID][]string{}}, other} {
			if got := Check(c, o, acct); !reflect.DeepEqual(got, want) {
				t.Errorf("%s with %v: got %v, want %v", o.SKU, acct.OfferedSKUs, got, want)
			}
		}
	}
	if pr := First(c, mini("MSVM064", "debian_jessie_64"), other); pr == nil || pr.Code != ProblemInvalid {
		t.Errorf("a plan nobody offers: %v, want ProblemInvalid", pr)
	}
}

// TestCheckOfferedPlanOutsideTheCatalogue: a plan Memset offers that the
// catalogue lacks can be ordered; rules that need its specs (Windows'
// memory) are left to Memset. One it does not offer stays invalid.
func TestCheckOfferedPlanOutsideTheCatalogue(t *testing.T) {
	c := DefaultCatalogue()
	acct := offering("MSVM001", "MSVM064")
	for _, os := range []string{"debian_jessie_64", "win2022serverstd_64"} {
		if ps := Check(c, mini("MSVM064", os), acct); len(ps) != 0 {
			t.Errorf("MSVM064 with %s: %v, want no problem", os, ps)
		}
	}
	pr := First(c, mini("MSVM128", "debian_jessie_64"), acct)
	if pr == nil || pr.Code != ProblemInvalid || pr.Param != "sku" {
		t.Errorf("MSVM128, offered by no one: %v, want an invalid sku", pr)
	}
}

// TestCheckPlanNotOffered: a catalogue plan the list leaves out cannot be
// chosen, with the reason the wizard shows beside it and the message
// Memset gives for a plan it does not offer (the sandbox's too); the Windows fix then skips it for the next plan that fits.
func TestCheckPlanNotOffered(t *testing.T) {
	c := DefaultCatalogue()
	acct := offering("MSVM001", "MSVM004")
	pr := First(c, mini("MSVM002", "debian_jessie_64"), acct)
	if pr == nil || pr.Code != ProblemUnavailable || pr.Reason != NotOfferedReason {
		t.Fatalf("MSVM002: %v, want unavailable: %s", pr, NotOfferedReason)
	}
	if want := "sku: Please select a valid choice. MSVM002 is not one of the available choices."; pr.Error() != want {
		t.Errorf("message %q, want %q", pr.Error(), want)
	}
	base := mini("", "debian_jessie_64")
	if why := WhyNot(c, base, acct, "sku", "MSVM002"); why == nil || why.Reason != NotOfferedReason {
		t.Errorf("WhyNot MSVM002: %v", why)
	}
	if why := WhyNot(c, base, acct, "sku", "MSVM004"); why != nil {
		t.Errorf("WhyNot MSVM004: %v, want nil", why)
	}
	win := First(c, mini("MSVM001", "win2022serverstd_64"), acct)
	if win == nil || win.Fix == nil || win.Fix.Value != "MSVM004" {
		t.Errorf("Windows on MSVM001 with MSVM002 not offered: fix %+v, want MSVM004", win)
	}
}

// TestOfferedSKUsOf: offers' plans by product, in order, without repeats;
// offers that name no plans add nothing.
func TestOfferedSKUsOf(t *testing.T) {
	got := OfferedSKUsOf([]Offer{
		{Product: ProductMonthlyMiniserver, SKUs: []string{"MSVM001", "MSVM064"}},
		{Product: ProductMemstore},
		{Product: ProductMonthlyMiniserver, SKUs: []string{"MSVM064", "", "MSVM002"}},
	})
	want := map[ProductID][]string{ProductMonthlyMiniserver: {"MSVM001", "MSVM064", "MSVM002"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	if got := OfferedSKUsOf(nil); got != nil {
		t.Errorf("no offers: %v, want nil", got)
	}
	if _, listed := (Account{OfferedSKUs: got}).Offered(ProductMemstore); listed {
		t.Error("Memstore's offer names no plans, yet it is listed")
	}
}
