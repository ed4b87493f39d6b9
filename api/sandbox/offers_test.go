package sandbox_test

import (
	"fmt"
	"net/http"
	"slices"
	"testing"

	"github.com/memset-order/memset-order/api/sandbox"
	"github.com/memset-order/memset-order/model"
)

// extraPlan is a plan the catalogue lacks, as WithExtraSKU adds it.
var extraPlan = model.SKU{Code: "MSVM064", Name: "Miniserver VM 64 GB", RAMMB: 65536, DiskGB: 1600, VCPUs: 16, Price: model.MustAmount("320.00")}

// offeredSKUs is the services list's plans for product.
func offeredSKUs(t *testing.T, e *env, product model.ProductID) []string {
	t.Helper()
	var out []string
	for _, x := range e.call(t, model.MethodServicesList, nil).list(t) {
		m := x.(map[string]any)
		if m["service"] != string(product) {
			continue
		}
		for _, s := range m["skus"].([]any) {
			out = append(out, s.(string))
		}
	}
	return out
}

// TestOffersDifferFromTheCatalogue: a plan added with WithExtraSKU is in the
// services list, priced by a dry run and accepted in an order; one taken
// out with WithoutSKU is missing from the list and refused as Memset
// refuses a plan it does not offer. The catalogue given is not changed.
func TestOffersDifferFromTheCatalogue(t *testing.T) {
	e := newEnv(t,
		sandbox.WithExtraSKU(model.ProductMonthlyMiniserver, extraPlan),
		sandbox.WithoutSKU(model.ProductMonthlyMiniserver, "MSVM004"))

	skus := offeredSKUs(t, e, model.ProductMonthlyMiniserver)
	if !slices.Contains(skus, "MSVM064") || slices.Contains(skus, "MSVM004") || !slices.Contains(skus, "MSVM001") {
		t.Fatalf("services list offers %v; want MSVM064 and MSVM001, not MSVM004", skus)
	}

	dry := e.call(t, model.MethodMonthlyMiniserver, map[string]string{"sku": "MSVM064", "os": "debian_jessie_64", "dry_run": "1"})
	if dry.status != http.StatusOK || fmt.Sprint(dry.obj(t)["net_total"]) != "320.00" {
		t.Fatalf("dry run of MSVM064: %d %s, want net_total 320.00", dry.status, dry.raw)
	}
	if ref, id := e.order(t, model.MethodMonthlyMiniserver, map[string]string{"sku": "MSVM064", "os": "debian_jessie_64"}); ref == 0 || id == "" {
		t.Fatalf("order of MSVM064: invoice %d, job %q", ref, id)
	}
	if n := len(e.sb.Orders()); n != 1 {
		t.Fatalf("%d orders recorded, want 1", n)
	}

	for _, dryRun := range []string{"1", "0"} {
		a := e.call(t, model.MethodMonthlyMiniserver, map[string]string{"sku": "MSVM004", "os": "debian_jessie_64", "dry_run": dryRun})
		a.wantError(t, statusOf(model.ErrorBadParameters), model.ErrorBadParameters,
			"sku: Please select a valid choice. MSVM004 is not one of the available choices.")
	}
	if n := len(e.sb.Orders()); n != 1 {
		t.Fatalf("%d orders recorded after the refusals, want 1", n)
	}

	p, _ := model.DefaultCatalogue().Product(model.ProductMonthlyMiniserver)
	if _, ok := p.SKU("MSVM004"); !ok {
		t.Error("WithoutSKU changed the default catalogue")
	}
	if _, ok := p.SKU("MSVM064"); ok {
		t.Error("WithExtraSKU changed the default catalogue")
	}
}

// TestOffersOptionsIgnoreWhatIsNotThere: an unknown product, a plan the
// product already has and one it never had leave the list as it was.
func TestOffersOptionsIgnoreWhatIsNotThere(t *testing.T) {
	want := offeredSKUs(t, newEnv(t), model.ProductMonthlyMiniserver)
	e := newEnv(t,
		sandbox.WithExtraSKU("teleporter", extraPlan),
		sandbox.WithExtraSKU(model.ProductMonthlyMiniserver, model.SKU{Code: "MSVM001"}),
		sandbox.WithExtraSKU(model.ProductMonthlyMiniserver, model.SKU{}),
		sandbox.WithoutSKU(model.ProductMonthlyMiniserver, "MSVM999"))
	if got := offeredSKUs(t, e, model.ProductMonthlyMiniserver); !slices.Equal(got, want) {
		t.Errorf("services list offers %v, want %v", got, want)
	}
}
