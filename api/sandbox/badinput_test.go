package sandbox_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/memset-order/memset-order/api/sandbox"
	"github.com/memset-order/memset-order/model"
)

// TestBadInput sends every kind of bad request; each gets the error JSON
// with the right status and type, and a message naming what is wrong.
func TestBadInput(t *testing.T) {
	big := "sku=" + strings.Repeat("A", 70<<10)
	tests := []struct {
		name        string
		verb, path  string
		query, body string
		contentType string // "" = form when there is a body
		noKey       bool
		status      int
		typ         model.ErrorType
		msg         string // exact, or prefix when it ends in "…"
	}{
		{name: "unknown method", verb: "POST", path: "create.teleporter/", status: 404, typ: model.ErrorDoesNotExist, msg: "Method 'create.teleporter' does not exist"},
		{name: "unknown method, no key", verb: "POST", path: "create.teleporter/", noKey: true, status: 403, typ: model.ErrorAuthentication},
		{name: "method outside the table", verb: "GET", path: "server.reboot/sandyaa1", status: 404, typ: model.ErrorDoesNotExist, msg: "Method 'server.reboot' does not exist"},
		{name: "root", verb: "GET", path: "", status: 404, typ: model.ErrorDoesNotExist, msg: "There is no API method at '/v1/json/'; …"},
		{name: "too many segments", verb: "GET", path: "service.info/a/b/", status: 404, typ: model.ErrorDoesNotExist},
		{name: "empty segment", verb: "GET", path: "service.info//", status: 404, typ: model.ErrorDoesNotExist},
		{name: "junk outside the API", verb: "GET", path: "../../index.html", status: 404, typ: model.ErrorDoesNotExist},
		{name: "PUT", verb: "PUT", path: "server.list/", status: 400, typ: model.ErrorBadParameters, msg: "HTTP method 'PUT' is not allowed; use POST (or GET)."},
		{name: "DELETE", verb: "DELETE", path: "server.list/", status: 400, typ: model.ErrorBadParameters},
		{name: "oversized body", verb: "POST", path: "create.monthly_miniserver/", body: big, status: 400, typ: model.ErrorBadParameters, msg: "The request body is larger than 65536 bytes."},
		{name: "oversized query", verb: "GET", path: "create.monthly_miniserver/", query: big, status: 400, typ: model.ErrorBadParameters},
		{name: "JSON body", verb: "POST", path: "create.monthly_miniserver/", body: `{"sku":"MSVM001"}`, contentType: "application/json", status: 400, typ: model.ErrorBadParameters, msg: "Content-Type 'application/json' is not supported; …"},
		{name: "multipart body", verb: "POST", path: "server.list/", body: "--x--", contentType: "multipart/form-data; boundary=x", status: 400, typ: model.ErrorBadParameters},
		{name: "bad escape in body", verb: "POST", path: "server.list/", body: "a=%zz", status: 400, typ: model.ErrorBadParameters, msg: "The request body is not valid application/x-www-form-urlencoded: …"},
		{name: "bad escape in query", verb: "GET", path: "server.list/", query: "a=%zz", status: 400, typ: model.ErrorBadParameters, msg: "The query string is malformed: …"},
		{name: "parameter without name", verb: "POST", path: "server.list/", body: "=1", status: 400, typ: model.ErrorBadParameters},
		{name: "repeated parameter", verb: "POST", path: "create.monthly_miniserver/", body: "sku=MSVM001&sku=MSVM002&os=debian_bookworm_64&dry_run=1", status: 400, typ: model.ErrorBadParameters, msg: "sku: The parameter was given more than once; send each parameter once."},
		{name: "repeated across query and body", verb: "POST", path: "create.monthly_miniserver/", query: "dry_run=1", body: "sku=MSVM001&os=debian_bookworm_64&dry_run=1", status: 400, typ: model.ErrorBadParameters, msg: "dry_run: …"},
		{name: "name in path and body", verb: "POST", path: "service.info/sandyaa1/", body: "name=sandyaa2", status: 400, typ: model.ErrorBadParameters, msg: "name: …"},
		{name: "bad boolean", verb: "POST", path: "create.monthly_miniserver/", body: "sku=MSVM001&os=debian_jessie_64&dry_run=maybe", status: 400, typ: model.ErrorBadParameters, msg: "dry_run: 'maybe' is not a valid boolean; send 1 or 0."},
		{name: "bad add_to_next_bill", verb: "POST", path: "create.monthly_miniserver/", body: "sku=MSVM001&os=debian_jessie_64&dry_run=1&add_to_next_bill=yes", status: 400, typ: model.ErrorBadParameters, msg: "add_to_next_bill: 'yes' is not a valid boolean; send 1 or 0."},
		{name: "empty boolean", verb: "POST", path: "create.monthly_miniserver/", body: "sku=MSVM001&os=debian_jessie_64&dry_run=", status: 400, typ: model.ErrorBadParameters, msg: "dry_run: '' is not a valid boolean; send 1 or 0."},
		{name: "missing sku", verb: "POST", path: "create.monthly_miniserver/", body: "os=debian_jessie_64&dry_run=1", status: 400, typ: model.ErrorBadParameters, msg: "sku: This field is required."},
		{name: "unknown sku", verb: "POST", path: "create.monthly_miniserver/", body: "sku=FS001&os=debian_jessie_64&dry_run=1", status: 400, typ: model.ErrorBadParameters, msg: "sku: …"},
		{name: "unknown os", verb: "POST", path: "create.monthly_miniserver/", body: "sku=MSVM001&os=beos_64&dry_run=1", status: 400, typ: model.ErrorBadParameters, msg: "os: Please select a valid choice. beos_64 is not one of the available choices."},
		{name: "unknown parameter on a list", verb: "POST", path: "server.list/", body: "page=2", status: 400, typ: model.ErrorBadParameters, msg: "page: Unknown parameter for server.list."},
		{name: "name segment on a list", verb: "GET", path: "server.list/sandyaa1/", status: 400, typ: model.ErrorBadParameters, msg: "name: Unknown parameter for server.list."},
		{name: "missing ref", verb: "POST", path: "invoice.info/", status: 400, typ: model.ErrorBadParameters, msg: "ref: This field is required."},
		{name: "ref not a number", verb: "POST", path: "invoice.info/", body: "ref=12a", status: 400, typ: model.ErrorBadParameters, msg: "ref: '12a' is not a whole number."},
		{name: "ref with a sign", verb: "POST", path: "invoice.info/", body: "ref=%2B100291", status: 400, typ: model.ErrorBadParameters},
		{name: "ref out of range", verb: "POST", path: "invoice.info/", body: "ref=99999999999999999999", status: 400, typ: model.ErrorBadParameters, msg: "ref: '99999999999999999999' is out of range."},
		{name: "unknown invoice", verb: "POST", path: "invoice.info/", body: "ref=1", status: 404, typ: model.ErrorDoesNotExist, msg: "Couldn't find invoice with ref '1'"},
		{name: "missing service name", verb: "POST", path: "service.info/", status: 400, typ: model.ErrorBadParameters, msg: "name: This field is required."},
		{name: "unknown service", verb: "POST", path: "service.info/", body: "name=BADSERVERNAME", status: 404, typ: model.ErrorDoesNotExist, msg: "Couldn't find service with name 'BADSERVERNAME'"},
		{name: "missing discount code", verb: "POST", path: "create.verify_discount_code/", status: 400, typ: model.ErrorBadParameters, msg: "discount_code: This field is required."},
		{name: "long value shortened", verb: "POST", path: "create.monthly_miniserver/", body: "sku=MSVM001&os=debian_jessie_64&dry_run=" + strings.Repeat("x", 100), status: 400, typ: model.ErrorBadParameters, msg: "dry_run: '" + strings.Repeat("x", 64) + "…' is not a valid boolean; send 1 or 0."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			path := tt.path
			if tt.query != "" {
				path += "?" + tt.query
			}
			req := e.request(t, tt.verb, path, tt.body)
			if tt.contentType != "" {
				req.Header.Set("Content-Type", tt.contentType)
			}
			if !tt.noKey {
				req.SetBasicAuth(testKey, "")
			}
			a := e.do(t, req)
			msg := tt.msg
			if prefix, ok := strings.CutSuffix(msg, "…"); ok {
				msg = ""
				if got, _ := a.obj(t)["error"].(string); !strings.HasPrefix(got, prefix) {
					t.Fatalf("error = %q, want it to start with %q", got, prefix)
				}
			}
			a.wantError(t, tt.status, tt.typ, msg)
			if (tt.verb == "PUT" || tt.verb == "DELETE") && a.header.Get("Allow") != "GET, POST" {
				t.Fatalf("Allow = %q", a.header.Get("Allow"))
			}
		})
	}
}

