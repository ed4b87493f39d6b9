package sandbox_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/memset-order/memset-order/api/sandbox"
	"github.com/memset-order/memset-order/model"
)

// servedNames calls system.listMethods on all three interfaces, checks they
// agree, and returns the JSON interface's list.
func servedNames(t *testing.T, e *env) []string {
	t.Helper()
	var out []string
	for _, v := range e.call(t, model.MethodListMethods, nil).list(t) {
		out = append(out, v.(string))
	}
	x, fault := xmlrpcResult(t, e.post(t, "/v1/xmlrpc", "text/xml", xmlListMethods, testKey))
	j, rpcErr, _ := jsonrpcResult(t, e.post(t, "/v1/jsonrpc/", "application/json", jsonListMethods, testKey))
	if fault != nil || rpcErr != nil {
		t.Fatalf("system.listMethods over RPC: %v %v", fault, rpcErr)
	}
	for what, l := range map[string]any{"XML-RPC": x, "JSON-RPC": j} {
		var names []string
		for _, v := range l.([]any) {
			names = append(names, v.(string))
		}
		if !slices.Equal(names, out) {
			t.Fatalf("system.listMethods over %s = %v, over JSON %v", what, names, out)
		}
	}
	return out
}

// TestListMethods: system.listMethods lists, sorted, exactly the methods the
// sandbox answers: every method of the table with a handler, a create
// method only when the catalogue sells its product. Each listed method
// answers (not ApiErrorDoesNotExist); a create method left out does not.
func TestListMethods(t *testing.T) {
	cat := model.DefaultCatalogue()
	var dropped model.Method
	cat.Products = slices.DeleteFunc(cat.Products, func(p *model.Product) bool {
		if p.ID == model.ProductMemstore {
			dropped = p.Method
			return true
		}
		return false
	})
	e := newEnv(t, sandbox.WithCatalogue(cat))
	got := servedNames(t, e)
	var want []string
	for _, m := range model.Methods {
		if m.Name != dropped {
			want = append(want, string(m.Name))
		}
	}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("system.listMethods = %v\nwant                %v", got, want)
	}
	for _, name := range got {
		if a := e.call(t, model.Method(name), nil); a.status == 404 && strings.HasPrefix(a.obj(t)["error"].(string), "Method ") {
			t.Errorf("%s is listed but does not exist: %s", name, a.raw)
		}
	}
	e.call(t, dropped, nil).wantError(t, 404, model.ErrorDoesNotExist, "Method '"+string(dropped)+"' does not exist")
}

// TestWithMethodName: a method served under another name answers under
// that name on every interface and not under its own; system.listMethods
// lists the served name; Requests and Orders keep the canonical one, and
// so does a Fault.
func TestWithMethodName(t *testing.T) {
	const served = "create.openstack_project"
	e := newEnv(t, sandbox.WithMethodName(model.MethodOpenStack, served))
	names := servedNames(t, e)
	if !slices.Contains(names, served) || slices.Contains(names, string(model.MethodOpenStack)) || !slices.IsSorted(names) {
		t.Fatalf("system.listMethods = %v, want %s instead of %s, sorted", names, served, model.MethodOpenStack)
	}
	params := map[string]string{"sku": "OSP-SMALL", "project_name": "lab", "dry_run": "1"}
	if a := e.call(t, served, params); a.status != 200 {
		t.Fatalf("%s: %d %s", served, a.status, a.raw)
	}
	e.call(t, model.MethodOpenStack, params).wantError(t, 404, model.ErrorDoesNotExist, "Method 'create.openstack' does not exist")
	e.call(t, served, map[string]string{"page": "1"}).wantError(t, 400, model.ErrorBadParameters, "page: Unknown parameter for create.openstack_project.")
	x, fault := xmlrpcResult(t, e.post(t, "/v1/xmlrpc", "text/xml", `<methodCall><methodName>create.openstack_project</methodName><params><param><value><struct>
<member><name>sku</name><value>OSP-SMALL</value></member><member><name>project_name</name><value>lab</value></member>
<member><name>dry_run</name><value><boolean>1</boolean></value></member></struct></value></param></params></methodCall>`, testKey))
	if fault != nil || x.(map[string]any)["dry_run"] != true {
		t.Fatalf("XML-RPC %s: %v %v", served, x, fault)
	}
	if n := e.sb.Requests(model.MethodOpenStack); n != 3 {
		t.Fatalf("Requests(%s) = %d, want 3 (the requests under the served name)", model.MethodOpenStack, n)
	}
	e.sb.AddFault(sandbox.Fault{Method: model.MethodOpenStack, Status: 503, Times: 1})
	if a := e.call(t, served, params); a.status != 503 {
		t.Fatalf("a fault for %s under its served name: %d %s", model.MethodOpenStack, a.status, a.raw)
	}
	params["dry_run"] = "0"
	if a := e.call(t, served, params); a.status != 200 {
		t.Fatalf("real order: %d %s", a.status, a.raw)
	}
	if o := e.sb.Orders(); len(o) != 1 || o[0].Method != model.MethodOpenStack {
		t.Fatalf("orders = %+v, want one of %s", o, model.MethodOpenStack)
	}
}

