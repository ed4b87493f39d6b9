// Package credentials finds the Memset API key: from MEMSET_API_KEY, from a
// key file that only its owner can read, or from a masked prompt on a
// terminal. It never takes a key from a command-line flag value (flags are
// visible in the process list and shell history) and never puts a key in an
// error message; people see a Fingerprint instead.
//
// UserFile opens the other files a person names (the catalogue, the journal,
// the debug log) under the key file's rules: a named pipe or a device is
// refused before it can stall the program, and a private file is never
// opened through a symbolic link or left where another user can reach it.
package credentials

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
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

// String names the source for people, as in "key sha256:3f9a1c2e (from
// the prompt)".
func (s Source) String() string {
	switch s {
	case SourceEnv:
		return EnvVar
	case SourceFile:
		return "the key file"
	case SourcePrompt:
		return "the prompt"
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

// keyFile is how messages name a key file.
var keyFile = UserFile{Label: "API key file", Flag: "--api-key-file"}

// FromFile reads a key from a file holding just the key (surrounding
// white space and a trailing newline are fine; lines starting with # are
// comments). The file must be a regular file (a named pipe would block
// reading it) that group and others can neither read nor write.
func FromFile(path string) (Key, error) {
	f, err := keyFile.OpenRead(path)
	if err != nil {
		return Key{}, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return Key{}, fmt.Errorf("API key file: %w", err)
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

// ErrInterrupted is returned when the key prompt was left with ctrl+c (or
// the program was told to stop while it waited): nothing was sent.
var ErrInterrupted = errors.New("interrupted at the API key prompt; nothing was sent")

// PromptTries is how many times the prompt asks for a well-formed key.
const PromptTries = 3

// promptLabel starts the prompt's refusals, naming where the key came from
// as MEMSET_API_KEY and "API key file" do for theirs.
const promptLabel = "API key prompt"

// ctrlC is the byte ctrl+c types on a terminal that does not turn it into
// a signal (one in raw mode).
const ctrlC = 0x03

// Prompt is PromptContext without a context: only ctrl+c or the end of
// the input leaves it early.
func Prompt(in io.Reader, out io.Writer, readPassword func() ([]byte, error)) (Key, error) {
	return PromptContext(context.Background(), in, out, readPassword)
}

// PromptContext asks for the key on out and reads it from in without echo
// when readPassword is given (a terminal), or as a line otherwise (tests).
// A malformed key is refused, saying what is wrong with it but never
// quoting it, and asked for again: PromptTries tries in all. ctrl+c (the
// byte a raw terminal passes on) or the end of ctx (a signal: the caller
// ties ctx to SIGINT and SIGTERM) leaves at once with ErrInterrupted,
// without waiting for the read to end.
func PromptContext(ctx context.Context, in io.Reader, out io.Writer, readPassword func() ([]byte, error)) (Key, error) {
	read := readPassword
	if read == nil {
		br := bufio.NewReader(in)
		read = func() ([]byte, error) {
			s, err := br.ReadString('\n')
			if errors.Is(err, io.EOF) && s != "" {
				err = nil
			}
			return []byte(s), err
		}
	}
	var refused error
	for try := 1; try <= PromptTries; try++ {
		if refused != nil {
			fmt.Fprintf(out, "%s: %v; try again (%d of %d)\n", promptLabel, refused, try, PromptTries)
		}
		fmt.Fprint(out, "Memset API key (input hidden): ")
		b, err := readInterruptibly(ctx, read)
		if readPassword != nil || errors.Is(err, ErrInterrupted) {
			// The terminal did not echo the end of the line.
			fmt.Fprintln(out)
		}
		switch {
		case errors.Is(err, ErrInterrupted):
			return Key{}, err
		case errors.Is(err, io.EOF) && refused != nil:
			return Key{}, fmt.Errorf("%s: %w (then the input ended; nothing was sent)", promptLabel, refused)
		case errors.Is(err, io.EOF):
			return Key{}, fmt.Errorf("%s: no key was typed before the input ended", promptLabel)
		case err != nil:
			return Key{}, fmt.Errorf("%s: reading the API key: %w", promptLabel, err)
		case bytes.IndexByte(b, ctrlC) >= 0:
			return Key{}, ErrInterrupted
		}
		line := strings.TrimSpace(string(b))
		clear(b)
		if refused = Validate(line); refused == nil {
			return Key{secret: line, Source: SourcePrompt}, nil
		}
	}
	return Key{}, fmt.Errorf("%s: %w (%d tries; nothing was sent)", promptLabel, refused, PromptTries)
}

// readInterruptibly runs read and returns what it returns, or
// ErrInterrupted as soon as ctx ends. A read that is left behind ends
// whenever its input does; its answer is dropped.
func readInterruptibly(ctx context.Context, read func() ([]byte, error)) ([]byte, error) {
	if ctx.Err() != nil {
		return nil, ErrInterrupted
	}
	type answer struct {
		b   []byte
		err error
	}
	done := make(chan answer, 1)
	go func() {
		b, err := read()
		done <- answer{b, err}
	}()
	select {
	case a := <-done:
		return a.b, a.err
	case <-ctx.Done():
		return nil, ErrInterrupted
	}
}
