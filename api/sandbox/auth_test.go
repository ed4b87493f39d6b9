package sandbox_test

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/memset-order/memset-order/api/sandbox"
	"github.com/memset-order/memset-order/model"
)

const wrongKey = "ffffffffffffffffffffffffffffffff"

// TestAuth covers the ways a key can be given, and refused.
func TestAuth(t *testing.T) {
	tests := []struct {
		name   string
		setup  func(*http.Request)
		body   string
		status int
		msg    string
	}{
		{"basic auth, password x", func(r *http.Request) { r.SetBasicAuth(testKey, "x") }, "", 200, ""},
		{"basic auth, empty password", func(r *http.Request) { r.SetBasicAuth(testKey, "") }, "", 200, ""},
		{"api_key parameter", nil, "api_key=" + testKey, 200, ""},
		{"no key", nil, "", 403, "Authentication failed: no API key was given"},
		{"empty basic user", func(r *http.Request) { r.SetBasicAuth("", "x") }, "", 403, "Authentication failed: no API key was given"},
		{"wrong basic key", func(r *http.Request) { r.SetBasicAuth(wrongKey, "") }, "", 403, "Authentication failed: the API key was not recognised"},
		{"wrong api_key", nil, "api_key=" + wrongKey, 403, "Authentication failed: the API key was not recognised"},
		{"key as password only", func(r *http.Request) { r.SetBasicAuth("someone", testKey) }, "", 403, "Authentication failed: the API key was not recognised"},
		{"bearer token", func(r *http.Request) { r.Header.Set("Authorization", "Bearer "+testKey) }, "", 403, "Authentication failed: no API key was given"},
		{"api_key twice", nil, "api_key=" + testKey + "&api_key=" + testKey, 400, "api_key: The parameter was given more than once; send each parameter once."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			req := e.request(t, http.MethodPost, "server.list/", tt.body)
			if tt.setup != nil {
				tt.setup(req)
			}
			a := e.do(t, req)
			if tt.status == 200 {
				if a.status != 200 {
					t.Fatalf("%d %s", a.status, a.raw)
				}
			} else {
				typ := model.ErrorAuthentication
				if tt.status == 400 {
					typ = model.ErrorBadParameters
				}
				a.wantError(t, tt.status, typ, tt.msg)
			}
			for _, k := range []string{testKey, wrongKey} {
				if bytes.Contains(a.raw, []byte(k)) {
					t.Fatalf("answer echoes a key: %s", a.raw)
				}
			}
		})
	}
}

// TestNoConfiguredKey: a sandbox without WithAPIKey accepts nothing.
func TestNoConfiguredKey(t *testing.T) {
	sb := sandbox.New(sandbox.WithClock(sandbox.NewFakeClock(t0)))
	e := &env{sb: sb}
	e.srv = newServer(t, sb)
	e.call(t, model.MethodServerList, nil).wantError(t, 403, model.ErrorAuthentication, "Authentication failed: the API key was not recognised")
}

// TestThrottle: ten failed logins in a row close the door for a minute to
// the client that failed, but never to the right key (every local client is
// 127.0.0.1: other people's failures must not lock it out); a client that
// keeps failing is throttled again after ten more.
func TestThrottle(t *testing.T) {
	e := newEnv(t)
	bad := func() answer {
		req := e.request(t, http.MethodPost, "server.list/", "")
		req.SetBasicAuth(wrongKey, "")
		return e.do(t, req)
	}
	right := func(when string) {
		t.Helper()
		if a := e.call(t, model.MethodServerList, nil); a.status != 200 {
			t.Fatalf("the right key %s: %d %s", when, a.status, a.raw)
		}
	}
	for range 9 {
		bad().wantError(t, 403, model.ErrorAuthentication, "")
	}
	right("after 9 failures")
	bad().wantError(t, 403, model.ErrorAuthentication, "") // a success does not wipe the count
	a := bad()
	a.wantError(t, statusOf(model.ErrorThrottled), model.ErrorThrottled, "Too many failed authentication attempts; try again in 60 seconds.")
	if a.header.Get("Retry-After") != "60" {
		t.Fatalf("Retry-After = %q", a.header.Get("Retry-After"))
	}
	right("while its client is throttled")
	e.clock.Advance(59 * time.Second)
	bad().wantError(t, statusOf(model.ErrorThrottled), model.ErrorThrottled, "Too many failed authentication attempts; try again in 1 second.")
	e.clock.Advance(time.Second)
	for range 10 {
		bad().wantError(t, 403, model.ErrorAuthentication, "")
	}
	bad().wantError(t, statusOf(model.ErrorThrottled), model.ErrorThrottled, "")
	right("when its client is throttled again")
}

