package api

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/memset-order/memset-order/model"
)

func TestParseWireAmount(t *testing.T) {
	cases := []struct {
		in      string
		want    string // Decimal form; "" means an error
		wantErr string
	}{
		{"7.50", "7.50", ""},
		{"7.5", "7.50", ""},
		{"0", "0.00", ""},
		{"5.0", "5.00", ""},
		{"-3", "-3.00", ""},
		{"0.0104", "0.0104", ""},
		{"1e-05", "0.00001", ""},
		{"1.5E2", "150.00", ""},
		{"21.599999999999998", "21.60", ""},  // float noise rounds to the millionth
		{"8.9999994", "8.999999", ""},        // below half: cut
		{"0.0000005", "0.000001", ""},        // half: away from zero
		{"-0.0000005", "-0.000001", ""},      //
		{"9999999999.9999995", "", "large"},  // rounds past ten whole digits
		{"1e31", "", "not a decimal amount"}, // exponent out of range
		{"1e400", "", "not a decimal amount"},
		{"", "", "not a decimal amount"},
		{".", "", "not a decimal amount"},
		{"abc", "", "not a decimal amount"},
		{"1.2.3", "", "not a decimal amount"},
		{"NaN", "", "not a decimal amount"},
		{"12345678901", "", "too large"},
	}
	for _, tc := range cases {
		t.Run(tc.in, func(t *testing.T) {
			got, err := parseWireAmount(tc.in)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("parseWireAmount(%q) = %v, %v; want an error containing %q", tc.in, got, err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("parseWireAmount(%q): %v", tc.in, err)
			}
			if got.Decimal() != tc.want {
				t.Errorf("parseWireAmount(%q) = %s, want %s", tc.in, got.Decimal(), tc.want)
			}
		})
	}
}

func TestWireScalarsFromStrings(t *testing.T) {
	var a wireAmount
	if err := a.UnmarshalJSON([]byte(`"30.00"`)); err != nil || model.Amount(a) != model.MustAmount("30") {
		t.Errorf(`amount "30.00" = %v, %v`, model.Amount(a), err)
	}
	var n wireInt
	if err := n.UnmarshalJSON([]byte(`"100291"`)); err != nil || n != 100291 {
		t.Errorf(`int "100291" = %v, %v`, n, err)
	}
	if err := n.UnmarshalJSON([]byte(`1.5`)); err == nil {
		t.Error("int 1.5 accepted")
	}
	var b wireBool
	for in, want := range map[string]bool{"true": true, "false": false, "1": true, "0": false} {
		if err := b.UnmarshalJSON([]byte(in)); err != nil || bool(b) != want {
			t.Errorf("bool %s = %v, %v", in, b, err)
		}
	}
	if err := b.UnmarshalJSON([]byte(`"yes"`)); err == nil {
		t.Error(`bool "yes" accepted`)
	}
}

func TestIsLoopbackHost(t *testing.T) {
	for host, want := range map[string]bool{
		"localhost": true, "LOCALHOST": true, "localhost.": true, "127.0.0.1": true, "127.255.0.9": true,
		"::1": true, "::ffff:127.0.0.1": true,
		"128.0.0.1": false, "0.0.0.0": false, "::": false, "10.0.0.1": false, "api.memset.com": false,
		"localhost.example": false, "": false,
	} {
		if got := isLoopbackHost(host); got != want {
			t.Errorf("isLoopbackHost(%q) = %v, want %v", host, got, want)
		}
	}
}

