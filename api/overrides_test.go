package api_test

import (
	"context"
	"errors"
	"maps"
	"net/http"
	"strings"
	"testing"

	"github.com/memset-order/memset-order/api"
	"github.com/memset-order/memset-order/model"
)

// TestParseOverrides: what an overrides file may hold, and the error,
// naming the section and the key, for everything it may not.
func TestParseOverrides(t *testing.T) {
	for _, tc := range []struct {
		name    string
		file    string
		methods map[model.Method]model.Method
		types   map[string]model.ErrorType
		err     string
	}{
		{name: "both sections", file: `{"methods": {"create.openstack": "create.openstack_project"}, "error_types": {"ApiErrorInvalidParams": "ApiErrorBadParameters"}}`,
			methods: map[model.Method]model.Method{model.MethodOpenStack: "create.openstack_project"},
			types:   map[string]model.ErrorType{"ApiErrorInvalidParams": model.ErrorBadParameters}},
		{name: "methods only", file: `{"methods": {"create.available_services": "create.services_list"}}`,
			methods: map[model.Method]model.Method{model.MethodServicesList: "create.services_list"}},
		{name: "empty sections", file: `{"methods": {}, "error_types": {}}`,
			methods: map[model.Method]model.Method{}, types: map[string]model.ErrorType{}},
		{name: "an empty object", file: "{}\n"},
		{name: "a create sent outside create", file: `{"methods": {"create.openstack": "openstack.project_create"}}`,
			methods: map[model.Method]model.Method{model.MethodOpenStack: "openstack.project_create"}},
		{name: "empty file", file: " \n", err: "the file is empty"},
		{name: "not an object", file: `["methods"]`, err: "one JSON object"},
		{name: "not JSON", file: "{\n  \"methods\": {,}\n}", err: "not JSON: invalid character ',' (line 2, column 15)"},
		{name: "cut short", file: `{"methods": {"create.openstack": `, err: "ends early"},
		{name: "more after the object", file: `{} {}`, err: "more after the JSON object"},
		{name: "unknown key", file: `{"method": {}}`, err: `unknown key "method": an overrides file holds only "methods" and "error_types"`},
		{name: "a section twice", file: `{"methods": {}, "methods": {}}`, err: `"methods" is given twice`},
		{name: "a key twice", file: `{"methods": {"create.openstack": "create.a", "create.openstack": "create.b"}}`, err: `"methods": "create.openstack" is given twice`},
		{name: "a section that is not an object", file: `{"methods": ["create.openstack"]}`, err: `"methods" must be an object`},
		{name: "a value that is not a string", file: `{"methods": {"create.openstack": null}}`, err: `"methods": the value of "create.openstack" must be a name in quotes`},
		{name: "an object for a value", file: `{"error_types": {"ApiErrorX": {}}}`, err: `"error_types": the value of "ApiErrorX" must be a name in quotes`},
		{name: "not a method name", file: `{"methods": {"Create.OpenStack": "create.x"}}`, err: `"methods": "Create.OpenStack" is not a method name`},
		{name: "not one of ours", file: `{"methods": {"create.openstak": "create.x"}}`, err: `"methods": "create.openstak" is not one of memset-order's methods: account.info, bandwidth.info`},
		{name: "a bad real name", file: `{"methods": {"create.openstack": "create openstack"}}`, err: `"methods": the name for create.openstack, "create openstack", is not a method name`},
		{name: "another of ours", file: `{"methods": {"create.memstore": "create.monthly_miniserver"}}`, err: `"methods": create.monthly_miniserver is memset-order's name for another method, so create.memstore may not be sent under it`},
		{name: "a read as a create", file: `{"methods": {"job.status": "create.job_status"}}`, err: `"methods": job.status only reads, so it may not be sent under "create.job_status", the name of a create method`},
		{name: "two under one name", file: `{"methods": {"create.openstack": "create.cloud", "create.memstore": "create.cloud"}}`, err: `"methods": create.memstore and create.openstack are both sent as create.cloud`},
		{name: "not an error type", file: `{"error_types": {"Api Error": "ApiErrorInternal"}}`, err: `"error_types": "Api Error" is not an error type name`},
		{name: "an error type of ours as a key", file: `{"error_types": {"ApiErrorThrottled": "ApiErrorInternal"}}`, err: `"error_types": ApiErrorThrottled is already one of memset-order's error types`},
		{name: "not one of our error types", file: `{"error_types": {"ApiErrorInvalidParams": "ApiErrorBadParams"}}`, err: `"error_types": ApiErrorInvalidParams is mapped to "ApiErrorBadParams", which is not one of memset-order's error types: ApiErrorAlreadyInProgress`},
		{name: "too large", file: `{"methods": {}}` + strings.Repeat(" ", api.MaxOverridesBytes), err: "larger than the 64 KiB cap"},
		{name: "not UTF-8", file: "{\"methods\": {\"\xff\": \"x\"}}", err: "not UTF-8"},
		{name: "a control character in a key is shown safely", file: `{"methods": {"create.\u001b[31m": "create.x"}}`, err: "\"create.\ufffd[31m\" is not a method name"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o, err := api.ParseOverrides([]byte(tc.file))
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want one containing %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !maps.Equal(o.Methods, tc.methods) || !maps.Equal(o.ErrorTypes, tc.types) {
				t.Errorf("parsed %+v, want methods %v and error types %v", o, tc.methods, tc.types)
			}
		})
	}
}

