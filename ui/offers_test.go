package ui_test

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
	"github.com/memset-order/memset-order/api/sandbox"
	"github.com/memset-order/memset-order/model"
	"github.com/memset-order/memset-order/ui"
)

// extraPlan is a plan Memset offers that memset-order's catalogue lacks.
var extraPlan = model.SKU{Code: "MSVM064", RAMMB: 65536, DiskGB: 1600, VCPUs: 16, Price: model.MustAmount("320.00")}

// offersWorld is a sandbox whose services list differs from the catalogue
// both ways: it offers MSVM064 (a sample £320.00 a month), which the
// catalogue lacks, and leaves out the catalogue's MSVM024.
func offersWorld(t testing.TB) *world {
	return newWorld(t,
		sandbox.WithExtraSKU(model.ProductMonthlyMiniserver, extraPlan),
		sandbox.WithoutSKU(model.ProductMonthlyMiniserver, "MSVM024"))
}

// toPlans drives the wizard to the monthly Miniserver's plans.
func (d *driver) toPlans() {
	d.settle()
	d.press("enter")
	d.settle()
	d.must("Choose a plan for Miniserver VM (monthly)")
}

// listLine is the line of the screen that lists plan code, with the
// reason the list puts under it when it does not fit beside it.
func (d *driver) listLine(code string) string {
	d.t.Helper()
	ls := strings.Split(d.screen(), "\n")
	for i, l := range ls {
		if strings.HasPrefix(strings.TrimLeft(l, "› "), code+" ") {
			if i+1 < len(ls) && strings.HasPrefix(strings.TrimSpace(ls[i+1]), "✗") {
				l += " " + strings.TrimSpace(ls[i+1])
			}
			return l
		}
	}
	d.t.Fatalf("no line lists %s:\n%s", code, d.screen())
	return ""
}

// TestPlanListFollowsOffers: the plan Memset offers that the catalogue
// lacks is listed last, its specs unknown, tagged new, priced by the dry
// run, with what Memset says of it under the cursor; the catalogue plan it
// does not offer stays listed, disabled, with the reason and no price.
// Goldens at 80×24 and 100×30.
func TestPlanListFollowsOffers(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {100, 30}} {
		t.Run(itoa(size[0])+"x"+itoa(size[1]), func(t *testing.T) {
			w := offersWorld(t)
			d := newDriver(t, w.config(), size[0], size[1])
			d.toPlans()
			d.press("end")
			d.settle()
			if l := d.listLine("MSVM064"); !strings.Contains(l, "£320.00") || !strings.Contains(l, "new") || !strings.Contains(l, "—") {
				t.Errorf("MSVM064's line lacks its price, tag or unknown specs: %q", l)
			}
			if l := d.listLine("MSVM024"); !strings.Contains(l, "✗ not offered to your acco") || strings.Contains(l, "£") {
				t.Errorf("MSVM024's line is not marked, or shows a price: %q", l)
			}
			d.mustSay("MSVM064 · offered by Memset · Miniserver VM (monthly)",
				"Not in memset-order's catalogue: price from Memset's dry run")
			screen := normalize(d.screen())
			checkNoKey(t, screen)
			golden.RequireEqual(t, []byte(screen))
		})
	}
}

// TestExtraPlanOrdered: the plan only Memset's list knows is priced,
// confirmed and ordered like any other, end to end in the sandbox.
func TestExtraPlanOrdered(t *testing.T) {
	w := offersWorld(t)
	d := newDriver(t, w.config(), 80, 24)
	d.toPlans()
	d.press("end")
	d.settle()
	d.press("enter")
	d.settle()
	d.press("enter", "enter")
	d.settle()
	d.press("enter")
	d.settle()
	d.must("Review your order", "£320.00/month")
	d.placeOrder()
	d.settle()
	d.must("Order placed · invoice 100291")
	orders := w.sb.Orders()
	if len(orders) != 1 || orders[0].Params["sku"] != "MSVM064" {
		t.Fatalf("orders %+v, want one of MSVM064", orders)
	}
	if got := d.model().Result(); !got.Placed || got.Placement.Order.SKU != "MSVM064" {
		t.Errorf("result %+v, want MSVM064 placed", got)
	}
}

// TestPlanNotOfferedCannotBeChosen: enter on the plan Memset does not
// offer stays on the list and says why; nothing is ordered.
func TestPlanNotOfferedCannotBeChosen(t *testing.T) {
	w := offersWorld(t)
	d := newDriver(t, w.config(), 80, 24)
	d.toPlans()
	d.pressN("down", 7)
	d.settle()
	d.must("› MSVM024")
	d.mustSay("✗ not offered to your account right now")
	d.press("enter")
	d.settle()
	d.mustSay("MSVM024 cannot be chosen: not offered to your account right now.")
	if s := d.model().Step(); s != ui.StepPlan {
		t.Fatalf("enter on MSVM024 went on to %v", s)
	}
	if n := len(w.sb.Orders()); n != 0 {
		t.Fatalf("%d orders placed", n)
	}
}

// TestPlanListWithoutOffers: when Memset's list of services cannot be read,
// or names no plans of the service, no plan is marked, none is added, and
// the list says once where its plans come from.
func TestPlanListWithoutOffers(t *testing.T) {
	unread := newWorld(t)
	unread.sb.AddFault(sandbox.Fault{Method: model.MethodServicesList, Status: 500})
	var noneLeft []sandbox.Option
	p, _ := model.DefaultCatalogue().Product(model.ProductMonthlyMiniserver)
	for _, s := range p.SKUs {
		noneLeft = append(noneLeft, sandbox.WithoutSKU(p.ID, s.Code))
	}
	for _, tt := range []struct {
		name string
		w    *world
		note string
	}{
		{"unreadable", unread, "Memset's list of services could not be read; plans are from the built-in catalogue."},
		{"no plans listed", newWorld(t, noneLeft...), "Memset's list of services names no plans for this service; plans are from the built-in catalogue."},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := newDriver(t, tt.w.config(), 80, 24)
			d.toPlans()
			d.mustSay(tt.note)
			if strings.Count(strings.Join(strings.Fields(d.screen()), " "), "built-in catalogue") != 1 {
				t.Errorf("the note is not said exactly once:\n%s", d.screen())
			}
			d.press("end")
			d.must("› MS0200")
			if strings.Contains(d.screen(), "✗") || strings.Contains(d.screen(), " new") {
				t.Errorf("a plan is marked or added:\n%s", d.screen())
			}
		})
	}
}