func TestScrubUserinfo(t *testing.T) {
	for in, want := range map[string]string{
		"https://KEY:@api.memset.com/v1":     "https://…@api.memset.com/v1",
		"https://a:b@c@host/x@y":             "https://…@host/x@y",
		"KEY@api.memset.com":                 "…@api.memset.com",
		"https://api.memset.com/v1/json?a@b": "https://api.memset.com/v1/json?a@b",
	} {
		if got := scrubUserinfo(in); got != want {
			t.Errorf("scrubUserinfo(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestReplaceFold(t *testing.T) {
	for _, tc := range []struct{ s, old, want string }{
		{"key ABCdef here abcDEF", "abcdef", "key X here X"},
		{"ab", "abc", "ab"},
		{"aaa", "aa", "Xa"},
		{"none", "zz", "none"},
	} {
		if got := replaceFold(tc.s, tc.old, "X"); got != tc.want {
			t.Errorf("replaceFold(%q, %q) = %q, want %q", tc.s, tc.old, got, tc.want)
		}
	}
}

func TestBackoff(t *testing.T) {
	c := &Client{retry: RetryPolicy{MaxAttempts: 10, BaseDelay: 250 * time.Millisecond, MaxDelay: 4 * time.Second}}
	c.jitter = func(n int64) int64 { return n - 1 } // the largest wait full jitter can pick
	for n, want := range map[int]time.Duration{1: 250 * time.Millisecond, 2: 500 * time.Millisecond, 3: time.Second, 5: 4 * time.Second, 9: 4 * time.Second} {
		if got, ok := c.backoff(n, errors.New("x")); !ok || got != want {
			t.Errorf("backoff(%d) = %s, %v; want %s", n, got, ok, want)
		}
	}
	c.jitter = func(int64) int64 { return 0 }
	if got, _ := c.backoff(3, errors.New("x")); got != 0 {
		t.Errorf("full jitter can wait 0, got %s", got)
	}
	if got, ok := c.backoff(1, &Error{Status: 429, RetryAfter: 3 * time.Second}); !ok || got != 3*time.Second {
		t.Errorf("Retry-After 3s: backoff = %s, %v", got, ok)
	}
	if _, ok := c.backoff(1, &ProtocolError{Status: 503, RetryAfter: time.Hour}); ok {
		t.Error("Retry-After of an hour was accepted")
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	for in, want := range map[string]time.Duration{
		"":                              0,
		"5":                             5 * time.Second,
		"-1":                            0,
		"soon":                          0,
		"Fri, 27 Nov 2026 12:00:10 GMT": 10 * time.Second,
		"Fri, 27 Nov 2026 11:00:00 GMT": 0,
	} {
		h := http.Header{}
		if in != "" {
			h.Set("Retry-After", in)
		}
		if got := parseRetryAfter(h, now); got != want {
			t.Errorf("parseRetryAfter(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestRetryable(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  error
		want bool
	}{
		{"500", &Error{Status: 500}, true},
		{"502 page", &ProtocolError{Status: 502}, true},
		{"503", &Error{Status: 503}, true},
		{"504", &ProtocolError{Status: 504}, true},
		{"429", &Error{Status: 429}, true},
		{"throttled by type", &Error{Status: 403, Type: model.ErrorThrottled}, true},
		{"400", &Error{Status: 400, Type: model.ErrorBadParameters}, false},
		{"404", &Error{Status: 404, Type: model.ErrorDoesNotExist}, false},
		{"garbage on 200", &ProtocolError{Status: 200}, false},
		{"network", &NetworkError{Err: errors.New("connection reset")}, true},
		{"cancelled", &NetworkError{Err: errCancelled}, false},
		{"other", errors.New("x"), false},
	} {
		if got := retryable(tc.err); got != tc.want {
			t.Errorf("retryable(%s) = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestSleepContext checks the real wait between retries: it ends early,
// with the context's error, when the caller gives up.
func TestSleepContext(t *testing.T) {
	if err := sleepContext(context.Background(), time.Nanosecond); err != nil {
		t.Errorf("a finished wait = %v, want nil", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, d := range []time.Duration{0, time.Hour} {
		if err := sleepContext(ctx, d); !errors.Is(err, context.Canceled) {
			t.Errorf("wait %s after cancel = %v, want context.Canceled", d, err)
		}
	}
}
