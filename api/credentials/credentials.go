// Package credentials finds the Memset API key: from MEMSET_API_KEY, from a
// key file that only its owner can read, or from a masked prompt on a
// terminal. It never takes a key from a command-line flag value (flags are
// visible in the process list and shell history) and never puts a key in an
// error message; people see a Fingerprint instead.
package credentials

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// EnvVar is the environment variable that holds the API key.
const EnvVar = "MEMSET_API_KEY"

// Source says where a key came from.
type Source int

// The key sources.
const (
	SourceNone Source = iota
	SourceEnv
	SourceFile
	SourcePrompt
)

// String names the source for people.
func (s Source) String() string {
	switch s {
	case SourceEnv:
		return EnvVar
	case SourceFile:
		return "key file"
	case SourcePrompt:
		return "typed at the prompt"
	}
	return "none"
}

// Key is an API key with where it came from. Its String and GoString
// methods print the fingerprint, so it cannot leak through fmt.
type Key struct {
	secret string
	Source Source
}

// Secret returns the key itself, for the Authorization header only.
func (k Key) Secret() string { return k.secret }

// IsZero reports whether there is no key.
func (k Key) IsZero() bool { return k.secret == "" }

// String is the fingerprint, never the key.
func (k Key) String() string { return Fingerprint(k.secret) }

// GoString is the fingerprint, never the key.
func (k Key) GoString() string { return "credentials.Key(" + Fingerprint(k.secret) + ")" }

// ErrMalformed is wrapped by errors about keys that are not 32 hex digits.
var ErrMalformed = errors.New("a Memset API key is 32 hexadecimal digits")

// Validate checks the key's form. The error describes the problem (length,
// bad characters) without quoting the key.
func Validate(key string) error {
	if key == "" {
		return fmt.Errorf("the API key is empty: %w", ErrMalformed)
	}
	if len(key) != 32 {
		return fmt.Errorf("the API key has %d characters: %w", len(key), ErrMalformed)
	}
	for i, r := range key {
		if !strings.ContainsRune("0123456789abcdefABCDEF", r) {
			return fmt.Errorf("the API key has a character that is not hexadecimal at position %d: %w", i+1, ErrMalformed)
		}
	}
	return nil
}

// Fingerprint is a short, non-reversible tag of a key for people to tell
// keys apart: "sha256:3f9a1c2e". It is "none" for an empty key.
func Fingerprint(key string) string {
	if key == "" {
		return "none"
	}
	sum := sha256.Sum256([]byte(key))
	return "sha256:" + hex.EncodeToString(sum[:4])
}

// FromEnv returns the key in MEMSET_API_KEY (trimmed), if set. A set but
// malformed key is an error: it is never silently ignored.
func FromEnv(getenv func(string) string) (Key, error) {
	v := strings.TrimSpace(getenv(EnvVar))
	if v == "" {
		return Key{}, nil
	}
	if err := Validate(v); err != nil {
		return Key{}, fmt.Errorf("%s: %w", EnvVar, err)
	}
	return Key{secret: v, Source: SourceEnv}, nil
}

// maxKeyFile bounds what is read of a key file.
const maxKeyFile = 4096

// FromFile reads a key from a file holding just the key (surrounding
// white space and a trailing newline are fine; lines starting with # are
// comments). The file must not be readable or writable by group or others.
func FromFile(path string) (Key, error) {
	f, err := os.Open(path)
	if err != nil {
		return Key{}, fmt.Errorf("API key file: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return Key{}, fmt.Errorf("API key file: %w", err)
	}
	if !st.Mode().IsRegular() {
		return Key{}, fmt.Errorf("API key file %s is not a regular file", path)
	}
	if perm := st.Mode().Perm(); perm&0o077 != 0 {
		return Key{}, fmt.Errorf("API key file %s has mode %04o, so other users can read it; run: chmod 600 %s", path, perm, path)
	}
	b, err := io.ReadAll(io.LimitReader(f, maxKeyFile+1))
	if err != nil {
		return Key{}, fmt.Errorf("API key file %s: %w", path, err)
	}
	if len(b) > maxKeyFile {
		return Key{}, fmt.Errorf("API key file %s is larger than %d bytes; it should hold only the key", path, maxKeyFile)
	}
	var key string
	for _, ln := range strings.Split(string(b), "\n") {
		ln = strings.TrimSpace(ln)
		if ln == "" || strings.HasPrefix(ln, "#") {
			continue
		}
		if key != "" {
			return Key{}, fmt.Errorf("API key file %s has more than one line of content; it should hold only the key", path)
		}
		key = ln
	}
	if err := Validate(key); err != nil {
		return Key{}, fmt.Errorf("API key file %s: %w", path, err)
	}
	return Key{secret: key, Source: SourceFile}, nil
}

// Prompt asks for the key on out and reads it from in without echo when
// readPassword is given (a terminal), or as a line otherwise (tests).
func Prompt(in io.Reader, out io.Writer, readPassword func() ([]byte, error)) (Key, error) {
	fmt.Fprint(out, "Memset API key (input hidden): ")
	var line string
	if readPassword != nil {
		b, err := readPassword()
		fmt.Fprintln(out)
		if err != nil {
			return Key{}, fmt.Errorf("reading the API key: %w", err)
		}
		line = string(b)
	} else {
		s, err := bufio.NewReader(in).ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return Key{}, fmt.Errorf("reading the API key: %w", err)
		}
		line = s
	}
	line = strings.TrimSpace(line)
	if err := Validate(line); err != nil {
		return Key{}, err
	}
	return Key{secret: line, Source: SourcePrompt}, nil
}
