package sandbox

import (
	"net/http"
	"net/http/httptest"
	"net/netip"
	"testing"
	"time"

	"github.com/memset-order/memset-order/model"
)

// throttleKey is the key the throttle tests' sandboxes accept.
const throttleKey = "0123456789abcdef0123456789abcdef"

// loginFrom sends one server.list from the client at addr with key and
// returns the status.
func loginFrom(s *Sandbox, addr netip.Addr, key string) int {
	req := httptest.NewRequest(http.MethodGet, "/v1/json/server.list/", nil)
	req.RemoteAddr = netip.AddrPortFrom(addr, 4000).String()
	req.SetBasicAuth(key, "")
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	return rec.Code
}

// nthAddr is the n-th of a range of distinct IPv4 addresses.
func nthAddr(n int) netip.Addr {
	return netip.AddrFrom4([4]byte{10, byte(n >> 16), byte(n >> 8), byte(n)})
}

// TestThrottleTableBounded: however many clients fail, the table holds at
// most throttleClients of them; the others share one count, which throttles
// their wrong keys but never the right key nor the clients in the table;
// failures are forgotten a window after the latest, and the table with them.
func TestThrottleTableBounded(t *testing.T) {
	clock := NewFakeClock(time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC))
	s := New(WithAPIKey(throttleKey), WithClock(clock))
	size := func() int {
		s.mu.Lock()
		defer s.mu.Unlock()
		return len(s.throttle(true).byClient)
	}
	const wrong = "ffffffffffffffffffffffffffffffff"
	for i := range throttleClients + throttleAfter - 1 {
		if code := loginFrom(s, nthAddr(i), wrong); code != http.StatusForbidden {
			t.Fatalf("client %d, first failure: %d, want 403", i, code)
		}
	}
	if n := size(); n != throttleClients {
		t.Fatalf("the table holds %d clients, want the cap %d", n, throttleClients)
	}
	// Nine clients beyond the cap have failed once each, on the shared
	// count: the tenth fails, and then they are all refused.
	overflow := throttleClients + throttleAfter - 1
	if code := loginFrom(s, nthAddr(overflow), wrong); code != http.StatusForbidden {
		t.Fatalf("the tenth shared failure: %d, want 403", code)
	}
	for _, tc := range []struct {
		what string
		n    int
		key  string
		want int
	}{
		{"a new client beyond the cap", overflow + 1, wrong, throttledStatus()},
		{"a new client beyond the cap, right key", overflow + 2, throttleKey, http.StatusOK},
		{"a client in the table", 0, wrong, http.StatusForbidden},
	} {
		if code := loginFrom(s, nthAddr(tc.n), tc.key); code != tc.want {
			t.Fatalf("%s: %d, want %d", tc.what, code, tc.want)
		}
	}
	if n := size(); n != throttleClients {
		t.Fatalf("the table holds %d clients, want the cap %d", n, throttleClients)
	}

	clock.Advance(throttleWindow)
	if code := loginFrom(s, nthAddr(overflow+3), wrong); code != http.StatusForbidden {
		t.Fatalf("a new client a window later: %d, want 403", code)
	}
	if n := size(); n != 1 {
		t.Fatalf("a window after the failures the table holds %d clients, want 1", n)
	}
}

// throttledStatus is the status of ApiErrorThrottled (model.ErrorTypes).
func throttledStatus() int {
	info, _ := model.LookupErrorType(model.ErrorThrottled)
	return info.Status
}
