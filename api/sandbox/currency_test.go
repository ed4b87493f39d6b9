package sandbox_test

import (
	"testing"

	"github.com/memset-order/memset-order/api/sandbox"
	"github.com/memset-order/memset-order/model"
)

// usdCatalogue is the built-in catalogue priced in US dollars.
func usdCatalogue() *model.Catalogue {
	c := model.DefaultCatalogue()
	c.Currency = model.USD
	return c
}

// TestCatalogueCurrency: the sandbox quotes and invoices in its
// catalogue's currency, whichever demo account it serves. Before, every
// account said GBP, so a catalogue in USD was shown in £.
func TestCatalogueCurrency(t *testing.T) {
	for _, name := range sandbox.AccountPresetNames() {
		t.Run(name, func(t *testing.T) {
			acct, err := sandbox.AccountPreset(name)
			if err != nil {
				t.Fatal(err)
			}
			e := newEnv(t, sandbox.WithCatalogue(usdCatalogue()), sandbox.WithAccount(acct))
			a := e.call(t, model.MethodMonthlyMiniserver, documented("1"))
			if a.status != 200 {
				t.Skipf("the %s account refuses every create (HTTP %d)", name, a.status)
			}
			if q := a.obj(t); q["currency"] != "USD" {
				t.Fatalf("dry run currency = %v, want the catalogue's USD", q["currency"])
			}
		})
	}
	e := newEnv(t, sandbox.WithCatalogue(usdCatalogue()))
	e.order(t, model.MethodMonthlyMiniserver, documented("0"))
	if inv := e.sb.Invoices()[0]; inv.Amount.Currency != model.USD || inv.Amount.String() != "$9.00" {
		t.Fatalf("invoice = %v, want $9.00 (USD, like the catalogue)", inv.Amount)
	}
	if got := e.call(t, model.MethodServiceInfo, map[string]string{"name": "sandyaa1"}).obj(t)["renewal_price_currency"]; got != "USD" {
		t.Fatalf("renewal_price_currency = %v, want USD", got)
	}
}

// TestDefaultAccountHasNoCurrency: the demo accounts leave the currency to
// the catalogue (an account's own currency, when set, still wins: see
// TestAccountCurrency).
func TestDefaultAccountHasNoCurrency(t *testing.T) {
	for _, name := range sandbox.AccountPresetNames() {
		a, err := sandbox.AccountPreset(name)
		if err != nil {
			t.Fatal(err)
		}
		if a.Currency != "" {
			t.Errorf("preset %s has currency %s; the catalogue's should apply", name, a.Currency)
		}
	}
}
