package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/memset-order/memset-order/api/sandbox"
	"github.com/memset-order/memset-order/model"
)

// doctorRun is one run of the doctor: what it printed and its error.
type doctorRun struct {
	out string
	err error
}

// runDoctorWith runs the doctor on bo with opts filled in by set.
func runDoctorWith(t *testing.T, bo BackendOptions, set func(*DoctorOptions)) doctorRun {
	t.Helper()
	io, out, _ := testIO()
	opts := &DoctorOptions{IO: io, Backend: bo, Output: "text"}
	if set != nil {
		set(opts)
	}
	err := runDoctor(context.Background(), opts)
	if text := strings.ToLower(out.String() + fmt.Sprint(err)); strings.Contains(text, testKey) {
		t.Errorf("the doctor showed the key:\n%s", text)
	}
	return doctorRun{out: out.String(), err: err}
}

// report decodes -o json.
func (r doctorRun) report(t *testing.T) doctorReport {
	t.Helper()
	var rep doctorReport
	if err := json.Unmarshal([]byte(r.out), &rep); err != nil {
		t.Fatalf("-o json does not decode: %v\n%s", err, r.out)
	}
	return rep
}

// lines are the printed lines that start with status.
func (r doctorRun) lines(status string) []string {
	var out []string
	for _, l := range strings.Split(r.out, "\n") {
		if strings.HasPrefix(l, status+" ") {
			out = append(out, l)
		}
	}
	return out
}

// served is a sandbox over HTTP behind wrap (nil: none), with testKey, and
// the backend options that reach it with a config directory of its own.
func served(t *testing.T, wrap func(http.Handler) http.Handler, opts ...sandbox.Option) (*sandbox.Sandbox, BackendOptions) {
	t.Helper()
	sb := sandbox.New(append([]sandbox.Option{sandbox.WithAPIKey(testKey), sandbox.WithAutoPay(0)}, opts...)...)
	var h http.Handler = sb
	if wrap != nil {
		h = wrap(sb)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return sb, BackendOptions{APIURL: srv.URL + "/v1/json",
		Getenv: env(map[string]string{"MEMSET_API_KEY": testKey, "XDG_CONFIG_HOME": t.TempDir()})}
}

// TestDoctorEmbeddedSandbox: `doctor --sandbox` finds everything, exits 0,
// and says so in text and in JSON of the documented shape.
func TestDoctorEmbeddedSandbox(t *testing.T) {
	f, out, _ := testFactory(nil)
	if err := execute(newCmdRoot(f, nil), "doctor", "--sandbox"); err != nil {
		t.Fatalf("doctor --sandbox: %v\n%s", err, out)
	}
	text := out.String()
	for _, want := range []string{
		"memset-order doctor: the embedded sandbox\n",
		"ok    endpoint   the embedded sandbox answered, in memory",
		"ok    listing    system.listMethods over JSON lists",
		"ok    method     create.monthly_miniserver: listed, and the key may call it (a dry run of monthly_miniserver priced it at £7.50)",
		"ok    key        accepted",
		"ok    services   Memset's services list and the catalogue agree",
		"\nEverything memset-order needs is there.\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("no %q in\n%s", want, text)
		}
	}
	if bad := append(doctorRun{out: text}.lines("warn"), doctorRun{out: text}.lines("fail")...); len(bad) > 0 {
		t.Errorf("the embedded sandbox has findings:\n%s", strings.Join(bad, "\n"))
	}

	f, out, _ = testFactory(nil)
	if err := execute(newCmdRoot(f, nil), "doctor", "--sandbox", "-o", "json"); err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
		t.Fatalf("-o json: %v\n%s", err, out)
	}
	wantKeys(t, "report", doc, "endpoint", "sandbox", "key", "overrides_file", "overrides_applied", "listed_via", "listed", "findings", "methods", "overrides", "wrote_overrides", "status", "exit")
	rep := doctorRun{out: out.String()}.report(t)
	if rep.Status != "ok" || rep.Exit != 0 || !rep.Sandbox || rep.ListedVia != "JSON" || len(rep.Methods) != len(model.Methods) {
		t.Errorf("report %+v", rep)
	}
	wantKeys(t, "finding", doc["findings"].([]any)[0].(map[string]any), "check", "subject", "status", "message", "override")
	wantKeys(t, "method", doc["methods"].([]any)[0].(map[string]any), "name", "source", "needed", "sent_as", "listed", "key", "close_matches")
	wantKeys(t, "overrides", doc["overrides"].(map[string]any), "methods", "error_types")
}

