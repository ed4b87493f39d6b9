package sandbox_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/memset-order/memset-order/model"
)

// TestUnmeteredRefusesTransferAllowance: the sandbox refuses a monthly
// transfer allowance with unmetered bandwidth, on the dedicated server and
// on the classic Miniserver, naming the allowance; unmetered alone is
// quoted without the default allowance, and no order is recorded.
func TestUnmeteredRefusesTransferAllowance(t *testing.T) {
	e := newEnv(t)
	const msg = "monthly_transfer_gb: Please select a valid choice. %s is not available for the current configuration. Unmetered bandwidth has no monthly transfer allowance."
	for _, tc := range []struct {
		method  model.Method
		params  map[string]string
		display string
	}{
		{model.MethodMonthlyFullserver, map[string]string{"sku": "FS001", "os": "debian_bookworm_64", "bandwidth_type": "unmetered", "monthly_transfer_gb": "5000"}, "5 TB"},
		{model.MethodMonthlyFullserver, map[string]string{"sku": "FS001", "os": "debian_bookworm_64", "bandwidth_type": "unmetered", "monthly_transfer_gb": "10000"}, "10 TB"},
		{model.MethodMonthlyMiniserver, map[string]string{"sku": "MS0200", "os": "debian_bookworm_64", "bandwidth_type": "unmetered", "monthly_transfer_gb": "500"}, "500 GB"},
	} {
		for _, dry := range []string{"1", "0"} {
			p := map[string]string{"dry_run": dry}
			for k, v := range tc.params {
				p[k] = v
			}
			e.call(t, tc.method, p).wantError(t, http.StatusBadRequest, model.ErrorBadParameters, fmt.Sprintf(msg, tc.display))
		}
	}
	a := e.call(t, model.MethodMonthlyFullserver, map[string]string{"sku": "FS001", "os": "debian_bookworm_64", "bandwidth_type": "unmetered", "dry_run": "1"})
	if a.status != http.StatusOK {
		t.Fatalf("unmetered alone: %d %s", a.status, a.raw)
	}
	// FS001 £89.00 + unmetered £20.00 + £50.00 set-up; no allowance.
	if got := amount(t, a.obj(t)["net_total"]); got != model.MustAmount("159.00") {
		t.Errorf("unmetered alone = %s, want 159.00", got)
	}
	if n := len(e.sb.Orders()); n != 0 {
		t.Errorf("%d orders recorded", n)
	}
}
