package sandbox_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/memset-order/memset-order/api/sandbox"
	"github.com/memset-order/memset-order/model"
)

// The hand-built requests of TestRPCMatchesJSON: literal bodies, as
// Python's xmlrpclib and jsonrpclib would send them, so that the test does
// not share an encoder with the sandbox.
const (
	xmlListMethods = `<?xml version='1.0'?>
<methodCall>
<methodName>system.listMethods</methodName>
<params>
</params>
</methodCall>`

	xmlDryRun = `<?xml version='1.0'?>
<methodCall>
<methodName>create.monthly_miniserver</methodName>
<params>
<param>
<value><struct>
<member>
<name>sku</name>
<value><string>MSVM001</string></value>
</member>
<member>
<name>os</name>
<value>debian_jessie_64</value>
</member>
<member>
<name>dry_run</name>
<value><boolean>1</boolean></value>
</member>
</struct></value>
</param>
</params>
</methodCall>`

	xmlWindows = `<?xml version="1.0" encoding="UTF-8"?>
<methodCall><methodName>create.monthly_miniserver</methodName><params><param><value><struct>
<member><name>sku</name><value><string>MSVM001</string></value></member>
<member><name>os</name><value><string>win2012serverstd_r2_64</string></value></member>
<member><name>dry_run</name><value><boolean>1</boolean></value></member>
</struct></value></param></params></methodCall>`

	xmlUnknown = `<?xml version='1.0'?>
<methodCall><methodName>create.teleporter</methodName><params><param><value><struct></struct></value></param></params></methodCall>`

	jsonListMethods = `{"jsonrpc": "2.0", "method": "system.listMethods", "id": "k3x9q2ab"}`
	jsonDryRun      = `{"method": "create.monthly_miniserver", "params": {"sku": "MSVM001", "os": "debian_jessie_64", "dry_run": true}, "id": 1}`
	jsonWindows     = `{"method": "create.monthly_miniserver", "params": [{"sku": "MSVM001", "os": "win2012serverstd_r2_64", "dry_run": true}], "id": 2}`
	jsonUnknown     = `{"jsonrpc": "2.0", "method": "create.teleporter", "params": {}, "id": 3}`
)

// TestRPCMatchesJSON: system.listMethods, the documented dry run, the
// Windows refusal and an unknown method, over XML-RPC and JSON-RPC from
// hand-built bodies, give what the JSON interface gives for the same calls:
// the same value, or a fault / error carrying the same error_code and
// message.
func TestRPCMatchesJSON(t *testing.T) {
	tests := []struct {
		name       string
		method     model.Method
		params     map[string]string
		xml, jsonr string
	}{
		{"system.listMethods", model.MethodListMethods, nil, xmlListMethods, jsonListMethods},
		{"documented dry run", model.MethodMonthlyMiniserver, documented("1"), xmlDryRun, jsonDryRun},
		{"windows on 1 GB", model.MethodMonthlyMiniserver, map[string]string{"sku": "MSVM001", "os": "win2012serverstd_r2_64", "dry_run": "1"}, xmlWindows, jsonWindows},
		{"unknown method", "create.teleporter", nil, xmlUnknown, jsonUnknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			want := e.call(t, tt.method, tt.params)
			for _, path := range []string{"/v1/xmlrpc", "/v1/xmlrpc/"} {
				value, fault := xmlrpcResult(t, e.post(t, path, "text/xml", tt.xml, testKey))
				compareRPC(t, "XML-RPC at "+path, want, value, fault, "faultCode", "faultString")
			}
			for _, path := range []string{"/v1/jsonrpc/", "/v1/jsonrpc"} {
				result, rpcErr, _ := jsonrpcResult(t, e.post(t, path, "application/json-rpc", tt.jsonr, testKey))
				compareRPC(t, "JSON-RPC at "+path, want, result, rpcErr, "code", "message")
				if rpcErr != nil && (rpcErr["name"] != want.obj(t)["error_type"] || rpcErr["error_type"] != want.obj(t)["error_type"]) {
					t.Errorf("JSON-RPC at %s: error %v does not name the type %v", path, rpcErr, want.obj(t)["error_type"])
				}
			}
			if orders := e.sb.Orders(); len(orders) != 0 {
				t.Errorf("%d orders placed by dry runs", len(orders))
			}
		})
	}
}

