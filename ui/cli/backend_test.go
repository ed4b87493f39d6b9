package cli

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/memset-order/memset-order/api"
	"github.com/memset-order/memset-order/api/credentials"
	"github.com/memset-order/memset-order/api/sandbox"
	"github.com/memset-order/memset-order/model"
)

// testKey is a well-formed key no account has.
const testKey = "0123456789abcdef0123456789abcdef"

// env is a Getenv over a map.
func env(kv map[string]string) func(string) string {
	return func(k string) string { return kv[k] }
}

// debian is the order every backend test places.
var debian = model.Order{Product: model.ProductMonthlyMiniserver, SKU: "MSVM001", OS: "debian_trixie_64"}

// TestOpenBackendEmbedded: without a key the backend is the embedded
// sandbox, and each one issues its own invoice numbers and job ids, so
// that what one run prints is never another run's.
func TestOpenBackendEmbedded(t *testing.T) {
	refs, jobs := map[int]bool{}, map[string]bool{}
	for range 3 {
		b, err := OpenBackend(BackendOptions{Getenv: env(nil)}, KeyIO{})
		if err != nil {
			t.Fatal(err)
		}
		if !b.Embedded || b.Endpoint != sandbox.BaseURL || b.AccountLabel != "" {
			t.Fatalf("no key: backend %+v, want the embedded sandbox", b)
		}
		q, err := b.Client.Place(context.Background(), debian)
		if err != nil {
			t.Fatal(err)
		}
		if q.InvoiceRef < 100_000 || q.InvoiceRef >= 9_000_000 || q.Job == nil {
			t.Errorf("the embedded sandbox answered invoice %d job %v", q.InvoiceRef, q.Job)
		} else {
			refs[q.InvoiceRef], jobs[q.Job.ID] = true, true
		}
		b.Close()
	}
	if len(refs) != 3 || len(jobs) != 3 {
		t.Errorf("three embedded sandboxes issued invoices %v and jobs %v, want each its own", refs, jobs)
	}
}

// TestOpenBackendChoice: which backend the options pick, and the errors
// that name what to do, never the key.
func TestOpenBackendChoice(t *testing.T) {
	keyFile := filepath.Join(t.TempDir(), "key")
	if err := os.WriteFile(keyFile, []byte(testKey+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	withKey := env(map[string]string{credentials.EnvVar: testKey})
	for _, tc := range []struct {
		name     string
		opts     BackendOptions
		kio      KeyIO
		embedded bool
		endpoint string
		err      string
	}{
		{name: "a key: the real API", opts: BackendOptions{Getenv: withKey}, endpoint: api.DefaultBaseURL},
		{name: "a key and an endpoint", opts: BackendOptions{Getenv: withKey, APIURL: "http://127.0.0.1:9/v1/json"}, endpoint: "http://127.0.0.1:9/v1/json"},
		{name: "a key file", opts: BackendOptions{Getenv: env(nil), APIKeyFile: keyFile}, endpoint: api.DefaultBaseURL},
		{name: "a key, but --sandbox", opts: BackendOptions{Getenv: withKey, Sandbox: true}, embedded: true, endpoint: sandbox.BaseURL},
		{name: "an endpoint without a key", opts: BackendOptions{Getenv: env(nil), APIURL: "http://127.0.0.1:9/v1/json"}, err: "--api-url needs an API key"},
		{name: "--live without a key or a terminal", opts: BackendOptions{Getenv: env(nil), Live: true}, err: "no terminal to ask on"},
		{name: "--live asks on the terminal", opts: BackendOptions{Getenv: env(nil), Live: true},
			kio: KeyIO{In: strings.NewReader(""), Out: &bytes.Buffer{}, ReadPassword: func() ([]byte, error) { return []byte(testKey), nil }}, endpoint: api.DefaultBaseURL},
		{name: "a malformed key", opts: BackendOptions{Getenv: env(map[string]string{credentials.EnvVar: testKey[:31]})}, err: "MEMSET_API_KEY"},
		{name: "an http endpoint that is not loopback", opts: BackendOptions{Getenv: withKey, APIURL: "http://api.example.test/v1/json"}, err: "http"},
		{name: "an unknown demo account", opts: BackendOptions{Getenv: env(nil), Account: "nobody"}, err: "--sandbox-account"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, err := OpenBackend(tc.opts, tc.kio)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err = %v, want one saying %q", err, tc.err)
				}
				if strings.Contains(err.Error(), testKey[:12]) {
					t.Errorf("the error quotes the key: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			defer b.Close()
			if b.Embedded != tc.embedded || b.Endpoint != tc.endpoint {
				t.Errorf("embedded %v endpoint %s, want %v %s", b.Embedded, b.Endpoint, tc.embedded, tc.endpoint)
			}
			if !tc.embedded && (!strings.Contains(b.AccountLabel, credentials.Fingerprint(testKey)) || strings.Contains(b.AccountLabel, testKey)) {
				t.Errorf("account label %q, want the key's fingerprint and never the key", b.AccountLabel)
			}
		})
	}
	if _, err := OpenBackend(BackendOptions{Getenv: env(nil), APIURL: "http://127.0.0.1:9/v1/json"}, KeyIO{}); !errors.Is(err, ErrAPIURLNeedsKey) {
		t.Errorf("an endpoint without a key: %v, want ErrAPIURLNeedsKey", err)
	}
}

// TestOpenBackendDebugLog: the debug log is created for its owner only and
// closed by Close.
func TestOpenBackendDebugLog(t *testing.T) {
	log := filepath.Join(t.TempDir(), "debug.log")
	b, err := OpenBackend(BackendOptions{Getenv: env(nil), DebugLog: log}, KeyIO{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Client.Quote(context.Background(), debian); err != nil {
		t.Fatal(err)
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(log)
	if err != nil || st.Mode().Perm() != 0o600 || st.Size() == 0 {
		t.Errorf("debug log: %v, %v; want a non-empty file with mode 0600", st, err)
	}
}
