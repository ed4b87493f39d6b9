package sandbox_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/memset-order/memset-order/api/sandbox"
	"github.com/memset-order/memset-order/model"
)

// TestJobLifecycle follows a job from awaiting payment through each named
// stage to DONE with its service, on the fake clock.
func TestJobLifecycle(t *testing.T) {
	e := newEnv(t)
	ref, id := e.order(t, model.MethodMonthlyMiniserver, documented("0"))

	e.clock.Advance(time.Hour) // nothing moves until the invoice is paid
	if j := e.jobStatus(t, id); j["status"] != "AWAITING-PAYMENT" || j["finished"] != false {
		t.Fatalf("unpaid job after an hour = %v", j)
	}
	mustPay(t, e, ref)
	stages := []string{"QUEUED", "PROVISIONING", "INSTALLING-OS", "CONFIGURING-NETWORK", "BOOTING"}
	for _, want := range stages {
		j := e.jobStatus(t, id)
		if j["status"] != want || j["finished"] != false || j["error"] != false {
			t.Fatalf("job = %v, want running stage %s", j, want)
		}
		if _, has := j["service"]; has {
			t.Fatalf("service shown before the job is done: %v", j)
		}
		e.call(t, model.MethodServiceInfo, map[string]string{"name": "sandyaa3"}).wantError(t, 404, model.ErrorDoesNotExist, "")
		e.clock.Advance(stage)
	}
	j := e.jobStatus(t, id)
	if j["status"] != "DONE" || j["finished"] != true || j["error"] != false || j["service"] != "sandyaa3" {
		t.Fatalf("finished job = %v", j)
	}
	info := e.call(t, model.MethodServiceInfo, map[string]string{"name": "sandyaa3"}).obj(t)
	if info["status"] != "LIVE" || info["type"] != "miniserver" || info["start_date"] != "2026-11-27" || info["expiry_date"] != "2026-12-27" {
		t.Fatalf("service.info = %v", info)
	}
	if amount(t, info["renewal_price_amount"]) != model.MustAmount("9.00") || amount(t, info["renewal_price_vat"]) != model.MustAmount("1.50") {
		t.Fatalf("renewal = %v + VAT %v, want 9.00 incl. 1.50", info["renewal_price_amount"], info["renewal_price_vat"])
	}
	servers := e.call(t, model.MethodServerList, nil).list(t)
	last := servers[len(servers)-1].(map[string]any)
	if last["name"] != "sandyaa3" || last["bandwidth_type"] != "metered" || last["os"] != "debian_jessie_64" {
		t.Fatalf("new server in server.list = %v", last)
	}
	if got, ok := e.sb.Job(id); !ok || got.State() != model.JobDone || got.Service != "sandyaa3" {
		t.Fatalf("Job(%s) = %+v, %v", id, got, ok)
	}
}

// TestJobFailure makes jobs fail at a named stage, as a test asks: the job
// is seen in that stage for the stage's duration, then FAILED for good,
// and creates nothing. A job set to fail at its last stage never shows it.
func TestJobFailure(t *testing.T) {
	tests := []struct {
		failAt string
		// seen is job.status at payment and then once a stage.
		seen []string
	}{
		{"QUEUED", []string{"QUEUED", "FAILED"}},
		{"INSTALLING-OS", []string{"QUEUED", "PROVISIONING", "INSTALLING-OS", "FAILED"}},
		{"BOOTING", []string{"QUEUED", "PROVISIONING", "INSTALLING-OS", "CONFIGURING-NETWORK", "BOOTING", "FAILED"}},
		{"DONE", []string{"QUEUED", "PROVISIONING", "INSTALLING-OS", "CONFIGURING-NETWORK", "BOOTING", "FAILED"}},
	}
	for _, tt := range tests {
		t.Run(tt.failAt, func(t *testing.T) {
			e := newEnv(t)
			e.sb.SetAccount(func(a *sandbox.Account) { a.FailJobsAt = tt.failAt })
			ref, id := e.order(t, model.MethodMonthlyMiniserver, documented("0"))
			mustPay(t, e, ref)
			for i, want := range tt.seen {
				j := e.jobStatus(t, id)
				failed := want == "FAILED"
				if j["status"] != want || j["error"] != failed || j["finished"] != failed {
					t.Fatalf("after %d stages: job = %v, want status %s", i, j, want)
				}
				// Half a stage later it is still there.
				e.clock.Advance(stage / 2)
				if j := e.jobStatus(t, id); j["status"] != want {
					t.Fatalf("%d and a half stages after payment: job = %v, want still %s", i, j, want)
				}
				e.clock.Advance(stage / 2)
			}
			e.clock.Advance(time.Hour)
			if j := e.jobStatus(t, id); j["status"] != "FAILED" || j["service"] != nil {
				t.Fatalf("a failed job moved on: %v", j)
			}
			if n := len(e.call(t, model.MethodServerList, nil).list(t)); n != 2 {
				t.Fatalf("a failed job created a server: %d servers", n)
			}
		})
	}
}

