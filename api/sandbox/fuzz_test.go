package sandbox_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/memset-order/memset-order/api/sandbox"
)

// FuzzParams sends random method paths, query strings and bodies: the
// sandbox never panics (it would answer 500), always answers JSON, and
// every error answer has the documented error keys.
func FuzzParams(f *testing.F) {
	seeds := []struct{ verb, path, query, body string }{
		{"POST", "create.monthly_miniserver/", "", "sku=MSVM001&os=debian_jessie_64&dry_run=1"},
		{"POST", "create.monthly_miniserver", "dry_run=0", "sku=MSVM001&os=win2012serverstd_r2_64"},
		{"GET", "create.bandwidth_bank/sandyaa1/", "gb=100&dry_run=1", ""},
		{"POST", "job.status/", "", "id=739c99f25ed8d13e48ba94ec6a4a0102"},
		{"POST", "invoice.list/", "status=NEW&date_gte=2026-01-01", ""},
		{"POST", "invoice.info/", "", "ref=100291"},
		{"GET", "service.info/sandyaa1", "", ""},
		{"POST", "create.verify_discount_code", "", "discount_code=WELCOME10"},
		{"POST", "create.memstore/", "", "sku=MEMSTORE-100&dry_run=1&discount_code=%00"},
		{"PUT", "x", "%zz", "a=%"},
		{"POST", "", ";;", "=&=&&"},
		{"GET", "a/b/c/d", "sku=1&sku=2", ""},
	}
	for _, s := range seeds {
		f.Add(s.verb, s.path, s.query, s.body)
	}
	sb := sandbox.New(sandbox.WithAPIKey(testKey), sandbox.WithClock(sandbox.NewFakeClock(t0)), sandbox.WithAutoPay(0))
	f.Fuzz(func(t *testing.T, verb, path, query, body string) {
		if verb != "GET" && verb != "POST" {
			verb = "PUT"
		}
		req := &http.Request{
			Method: verb,
			URL:    &url.URL{Path: "/v1/json/" + path, RawPath: "/v1/json/" + path, RawQuery: query},
			Header: http.Header{"Content-Type": {"application/x-www-form-urlencoded"}},
			Body:   http.NoBody,
		}
		if body != "" {
			req.Body = ioNopCloser(strings.NewReader(body))
			req.ContentLength = int64(len(body))
		}
		req = req.WithContext(t.Context())
		req.SetBasicAuth(testKey, "")
		rec := httptest.NewRecorder()
		sb.ServeHTTP(rec, req)
		if rec.Code == http.StatusInternalServerError {
			t.Fatalf("500 (a recovered panic?): %s", rec.Body.Bytes())
		}
		if ct := rec.Header().Get("Content-Type"); ct != "application/json" {
			t.Fatalf("Content-Type %q", ct)
		}
		dec := json.NewDecoder(bytes.NewReader(rec.Body.Bytes()))
		dec.UseNumber()
		var v any
		if err := dec.Decode(&v); err != nil {
			t.Fatalf("not JSON (%v): %q", err, rec.Body.Bytes())
		}
		if rec.Code >= 400 {
			m, ok := v.(map[string]any)
			if !ok || m["error"] == nil || m["error_type"] == nil || m["error_code"] == nil {
				t.Fatalf("error answer %d without the error keys: %s", rec.Code, rec.Body.Bytes())
			}
			if msg, _ := m["error"].(string); msg == "" {
				t.Fatalf("empty error message: %s", rec.Body.Bytes())
			}
		}
	})
}