// compareRPC checks an RPC answer (value, or an error with its code and
// message under codeKey and msgKey) against the JSON interface's.
func compareRPC(t *testing.T, what string, want answer, value any, rpcErr map[string]any, codeKey, msgKey string) {
	t.Helper()
	if want.status != 200 {
		m := want.obj(t)
		if rpcErr == nil {
			t.Fatalf("%s: answered %v, want the error %s", what, value, want.raw)
		}
		if rpcErr[codeKey] != m["error_code"] || rpcErr[msgKey] != m["error"] {
			t.Fatalf("%s: error %v, want code %v and message %q", what, rpcErr, m["error_code"], m["error"])
		}
		return
	}
	if rpcErr != nil {
		t.Fatalf("%s: error %v, want %s", what, rpcErr, want.raw)
	}
	if !reflect.DeepEqual(value, want.body) {
		t.Fatalf("%s: value\n%#v\nwant the JSON interface's\n%#v", what, value, want.body)
	}
}

// TestRPCDocumentedValues: the documented dry run's money comes as
// <double>7.50</double> over XML-RPC, as 7.50 over JSON-RPC; the Windows
// refusal is fault 2 with the documented message; an unknown method is
// fault 3.
func TestRPCDocumentedValues(t *testing.T) {
	e := newEnv(t)
	x := e.post(t, "/v1/xmlrpc", "text/xml", xmlDryRun, testKey)
	for _, want := range []string{"<member><name>net_total</name><value><double>7.50</double></value></member>", "<name>dry_run</name><value><boolean>1</boolean></value>"} {
		if !strings.Contains(string(x.raw), want) {
			t.Errorf("XML-RPC dry run lacks %s:\n%s", want, x.raw)
		}
	}
	j := e.post(t, "/v1/jsonrpc/", "application/json", jsonDryRun, testKey)
	if want := `{"result":{"sku":"MSVM001","currency":"GBP","dry_run":true,"net_setup_price":0.00,"net_total":7.50},"error":null,"id":1}`; strings.TrimSpace(string(j.raw)) != want {
		t.Errorf("JSON-RPC dry run = %s\nwant %s", j.raw, want)
	}
	_, fault := xmlrpcResult(t, e.post(t, "/v1/xmlrpc", "text/xml", xmlWindows, testKey))
	wantMsg := "os: Please select a valid choice. Microsoft Windows 2012 Server R2, Standard Edition is not available for the current configuration. Windows requires at least 2 GB RAM."
	if fault["faultCode"] != json.Number("2") || fault["faultString"] != wantMsg {
		t.Errorf("Windows fault = %v", fault)
	}
	_, fault = xmlrpcResult(t, e.post(t, "/v1/xmlrpc", "text/xml", xmlUnknown, testKey))
	if fault["faultCode"] != json.Number("3") || fault["faultString"] != "Method 'create.teleporter' does not exist" {
		t.Errorf("unknown method fault = %v", fault)
	}
}

