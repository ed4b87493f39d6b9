package e2e

import (
	"encoding/json"
	"testing"
)

// order is one record of `memset-order orders -o json`, with the keys a
// person would pick out with jq.
type order struct {
	ID         string            `json:"id"`
	State      string            `json:"state"`
	Method     string            `json:"method"`
	Product    string            `json:"product"`
	Endpoint   string            `json:"endpoint"`
	Sandbox    bool              `json:"sandbox"`
	Params     map[string]string `json:"params"`
	InvoiceRef int               `json:"invoice_ref"`
	JobID      string            `json:"job_id"`
	Error      string            `json:"error"`
	Candidates []int             `json:"candidate_invoices"`
	NetTotal   string            `json:"net_total"`
	Currency   string            `json:"currency"`
	Mismatch   string            `json:"price_mismatch"`
	Service    string            `json:"service"`
	Stage      string            `json:"stage"`
}

// ordersJSON runs `orders -o json` and decodes it; it fails the test on a
// non-zero exit or output that is not a JSON array of records.
func (u *user) ordersJSON() []order {
	u.t.Helper()
	r := u.run("orders", "-o", "json")
	if r.code != 0 {
		u.t.Fatalf("orders -o json failed:\n%s", r)
	}
	var out []order
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		u.t.Fatalf("orders -o json is not a JSON array of orders: %v\n%s", err, r)
	}
	return out
}

// oneRecord checks the journal holds exactly one order and returns it.
func oneRecord(t *testing.T, u *user) order {
	t.Helper()
	recs := u.ordersJSON()
	if len(recs) != 1 {
		t.Fatalf("the journal lists %d orders after one confirmation, want 1: %+v", len(recs), recs)
	}
	return recs[0]
}

// journalHoldsLedger checks that every invoice reference and job id the
// sandbox issued is in the journal (as an order's answer or, for an order
// whose answer was lost, among its candidate invoices).
func journalHoldsLedger(t *testing.T, u *user, b *backend) {
	t.Helper()
	recs := u.ordersJSON()
	invoices, jobs := map[int]bool{}, map[string]bool{}
	for _, r := range recs {
		invoices[r.InvoiceRef], jobs[r.JobID] = true, true
		for _, c := range r.Candidates {
			invoices[c] = true
		}
	}
	for _, o := range b.sb.Orders() {
		if !invoices[o.InvoiceRef] {
			t.Errorf("the sandbox issued invoice %d, but the journal does not hold it: %+v", o.InvoiceRef, recs)
		}
		if !jobs[o.JobID] {
			t.Errorf("the sandbox issued job %s, but the journal does not hold it: %+v", o.JobID, recs)
		}
	}
}