// TestAutoPay lets the sandbox pay by itself, at a deterministic time, when
// the default payment method is one Memset charges by itself.
func TestAutoPay(t *testing.T) {
	e := newEnv(t, sandbox.WithAutoPay(3*time.Second))
	_, id := e.order(t, model.MethodMonthlyMiniserver, documented("0"))
	e.clock.Advance(2 * time.Second)
	if j := e.jobStatus(t, id); j["status"] != "AWAITING-PAYMENT" {
		t.Fatalf("paid too early: %v", j)
	}
	// Paid at +3 s whoever looks when: at +7 s the job is two stages in.
	e.clock.Advance(5 * time.Second)
	if j := e.jobStatus(t, id); j["status"] != "INSTALLING-OS" {
		t.Fatalf("job = %v, want INSTALLING-OS two stages after payment", j)
	}
	inv := e.sb.Invoices()[0]
	if inv.Status != "DONE" || inv.Proforma {
		t.Fatalf("invoice after auto-pay = %+v", inv)
	}
}

// TestAutoPayWaitsForATransfer: an invoice to be paid by bank transfer is
// not paid by itself; the job waits until the customer pays.
func TestAutoPayWaitsForATransfer(t *testing.T) {
	acct, err := sandbox.AccountPreset("bank-transfer")
	if err != nil {
		t.Fatal(err)
	}
	e := newEnv(t, sandbox.WithAccount(acct), sandbox.WithAutoPay(3*time.Second))
	ref, id := e.order(t, model.MethodMonthlyMiniserver, documented("0"))
	e.clock.Advance(time.Hour)
	if j := e.jobStatus(t, id); j["status"] != "AWAITING-PAYMENT" {
		t.Fatalf("job = %v, want it awaiting the transfer", j)
	}
	if inv := e.sb.Invoices()[0]; inv.Status != "AWAITING-PAYMENT" || inv.PaymentMethod != "bank_transfer" {
		t.Fatalf("invoice = %+v, want it awaiting a bank transfer", inv)
	}
	mustPay(t, e, ref)
	if j := e.jobStatus(t, id); j["status"] != "QUEUED" {
		t.Fatalf("job after the transfer = %v, want QUEUED", j)
	}
}

// TestJobStatusRefusals covers job.status's bad input.
func TestJobStatusRefusals(t *testing.T) {
	tests := []struct {
		name   string
		params map[string]string
		status int
		msg    string
	}{
		{"missing id", map[string]string{}, 400, "id: This field is required."},
		{"malformed id", map[string]string{"id": "xyz"}, 400, "id: 'xyz' is not a job id; send its 32 lower-case hex digits."},
		{"upper-case id", map[string]string{"id": "739C99F25ED8D13E48BA94EC6A4A0102"}, 400, ""},
		{"unknown id", map[string]string{"id": "00000000000000000000000000000000"}, 404, "Couldn't find job with id '00000000000000000000000000000000'"},
		{"bad service name", map[string]string{"id": "00000000000000000000000000000000", "name": "no spaces"}, 400, ""},
		{"unknown parameter", map[string]string{"id": "00000000000000000000000000000000", "verbose": "1"}, 400, "verbose: Unknown parameter for job.status."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			typ := model.ErrorBadParameters
			if tt.status == 404 {
				typ = model.ErrorDoesNotExist
			}
			e.call(t, model.MethodJobStatus, tt.params).wantError(t, tt.status, typ, tt.msg)
		})
	}
}

// TestJobStatusByService checks the optional name limits the search to the
// jobs of that service, from the order on: while the job waits for payment,
// while it runs and once it is done.
func TestJobStatusByService(t *testing.T) {
	e := newEnv(t)
	ref, id := e.order(t, model.MethodMonthlyMiniserver, documented("0"))
	for _, step := range []struct {
		name string
		do   func()
	}{
		{"awaiting payment", func() {}},
		{"running", func() { mustPay(t, e, ref) }},
		{"done", func() { e.clock.Advance(time.Hour) }},
	} {
		step.do()
		if a := e.call(t, model.MethodJobStatus, map[string]string{"id": id, "name": "sandyaa3"}); a.status != http.StatusOK {
			t.Fatalf("%s: job of its own service: %d %s", step.name, a.status, a.raw)
		}
		e.call(t, model.MethodJobStatus, map[string]string{"id": id, "name": "sandyaa1"}).wantError(t, 404, model.ErrorDoesNotExist,
			"Couldn't find job with id '"+id+"' for service 'sandyaa1'")
	}
}

// TestJobIDsDeterministic checks ids depend on the seed and the count only.
func TestJobIDsDeterministic(t *testing.T) {
	ids := func(seed string) []string {
		e := newEnv(t, sandbox.WithIDSeed(seed))
		var out []string
		for range 3 {
			_, id := e.order(t, model.MethodMonthlyMiniserver, documented("0"))
			out = append(out, id)
		}
		return out
	}
	a, b, c := ids("one"), ids("one"), ids("two")
	for i := range a {
		if !model.ValidJobID(a[i]) || a[i] != b[i] || a[i] == c[i] {
			t.Fatalf("ids %v, %v (same seed), %v (other seed)", a, b, c)
		}
	}
	if a[0] == a[1] || a[1] == a[2] {
		t.Fatalf("repeated ids: %v", a)
	}
}
