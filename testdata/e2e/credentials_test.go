package e2e

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// TestKeyFilePermissions: a key file that others can read is refused
// before anything is sent, naming the file and the fix.
func TestKeyFilePermissions(t *testing.T) {
	t.Parallel()
	for _, mode := range []os.FileMode{0o644, 0o640, 0o604} {
		t.Run(fmt.Sprintf("%04o", mode), func(t *testing.T) {
			t.Parallel()
			b := newBackend(t)
			u := newUser(t)
			keyFile := u.path("memset.key")
			if err := os.WriteFile(keyFile, []byte(testKey+"\n"), 0o600); err != nil {
				t.Fatal(err)
			}
			if err := os.Chmod(keyFile, mode); err != nil {
				t.Fatal(err)
			}
			r := u.run("--api-key-file", keyFile, "--api-url", b.url)
			if r.code != 1 {
				t.Errorf("exit %d, want 1\n%s", r.code, r)
			}
			for _, want := range []string{keyFile, "chmod 600"} {
				if !strings.Contains(squash(r.stderr), want) {
					t.Errorf("the message does not name %q:\n%s", want, r)
				}
			}
			noKey(t, testKey, "the refusal", []byte(r.all()))
			if n := len(b.requests()); n != 0 {
				t.Errorf("%d requests reached the backend with a key file others can read, want 0", n)
			}
		})
	}
}

// TestMalformedKey: a key that is not 32 hex digits, from the environment
// or a file, is refused with a message saying what is wrong with it,
// never quoting it, and nothing is sent.
func TestMalformedKey(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		key  string
		want string
	}{
		{"31 characters", testKey[:31], "31 characters"},
		{"33 characters", testKey + "a", "33 characters"},
		{"not hexadecimal", testKey[:20] + "g" + testKey[21:], "position 21"},
	} {
		for _, source := range []string{"MEMSET_API_KEY", "key file", "sandbox subcommand"} {
			t.Run(tc.name+", "+source, func(t *testing.T) {
				t.Parallel()
				b := newBackend(t)
				u := newUser(t)
				var r result
				switch source {
				case "MEMSET_API_KEY":
					r = u.withKey(tc.key).run("--api-url", b.url)
				case "key file":
					f := u.path("memset.key")
					if err := os.WriteFile(f, []byte(tc.key+"\n"), 0o600); err != nil {
						t.Fatal(err)
					}
					r = u.run("--api-key-file", f, "--api-url", b.url)
				default:
					r = u.withKey(tc.key).run("sandbox", "--listen", "127.0.0.1:0")
				}
				if r.code != 1 {
					t.Errorf("exit %d, want 1\n%s", r.code, redact([]byte(r.String()), tc.key))
				}
				msg := squash(r.stderr)
				for _, want := range []string{tc.want, "32 hexadecimal digits"} {
					if !strings.Contains(msg, want) {
						t.Errorf("the message does not say %q:\n%s", want, redact([]byte(r.String()), tc.key))
					}
				}
				switch {
				case source == "key file" && !strings.Contains(msg, u.path("memset.key")):
					t.Errorf("the message does not name the key file:\n%s", redact([]byte(r.String()), tc.key))
				case source != "key file" && !strings.Contains(msg, "MEMSET_API_KEY"):
					t.Errorf("the message does not name the variable MEMSET_API_KEY (environment variables are case-sensitive):\n%s", redact([]byte(r.String()), tc.key))
				}
				for i := 0; i+12 <= len(tc.key); i++ {
					if strings.Contains(r.all(), tc.key[i:i+12]) {
						t.Errorf("the refusal quotes the malformed key")
						break
					}
				}
				if n := len(b.requests()); n != 0 {
					t.Errorf("%d requests reached the backend with a malformed key, want 0", n)
				}
			})
		}
	}
}

// TestRefusedKey: a well-formed key the backend does not accept. The
// wizard says the key was refused, without quoting it, and orders nothing.
func TestRefusedKey(t *testing.T) {
	t.Parallel()
	wrong := deriveKey("a key Memset does not know")
	b := newBackend(t)
	u := newUser(t).withKey(wrong)
	s := u.startOrder(b)
	// The services list is the first call: the wizard says the key was
	// refused and where it came from.
	s.waitScreen("What would you like to order?", "API key was refused", "MEMSET_API_KEY")
	s.keys(keyEnter)
	// Every price is refused the same way, so nothing can be placed.
	s.waitScreen("Choose a plan", "API key was refused")
	if code := s.quit(); code != 0 {
		t.Errorf("quitting before ordering exits %d, want 0", code)
	}
	if out := s.afterFullScreen(); !strings.Contains(out, "Nothing was ordered") {
		t.Errorf("the summary does not say nothing was ordered:\n%s", out)
	}
	noKey(t, wrong, "the terminal transcript", s.transcript())
	noKey(t, wrong, "stderr", []byte(s.stderrText()))
	if n := len(b.sb.Orders()); n != 0 {
		t.Errorf("the sandbox ledger holds %d orders", n)
	}
}

// squash joins the words of s with single spaces, so that a message can be
// matched however the terminal or fang wrapped it.
func squash(s string) string { return strings.Join(strings.Fields(s), " ") }