// TestOverridesEncode: a file written by Encode reads back as the same
// overrides, with both sections present and keys sorted.
func TestOverridesEncode(t *testing.T) {
	o := api.Overrides{
		Methods:    map[model.Method]model.Method{model.MethodOpenStack: "create.openstack_project", model.MethodMemstore: "create.memstore_instance"},
		ErrorTypes: map[string]model.ErrorType{"ApiErrorInvalidParams": model.ErrorBadParameters},
	}
	want := `{
  "methods": {
    "create.memstore": "create.memstore_instance",
    "create.openstack": "create.openstack_project"
  },
  "error_types": {
    "ApiErrorInvalidParams": "ApiErrorBadParameters"
  }
}
`
	if got := string(o.Encode()); got != want {
		t.Errorf("Encode:\n%s\nwant\n%s", got, want)
	}
	back, err := api.ParseOverrides(o.Encode())
	if err != nil || !maps.Equal(back.Methods, o.Methods) || !maps.Equal(back.ErrorTypes, o.ErrorTypes) {
		t.Errorf("read back %+v, %v", back, err)
	}
	if empty := string(api.Overrides{}.Encode()); empty != "{\n  \"methods\": {},\n  \"error_types\": {}\n}\n" {
		t.Errorf("no overrides encode as %q", empty)
	}
	if line := api.OverrideLine("create.openstack", "create.openstack_project"); line != `"create.openstack": "create.openstack_project"` {
		t.Errorf("OverrideLine = %s", line)
	}
}

// TestMethodOverridesSent: with an override the client sends the real
// name for every call of that method — dry runs and real orders alike —
// and the debug log shows it; other methods keep their names, and the
// client still decides by its own name (a create without dry_run=1 is
// refused by Call).
func TestMethodOverridesSent(t *testing.T) {
	const real = "create.openstack_project"
	srv, count := server(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/v1/json/" + real + "/":
			_ = r.ParseForm()
			if r.PostForm.Get("dry_run") == "1" {
				jsonReply(w, 200, `{"sku":"OSP-SMALL","currency":"GBP","dry_run":true,"net_setup_price":0,"net_total":20}`)
				return
			}
			jsonReply(w, 200, `{"sku":"OSP-SMALL","currency":"GBP","dry_run":false,"net_setup_price":0,"net_total":20,"invoice_ref":100291,"job":{"id":"`+testJobID+`","status":"AWAITING-PAYMENT","type":"SETUP-NEW-OPENSTACK","finished":false,"error":false}}`)
		case "/v1/json/job.status/":
			jsonReply(w, 200, `{"id":"`+testJobID+`","status":"DONE","type":"x","finished":true,"error":false}`)
		default:
			jsonReply(w, 404, `{"error":"Method does not exist","error_type":"ApiErrorDoesNotExist","error_code":3}`)
		}
	})
	var log syncBuffer
	c, _ := client(t, srv.URL, api.WithDebugLog(&log), api.WithMethodOverrides(map[model.Method]model.Method{model.MethodOpenStack: real}))
	if got := c.MethodName(model.MethodOpenStack); got != real {
		t.Errorf("MethodName(create.openstack) = %s", got)
	}
	if got := c.MethodName(model.MethodJobStatus); got != model.MethodJobStatus {
		t.Errorf("MethodName(job.status) = %s", got)
	}
	ctx := context.Background()
	o := model.Order{Product: model.ProductOpenStack, SKU: "OSP-SMALL"}
	if _, err := c.Quote(ctx, o); err != nil {
		t.Fatalf("dry run: %v", err)
	}
	if _, err := c.Place(ctx, o); err != nil {
		t.Fatalf("order: %v", err)
	}
	if _, err := c.JobStatus(ctx, testJobID); err != nil {
		t.Fatalf("job.status: %v", err)
	}
	if err := c.Call(ctx, model.MethodOpenStack, nil, nil); err == nil || !strings.Contains(err.Error(), "refuses to send create.openstack without dry_run=1") {
		t.Errorf("Call of an overridden create without dry_run: %v", err)
	}
	if n := count.get("/v1/json/" + real + "/"); n != 2 {
		t.Errorf("%d calls to %s, want the dry run and the order", n, real)
	}
	if n := count.get("/v1/json/create.openstack/"); n != 0 {
		t.Errorf("%d calls under memset-order's own name", n)
	}
	if !strings.Contains(log.String(), "--> POST "+srv.URL+"/v1/json/"+real+"/") || strings.Contains(log.String(), "/create.openstack/") {
		t.Errorf("the debug log does not show the name sent:\n%s", log.String())
	}
}