// TestDoctorUsage: the real API needs a key; flags that make no sense are
// bad usage.
func TestDoctorUsage(t *testing.T) {
	for _, args := range [][]string{{"doctor"}, {"doctor", "-o", "yaml", "--sandbox"}, {"doctor", "--force", "--sandbox"}, {"doctor", "--sandbox", "extra"}, {"doctor", "--sandbox", "--write-overrides"}} {
		f, _, _ := testFactory(nil)
		err := execute(newCmdRoot(f, nil), args...)
		if StatusOf(err) != StatusUsage {
			t.Errorf("%v: %v (status %d), want bad usage", args, err, StatusOf(err))
		}
	}
	f, _, _ := testFactory(nil)
	var got *DoctorOptions
	root := newCmdRoot(f, nil)
	for _, c := range root.Commands() {
		if c.Name() == "doctor" {
			root.RemoveCommand(c)
		}
	}
	root.AddCommand(newCmdDoctor(f, &Globals{OverridesFile: "x"}, func(_ context.Context, o *DoctorOptions) error { got = o; return nil }))
	if err := execute(root, "doctor", "--write-overrides", "--force", "-o", "json"); err != nil || !got.WriteOverrides || !got.Force || got.Output != "json" || got.Backend.OverridesFile != "x" {
		t.Errorf("flags: %+v, %v", got, err)
	}
}

