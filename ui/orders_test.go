package ui_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/memset-order/memset-order/api/journal"
	"github.com/memset-order/memset-order/ui"
)

// TestWriteOrders: the journal as `memset-order orders` prints it: one row
// per order, newest first as given; under the table the command that
// follows each order's job; then what to check for each order whose outcome
// is unknown.
func TestWriteOrders(t *testing.T) {
	at := time.Date(2026, 11, 27, 9, 30, 0, 0, time.UTC)
	job1 := strings.Repeat("a1", 16)
	job2 := strings.Repeat("b2", 16)
	server := func(id, state, jobID string, inv int) journal.Record {
		r := journal.Record{ID: id, Time: at, State: state,
			Intent: journal.Intent{Endpoint: "https://api.memset.com/v1/json", Method: "create.monthly_miniserver",
				Product: "monthly_miniserver", Params: map[string]string{"sku": "MSVM001", "os": "debian_trixie_64"}}}
		r.JobID, r.InvoiceRef = jobID, inv
		return r
	}
	sandboxed := server("S", journal.StatePlaced, job2, 100291)
	sandboxed.Sandbox, sandboxed.Endpoint = true, "https://sandbox.memset-order.invalid/v1/json"
	elsewhere := server("E", journal.StatePlaced, job2, 7)
	elsewhere.Endpoint = "https://api.example.test/v1/json"
	unknown := server("U", journal.StateUnknown, "", 0)
	unknown.Candidates = []int{100291, 100292}
	topUp := journal.Record{ID: "T", Time: at, State: journal.StatePlaced,
		Intent: journal.Intent{Endpoint: "https://api.memset.com/v1/json", Product: "bandwidth_bank",
			Params: map[string]string{"name": "sandyaa1", "gb": "100"}}}
	topUp.InvoiceRef = 12
	hostile := server("H", journal.StatePlaced, "\x1b[2Jnot-a-job", 3)

	for _, tc := range []struct {
		name string
		recs []journal.Record
		want []string
		not  []string
	}{
		{"empty journal", nil, []string{"No orders in the journal yet."}, []string{"WHEN", "follow"}},
		{"a placed order with a job", []journal.Record{server("A", journal.StatePlaced, job1, 100291)}, []string{
			"WHEN (UTC)        STATE   WHAT",
			"2026-11-27 09:30  placed  monthly_miniserver MSVM001 debian_trixie_64  100291   " + job1 + "  api.memset.com",
			"To follow a job:\n  memset-order job follow " + job1 + "  # 2026-11-27 09:30 monthly_miniserver MSVM001 debian_trixie_64\n",
		}, []string{"!", "--api-url", "SANDBOX"}},
		{"two jobs, newest first, each with its command", []journal.Record{
			server("B", journal.StatePlaced, job2, 100292), server("A", journal.StatePlaced, job1, 100291)}, []string{
			"To follow a job:\n  memset-order job follow " + job2 + "  #",
			"\n  memset-order job follow " + job1 + "  #",
		}, nil},
		{"an order without a job", []journal.Record{topUp}, []string{"bandwidth_bank sandyaa1 +100 GB  12       —"},
			[]string{"follow", "!"}},
		{"a sandbox order", []journal.Record{sandboxed}, []string{
			"SANDBOX",
			"memset-order job follow " + job2 + "  # 2026-11-27 09:30 monthly_miniserver MSVM001 debian_trixie_64 (SANDBOX: only that sandbox knows the job)",
		}, []string{"--api-url"}},
		{"an order placed through another endpoint", []journal.Record{elsewhere},
			[]string{"memset-order job follow " + job2 + " --api-url https://api.example.test/v1/json  #"}, nil},
		{"an unknown outcome with candidates", []journal.Record{unknown}, []string{
			"OUTCOME UNKNOWN",
			"! 2026-11-27 09:30:00: monthly_miniserver MSVM001 debian_trixie_64 may or may not have been ordered; invoice.list found invoices 100291, 100292, which may be it; check before ordering it again.",
		}, []string{"To follow"}},
		{"a pending order", []journal.Record{server("P", journal.StatePending, "", 0)}, []string{
			"no answer recorded",
			"may or may not have been ordered; check your invoices (invoice.list) before ordering it again.",
		}, []string{"To follow"}},
		{"a hand-edited job id", []journal.Record{hostile}, []string{" [2Jnot-a-job"}, []string{"\x1b", "To follow"}},
	} {
		var b bytes.Buffer
		if err := ui.WriteOrders(&b, tc.recs); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		got := b.String()
		for _, w := range tc.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: output lacks %q:\n%s", tc.name, w, got)
			}
		}
		for _, n := range tc.not {
			if strings.Contains(got, n) {
				t.Errorf("%s: output has %q:\n%s", tc.name, n, got)
			}
		}
	}
}