// TestMaxBody checks the limit is configurable and inclusive.
func TestMaxBody(t *testing.T) {
	e := newEnv(t, sandbox.WithMaxBody(32))
	body := "name=" + strings.Repeat("a", 27) // 32 bytes
	req := e.request(t, http.MethodPost, "service.info/", body)
	req.SetBasicAuth(testKey, "")
	e.do(t, req).wantError(t, 404, model.ErrorDoesNotExist, "") // accepted, then not found
	req = e.request(t, http.MethodPost, "service.info/", body+"a")
	req.SetBasicAuth(testKey, "")
	e.do(t, req).wantError(t, 400, model.ErrorBadParameters, "The request body is larger than 32 bytes.")
}

// TestBooleans checks every accepted spelling of a Boolean.
func TestBooleans(t *testing.T) {
	for v, dry := range map[string]bool{"1": true, "true": true, "True": true, "0": false, "false": false, "False": false} {
		t.Run(v, func(t *testing.T) {
			e := newEnv(t)
			a := e.call(t, model.MethodMonthlyMiniserver, documented(v))
			if a.status != 200 || a.obj(t)["dry_run"] != dry {
				t.Fatalf("dry_run=%s: %d %s", v, a.status, a.raw)
			}
		})
	}
	for _, v := range []string{"yes", "no", "TRUE", "on", "2", " 1"} {
		e := newEnv(t)
		e.call(t, model.MethodMonthlyMiniserver, documented(v)).wantError(t, 400, model.ErrorBadParameters, "dry_run: '"+v+"' is not a valid boolean; send 1 or 0.")
	}
}

// TestMissingDryRunIsRealOrder: Memset's default is a real order, and so is
// the sandbox's.
func TestMissingDryRunIsRealOrder(t *testing.T) {
	e := newEnv(t)
	a := e.call(t, model.MethodMonthlyMiniserver, map[string]string{"sku": "MSVM001", "os": "debian_jessie_64"})
	if a.status != 200 || a.obj(t)["dry_run"] != false || len(e.sb.Orders()) != 1 {
		t.Fatalf("%d %s, %d orders", a.status, a.raw, len(e.sb.Orders()))
	}
}
