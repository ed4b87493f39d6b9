package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// TestNewCmdServeRefusesBadUsage: serve will not start without
// --authorized-keys, and real orders need both --real-orders and
// --api-key-file: each mistake is bad usage (exit 2), said before
// anything is opened.
func TestNewCmdServeRefusesBadUsage(t *testing.T) {
	dir := t.TempDir()
	keys := writeAuthorizedKeys(t, dir, newSigner(t).PublicKey())
	for _, tc := range []struct {
		args []string
		says string
	}{
		{[]string{"serve"}, "serve needs --authorized-keys"},
		{[]string{"serve", "--authorized-keys", keys, "--real-orders"}, "--real-orders needs --api-key-file"},
		{[]string{"serve", "--authorized-keys", keys, "--api-key-file", filepath.Join(dir, "key")}, "needs --real-orders"},
		{[]string{"serve", "--authorized-keys", keys, "--api-url", "https://api.memset.com/v1/json"}, "needs --real-orders"},
		{[]string{"serve", "--authorized-keys", keys, "--real-orders", "--api-key-file", filepath.Join(dir, "key"), "--sandbox"}, "contradict"},
		{[]string{"serve", "--authorized-keys", keys, "--live"}, "does not take --live"},
		{[]string{"serve", "--authorized-keys", keys, "--max-sessions", "0"}, "--max-sessions 0"},
		{[]string{"serve", "--authorized-keys", keys, "extra"}, "unknown command"},
	} {
		f, _, _ := testFactory(map[string]string{"XDG_STATE_HOME": dir})
		err := execute(newCmdRoot(f, nil), tc.args...)
		if StatusOf(err) != StatusUsage || !strings.Contains(err.Error(), tc.says) {
			t.Errorf("memset-order %s: %v (status %d), want bad usage saying %q", strings.Join(tc.args, " "), err, StatusOf(err), tc.says)
		}
	}
}

// TestServeRefusesBadFiles: an authorized-keys file other users can
// write to, one with a key restricted by options serve does not apply,
// one with no key, and a host key others can read all stop the server
// before it listens, naming the file.
func TestServeRefusesBadFiles(t *testing.T) {
	dir := t.TempDir()
	key := string(gossh.MarshalAuthorizedKey(newSigner(t).PublicKey()))
	write := func(name, content string, mode os.FileMode) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), mode); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(p, mode); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good", key, 0o600)
	looseHost := write("loose_host_key", "", 0o644)
	for _, tc := range []struct {
		name, keys, hostKey, says string
	}{
		{"writable by others", write("writable", key, 0o666), "", "other users can add their keys"},
		{"options", write("options", `from="10.0.0.0/8" `+key, 0o600), "", "line 1: its options (from="},
		{"not a key", write("garbage", "# ok\nssh-ed25519 not-base64\n", 0o600), "", "line 2: not a public key"},
		{"no key", write("empty", "# nobody\n", 0o600), "", "holds no key"},
		{"missing", filepath.Join(dir, "nowhere"), "", "--authorized-keys"},
		{"host key readable by others", good, looseHost, "readable by you only"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var log syncBuffer
			hk := tc.hostKey
			if hk == "" {
				hk = filepath.Join(t.TempDir(), hostKeyName)
			}
			opts := &ServeOptions{IO: &IOStreams{ErrOut: &log}, Listen: "127.0.0.1:0", HostKey: hk, AuthorizedKeys: tc.keys,
				MaxSessions: 1, JournalPath: filepath.Join(t.TempDir(), "orders.jsonl")}
			err := runServeWithin(t, opts)
			if err == nil || !strings.Contains(err.Error(), tc.says) {
				t.Errorf("serve with %s: %v, want an error saying %q", tc.name, err, tc.says)
			}
			if strings.Contains(log.String(), "listening") {
				t.Errorf("serve listened although it refused: %s", log.String())
			}
		})
	}
}

// runServeWithin runs serve and expects it to return at once.
func runServeWithin(t *testing.T, opts *ServeOptions) error {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- runServe(ctx, opts) }()
	select {
	case err := <-done:
		return err
	case <-time.After(serveTimeout):
		cancel()
		<-done
		t.Fatal("serve started although it should have refused")
		return nil
	}
}

// TestServeHostKey: a missing host key is created, ed25519 and mode 0600,
// and the next start uses the same key (clients' known_hosts stay valid).
func TestServeHostKey(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state", "memset-order", hostKeyName)
	first, err := loadHostKey(path)
	if err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 || !first.created || first.signer.PublicKey().Type() != gossh.KeyAlgoED25519 {
		t.Errorf("the new host key has mode %04o, created %v, type %s; want 0600, true, ed25519", st.Mode().Perm(), first.created, first.signer.PublicKey().Type())
	}
	again, err := loadHostKey(path)
	if err != nil {
		t.Fatal(err)
	}
	if again.created || again.fingerprint != first.fingerprint {
		t.Errorf("the second start has key %s (created %v), want the first's %s", again.fingerprint, again.created, first.fingerprint)
	}
}

// TestSessionEnv: a session's colours and glyphs follow what its client
// sent: any non-empty NO_COLOR, and the locale's codeset (LC_ALL, then
// LC_CTYPE, then LANG; none is the C locale).
func TestSessionEnv(t *testing.T) {
	for _, tc := range []struct {
		env           sessionEnv
		noColor, utf8 bool
	}{
		{sessionEnv{"LANG": "en_GB.UTF-8"}, false, true},
		{sessionEnv{"LANG": "en_GB.UTF-8", "LC_ALL": "C"}, false, false},
		{sessionEnv{"LANG": "C", "LC_CTYPE": "C.utf8"}, false, true},
		{sessionEnv{"NO_COLOR": "0", "LANG": "C.UTF-8"}, true, true},
		{sessionEnv{}, false, false},
	} {
		if tc.env.noColor() != tc.noColor || tc.env.utf8() != tc.utf8 {
			t.Errorf("%v: noColor %v, utf8 %v; want %v, %v", tc.env, tc.env.noColor(), tc.env.utf8(), tc.noColor, tc.utf8)
		}
	}
}