// TestThrottlePerClient: a client's failures throttle that client (its IP
// address; an IPv6 address's /64) and nobody else.
func TestThrottlePerClient(t *testing.T) {
	tests := []struct {
		name, failing, other string
		shared               bool
	}{
		{"another IPv4 address", "192.0.2.1:4000", "192.0.2.2:4000", false},
		{"the same IPv4 address, another port", "192.0.2.1:4000", "192.0.2.1:4001", true},
		{"another IPv6 /64", "[2001:db8:0:1::1]:4000", "[2001:db8:0:2::1]:4000", false},
		{"the same IPv6 /64", "[2001:db8:0:1::1]:4000", "[2001:db8:0:1::2]:4000", true},
		{"IPv4 as IPv4-mapped IPv6", "[::ffff:192.0.2.1]:4000", "192.0.2.1:4000", true},
		{"in memory (no address) and an address", "", "192.0.2.1:4000", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sb := sandbox.New(sandbox.WithAPIKey(testKey), sandbox.WithClock(sandbox.NewFakeClock(t0)))
			send := func(from, key string) int {
				req := httptest.NewRequest(http.MethodGet, "/v1/json/server.list/", nil)
				req.RemoteAddr = from
				req.SetBasicAuth(key, "")
				rec := httptest.NewRecorder()
				sb.ServeHTTP(rec, req)
				return rec.Code
			}
			for i := range 10 {
				if code := send(tt.failing, wrongKey); code != 403 {
					t.Fatalf("failure %d: %d, want 403", i+1, code)
				}
			}
			throttled := statusOf(model.ErrorThrottled)
			if code := send(tt.failing, wrongKey); code != throttled {
				t.Fatalf("the failing client after ten failures: %d, want %d", code, throttled)
			}
			want := 403
			if tt.shared {
				want = throttled
			}
			if code := send(tt.other, wrongKey); code != want {
				t.Fatalf("a wrong key from %q: %d, want %d", tt.other, code, want)
			}
			for _, from := range []string{tt.failing, tt.other} {
				if code := send(from, testKey); code != 200 {
					t.Fatalf("the right key from %q: %d, want 200", from, code)
				}
			}
		})
	}
}

// TestKeyNeverEchoed sends the key where values go; no answer repeats it.
func TestKeyNeverEchoed(t *testing.T) {
	e := newEnv(t)
	calls := []struct {
		method model.Method
		params map[string]string
	}{
		{model.MethodMonthlyMiniserver, map[string]string{"sku": testKey, "os": "debian_bookworm_64", "dry_run": "1"}},
		{model.MethodMonthlyMiniserver, map[string]string{testKey: "1", "dry_run": "1"}},
		{model.MethodServiceInfo, map[string]string{"name": testKey}},
		{model.MethodDiscountCode, map[string]string{"discount_code": testKey}},
		{model.MethodInvoiceInfo, map[string]string{"ref": testKey}},
		{model.Method("create." + testKey), nil},
	}
	for _, c := range calls {
		a := e.call(t, c.method, c.params)
		if a.status < 400 || strings.Contains(string(a.raw), testKey) {
			t.Fatalf("%s %v: %d %s", c.method, c.params, a.status, a.raw)
		}
	}
}
