package api_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/memset-order/memset-order/api"
)

func TestNewOptions(t *testing.T) {
	cases := []struct {
		name         string
		opts         []api.Option
		wantErr      string // "" means New must succeed
		wantEndpoint string
	}{
		{"defaults", nil, "", api.DefaultBaseURL},
		{"https host", []api.Option{api.WithBaseURL("https://api.example.com/v1/json/")}, "", "https://api.example.com/v1/json"},
		{"http loopback 127.0.0.1", []api.Option{api.WithBaseURL("http://127.0.0.1:8080/v1/json")}, "", "http://127.0.0.1:8080/v1/json"},
		{"http loopback 127.9.9.9", []api.Option{api.WithBaseURL("http://127.9.9.9/v1/json")}, "", "http://127.9.9.9/v1/json"},
		{"http loopback ::1", []api.Option{api.WithBaseURL("http://[::1]:9000/v1/json")}, "", "http://[::1]:9000/v1/json"},
		{"http localhost", []api.Option{api.WithBaseURL("http://localhost:9000/v1/json")}, "", "http://localhost:9000/v1/json"},
		{"http IPv4-mapped loopback", []api.Option{api.WithBaseURL("http://[::ffff:127.0.0.1]:9000/v1/json")}, "", "http://[::ffff:127.0.0.1]:9000/v1/json"},
		{"sandbox in-process URL", []api.Option{api.WithBaseURL("https://sandbox.memset-order.invalid/v1/json")}, "", "https://sandbox.memset-order.invalid/v1/json"},
		{"http to a remote host", []api.Option{api.WithBaseURL("http://api.memset.com/v1/json")}, "plain http:// to a host that is not this machine", ""},
		{"http to a LAN address", []api.Option{api.WithBaseURL("http://192.168.1.10/v1/json")}, "use https://", ""},
		{"http to localhost.evil.com", []api.Option{api.WithBaseURL("http://localhost.evil.com/v1/json")}, "plain http://", ""},
		{"credentials in URL", []api.Option{api.WithBaseURL("https://" + testKey + ":@api.memset.com/v1/json")}, "must not contain a user name or password", ""},
		{"user and password in URL", []api.Option{api.WithBaseURL("https://user:pass@api.memset.com/v1/json")}, `"https://…@api.memset.com/v1/json"`, ""},
		{"ftp scheme", []api.Option{api.WithBaseURL("ftp://api.memset.com/")}, "must start with https://", ""},
		{"no scheme", []api.Option{api.WithBaseURL("api.memset.com/v1/json")}, "must start with https://", ""},
		{"empty URL", []api.Option{api.WithBaseURL("  ")}, "base URL is empty", ""},
		{"no host", []api.Option{api.WithBaseURL("https:///v1/json")}, "has no host", ""},
		{"query", []api.Option{api.WithBaseURL("https://api.memset.com/v1/json?x=1")}, "must not have a query", ""},
		{"unparsable", []api.Option{api.WithBaseURL("https://api.memset.com:port/")}, "is not a valid URL", ""},
		{"good key", []api.Option{api.WithAPIKey(testKey)}, "", api.DefaultBaseURL},
		{"key with newline from a file", []api.Option{api.WithAPIKey(testKey + "\n")}, "", api.DefaultBaseURL},
		{"upper-case key", []api.Option{api.WithAPIKey(strings.ToUpper(testKey))}, "", api.DefaultBaseURL},
		{"short key", []api.Option{api.WithAPIKey(testKey[:31])}, "API key must be 32 hexadecimal digits; the one given has 31 characters", ""},
		{"empty key", []api.Option{api.WithAPIKey("")}, "has 0 characters", ""},
		{"key not hex", []api.Option{api.WithAPIKey("z" + testKey[1:])}, "not 0-9 or a-f at position 1", ""},
		{"nil HTTP client", []api.Option{api.WithHTTPClient(nil)}, "nil *http.Client", ""},
		{"zero timeout", []api.Option{api.WithTimeout(0)}, "not a positive duration", ""},
		{"no attempts", []api.Option{api.WithRetry(api.RetryPolicy{})}, "MaxAttempts is 0", ""},
		{"base above max delay", []api.Option{api.WithRetry(api.RetryPolicy{MaxAttempts: 2, BaseDelay: time.Second, MaxDelay: time.Millisecond})}, "more than MaxDelay", ""},
		{"NoRetry", []api.Option{api.WithRetry(api.NoRetry)}, "", api.DefaultBaseURL},
		{"empty user agent", []api.Option{api.WithUserAgent("")}, "empty user agent", ""},
		{"user agent with newline", []api.Option{api.WithUserAgent("a\r\nX-Evil: 1")}, "printable ASCII", ""},
		{"nil catalogue", []api.Option{api.WithCatalogue(nil)}, "nil catalogue", ""},
		{"nil sleep", []api.Option{api.WithSleep(nil)}, "nil function", ""},
		{"nil debug log is off", []api.Option{api.WithDebugLog(nil)}, "", api.DefaultBaseURL},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := api.New(tc.opts...)
			if tc.wantErr == "" {
				if err != nil {
					t.Fatalf("New: %v", err)
				}
				if got := c.Endpoint(); got != tc.wantEndpoint {
					t.Errorf("Endpoint() = %q, want %q", got, tc.wantEndpoint)
				}
				return
			}
			if err == nil {
				t.Fatalf("New succeeded, want an error containing %q", tc.wantErr)
			}
			if !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("error %q does not contain %q", err, tc.wantErr)
			}
			assertErrorHasNoKey(t, err)
		})
	}
}

// TestWithHTTPClientIsNotChanged checks that New copies the caller's client
// and never follows redirects with it.
func TestWithHTTPClientIsNotChanged(t *testing.T) {
	hc := &http.Client{}
	if _, err := api.New(api.WithHTTPClient(hc)); err != nil {
		t.Fatal(err)
	}
	if hc.CheckRedirect != nil {
		t.Error("New changed the caller's http.Client")
	}
}

// TestBaseURLQueryNeverShown: a base URL with the key pasted into its
// query or fragment is refused without repeating them.
func TestBaseURLQueryNeverShown(t *testing.T) {
	for _, raw := range []string{
		"http://127.0.0.1:9/v1/json?api_key=" + testKey,
		"https://api.memset.com/v1/json#" + testKey,
		"ftp://example.com/?k=" + testKey,
	} {
		_, err := api.New(api.WithBaseURL(raw))
		if err == nil || strings.Contains(err.Error(), testKey) || strings.Contains(err.Error(), testKey[:12]) {
			t.Errorf("WithBaseURL(%q): err = %v", raw, err)
		}
	}
}
