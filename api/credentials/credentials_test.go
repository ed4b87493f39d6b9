package credentials

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const testKey = "0123456789abcdef0123456789abcdef"

func TestValidate(t *testing.T) {
	tests := []struct {
		key  string
		want string // "" = valid
	}{
		{testKey, ""},
		{strings.ToUpper(testKey), ""},
		{"", "empty"},
		{"abc", "has 3 characters"},
		{testKey + "0", "has 33 characters"},
		{"0123456789abcdef0123456789abcdeg", "position 32"},
		{"0123456789abcdef 123456789abcdef", "position 17"},
	}
	for _, tt := range tests {
		err := Validate(tt.key)
		if tt.want == "" {
			if err != nil {
				t.Errorf("Validate(%q) = %v", tt.key, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tt.want) || !errors.Is(err, ErrMalformed) {
			t.Errorf("Validate(%q) = %v, want %q", tt.key, err, tt.want)
		}
		if tt.key != "" && strings.Contains(err.Error(), tt.key) {
			t.Errorf("error quotes the key: %v", err)
		}
	}
}

func TestKeyNeverPrints(t *testing.T) {
	k := Key{secret: testKey, Source: SourceEnv}
	for _, s := range []string{fmt.Sprint(k), fmt.Sprintf("%v %+v %#v %s", k, k, k, k), k.String()} {
		if strings.Contains(s, testKey) {
			t.Fatalf("key printed: %s", s)
		}
	}
	if !strings.HasPrefix(k.String(), "sha256:") || len(k.String()) != len("sha256:")+8 {
		t.Fatalf("fingerprint %q", k.String())
	}
	if Fingerprint(testKey) == Fingerprint(strings.Replace(testKey, "0", "1", 1)) {
		t.Fatal("fingerprints of different keys collide")
	}
}

func TestFromEnv(t *testing.T) {
	env := func(v string) func(string) string {
		return func(k string) string {
			if k == EnvVar {
				return v
			}
			return ""
		}
	}
	k, err := FromEnv(env(" " + testKey + "\n"))
	if err != nil || k.Secret() != testKey || k.Source != SourceEnv {
		t.Fatalf("%v %v", k, err)
	}
	k, err = FromEnv(env(""))
	if err != nil || !k.IsZero() {
		t.Fatalf("unset: %v %v", k, err)
	}
	_, err = FromEnv(env("not-a-key"))
	if err == nil || !strings.Contains(err.Error(), EnvVar) || strings.Contains(err.Error(), "not-a-key") {
		t.Fatalf("malformed env key error = %v", err)
	}
}

func TestFromFile(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string, mode os.FileMode) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), mode); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(p, mode); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tests := []struct {
		name, body string
		mode       os.FileMode
		want       string // "" = ok
	}{
		{"good", testKey + "\n", 0o600, ""},
		{"comment", "# memset key\n" + testKey + "\n", 0o400, ""},
		{"group readable", testKey, 0o640, "other users can read it; run: chmod 600"},
		{"world readable", testKey, 0o644, "chmod 600"},
		{"malformed", "password123\n", 0o600, "has 11 characters"},
		{"empty", "\n", 0o600, "empty"},
		{"two keys", testKey + "\n" + testKey + "\n", 0o600, "more than one line"},
		{"huge", strings.Repeat("a", maxKeyFile+1), 0o600, "larger than"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := write(tt.name, tt.body, tt.mode)
			k, err := FromFile(p)
			if tt.want == "" {
				if err != nil || k.Secret() != testKey || k.Source != SourceFile {
					t.Fatalf("%v %v", k, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
			if strings.Contains(err.Error(), testKey) {
				t.Fatalf("error quotes the key: %v", err)
			}
		})
	}
	if _, err := FromFile(filepath.Join(dir, "missing")); err == nil || !strings.Contains(err.Error(), "API key file") {
		t.Fatalf("missing file: %v", err)
	}
	if _, err := FromFile(dir); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Fatalf("directory: %v", err)
	}
}

func TestPrompt(t *testing.T) {
	var out strings.Builder
	k, err := Prompt(strings.NewReader(testKey+"\n"), &out, nil)
	if err != nil || k.Secret() != testKey || k.Source != SourcePrompt {
		t.Fatalf("%v %v", k, err)
	}
	if strings.Contains(out.String(), testKey) {
		t.Fatal("prompt echoed the key")
	}
	_, err = Prompt(strings.NewReader("short\n"), &out, nil)
	if !errors.Is(err, ErrMalformed) {
		t.Fatalf("err = %v", err)
	}
	k, err = Prompt(nil, &out, func() ([]byte, error) { return []byte(testKey), nil })
	if err != nil || k.Secret() != testKey {
		t.Fatalf("masked: %v %v", k, err)
	}
}
