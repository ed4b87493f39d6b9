package sandbox_test

import (
	"testing"
	"time"

	"github.com/memset-order/memset-order/api/sandbox"
	"github.com/memset-order/memset-order/model"
)

// TestProjectNameNotUnique: an OpenStack project name already used on the
// account, by a project or by an order whose job is still running, is
// refused with ApiErrorNotUnique, dry run or not; another name, or the name
// of a project whose setup failed, is fine.
func TestProjectNameNotUnique(t *testing.T) {
	project := func(name, dry string) map[string]string {
		return map[string]string{"sku": "OSP-SMALL", "project_name": name, "dry_run": dry}
	}
	taken := "project_name: 'lab' is already used on this account; choose another name."
	tests := []struct {
		name  string
		fail  bool // the first order's job fails
		after int  // stages the clock moves after the first order
		dry   string
		ok    bool
	}{
		{"while the first is set up, dry run", false, 0, "1", false},
		{"while the first is set up, real order", false, 0, "0", false},
		{"once the first is set up", false, 10, "1", false},
		{"after the first failed", true, 10, "1", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var opts []sandbox.Option
			if tt.fail {
				acct := sandbox.DefaultAccount()
				acct.FailJobsAt = "SETTING-QUOTAS"
				opts = append(opts, sandbox.WithAccount(acct))
			}
			e := newEnv(t, opts...)
			e.order(t, model.MethodOpenStack, project("lab", "0"))
			e.clock.Advance(stage * time.Duration(tt.after))
			a := e.call(t, model.MethodOpenStack, project("lab", tt.dry))
			if tt.ok {
				if a.status != 200 {
					t.Fatalf("%d %s", a.status, a.raw)
				}
				return
			}
			a.wantError(t, statusOf(model.ErrorNotUnique), model.ErrorNotUnique, taken)
			if n := len(e.sb.Orders()); n != 1 {
				t.Fatalf("%d orders, want the first only", n)
			}
			if a := e.call(t, model.MethodOpenStack, project("lab2", tt.dry)); a.status != 200 {
				t.Fatalf("another name: %d %s", a.status, a.raw)
			}
		})
	}
}
