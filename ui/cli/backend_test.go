package cli

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

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

// mkfifo makes a named pipe at path with mkfifo(1), skipping the test
// where there is none; both its ends are opened when the test ends, so
// that an open left waiting on it returns.
func mkfifo(t *testing.T, path string) string {
	t.Helper()
	if _, err := exec.LookPath("mkfifo"); err != nil {
		t.Skip("no mkfifo here")
	}
	if out, err := exec.Command("mkfifo", "-m", "600", path).CombinedOutput(); err != nil {
		t.Fatalf("mkfifo: %v %s", err, out)
	}
	t.Cleanup(func() {
		// Opening both ends at once does not wait.
		if f, err := os.OpenFile(path, os.O_RDWR, 0); err == nil {
			time.Sleep(10 * time.Millisecond)
			f.Close()
		}
	})
	return path
}

// openWithin is OpenBackend, failing the test if it has not returned after
// five seconds (it waited on a named pipe).
func openWithin(t *testing.T, o BackendOptions, kio KeyIO) (*Backend, error) {
	t.Helper()
	type opened struct {
		b   *Backend
		err error
	}
	done := make(chan opened, 1)
	go func() {
		b, err := OpenBackend(o, kio)
		done <- opened{b, err}
	}()
	select {
	case o := <-done:
		return o.b, o.err
	case <-time.After(5 * time.Second):
		t.Fatal("OpenBackend still waiting after 5s (blocked on a named pipe?)")
	}
	return nil, nil
}

// TestOpenBackendFiles (issue #9, points 3 and 4): a catalogue, key file or
// debug log that is a named pipe is refused at once instead of blocking
// past ctrl+c; the debug log, which holds the account's payment methods,
// servers and addresses, is private like the journal: never through a
// link, never one others can read, never another user's. Every refusal
// names the flag and the path.
func TestOpenBackendFiles(t *testing.T) {
	for _, tc := range []struct {
		name string
		// setup returns the options, and a file that must stay as it was.
		setup func(t *testing.T, dir string) (BackendOptions, string)
		root  bool
		want  []string
	}{
		{name: "a debug log others can read", setup: func(t *testing.T, dir string) (BackendOptions, string) {
			log := filepath.Join(dir, "debug.log")
			if err := os.WriteFile(log, []byte("old\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.Chmod(log, 0o644); err != nil {
				t.Fatal(err)
			}
			return BackendOptions{Getenv: env(nil), DebugLog: log}, log
		}, want: []string{"--debug-log: ", "has mode 0644; it must be readable by you only (chmod 600 "}},
		{name: "a debug log that is a link", setup: func(t *testing.T, dir string) (BackendOptions, string) {
			target := filepath.Join(dir, "elsewhere")
			if err := os.WriteFile(target, []byte("old\n"), 0o600); err != nil {
				t.Fatal(err)
			}
			log := filepath.Join(dir, "debug.log")
			if err := os.Symlink(target, log); err != nil {
				t.Skip("no symbolic links here:", err)
			}
			return BackendOptions{Getenv: env(nil), DebugLog: log}, target
		}, want: []string{"--debug-log: ", "is a symbolic link", "remove the link"}},
		{name: "a debug log that is a named pipe", setup: func(t *testing.T, dir string) (BackendOptions, string) {
			return BackendOptions{Getenv: env(nil), DebugLog: mkfifo(t, filepath.Join(dir, "debug.log"))}, ""
		}, want: []string{"--debug-log: ", "is a named pipe (FIFO), not a regular file"}},
		{name: "another user's debug log", root: true, setup: func(t *testing.T, dir string) (BackendOptions, string) {
			log := filepath.Join(dir, "debug.log")
			if err := os.WriteFile(log, []byte("old\n"), 0o600); err != nil {
				t.Fatal(err)
			}
			if err := os.Chown(log, 65534, 65534); err != nil {
				t.Fatal(err)
			}
			return BackendOptions{Getenv: env(nil), DebugLog: log}, log
		}, want: []string{"--debug-log: ", "belongs to another user"}},
		{name: "a catalogue that is a named pipe", setup: func(t *testing.T, dir string) (BackendOptions, string) {
			return BackendOptions{Getenv: env(nil), CatalogueFile: mkfifo(t, filepath.Join(dir, "catalogue.json"))}, ""
		}, want: []string{"--catalogue: ", "is a named pipe (FIFO), not a regular file (give --catalogue a regular file)"}},
		{name: "a catalogue that is a directory", setup: func(t *testing.T, dir string) (BackendOptions, string) {
			return BackendOptions{Getenv: env(nil), CatalogueFile: dir}, ""
		}, want: []string{"--catalogue: ", "is a directory, not a regular file"}},
		{name: "a key file that is a named pipe", setup: func(t *testing.T, dir string) (BackendOptions, string) {
			return BackendOptions{Getenv: env(nil), APIKeyFile: mkfifo(t, filepath.Join(dir, "key"))}, ""
		}, want: []string{"is a named pipe (FIFO), not a regular file (give --api-key-file a regular file)"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.root && os.Geteuid() != 0 {
				t.Skip("giving a file to another user needs root")
			}
			o, untouched := tc.setup(t, t.TempDir())
			b, err := openWithin(t, o, KeyIO{})
			if err == nil {
				b.Close()
				t.Fatalf("opened; want a refusal saying %q", tc.want)
			}
			for _, w := range append(tc.want, o.DebugLog+o.CatalogueFile+o.APIKeyFile) {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("the refusal %q does not say %q", err, w)
				}
			}
			if untouched != "" {
				if got, err := os.ReadFile(untouched); err != nil || string(got) != "old\n" {
					t.Errorf("%s was written to: %q %v", untouched, got, err)
				}
			}
		})
	}
}