// TestErrorTypeOverrides: an error_type memset-order does not know is read
// as the one its override names.
func TestErrorTypeOverrides(t *testing.T) {
	srv, _ := server(t, func(w http.ResponseWriter, _ *http.Request) {
		jsonReply(w, 400, `{"error":"os: not available","error_type":"ApiErrorInvalidParams","error_code":99}`)
	})
	plain, _ := client(t, srv.URL)
	fixed, _ := client(t, srv.URL, api.WithErrorTypeOverrides(map[string]model.ErrorType{"ApiErrorInvalidParams": model.ErrorBadParameters}))
	ctx := context.Background()
	_, err := plain.Quote(ctx, docOrder)
	if api.IsBadParameters(err) {
		t.Errorf("without the override an unknown type with an unknown code is bad parameters: %v", err)
	}
	_, err = fixed.Quote(ctx, docOrder)
	var e *api.Error
	if !api.IsBadParameters(err) || !errors.As(err, &e) || e.Type != model.ErrorBadParameters || e.Param != "os" {
		t.Errorf("with the override: %v (%+v)", err, e)
	}
}

// TestOverrideOptionsRefused: the options refuse what the file parser
// refuses, naming the option.
func TestOverrideOptionsRefused(t *testing.T) {
	for _, tc := range []struct {
		opt api.Option
		err string
	}{
		{api.WithMethodOverrides(map[model.Method]model.Method{"create.nothing": "create.x"}), "WithMethodOverrides: \"methods\": \"create.nothing\" is not one of memset-order's methods"},
		{api.WithMethodOverrides(map[model.Method]model.Method{model.MethodServerList: "create.server_list"}), "server.list only reads"},
		{api.WithMethodOverrides(map[model.Method]model.Method{model.MethodOpenStack: "x", model.MethodMemstore: "x.y"}), "is not a method name"},
		{api.WithErrorTypeOverrides(map[string]model.ErrorType{"ApiErrorX": "Nope"}), "WithErrorTypeOverrides: \"error_types\": ApiErrorX is mapped to \"Nope\""},
	} {
		if _, err := api.New(tc.opt); err == nil || !strings.Contains(err.Error(), tc.err) {
			t.Errorf("api.New: %v, want an error containing %q", err, tc.err)
		}
	}
	if _, err := api.New(api.WithMethodOverrides(nil), api.WithErrorTypeOverrides(nil)); err != nil {
		t.Errorf("no overrides: %v", err)
	}
}

// FuzzParseOverrides: whatever the file holds, parsing never panics; what
// it accepts is valid for the client's options and reads back the same
// after Encode.
func FuzzParseOverrides(f *testing.F) {
	for _, seed := range []string{
		`{"methods": {"create.openstack": "create.openstack_project"}, "error_types": {"ApiErrorInvalidParams": "ApiErrorBadParameters"}}`,
		`{}`, `{"methods": {}}`, `{"methods": {"job.status": "create.x"}}`, `{"error_types": {"A": "ApiErrorInternal"}}`,
		`{"methods": {"create.memstore": "create.m", "create.openstack": "create.m"}}`, `[`, `{"methods": {"a": 1}}`, "{\"methods\": {\"\xff\": \"\"}}",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		o, err := api.ParseOverrides(data)
		if err != nil {
			if o.Methods != nil || o.ErrorTypes != nil {
				t.Fatalf("an error with overrides: %+v", o)
			}
			return
		}
		if _, err := api.New(o.Options()...); err != nil {
			t.Fatalf("accepted %q, but the client refuses it: %v", data, err)
		}
		back, err := api.ParseOverrides(o.Encode())
		if err != nil || len(back.Methods) != len(o.Methods) || len(back.ErrorTypes) != len(o.ErrorTypes) {
			t.Fatalf("%q does not read back after Encode: %+v, %v", data, back, err)
		}
		for k, v := range o.Methods {
			if back.Methods[k] != v {
				t.Fatalf("method %s: %s after Encode, %s before", k, back.Methods[k], v)
			}
		}
		for k, v := range o.ErrorTypes {
			if back.ErrorTypes[k] != v {
				t.Fatalf("error type %s: %s after Encode, %s before", k, back.ErrorTypes[k], v)
			}
		}
	})
}
