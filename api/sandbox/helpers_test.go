package sandbox_test

import (
	"bytes"
	"encoding/json"
	"io"
	"math/big"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/memset-order/memset-order/api/sandbox"
	"github.com/memset-order/memset-order/model"
)

// testKey is the API key the test sandboxes accept.
const testKey = "0123456789abcdef0123456789abcdef"

// t0 is when every test starts: the date of the wire fixtures.
var t0 = time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)

// stage is the stage duration of the test sandboxes.
const stage = 2 * time.Second

// env is a sandbox behind a real listener, on a fake clock.
type env struct {
	sb    *sandbox.Sandbox
	clock *sandbox.FakeClock
	srv   *httptest.Server
}

// newEnv starts a sandbox with the test key, a fake clock at t0, 2 s stages
// and no automatic payment; opts come after and may override these.
func newEnv(t testing.TB, opts ...sandbox.Option) *env {
	t.Helper()
	clock := sandbox.NewFakeClock(t0)
	all := append([]sandbox.Option{
		sandbox.WithAPIKey(testKey), sandbox.WithClock(clock),
		sandbox.WithStageDuration(stage), sandbox.WithAutoPay(0),
	}, opts...)
	sb := sandbox.New(all...)
	srv := httptest.NewServer(sb)
	t.Cleanup(srv.Close)
	return &env{sb: sb, clock: clock, srv: srv}
}

// answer is a decoded HTTP answer.
type answer struct {
	status int
	header http.Header
	raw    []byte
	body   any // decoded with UseNumber
}

// obj returns the body as a JSON object, failing the test otherwise.
func (a answer) obj(t testing.TB) map[string]any {
	t.Helper()
	m, ok := a.body.(map[string]any)
	if !ok {
		t.Fatalf("answer %d is not a JSON object: %s", a.status, a.raw)
	}
	return m
}

// list returns the body as a JSON array, failing the test otherwise.
func (a answer) list(t testing.TB) []any {
	t.Helper()
	l, ok := a.body.([]any)
	if !ok {
		t.Fatalf("answer %d is not a JSON array: %s", a.status, a.raw)
	}
	return l
}

// wantError checks an error answer's status, type and, when msg is not
// empty, its message.
func (a answer) wantError(t testing.TB, status int, typ model.ErrorType, msg string) {
	t.Helper()
	if a.status != status {
		t.Fatalf("status = %d, want %d; body %s", a.status, status, a.raw)
	}
	m := a.obj(t)
	info, _ := model.LookupErrorType(typ)
	if m["error_type"] != string(typ) {
		t.Fatalf("error_type = %v, want %s; body %s", m["error_type"], typ, a.raw)
	}
	if code, _ := m["error_code"].(json.Number); code.String() != itoa(info.Code) {
		t.Fatalf("error_code = %v, want %d", m["error_code"], info.Code)
	}
	if _, ok := m["error"].(string); !ok {
		t.Fatalf("error is not a string: %s", a.raw)
	}
	if msg != "" && m["error"] != msg {
		t.Fatalf("error = %q, want %q", m["error"], msg)
	}
}

func itoa(n int) string { return big.NewInt(int64(n)).String() }

// statusOf is the HTTP status of an error type on the JSON interface, from
// model.ErrorTypes (the one table of them).
func statusOf(typ model.ErrorType) int {
	info, _ := model.LookupErrorType(typ)
	return info.Status
}

// call POSTs a form to method with the test key as Basic-auth user.
func (e *env) call(t testing.TB, method model.Method, params map[string]string) answer {
	t.Helper()
	req := e.request(t, http.MethodPost, string(method)+"/", form(params))
	req.SetBasicAuth(testKey, "x")
	return e.do(t, req)
}

// request builds a request to path under /v1/json/ with a form body.
func (e *env) request(t testing.TB, verb, path, body string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(verb, e.srv.URL+"/v1/json/"+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	return req
}

// do sends req and decodes the answer, which must be JSON.
func (e *env) do(t testing.TB, req *http.Request) answer {
	t.Helper()
	resp, err := e.srv.Client().Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.URL.Path, err)
	}
	defer resp.Body.Close()
	return decodeAnswer(t, resp)
}

func decodeAnswer(t testing.TB, resp *http.Response) answer {
	t.Helper()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
		t.Fatalf("Content-Type = %q, want application/json; body %s", ct, raw)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("body is not JSON (%v): %s", err, raw)
	}
	return answer{status: resp.StatusCode, header: resp.Header, raw: raw, body: v}
}

// form encodes params.
func form(params map[string]string) string {
	v := url.Values{}
	for k, x := range params {
		v.Set(k, x)
	}
	return v.Encode()
}

// amount reads a JSON number as an exact amount.
func amount(t testing.TB, v any) model.Amount {
	t.Helper()
	n, ok := v.(json.Number)
	if !ok {
		t.Fatalf("%v (%T) is not a JSON number", v, v)
	}
	a, err := model.ParseAmount(n.String())
	if err != nil {
		t.Fatalf("amount %s: %v", n, err)
	}
	return a
}

// documented is the documented example order's parameters.
func documented(dryRun string) map[string]string {
	return map[string]string{"sku": "MSVM001", "os": "debian_jessie_64", "dry_run": dryRun}
}

// order places a real order and returns its invoice ref and job id.
func (e *env) order(t testing.TB, method model.Method, params map[string]string) (int, string) {
	t.Helper()
	p := map[string]string{"dry_run": "0"}
	for k, v := range params {
		p[k] = v
	}
	a := e.call(t, method, p)
	if a.status != http.StatusOK {
		t.Fatalf("order %s %v: %d %s", method, params, a.status, a.raw)
	}
	m := a.obj(t)
	ref, err := m["invoice_ref"].(json.Number).Int64()
	if err != nil {
		t.Fatalf("invoice_ref: %v", err)
	}
	job, _ := m["job"].(map[string]any)
	id, _ := job["id"].(string)
	return int(ref), id
}

// jobStatus asks job.status for id over HTTP.
func (e *env) jobStatus(t testing.TB, id string) map[string]any {
	t.Helper()
	a := e.call(t, model.MethodJobStatus, map[string]string{"id": id})
	if a.status != http.StatusOK {
		t.Fatalf("job.status %s: %d %s", id, a.status, a.raw)
	}
	return a.obj(t)
}

// newServer puts h behind a real listener for the test.
func newServer(t testing.TB, h http.Handler) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

// waitUntil polls cond until it holds: synchronisation with a goroutine,
// not a timing assertion (the deadline only stops a broken test hanging).
func waitUntil(t testing.TB, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition never became true")
		}
		time.Sleep(time.Millisecond)
	}
}

func ioNopCloser(r io.Reader) io.ReadCloser { return io.NopCloser(r) }