// TestResolveKeyPrompt (issue #9, point 4): the hidden --live prompt gives
// a second and a third try on a malformed key and names the prompt in its
// refusals; ctrl+c (the byte a raw terminal passes on) leaves it with
// status 130.
func TestResolveKeyPrompt(t *testing.T) {
	short := testKey[:31]
	for _, tc := range []struct {
		name   string
		typed  []string
		status Status
		want   []string // in the error, or on the prompt's output
	}{
		{name: "the second try", typed: []string{short, testKey}, want: []string{"API key prompt: the API key has 31 characters", "try again (2 of 3)"}},
		{name: "the third try", typed: []string{"", short, testKey}, want: []string{"try again (3 of 3)"}},
		{name: "three malformed keys", typed: []string{short, short, short, testKey}, status: StatusError, want: []string{"API key prompt: ", "3 tries"}},
		{name: "ctrl+c", typed: []string{"\x03"}, status: StatusInterrupted, want: []string{"interrupted at the API key prompt"}},
		{name: "ctrl+c at the second try", typed: []string{short, "01\x03"}, status: StatusInterrupted, want: []string{"try again (2 of 3)", "interrupted"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			n := 0
			kio := KeyIO{In: strings.NewReader(""), Out: &out, ReadPassword: func() ([]byte, error) {
				n++
				return []byte(tc.typed[n-1]), nil
			}}
			b, err := openWithin(t, BackendOptions{Getenv: env(nil), Live: true}, kio)
			if got := StatusOf(err); got != tc.status {
				t.Fatalf("status %d (%v), want %d", got, err, tc.status)
			}
			said := out.String()
			if err != nil {
				said += err.Error()
			} else {
				defer b.Close()
				if want := "(from the prompt)"; !strings.Contains(b.AccountLabel, want) {
					t.Errorf("account label %q, want it to say %q", b.AccountLabel, want)
				}
			}
			for _, w := range tc.want {
				if !strings.Contains(said, w) {
					t.Errorf("nothing says %q:\n%s", w, said)
				}
			}
			if strings.Contains(said, short[:12]) {
				t.Errorf("what was typed is shown:\n%s", said)
			}
		})
	}
}
