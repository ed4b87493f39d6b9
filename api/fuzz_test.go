package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const fuzzKey = "0123456789abcdef0123456789abcdef"

// FuzzDecodeResponse feeds random answers (status, content type, body)
// through the response decoder for every wire type: it must never panic,
// must turn every non-2xx and every body that is not JSON into an error of
// the package's types, and must never put the key into an error.
func FuzzDecodeResponse(f *testing.F) {
	seeds := []string{
		`{"sku": "MSVM001", "currency": "GBP", "dry_run": true, "net_setup_price": 0, "net_total": 7.50}`,
		`{"sku": "MSVM001", "currency": "GBP", "dry_run": false, "invoice_ref": 100291, "job": {"error": false, "finished": false, "id": "739c99f25ed8d13e48ba94ec6a4a0102", "status": "AWAITING-PAYMENT", "type": "SETUP-NEW-MINISERVER"}, "net_setup_price": 0, "net_total": 7.50}`,
		`{"error": "os: Please select a valid choice.", "error_type": "ApiErrorBadParameters", "error_code": 2}`,
		`{"error": "key ` + fuzzKey + `", "error_type": "ApiError` + fuzzKey + `", "error_code": "4"}`,
		`[{"ref": 1, "amount": 1e-05, "currency": "gbp", "status": "NEW", "items": [["x", "1.5", null]]}]`,
		`<html><title>Bad gateway</title></html>`,
		`{"id": "739c99f2`, ``, `null`, `[]`, `[null]`, `{}`, `"x"`, `1e999`, `{"net_total": 1e31}`,
		`{"a":1} trailing`, "\x00\xff\xfe", `{"disk_size": 9223372036854775808}`,
	}
	// Every documented or inferred exchange is a seed too.
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "wire", "*.json"))
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		var fx struct {
			Exchanges []struct {
				Status   int             `json:"status"`
				Response json.RawMessage `json:"response"`
			} `json:"exchanges"`
		}
		if err := json.Unmarshal(b, &fx); err != nil {
			f.Fatalf("%s: %v", name, err)
		}
		for _, ex := range fx.Exchanges {
			f.Add(ex.Status, "application/json", []byte(ex.Response))
		}
	}
	for _, s := range seeds {
		for _, st := range []int{200, 404, 502} {
			f.Add(st, "application/json", []byte(s))
		}
	}
	f.Add(302, "text/html", []byte(`<p>moved</p>`))

	c, err := New(WithAPIKey(fuzzKey))
	if err != nil {
		f.Fatal(err)
	}
	targets := map[string]func() (any, func()){
		"quote":    func() (any, func()) { var w wireQuote; return &w, func() { _ = w.toModel() } },
		"job":      func() (any, func()) { var w wireJob; return &w, func() { _ = w.toModel() } },
		"discount": func() (any, func()) { var w wireDiscount; return &w, func() { _ = w.toModel() } },
		"service":  func() (any, func()) { var w wireServiceInfo; return &w, func() { _ = w.toModel() } },
		"invoice":  func() (any, func()) { var w wireInvoice; return &w, func() { _ = w.toModel() } },
		"offers": func() (any, func()) {
			var w wireList[wireOffer, *wireOffer]
			return &w, func() { _ = listToModel(w, (*wireOffer).toModel) }
		},
		"snapshots": func() (any, func()) {
			var w wireList[wireSnapshot, *wireSnapshot]
			return &w, func() { _ = listToModel(w, (*wireSnapshot).toModel) }
		},
		"servers": func() (any, func()) {
			var w wireList[wireServer, *wireServer]
			return &w, func() { _ = listToModel(w, (*wireServer).toModel) }
		},
		"payment": func() (any, func()) {
			var w wireList[wirePaymentMethod, *wirePaymentMethod]
			return &w, func() { _ = listToModel(w, (*wirePaymentMethod).toModel) }
		},
		"invoices": func() (any, func()) {
			var w wireList[wireInvoice, *wireInvoice]
			return &w, func() { _ = listToModel(w, (*wireInvoice).toModel) }
		},
	}

	f.Fuzz(func(t *testing.T, status int, contentType string, body []byte) {
		if status < 100 || status > 999 {
			status = 200 + (status%800+800)%800
		}
		h := http.Header{}
		h.Set("Content-Type", contentType)
		h.Set("Retry-After", string(body[:min(len(body), 30)]))
		h.Set("Location", string(body[:min(len(body), 60)]))
		ex := exchange{status: status, contentType: contentType, header: h, body: body}
		ok2xx := status >= 200 && status <= 299
		garbage := !json.Valid(bytes.TrimSpace(body))
		for name, mk := range targets {
			out, convert := mk()
			err := c.decode("job.status", ex, out)
			if err == nil {
				if !ok2xx || garbage {
					t.Fatalf("%s: status %d, body %q decoded without an error", name, status, body)
				}
				convert()
				continue
			}
			var (
				e  *Error
				pe *ProtocolError
			)
			if !errors.As(err, &e) && !errors.As(err, &pe) {
				t.Fatalf("%s: error of type %T: %v", name, err, err)
			}
			if strings.Contains(strings.ToLower(err.Error()), fuzzKey) {
				t.Fatalf("%s: error contains the key: %v", name, err)
			}
		}
	})
}