// TestDoctorRenamedMethod: a Memset whose create.openstack is
// create.openstack_project. The doctor reports the missing method, its
// close match and the override, exits 1, and writes the override; with the
// file written the wizard's path works again (a dry run of openstack
// through a client built by OpenBackend), and the doctor passes.
func TestDoctorRenamedMethod(t *testing.T) {
	const realName = "create.openstack_project"
	sb, bo := served(t, nil, sandbox.WithMethodName(model.MethodOpenStack, realName))
	r := runDoctorWith(t, bo, nil)
	if StatusOf(r.err) != StatusError {
		t.Fatalf("doctor: %v, want status 1\n%s", r.err, r.out)
	}
	start := `fail  method     create.openstack: not in the API's list of methods (create.openstack: `
	end := `(ApiErrorDoesNotExist, HTTP 404)); close match: create.openstack_project — override in "methods": "create.openstack": "create.openstack_project"`
	if fails := r.lines("fail"); len(fails) != 1 || !strings.HasPrefix(fails[0], start) || !strings.HasSuffix(fails[0], end) {
		t.Errorf("fail lines:\n%s\nwant one line\n%s…%s", strings.Join(fails, "\n"), start, end)
	}
	cfg := bo.Getenv("XDG_CONFIG_HOME")
	path := filepath.Join(cfg, "memset-order", "overrides.json")
	if !strings.Contains(r.out, "memset-order doctor --write-overrides writes the overrides above to "+path) {
		t.Errorf("no advice to write the overrides:\n%s", r.out)
	}

	j := runDoctorWith(t, bo, func(o *DoctorOptions) { o.Output = "json"; o.WriteOverrides = true })
	rep := j.report(t)
	if rep.Exit != 1 || rep.Status != "fail" || rep.WroteOverrides != path || rep.Overrides.Methods["create.openstack"] != realName {
		t.Errorf("report %+v", rep)
	}
	i := slices.IndexFunc(rep.Methods, func(m methodReport) bool { return m.Name == model.MethodOpenStack })
	if m := rep.Methods[i]; m.Listed != "no" || m.Key != "missing" || !slices.Equal(m.CloseMatches, []string{realName}) || !m.Needed {
		t.Errorf("create.openstack: %+v", m)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if want := "{\n  \"methods\": {\n    \"create.openstack\": \"create.openstack_project\"\n  },\n  \"error_types\": {}\n}\n"; string(data) != want {
		t.Errorf("overrides file:\n%s", data)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("overrides file mode %v", fi.Mode().Perm())
	}

	b, err := OpenBackend(bo, KeyIO{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	q, err := b.Client.Quote(context.Background(), model.Order{Product: model.ProductOpenStack, SKU: "OSP-SMALL"})
	if err != nil || !q.DryRun || q.SKU != "OSP-SMALL" {
		t.Fatalf("a dry run with the overrides: %+v, %v", q, err)
	}

	again := runDoctorWith(t, bo, func(o *DoctorOptions) { o.WriteOverrides = true })
	if again.err != nil || len(again.lines("fail")) != 0 || !strings.Contains(again.out, "ok    method     create.openstack: sent as create.openstack_project (the overrides file): listed, and the key may call it") ||
		!strings.Contains(again.out, "ok    overrides  "+path+": 1 method name and 0 error types, applied\n") ||
		!strings.Contains(again.out, "Nothing to write: "+path+" holds the overrides found already.") {
		t.Errorf("with the overrides: %v\n%s", again.err, again.out)
	}
	if n := len(sb.Orders()); n != 0 {
		t.Errorf("the doctor ordered %d times", n)
	}
}

// TestDoctorWriteRefusesExisting: a file the doctor did not read is not
// replaced without --force.
func TestDoctorWriteRefusesExisting(t *testing.T) {
	_, bo := served(t, nil, sandbox.WithMethodName(model.MethodMemstore, "create.memstore_instance"))
	other := writeFile(t, "mine.json", "{}")
	bo.OverridesFile = other
	r := runDoctorWith(t, bo, func(o *DoctorOptions) { o.WriteOverrides = true })
	if r.err == nil || !strings.Contains(r.err.Error(), other+" already exists; add --force to replace it") {
		t.Fatalf("error %v", r.err)
	}
	r = runDoctorWith(t, bo, func(o *DoctorOptions) { o.WriteOverrides, o.Force = true, true })
	data, _ := os.ReadFile(other)
	if StatusOf(r.err) != StatusError || !strings.Contains(string(data), `"create.memstore": "create.memstore_instance"`) {
		t.Errorf("with --force: %v, file %s", r.err, data)
	}
}

// rewrite is a wrapper that passes requests to the sandbox and lets edit
// change the answer.
func rewrite(edit func(r *http.Request, rec *httptest.ResponseRecorder)) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			rec := httptest.NewRecorder()
			next.ServeHTTP(rec, r)
			edit(r, rec)
			for k, v := range rec.Header() {
				w.Header()[k] = v
			}
			w.WriteHeader(rec.Code)
			_, _ = w.Write(rec.Body.Bytes())
		})
	}
}

// TestDoctorListsOverXMLRPC: when the JSON interface lacks
// system.listMethods, the list comes over XML-RPC.
func TestDoctorListsOverXMLRPC(t *testing.T) {
	_, bo := served(t, rewrite(func(r *http.Request, rec *httptest.ResponseRecorder) {
		if r.URL.Path == "/v1/json/system.listMethods/" {
			rec.Code = http.StatusNotFound
			rec.Body.Reset()
			rec.Body.WriteString(`{"error":"Method system.listMethods does not exist","error_type":"ApiErrorDoesNotExist","error_code":3}`)
		}
	}))
	r := runDoctorWith(t, bo, nil)
	if r.err != nil || !strings.Contains(r.out, "ok    listing    system.listMethods over XML-RPC lists") {
		t.Errorf("%v\n%s", r.err, r.out)
	}
}

