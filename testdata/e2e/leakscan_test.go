package e2e

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// keyForms are the ways a key can leak: itself, upper-cased, any 12
// characters of it in a row, and its base64 forms (alone and as an HTTP
// Basic user name, "key:").
func keyForms(key string) []string {
	forms := []string{key, strings.ToUpper(key)}
	for i := 0; i+12 <= len(key); i++ {
		forms = append(forms, key[i:i+12])
	}
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.URLEncoding, base64.RawStdEncoding} {
		forms = append(forms, enc.EncodeToString([]byte(key)), enc.EncodeToString([]byte(key+":")))
	}
	// base64 is aligned on 3 bytes: a key that starts one or two bytes
	// into a longer encoded text shows up shifted; its first 40 characters
	// in each alignment are distinctive enough.
	for shift := 1; shift <= 2; shift++ {
		e := base64.StdEncoding.EncodeToString(append(bytes.Repeat([]byte{0}, shift), key...))
		forms = append(forms, e[4:40])
	}
	return forms
}

// keyLeaks returns, for each form of key found in data, the form and the
// text around it (with the key redacted).
func keyLeaks(key string, data []byte) []string {
	var out []string
	for _, f := range keyForms(key) {
		if i := bytes.Index(data, []byte(f)); i >= 0 {
			lo, hi := max(0, i-60), min(len(data), i+len(f)+60)
			out = append(out, "as "+redact([]byte(f), key)+", near: "+strconv.Quote(redact(data[lo:hi], key)))
		}
	}
	return out
}

// noKey fails the test if data holds key in any of its forms.
func noKey(t *testing.T, key, what string, data []byte) {
	t.Helper()
	if l := keyLeaks(key, data); len(l) > 0 {
		t.Errorf("the API key appears in %s in %d form(s), first %s", what, len(l), l[0])
	}
}

// redact hides the key's middle in a failure message: even the test log
// must not carry the key.
func redact(b []byte, key string) string {
	s := string(b)
	for _, f := range keyForms(key) {
		if len(f) > 4 {
			s = strings.ReplaceAll(s, f, f[:2]+"…"+f[len(f)-2:])
		}
	}
	return s
}

// noKeyInFile scans one file, failing the test if it holds the key.
func noKeyInFile(t *testing.T, key, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Errorf("reading %s to scan it: %v", path, err)
		return
	}
	noKey(t, key, path, b)
}

// noKeyUnder scans every regular file under dir and returns how many it
// read.
func noKeyUnder(t *testing.T, key, dir string) int {
	t.Helper()
	n := 0
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			noKeyInFile(t, key, path)
			n++
		}
		return nil
	})
	if err != nil {
		t.Errorf("scanning %s: %v", dir, err)
	}
	return n
}

// noKeyInRequests fails the test if the key travelled in any request's
// URL or form body (it belongs only in the Authorization header).
func noKeyInRequests(t *testing.T, key string, b *backend) {
	t.Helper()
	reqs := b.requests()
	if len(reqs) == 0 {
		t.Errorf("the backend saw no requests: the URL and form scan would prove nothing")
	}
	for _, r := range reqs {
		noKey(t, key, "a request URL", []byte(r.uri))
		noKey(t, key, "a request body", []byte(r.body))
		if strings.Contains(r.body, "api_key") || strings.Contains(r.uri, "api_key") {
			t.Errorf("a request carries an api_key parameter: %s", redact([]byte(r.uri+" "+r.body), key))
		}
	}
}

// fingerprint is how the product names a key to people: "sha256:" and the
// first 8 hex digits of its SHA-256.
func fingerprint(key string) string {
	sum := sha256.Sum256([]byte(key))
	return "sha256:" + hex.EncodeToString(sum[:4])
}

// TestKeyLeakScanFindsTheKey shows that the scan the key tests rely on
// finds the key in every form it claims to, and nothing in clean text.
func TestKeyLeakScanFindsTheKey(t *testing.T) {
	t.Parallel()
	key := testKey
	basic := base64.StdEncoding.EncodeToString([]byte(key + ":"))
	for _, tc := range []struct {
		name string
		data string
		leak bool
	}{
		{"the key itself", "Authorization failed for " + key + " today", true},
		{"upper case", "KEY=" + strings.ToUpper(key), true},
		{"the first 12 characters", "key " + key[:12] + "…", true},
		{"the last 12 characters", "…" + key[20:], true},
		{"a middle 12 characters", "x" + key[9:21] + "y", true},
		{"an HTTP Basic header", "Authorization: Basic " + basic, true},
		{"base64 inside a longer encoding", base64.StdEncoding.EncodeToString([]byte("user=" + key)), true},
		{"base64 at another alignment", base64.StdEncoding.EncodeToString([]byte("user" + key)), true},
		{"base64 of the key alone", base64.RawURLEncoding.EncodeToString([]byte(key)), true},
		{"11 characters are not a leak", "x" + key[3:14] + "y", false},
		{"the fingerprint is not a leak", "key " + fingerprint(key) + " (from MEMSET_API_KEY)", false},
		{"redacted header", "Authorization: [redacted]", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := keyLeaks(key, []byte(tc.data))
			if (len(got) > 0) != tc.leak {
				t.Errorf("leak found = %v (%v), want %v", len(got) > 0, got, tc.leak)
			}
		})
	}
}
