package sandbox_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/memset-order/memset-order/api/sandbox"
	"github.com/memset-order/memset-order/model"
)

// TestConcurrentUse hammers one sandbox from many goroutines, over HTTP and
// through the control methods at once; run with -race. Every real order
// gets its own invoice ref and job id.
func TestConcurrentUse(t *testing.T) {
	e := newEnv(t)
	const workers, each = 8, 10
	var wg sync.WaitGroup
	errs := make(chan error, workers*each*4)
	ids := make(chan string, workers*each)
	for w := range workers {
		wg.Go(func() {
			for i := range each {
				var placed struct {
					InvoiceRef int `json:"invoice_ref"`
					Job        struct {
						ID string `json:"id"`
					} `json:"job"`
				}
				if err := post(e, model.MethodMonthlyMiniserver, documented("0"), &placed); err != nil {
					errs <- err
					return
				}
				ids <- placed.Job.ID
				if i%2 == 0 {
					// Refused when worker 0 has just turned consolidated
					// billing on (the invoice is then NEW): that is fine.
					_ = e.sb.PayInvoice(placed.InvoiceRef)
				}
				for _, c := range []struct {
					m model.Method
					p map[string]string
				}{
					{model.MethodMonthlyMiniserver, documented("1")},
					{model.MethodJobStatus, map[string]string{"id": placed.Job.ID}},
					{model.MethodServerList, nil},
				} {
					if err := post(e, c.m, c.p, nil); err != nil {
						errs <- err
					}
				}
				e.clock.Advance(stage)
				if w == 0 {
					e.sb.SetAccount(func(a *sandbox.Account) { a.ConsolidatedBilling = !a.ConsolidatedBilling })
					e.sb.AddFault(sandbox.Fault{Method: model.MethodSnapshotList, Status: 503, Times: 1})
					_ = e.sb.Invoices()
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	close(ids)
	for err := range errs {
		t.Error(err)
	}
	seen := map[string]bool{}
	for id := range ids {
		if seen[id] || !model.ValidJobID(id) {
			t.Fatalf("job id %q invalid or given twice", id)
		}
		seen[id] = true
	}
	refs := map[int]bool{}
	for _, inv := range e.sb.Invoices() {
		refs[inv.Ref] = true
	}
	if len(refs) != workers*each || len(e.sb.Orders()) != workers*each {
		t.Fatalf("%d distinct refs, %d orders; want %d", len(refs), len(e.sb.Orders()), workers*each)
	}
	if n := e.sb.Requests(model.MethodMonthlyMiniserver); n != 2*workers*each {
		t.Fatalf("Requests = %d, want %d", n, 2*workers*each)
	}
}

// post calls a method and decodes a 200 answer into out (if not nil); it
// returns errors instead of failing, so goroutines may use it.
func post(e *env, m model.Method, params map[string]string, out any) error {
	req, err := http.NewRequest(http.MethodPost, e.srv.URL+"/v1/json/"+string(m)+"/", strings.NewReader(form(params)))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(testKey, "")
	resp, err := e.srv.Client().Do(req)
	if err != nil {
		return fmt.Errorf("%s: %w", m, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s: status %d", m, resp.StatusCode)
	}
	if out == nil {
		return nil
	}
	return json.NewDecoder(resp.Body).Decode(out)
}
