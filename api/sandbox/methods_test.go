package sandbox_test

import (
	"net/http"
	"testing"

	"github.com/memset-order/memset-order/model"
)

// validCalls is one accepted request for every method in model.Methods.
var validCalls = map[model.Method]map[string]string{
	model.MethodServicesList:      {},
	model.MethodBandwidthBank:     {"name": "sandyaa1", "gb": "100", "dry_run": "1"},
	model.MethodHourlyMiniserver:  {"sku": "MS0025", "os": "debian_bookworm_64", "dry_run": "1"},
	model.MethodMemstore:          {"sku": "MEMSTORE-100", "dry_run": "1"},
	model.MethodMonthlyFullserver: {"sku": "FS001", "os": "win2022serverstd_64", "dry_run": "1"},
	model.MethodMonthlyMiniserver: {"sku": "MSVM001", "os": "debian_jessie_64", "dry_run": "1"},
	model.MethodOpenStack:         {"sku": "OSP-SMALL", "project_name": "lab", "dry_run": "1"},
	model.MethodDiscountCode:      {"discount_code": "WELCOME10"},
	model.MethodSnapshotList:      {},
	model.MethodServerList:        {},
	model.MethodPaymentMethods:    {},
	model.MethodServiceInfo:       {"name": "sandyaa2"},
	model.MethodInvoiceList:       {"date_gte": "2026-01-01", "date_lte": "2026-12-31"},
	model.MethodServerInfo:        {"name": "sandyaa1"},
	model.MethodBandwidthInfo:     {"name": "sandyaa2"},
	model.MethodAccountInfo:       {},
	model.MethodListMethods:       {},
}

// TestEveryMethodAnswers sends one valid request to every method of the
// one method table through a real listener (job.status and invoice.info
// need an order first and have their own tests).
func TestEveryMethodAnswers(t *testing.T) {
	for _, m := range model.Methods {
		t.Run(string(m.Name), func(t *testing.T) {
			e := newEnv(t)
			params, ok := validCalls[m.Name]
			switch {
			case m.Name == model.MethodJobStatus:
				_, id := e.order(t, model.MethodMonthlyMiniserver, documented("0"))
				params = map[string]string{"id": id}
			case m.Name == model.MethodInvoiceInfo:
				ref, _ := e.order(t, model.MethodMonthlyMiniserver, documented("0"))
				params = map[string]string{"ref": itoa(ref)}
			case !ok:
				t.Fatalf("no valid call for %s: add one", m.Name)
			}
			a := e.call(t, m.Name, params)
			if a.status != http.StatusOK {
				t.Fatalf("%s %v: %d %s", m.Name, params, a.status, a.raw)
			}
			if e.sb.Requests(m.Name) == 0 {
				t.Fatalf("Requests(%s) = 0 after a request", m.Name)
			}
		})
	}
}

// TestRoutes checks the path forms the API accepts: with and without the
// trailing slash, GET and POST, and a service name as an extra segment.
func TestRoutes(t *testing.T) {
	tests := []struct {
		name, verb, path, query string
		wantName                string // service.info's answer
	}{
		{"post with slash", http.MethodPost, "service.info/", "name=sandyaa1", "sandyaa1"},
		{"post without slash", http.MethodPost, "service.info", "name=sandyaa1", "sandyaa1"},
		{"get query", http.MethodGet, "service.info/", "name=sandyaa2", "sandyaa2"},
		{"name segment", http.MethodGet, "service.info/sandyaa1", "", "sandyaa1"},
		{"name segment with slash", http.MethodPost, "service.info/sandyaa2/", "", "sandyaa2"},
		{"escaped name segment", http.MethodGet, "service.info/sandy%61a1/", "", "sandyaa1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			path := tt.path
			if tt.query != "" {
				path += "?" + tt.query
			}
			req := e.request(t, tt.verb, path, "")
			req.SetBasicAuth(testKey, "")
			a := e.do(t, req)
			if a.status != http.StatusOK || a.obj(t)["name"] != tt.wantName {
				t.Fatalf("%s %s: %d %s, want service %s", tt.verb, path, a.status, a.raw, tt.wantName)
			}
		})
	}
}

// TestServicesList checks the list is the catalogue: every product, its
// method and SKUs, the hourly Miniserver marked deprecated.
func TestServicesList(t *testing.T) {
	e := newEnv(t)
	cat := model.DefaultCatalogue()
	l := e.call(t, model.MethodServicesList, nil).list(t)
	if len(l) != len(cat.Products) {
		t.Fatalf("%d services, want %d", len(l), len(cat.Products))
	}
	for i, p := range cat.Products {
		m := l[i].(map[string]any)
		if m["service"] != string(p.ID) || m["method"] != string(p.Method) || m["name"] != p.Name {
			t.Errorf("entry %d = %v, want %s %s", i, m, p.ID, p.Method)
		}
		if m["deprecated"] != (p.Deprecated != "") {
			t.Errorf("%s deprecated = %v", p.ID, m["deprecated"])
		}
		skus := m["skus"].([]any)
		if len(skus) != len(p.SKUs) {
			t.Errorf("%s: %d skus, want %d", p.ID, len(skus), len(p.SKUs))
		}
	}
}
