package credentials

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
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

// typed is a ReadPassword that answers with lines, one per call, then
// io.EOF, and counts its calls.
func typed(calls *int, lines ...string) func() ([]byte, error) {
	return func() ([]byte, error) {
		*calls++
		if *calls > len(lines) {
			return nil, io.EOF
		}
		return []byte(lines[*calls-1]), nil
	}
}

// TestPromptTries: a malformed key at the prompt is refused with what is
// wrong with it, never quoted, and asked for again, three tries in all;
// every refusal names the prompt as where the key came from.
func TestPromptTries(t *testing.T) {
	const short, notHex = "0123456789abcdef0123456789abcde", "0123456789abcdef0123456789abcdeg"
	for _, tc := range []struct {
		name    string
		lines   []string
		ok      bool
		calls   int
		err     []string // in the error
		out     []string // on the prompt's output
		notOut  []string
		aborted bool // ErrInterrupted
	}{
		{name: "right first time", lines: []string{testKey}, ok: true, calls: 1, notOut: []string{"try again"}},
		{name: "right the second time", lines: []string{short, testKey}, ok: true, calls: 2,
			out: []string{"API key prompt: the API key has 31 characters: a Memset API key is 32 hexadecimal digits; try again (2 of 3)"}},
		{name: "right the third time", lines: []string{"", notHex, " " + testKey + " "}, ok: true, calls: 3,
			out: []string{"the API key is empty", "try again (2 of 3)", "position 32", "try again (3 of 3)"}},
		{name: "three malformed keys", lines: []string{short, short, notHex, testKey}, calls: 3,
			err: []string{"API key prompt: ", "position 32", "32 hexadecimal digits", "3 tries", "nothing was sent"}},
		{name: "the input ends", lines: nil, calls: 1, err: []string{"API key prompt: no key was typed"}},
		{name: "the input ends after a malformed key", lines: []string{short}, calls: 2, err: []string{"API key prompt: ", "31 characters", "the input ended"}},
		{name: "ctrl+c on a raw terminal", lines: []string{testKey[:5] + "\x03"}, calls: 1, aborted: true},
		{name: "ctrl+c at the second try", lines: []string{short, "\x03"}, calls: 2, aborted: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out strings.Builder
			calls := 0
			k, err := Prompt(nil, &out, typed(&calls, tc.lines...))
			if calls != tc.calls {
				t.Errorf("the key was asked for %d times, want %d", calls, tc.calls)
			}
			switch {
			case tc.ok:
				if err != nil || k.Secret() != testKey || k.Source != SourcePrompt {
					t.Fatalf("got %v, %v; want the key", k, err)
				}
			case tc.aborted:
				if !errors.Is(err, ErrInterrupted) {
					t.Fatalf("err = %v, want ErrInterrupted", err)
				}
			default:
				if err == nil {
					t.Fatal("no error")
				}
				for _, w := range tc.err {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("the error %q does not say %q", err, w)
					}
				}
			}
			for _, w := range tc.out {
				if !strings.Contains(out.String(), w) {
					t.Errorf("the prompt's output does not say %q:\n%s", w, out.String())
				}
			}
			for _, w := range tc.notOut {
				if strings.Contains(out.String(), w) {
					t.Errorf("the prompt's output says %q:\n%s", w, out.String())
				}
			}
			all := out.String()
			if err != nil {
				all += err.Error()
			}
			for _, l := range append(tc.lines, testKey) {
				if len(l) >= 12 && strings.Contains(all, strings.TrimSpace(l)[:12]) {
					t.Errorf("what was typed is shown:\n%s", all)
				}
			}
		})
	}
}

// TestPromptLines: without a terminal, the prompt reads lines, with the
// same tries.
func TestPromptLines(t *testing.T) {
	var out strings.Builder
	k, err := Prompt(strings.NewReader("abc\n"+testKey+"\n"), &out, nil)
	if err != nil || k.Secret() != testKey || !strings.Contains(out.String(), "try again (2 of 3)") {
		t.Fatalf("%v %v\n%s", k, err, out.String())
	}
	if _, err := Prompt(strings.NewReader("\x03\n"), &out, nil); !errors.Is(err, ErrInterrupted) {
		t.Fatalf("ctrl+c: %v, want ErrInterrupted", err)
	}
}

// TestPromptContextInterrupted: when ctx ends (a signal) the prompt
// leaves at once with ErrInterrupted, without waiting for the read.
func TestPromptContextInterrupted(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	reading, release := make(chan struct{}), make(chan struct{})
	defer close(release)
	go func() {
		<-reading
		cancel()
	}()
	done := make(chan error, 1)
	go func() {
		_, err := PromptContext(ctx, nil, io.Discard, func() ([]byte, error) {
			close(reading)
			<-release
			return []byte(testKey), nil
		})
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, ErrInterrupted) {
			t.Fatalf("err = %v, want ErrInterrupted", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the prompt did not leave when its context ended")
	}
	if _, err := PromptContext(ctx, strings.NewReader(testKey+"\n"), io.Discard, nil); !errors.Is(err, ErrInterrupted) {
		t.Fatalf("a prompt whose context has ended: %v, want ErrInterrupted", err)
	}
}

// TestSourceNames: where a key came from, as the review screen says it.
func TestSourceNames(t *testing.T) {
	for s, want := range map[Source]string{SourceEnv: "MEMSET_API_KEY", SourceFile: "the key file", SourcePrompt: "the prompt", SourceNone: "none"} {
		if got := s.String(); got != want {
			t.Errorf("Source(%d) = %q, want %q", s, got, want)
		}
	}
}