// TestWithMethodNameOrder: a later option for the same method wins, served
// == canonical undoes it, and a served name another method answers to
// hides that method.
func TestWithMethodNameOrder(t *testing.T) {
	tests := []struct {
		name       string
		opts       []sandbox.Option
		want, gone []string
		hidden     int // methods no longer answered
	}{
		{"later wins", []sandbox.Option{sandbox.WithMethodName(model.MethodOpenStack, "create.a"), sandbox.WithMethodName(model.MethodOpenStack, "create.b")},
			[]string{"create.b"}, []string{"create.a", "create.openstack"}, 0},
		{"undone", []sandbox.Option{sandbox.WithMethodName(model.MethodOpenStack, "create.a"), sandbox.WithMethodName(model.MethodOpenStack, model.MethodOpenStack)},
			[]string{"create.openstack"}, []string{"create.a"}, 0},
		{"hides another", []sandbox.Option{sandbox.WithMethodName(model.MethodOpenStack, model.MethodMemstore)},
			[]string{"create.memstore"}, []string{"create.openstack"}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			names := servedNames(t, newEnv(t, tt.opts...))
			for _, w := range tt.want {
				if !slices.Contains(names, w) {
					t.Errorf("%s not listed: %v", w, names)
				}
			}
			for _, g := range tt.gone {
				if slices.Contains(names, g) {
					t.Errorf("%s listed: %v", g, names)
				}
			}
			if want := len(model.Methods) - tt.hidden; len(names) != want {
				t.Errorf("%d names, want %d", len(names), want)
			}
		})
	}
}

// TestParseMethodName reads the --method-name form.
func TestParseMethodName(t *testing.T) {
	tests := []struct {
		spec            string
		canonical, want model.Method
		err             string
	}{
		{"create.openstack=create.openstack_project", model.MethodOpenStack, "create.openstack_project", ""},
		{" job.status = job.info ", model.MethodJobStatus, "job.info", ""},
		{"create.openstack", "", "", "want CANONICAL=SERVED"},
		{"create.teleporter=create.x", "", "", "not a method the sandbox answers"},
		{"create.openstack=openstack", "", "", "not a method name"},
		{"create.openstack=create.a/b", "", "", "not a method name"},
	}
	for _, tt := range tests {
		c, s, err := sandbox.ParseMethodName(tt.spec)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("ParseMethodName(%q) = %v, want an error saying %q", tt.spec, err, tt.err)
			}
			continue
		}
		if err != nil || c != tt.canonical || s != tt.want {
			t.Errorf("ParseMethodName(%q) = %s, %s, %v", tt.spec, c, s, err)
		}
	}
}