// TestJSONRPCEnvelope: the id comes back as sent (a jsonrpclib string, a
// number, null when missing), "jsonrpc": "2.0" only when the request had
// it, and params may be absent, null, an object or [ {…} ].
func TestJSONRPCEnvelope(t *testing.T) {
	tests := []struct {
		name, body string
		want       string // the whole answer
	}{
		{"jsonrpclib, no arguments", `{"jsonrpc": "2.0", "method": "account.info", "id": "k3x9q2ab"}`,
			`{"jsonrpc":"2.0","result":{"consolidated_billing":false,"currency":"GBP"},"error":null,"id":"k3x9q2ab"}`},
		{"1.0 style, null params", `{"method": "account.info", "params": null, "id": 7}`,
			`{"result":{"consolidated_billing":false,"currency":"GBP"},"error":null,"id":7}`},
		{"empty array", `{"method": "account.info", "params": [], "id": 8}`,
			`{"result":{"consolidated_billing":false,"currency":"GBP"},"error":null,"id":8}`},
		{"no id", `{"method": "account.info"}`,
			`{"result":{"consolidated_billing":false,"currency":"GBP"},"error":null,"id":null}`},
		{"keyword arguments", `{"jsonrpc": "2.0", "method": "service.info", "params": {"name": "BADSERVERNAME"}, "id": "a1"}`,
			`{"jsonrpc":"2.0","result":null,"error":{"code":3,"message":"Couldn't find service with name 'BADSERVERNAME'","name":"ApiErrorDoesNotExist","error_type":"ApiErrorDoesNotExist"},"id":"a1"}`},
		{"positional arguments", `{"method": "service.info", "params": ["sandyaa1"], "id": 9}`,
			`{"result":null,"error":{"code":2,"message":"Positional parameters are not supported; send one object of named parameters, e.g. \"params\": {\"id\": …}.","name":"ApiErrorBadParameters","error_type":"ApiErrorBadParameters"},"id":9}`},
		{"a List as a value", `{"method": "service.info", "params": {"name": ["sandyaa1"]}, "id": 10}`,
			`{"result":null,"error":{"code":2,"message":"name: A List or Dictionary was sent; this parameter takes a single value.","name":"ApiErrorBadParameters","error_type":"ApiErrorBadParameters"},"id":10}`},
		{"a batch", `[{"method": "account.info", "id": 1}]`,
			`{"result":null,"error":{"code":2,"message":"JSON-RPC batches are not supported; send one call per request.","name":"ApiErrorBadParameters","error_type":"ApiErrorBadParameters"},"id":null}`},
		{"not JSON", `method=account.info`,
			`{"result":null,"error":{"code":2,"message":"The JSON-RPC request is not a JSON object; send {\"method\": \"job.status\", \"params\": {\"id\": …}, \"id\": 1}.","name":"ApiErrorBadParameters","error_type":"ApiErrorBadParameters"},"id":null}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			a := e.post(t, "/v1/jsonrpc/", "", tt.body, testKey)
			jsonrpcResult(t, a)
			if got := strings.TrimSpace(string(a.raw)); got != tt.want {
				t.Fatalf("answer %s\nwant   %s", got, tt.want)
			}
		})
	}
}

// TestRPCRequests: what the RPC interfaces accept and refuse, each with
// the JSON interface's error type, code and message. Errors are faults in
// an HTTP 200 answer, as xmlrpclib and jsonrpclib need.
func TestRPCRequests(t *testing.T) {
	one := func(method, members string) string {
		return `<?xml version="1.0"?><methodCall><methodName>` + method + `</methodName><params><param><value><struct>` + members + `</struct></value></param></params></methodCall>`
	}
	member := func(name, value string) string {
		return `<member><name>` + name + `</name><value>` + value + `</value></member>`
	}
	tests := []struct {
		name, body, key string
		code            int    // 0: a value
		msg             string // the fault's message, "" for any
	}{
		{"no params", `<methodCall><methodName>server.list</methodName></methodCall>`, testKey, 0, ""},
		{"int parameter", one("invoice.info", member("ref", "<int>1</int>")), testKey, 3, "Couldn't find invoice with ref '1'"},
		{"i4 parameter", one("invoice.info", member("ref", "<i4>1</i4>")), testKey, 3, "Couldn't find invoice with ref '1'"},
		{"date parameters", one("invoice.list", member("date_gte", "<dateTime.iso8601>20260101T00:00:00</dateTime.iso8601>")), testKey, 0, ""},
		{"nil is not sent", one("server.list", member("page", "<nil/>")), testKey, 0, ""},
		{"no key", one("server.list", ""), "", 4, "Authentication failed: no API key was given"},
		{"wrong key", one("server.list", ""), wrongKey, 4, "Authentication failed: the API key was not recognised"},
		{"api_key member", one("server.list", member("api_key", testKey)), "", 0, ""},
		{"unknown parameter", one("server.list", member("page", "<int>2</int>")), testKey, 2, "page: Unknown parameter for server.list."},
		{"bad boolean", one("create.monthly_miniserver", member("sku", "MSVM001")+member("os", "debian_jessie_64")+member("dry_run", "<boolean>yes</boolean>")), testKey, 2, "dry_run: 'yes' is not a valid XML-RPC boolean; send 1 or 0."},
		{"string boolean", one("create.monthly_miniserver", member("sku", "MSVM001")+member("os", "debian_jessie_64")+member("dry_run", "<string>maybe</string>")), testKey, 2, "dry_run: 'maybe' is not a valid boolean; send 1 or 0."},
		{"repeated member", one("service.info", member("name", "sandyaa1")+member("name", "sandyaa1")), testKey, 2, "name: The parameter was given more than once; send each parameter once."},
		{"a struct as a value", one("service.info", member("name", "<struct></struct>")), testKey, 2, "name: A List or Dictionary was sent; this parameter takes a single value."},
		{"positional", `<methodCall><methodName>service.info</methodName><params><param><value>sandyaa1</value></param></params></methodCall>`, testKey, 2, "XML-RPC methods take one struct of named parameters, e.g. job.status({'id': …}); this call sent a string."},
		{"two structs", `<methodCall><methodName>server.list</methodName><params><param><value><struct/></value></param><param><value><struct/></value></param></params></methodCall>`, testKey, 2, ""},
		{"not XML", `method=server.list`, testKey, 2, ""},
		{"no methodName", `<methodCall><params/></methodCall>`, testKey, 2, "The XML-RPC request is malformed: expected <methodName>, found <params>."},
		{"unknown type", one("server.list", member("x", "<float>1</float>")), testKey, 2, "The XML-RPC request is malformed: unknown value type <float>."},
		{"another encoding", `<?xml version="1.0" encoding="ISO-8859-1"?><methodCall><methodName>server.list</methodName></methodCall>`, testKey, 2, ""},
		{"too deep", one("server.list", member("x", strings.Repeat("<array><data><value>", 20)+"1"+strings.Repeat("</value></data></array>", 20))), testKey, 2, "The XML-RPC request is malformed: values nest more than 16 deep."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			_, fault := xmlrpcResult(t, e.post(t, "/v1/xmlrpc", "text/xml", tt.body, tt.key))
			switch {
			case tt.code == 0 && fault != nil:
				t.Fatalf("fault %v, want a value", fault)
			case tt.code != 0 && (fault == nil || fault["faultCode"] != json.Number(itoa(tt.code))):
				t.Fatalf("fault %v, want code %d", fault, tt.code)
			case tt.msg != "" && fault["faultString"] != tt.msg:
				t.Fatalf("faultString %q, want %q", fault["faultString"], tt.msg)
			}
		})
	}
}

// TestRPCVerbsAndTypes: the RPC interfaces take POST only (refused with an
// Allow header, in their own form), whatever the Content-Type: the path
// fixes the encoding, and curl -d sends a form's type.
func TestRPCVerbsAndTypes(t *testing.T) {
	e := newEnv(t)
	for _, path := range []string{"/v1/xmlrpc", "/v1/jsonrpc/"} {
		req := e.request(t, "GET", "", "")
		req.URL.Path = path
		req.SetBasicAuth(testKey, "")
		resp, err := e.srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 || resp.Header.Get("Allow") != "POST" {
			t.Errorf("GET %s: %d, Allow %q; want a 200 fault and Allow POST", path, resp.StatusCode, resp.Header.Get("Allow"))
		}
	}
	for _, ct := range []string{"", "text/xml", "application/x-www-form-urlencoded"} {
		if _, fault := xmlrpcResult(t, e.post(t, "/v1/xmlrpc", ct, xmlListMethods, testKey)); fault != nil {
			t.Errorf("XML-RPC as %q: %v", ct, fault)
		}
	}
	for _, ct := range []string{"", "application/json", "application/json-rpc", "application/x-www-form-urlencoded"} {
		if _, rpcErr, _ := jsonrpcResult(t, e.post(t, "/v1/jsonrpc", ct, jsonListMethods, testKey)); rpcErr != nil {
			t.Errorf("JSON-RPC as %q: %v", ct, rpcErr)
		}
	}
}

// TestRPCSharesDispatch: the three interfaces are one sandbox: an order
// placed over XML-RPC is the sandbox's order, job.status over JSON-RPC
// reads its job, requests are counted alike, a Status fault hits an RPC
// call (with its status and a fault in the interface's form), and failed
// logins over any interface throttle the client on all of them.
func TestRPCSharesDispatch(t *testing.T) {
	e := newEnv(t)
	order := strings.Replace(xmlDryRun, "<boolean>1</boolean>", "<boolean>0</boolean>", 1)
	v, fault := xmlrpcResult(t, e.post(t, "/v1/xmlrpc", "text/xml", order, testKey))
	if fault != nil {
		t.Fatalf("order over XML-RPC: %v", fault)
	}
	job, _ := v.(map[string]any)["job"].(map[string]any)
	orders := e.sb.Orders()
	if len(orders) != 1 || orders[0].JobID != job["id"] || orders[0].Method != model.MethodMonthlyMiniserver {
		t.Fatalf("orders = %+v after an XML-RPC order answering job %v", orders, job)
	}
	status, rpcErr, _ := jsonrpcResult(t, e.post(t, "/v1/jsonrpc/", "", `{"method": "job.status", "params": {"id": "`+orders[0].JobID+`"}, "id": 1}`, testKey))
	if rpcErr != nil || !reflect.DeepEqual(status, e.jobStatus(t, orders[0].JobID)) {
		t.Fatalf("job.status over JSON-RPC = %v %v, want the JSON interface's", status, rpcErr)
	}
	if n := e.sb.Requests(model.MethodJobStatus); n != 2 {
		t.Fatalf("Requests(job.status) = %d, want 2 (JSON-RPC and JSON)", n)
	}
	e.sb.AddFault(sandbox.Fault{Method: model.MethodListMethods, Status: 503, Times: 1})
	a := e.post(t, "/v1/xmlrpc", "text/xml", xmlListMethods, testKey)
	if a.status != 503 || !strings.Contains(string(a.raw), "<name>faultCode</name><value><int>1</int>") {
		t.Fatalf("a 503 fault over XML-RPC: %d %s", a.status, a.raw)
	}
	for range 10 {
		e.post(t, "/v1/xmlrpc", "text/xml", xmlListMethods, wrongKey)
	}
	_, rpcErr, _ = jsonrpcResult(t, e.post(t, "/v1/jsonrpc/", "", jsonListMethods, wrongKey))
	if rpcErr["error_type"] != string(model.ErrorThrottled) || rpcErr["code"] != json.Number("12") {
		t.Fatalf("after ten failed XML-RPC logins, JSON-RPC answers %v, want ApiErrorThrottled (12)", rpcErr)
	}
	req := e.request(t, "POST", "server.list/", "")
	req.SetBasicAuth(wrongKey, "")
	e.do(t, req).wantError(t, statusOf(model.ErrorThrottled), model.ErrorThrottled, "")
}
