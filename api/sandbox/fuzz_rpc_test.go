package sandbox_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/memset-order/memset-order/api/sandbox"
)

// FuzzRPC sends random bodies to the XML-RPC and JSON-RPC endpoints: the
// sandbox never panics (it would answer fault or error code 1, "The
// sandbox failed"), and always answers HTTP 200 with a methodResponse or a
// JSON-RPC answer holding result, error and id.
func FuzzRPC(f *testing.F) {
	for _, body := range []string{xmlListMethods, xmlDryRun, xmlWindows, xmlUnknown, jsonListMethods, jsonDryRun, jsonWindows, jsonUnknown,
		`<methodCall><methodName>a</methodName><params><param><value><array><data><value><i4>x</i4></value></data></array></value></param></params></methodCall>`,
		`<!DOCTYPE x [<!ENTITY a "b">]><methodCall><methodName>&a;</methodName></methodCall>`,
		`{"method": 1, "params": {"": null}, "id": {}}`, `[]`, `{"method": "job.status", "params": [[], {}]}`} {
		f.Add(true, body)
		f.Add(false, body)
	}
	sb := sandbox.New(sandbox.WithAPIKey(testKey), sandbox.WithClock(sandbox.NewFakeClock(t0)), sandbox.WithAutoPay(0))
	f.Fuzz(func(t *testing.T, xmlrpc bool, body string) {
		path := "/v1/jsonrpc/"
		if xmlrpc {
			path = "/v1/xmlrpc"
		}
		req := httptest.NewRequestWithContext(t.Context(), http.MethodPost, path, strings.NewReader(body))
		req.SetBasicAuth(testKey, "")
		rec := httptest.NewRecorder()
		sb.ServeHTTP(rec, req)
		a := rpcAnswer{status: rec.Code, header: rec.Header(), raw: rec.Body.Bytes()}
		if xmlrpc {
			if _, fault := xmlrpcResult(t, a); fault != nil && fault["faultCode"] == json.Number("1") {
				t.Fatalf("internal fault: %v", fault)
			}
			return
		}
		if _, rpcErr, _ := jsonrpcResult(t, a); rpcErr != nil && rpcErr["code"] == json.Number("1") {
			t.Fatalf("internal error: %v", rpcErr)
		}
		if !json.Valid(bytes.TrimSpace(a.raw)) {
			t.Fatalf("not JSON: %q", a.raw)
		}
	})
}
