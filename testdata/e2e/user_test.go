package e2e

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// testKey is the API key every test backend accepts: a fixed 32-hex key, so
// that the leak scans know exactly what to look for. It is derived rather
// than written out, so that this package's own source is not a leak when
// the scan reads testdata/.
var testKey = deriveKey("memset-order e2e: the key that must never be shown")

// deriveKey is a 32-hex-digit key made from a phrase.
func deriveKey(phrase string) string {
	sum := sha256.Sum256([]byte(phrase))
	return hex.EncodeToString(sum[:16])
}

// commandTimeout bounds one non-interactive run of the binary.
const commandTimeout = 30 * time.Second

// user is one person's machine as the binary sees it: a home directory, a
// state directory (where the journal lives) and a pinned environment.
type user struct {
	t     *testing.T
	home  string
	state string
	env   map[string]string
}

// newUser returns a user with a fresh home and state directory and no API
// key in the environment.
func newUser(t *testing.T) *user {
	t.Helper()
	dir := t.TempDir()
	u := &user{t: t, home: filepath.Join(dir, "home"), state: filepath.Join(dir, "state")}
	for _, d := range []string{u.home, u.state} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	u.env = map[string]string{
		"HOME":           u.home,
		"XDG_STATE_HOME": u.state,
		"TERM":           "xterm-256color",
		"NO_COLOR":       "1",
		"LANG":           "C.UTF-8",
		"PATH":           "/usr/bin:/bin",
	}
	return u
}

// withKey sets MEMSET_API_KEY.
func (u *user) withKey(key string) *user {
	u.env["MEMSET_API_KEY"] = key
	return u
}

// environ is the environment of a run: only what the user was given.
func (u *user) environ() []string {
	out := make([]string, 0, len(u.env))
	for k, v := range u.env {
		out = append(out, k+"="+v)
	}
	return out
}

// journalPath is where the journal lands by default.
func (u *user) journalPath() string {
	return filepath.Join(u.state, "memset-order", "orders.jsonl")
}

// path is a file in the user's home directory.
func (u *user) path(name string) string { return filepath.Join(u.home, name) }

// result is how a non-interactive run ended.
type result struct {
	args   []string
	stdout string
	stderr string
	code   int
}

// all is stdout and stderr together, for messages that may be on either.
func (r result) all() string { return r.stdout + r.stderr }

// String describes the run for failure messages.
func (r result) String() string {
	return "memset-order " + strings.Join(r.args, " ") + "\nexit " + strconv.Itoa(r.code) +
		"\n--- stdout ---\n" + r.stdout + "\n--- stderr ---\n" + r.stderr
}

// run runs the binary with args, stdin empty and not a terminal, and waits
// for it.
func (u *user) run(args ...string) result {
	u.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), commandTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, args...)
	cmd.Env = u.environ()
	cmd.Dir = u.home
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	r := result{args: args, stdout: out.String(), stderr: errOut.String()}
	var ee *exec.ExitError
	switch {
	case ctx.Err() != nil:
		u.t.Fatalf("memset-order %s did not finish within %s\n%s", strings.Join(args, " "), commandTimeout, r)
	case errors.As(err, &ee):
		r.code = ee.ExitCode()
	case err != nil:
		u.t.Fatalf("memset-order %s: %v", strings.Join(args, " "), err)
	}
	return r
}