// TestDoctorScopedKey: a key refused by some methods is reported as
// scoped, each method it may not call named; a needed one fails the run.
func TestDoctorScopedKey(t *testing.T) {
	sb, bo := served(t, nil)
	refusal := `{"error":"This API key may not call this method","error_type":"ApiErrorAuthenticationFailed","error_code":4}`
	for _, m := range []model.Method{model.MethodMemstore, model.MethodAccountInfo} {
		sb.AddFault(sandbox.Fault{Method: m, Status: http.StatusForbidden, Body: refusal})
	}
	r := runDoctorWith(t, bo, nil)
	if StatusOf(r.err) != StatusError {
		t.Fatalf("%v\n%s", r.err, r.out)
	}
	for _, want := range []string{
		"fail  method     create.memstore: the key may not call it (create.memstore: the API key was refused (check MEMSET_API_KEY): This API key may not call this method (ApiErrorAuthenticationFailed, HTTP 403)): it is scoped to other methods",
		"warn  method     account.info: the key may not call it (",
		"memset-order can do without it",
		"warn  key        accepted, but scoped to some methods: it may call 17 of memset-order's methods, and not create.memstore, account.info",
	} {
		if !strings.Contains(r.out, want) {
			t.Errorf("no %q in\n%s", want, r.out)
		}
	}
}

// TestDoctorRefusedKey: a key refused by everything: the doctor stops
// after three refusals in a row, so as not to be throttled, and fails.
func TestDoctorRefusedKey(t *testing.T) {
	var mu sync.Mutex
	calls := 0
	_, bo := served(t, func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			calls++
			mu.Unlock()
			next.ServeHTTP(w, r)
		})
	})
	bo.Getenv = env(map[string]string{"MEMSET_API_KEY": strings.Repeat("f", 32)})
	r := runDoctorWith(t, bo, nil)
	if StatusOf(r.err) != StatusError || !strings.Contains(r.out, "fail  key        refused by every call (check key sha256:") ||
		!strings.Contains(r.out, "not called: the key was refused 3 times in a row, and Memset throttles after about ten") {
		t.Errorf("%v\n%s", r.err, r.out)
	}
	if calls != 3 {
		t.Errorf("%d requests with a refused key, want 3 (the list, two reads)", calls)
	}
}

// TestDoctorClock: more than a minute between the server's Date and this
// clock is a warning; less is fine.
func TestDoctorClock(t *testing.T) {
	date := time.Date(2026, 11, 27, 9, 30, 0, 0, time.UTC)
	_, bo := served(t, func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Date", date.Format(http.TimeFormat))
			next.ServeHTTP(w, r)
		})
	})
	for _, tc := range []struct {
		now  time.Time
		want string
	}{
		{date.Add(5 * time.Minute), "warn  clock      this machine's clock is 4m59s ahead of the server's"},
		{date.Add(-3 * time.Minute), "warn  clock      this machine's clock is 2m59s behind the server's"},
		{date.Add(20 * time.Second), "ok    clock      the server's clock and this machine's agree within 19s"},
		{date, "ok    clock      the server's clock and this machine's agree to the second"},
	} {
		r := runDoctorWith(t, bo, func(o *DoctorOptions) { o.Now = func() time.Time { return tc.now } })
		if !strings.Contains(r.out, tc.want) || r.err != nil {
			t.Errorf("now %s: %v, no %q in\n%s", tc.now, r.err, tc.want, r.out)
		}
	}
}

// TestDoctorUnknownErrorType: an error_type memset-order does not know is
// reported with the override its code points to, and written.
func TestDoctorUnknownErrorType(t *testing.T) {
	_, bo := served(t, rewrite(func(_ *http.Request, rec *httptest.ResponseRecorder) {
		b := bytes.ReplaceAll(rec.Body.Bytes(), []byte(`"ApiErrorDoesNotExist"`), []byte(`"ApiErrorNotFound"`))
		rec.Body.Reset()
		rec.Body.Write(b)
	}))
	r := runDoctorWith(t, bo, func(o *DoctorOptions) { o.WriteOverrides = true })
	want := `warn  error_type ApiErrorNotFound: create.verify_discount_code answered ApiErrorNotFound (code 3, HTTP 404), which memset-order does not know; by its code it is ApiErrorDoesNotExist — override in "error_types": "ApiErrorNotFound": "ApiErrorDoesNotExist"`
	if r.err != nil || !strings.Contains(r.out, want) {
		t.Errorf("%v, no\n%s\nin\n%s", r.err, want, r.out)
	}
	o, found, err := LoadOverrides(filepath.Join(bo.Getenv("XDG_CONFIG_HOME"), "memset-order", "overrides.json"), true)
	if err != nil || !found || o.ErrorTypes["ApiErrorNotFound"] != model.ErrorDoesNotExist || len(o.Methods) != 0 {
		t.Errorf("written %+v, %v", o, err)
	}
}

