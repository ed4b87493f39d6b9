package sandbox_test

import (
	"net/http"
	"testing"

	"github.com/memset-order/memset-order/api/sandbox"
	"github.com/memset-order/memset-order/model"
)

// The default account's Windows (ntfsclone) and Linux (tar) snapshots.
const (
	winSnapshot   = "sandyaa2.2026-09-15-02-30-00"
	linuxSnapshot = "sandyaa1.2026-10-01-03-00-00"
)

// TestWindowsSnapshotPricedAndGatedLikeWindows: a dry run from a Windows
// snapshot answers what the same plan with Windows 2022 answers, and the
// hourly server refuses it as it refuses Windows, with the reason.
func TestWindowsSnapshotPricedAndGatedLikeWindows(t *testing.T) {
	e := newEnv(t)
	total := func(method model.Method, params map[string]string) model.Amount {
		t.Helper()
		a := e.call(t, method, params)
		if a.status != http.StatusOK {
			t.Fatalf("%v: %d %s", params, a.status, a.raw)
		}
		return amount(t, a.obj(t)["net_total"])
	}
	for _, sku := range []string{"MSVM002", "MSVM004"} {
		snap := total(model.MethodMonthlyMiniserver, map[string]string{"sku": sku, "os": winSnapshot, "dry_run": "1"})
		win := total(model.MethodMonthlyMiniserver, map[string]string{"sku": sku, "os": "win2022serverstd_64", "dry_run": "1"})
		if snap != win {
			t.Errorf("%s: Windows snapshot %s, Windows 2022 %s", sku, snap, win)
		}
	}
	if got := total(model.MethodMonthlyMiniserver, map[string]string{"sku": "MSVM002", "os": winSnapshot, "dry_run": "1"}); got != model.MustAmount("27.00") {
		t.Errorf("Windows snapshot on MSVM002 = %s, want 27.00", got)
	}
	if got := total(model.MethodMonthlyMiniserver, map[string]string{"sku": "MSVM002", "os": linuxSnapshot, "dry_run": "1"}); got != model.MustAmount("12.00") {
		t.Errorf("Linux snapshot on MSVM002 = %s, want the plan's 12.00", got)
	}
	e.call(t, model.MethodHourlyMiniserver, map[string]string{"sku": "MS0050", "os": winSnapshot, "dry_run": "1"}).
		wantError(t, http.StatusBadRequest, model.ErrorBadParameters,
			"os: Please select a valid choice. Snapshot "+winSnapshot+" is not available for the current configuration. Windows is not offered for Miniserver VM (hourly).")
	e.call(t, model.MethodMonthlyMiniserver, map[string]string{"sku": "MSVM001", "os": winSnapshot, "dry_run": "1"}).
		wantError(t, http.StatusBadRequest, model.ErrorBadParameters,
			"os: Please select a valid choice. Snapshot "+winSnapshot+" is not available for the current configuration. Windows requires at least 2 GB RAM.")
	if a := e.call(t, model.MethodHourlyMiniserver, map[string]string{"sku": "MS0025", "os": linuxSnapshot, "dry_run": "1"}); a.status != http.StatusOK {
		t.Errorf("Linux snapshot on hourly: %d %s", a.status, a.raw)
	}
	if n := len(e.sb.Orders()); n != 0 {
		t.Errorf("%d orders recorded by dry runs", n)
	}
}

// TestWindowsSnapshotNames checks the constants above against the default
// account, so the test cannot drift from it.
func TestWindowsSnapshotNames(t *testing.T) {
	acct := sandbox.DefaultAccount()
	kinds := map[string]bool{}
	for _, s := range acct.Snapshots {
		kinds[s.OSOption] = s.Windows()
	}
	if w, ok := kinds[winSnapshot]; !ok || !w {
		t.Errorf("%s is not the default account's Windows snapshot", winSnapshot)
	}
	if w, ok := kinds[linuxSnapshot]; !ok || w {
		t.Errorf("%s is not the default account's Linux snapshot", linuxSnapshot)
	}
}