// TestDoctorServices: the services and plans the services list and the
// catalogue do not share.
func TestDoctorServices(t *testing.T) {
	_, bo := served(t, nil)
	cat := model.DefaultCatalogue()
	mini, _ := cat.Product(model.ProductMonthlyMiniserver)
	dropped := mini.SKUs[len(mini.SKUs)-1].Code
	mini.SKUs = mini.SKUs[:len(mini.SKUs)-1]
	cat.Products = slices.DeleteFunc(cat.Products, func(p *model.Product) bool { return p.ID == model.ProductMemstore })
	bo.CatalogueFile = writeCatalogueFile(t, cat)
	r := runDoctorWith(t, bo, nil)
	for _, want := range []string{
		"warn  services   memstore: Memset offers this service (create.memstore), but the catalogue lacks it",
		"warn  services   " + dropped + ": Memset offers this plan of monthly_miniserver, but the catalogue lacks it",
		"warn  method     create.memstore: listed; not called: no call of it is in the doctor",
	} {
		if !strings.Contains(r.out, want) {
			t.Errorf("no %q in\n%s", want, r.out)
		}
	}
	if r.err != nil {
		t.Errorf("warnings only, but %v", r.err)
	}
}

// TestDoctorNeverOrders: every create the doctor sends is a dry run, and
// when a dry run is answered with a real order it says so and sends no
// further create.
func TestDoctorNeverOrders(t *testing.T) {
	var mu sync.Mutex
	var creates []string
	sb, bo := served(t, func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if strings.Contains(r.URL.Path, "/create.") && !strings.Contains(r.URL.Path, "available_services") && !strings.Contains(r.URL.Path, "discount") {
				_ = r.ParseForm()
				mu.Lock()
				creates = append(creates, r.URL.Path+" dry_run="+r.PostForm.Get("dry_run"))
				mu.Unlock()
			}
			next.ServeHTTP(w, r)
		})
	})
	if r := runDoctorWith(t, bo, nil); r.err != nil {
		t.Fatal(r.err)
	}
	if len(creates) != len(model.CreateMethods) || len(sb.Orders()) != 0 {
		t.Errorf("creates %v, orders %v", creates, sb.Orders())
	}
	for _, c := range creates {
		if !strings.HasSuffix(c, " dry_run=1") {
			t.Errorf("sent %s", c)
		}
	}

	creates = nil
	first := model.DefaultCatalogue().Products[0].Method
	ordered := `{"sku":"X","currency":"GBP","dry_run":false,"net_setup_price":0,"net_total":7.5,"invoice_ref":100291,"job":{"id":"739c99f25ed8d13e48ba94ec6a4a0102","status":"AWAITING-PAYMENT","type":"SETUP-NEW-MINISERVER","finished":false,"error":false}}`
	sb.AddFault(sandbox.Fault{Method: first, Body: ordered})
	r := runDoctorWith(t, bo, nil)
	if StatusOf(r.err) != StatusError || !strings.Contains(r.out, "fail  method     "+string(first)+": a DRY RUN WAS ANSWERED WITH A REAL ORDER") ||
		!strings.Contains(r.out, "no dry run sent: a dry run was answered with a real order") {
		t.Errorf("%v\n%s", r.err, r.out)
	}
	if len(creates) != 1 {
		t.Errorf("creates after a dry run answered with an order: %v", creates)
	}
}
