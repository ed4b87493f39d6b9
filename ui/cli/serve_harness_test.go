package cli

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/vt"
	gossh "golang.org/x/crypto/ssh"

	"github.com/memset-order/memset-order/api/order"
)

// serveTimeout is how long a screen or an exit may take in these tests.
// It only matters when something is wrong.
const serveTimeout = 20 * time.Second

// syncBuffer is a bytes.Buffer safe for concurrent writers and readers.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// testServe is `memset-order serve` running in the test, on a loopback
// port the system chose.
type testServe struct {
	t       *testing.T
	opts    *ServeOptions
	addr    string
	hostKey gossh.PublicKey
	// user is the key authorized-keys lists.
	user   gossh.Signer
	log    *syncBuffer
	cancel context.CancelFunc
	done   chan error
}

// newSigner is a new ed25519 SSH key.
func newSigner(t *testing.T) gossh.Signer {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// writeAuthorizedKeys writes the keys' authorized_keys file (mode 0600)
// and returns its path.
func writeAuthorizedKeys(t *testing.T, dir string, keys ...gossh.PublicKey) string {
	t.Helper()
	var b bytes.Buffer
	b.WriteString("# the keys allowed in\n\n")
	for _, k := range keys {
		b.Write(gossh.MarshalAuthorizedKey(k))
	}
	path := filepath.Join(dir, "authorized_keys")
	if err := os.WriteFile(path, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// startServe runs serve with one authorized key, fast sandbox jobs and
// fast polling; edit changes the options first. The server is stopped
// when the test ends.
func startServe(t *testing.T, edit func(*ServeOptions)) *testServe {
	t.Helper()
	dir := t.TempDir()
	ts := &testServe{t: t, user: newSigner(t), log: &syncBuffer{}, done: make(chan error, 1)}
	ready := make(chan net.Addr, 1)
	ts.opts = &ServeOptions{
		IO:              &IOStreams{In: strings.NewReader(""), Out: io.Discard, ErrOut: ts.log},
		Getenv:          func(string) string { return "" },
		Listen:          "127.0.0.1:0",
		HostKey:         filepath.Join(dir, "state", hostKeyName),
		AuthorizedKeys:  writeAuthorizedKeys(t, dir, ts.user.PublicKey()),
		MaxSessions:     4,
		ShutdownTimeout: 10 * time.Second,
		StageDuration:   100 * time.Millisecond,
		AutoPay:         100 * time.Millisecond,
		Backend:         BackendOptions{UserAgent: "memset-order/test", Account: "default"},
		JournalPath:     filepath.Join(dir, "state", "memset-order", "orders.jsonl"),
		LeaveWait:       2 * time.Second,
		ready:           func(a net.Addr) { ready <- a },
		poll:            order.Backoff{Min: 50 * time.Millisecond, Max: 200 * time.Millisecond},
	}
	if edit != nil {
		edit(ts.opts)
	}
	ctx, cancel := context.WithCancel(context.Background())
	ts.cancel = cancel
	go func() { ts.done <- runServe(ctx, ts.opts) }()
	select {
	case a := <-ready:
		ts.addr = a.String()
	case err := <-ts.done:
		t.Fatalf("serve did not start: %v\nlog:\n%s", err, ts.log)
	case <-time.After(serveTimeout):
		t.Fatalf("serve did not listen within %s; log:\n%s", serveTimeout, ts.log)
	}
	hk, err := loadHostKey(ts.opts.HostKey)
	if err != nil {
		t.Fatal(err)
	}
	ts.hostKey = hk.signer.PublicKey()
	t.Cleanup(func() {
		ts.cancel()
		select {
		case <-ts.done:
		case <-time.After(serveTimeout):
			t.Errorf("serve did not stop within %s; log:\n%s", serveTimeout, ts.log)
		}
	})
	return ts
}

// stop stops the server as a signal does and returns runServe's error.
func (ts *testServe) stop() error {
	ts.t.Helper()
	ts.cancel()
	select {
	case err := <-ts.done:
		ts.done <- err // for the cleanup
		return err
	case <-time.After(serveTimeout):
		ts.t.Fatalf("serve did not stop within %s; log:\n%s", serveTimeout, ts.log)
		return nil
	}
}

// dial logs in as user with key, checking the server's host key.
func (ts *testServe) dial(user string, key gossh.Signer) (*gossh.Client, error) {
	return gossh.Dial("tcp", ts.addr, &gossh.ClientConfig{
		User:            user,
		Auth:            []gossh.AuthMethod{gossh.PublicKeys(key)},
		HostKeyCallback: gossh.FixedHostKey(ts.hostKey),
		Timeout:         serveTimeout,
	})
}

// login logs in as alice with the authorized key.
func (ts *testServe) login() *gossh.Client {
	ts.t.Helper()
	c, err := ts.dial("alice", ts.user)
	if err != nil {
		ts.t.Fatalf("logging in with an authorized key: %v\nlog:\n%s", err, ts.log)
	}
	ts.t.Cleanup(func() { c.Close() })
	return c
}

// waitLog waits until the server's log holds every one of want.
func (ts *testServe) waitLog(want ...string) string {
	ts.t.Helper()
	deadline := time.Now().Add(serveTimeout)
	for {
		l := ts.log.String()
		if containsAllOf(l, want) {
			return l
		}
		if time.Now().After(deadline) {
			ts.t.Fatalf("the server's log does not say %q within %s:\n%s", want, serveTimeout, l)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// sshScreen is an SSH session with a pty, its output replayed into a
// virtual terminal of the pty's size, so that the test reads the screen
// the person at the client sees.
type sshScreen struct {
	t      *testing.T
	sess   *gossh.Session
	stdin  io.WriteCloser
	mu     sync.Mutex
	emu    *vt.Emulator
	raw    bytes.Buffer
	stderr *syncBuffer
	// readDone closes once the session's output has all been read;
	// exited carries the session's end (nil for exit status 0).
	readDone chan struct{}
	exited   chan error
	exitErr  error
}

// openScreen opens a session on c with a pty of w×h and TERM term,
// sending env first, and starts its shell (the wizard).
func openScreen(t *testing.T, c *gossh.Client, w, h int, term string, env map[string]string) *sshScreen {
	t.Helper()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatalf("opening a session: %v", err)
	}
	for k, v := range env {
		if err := sess.Setenv(k, v); err != nil {
			t.Fatalf("setenv %s: %v", k, err)
		}
	}
	if err := sess.RequestPty(term, h, w, gossh.TerminalModes{}); err != nil {
		t.Fatalf("requesting a pty: %v", err)
	}
	s := &sshScreen{t: t, sess: sess, emu: vt.NewEmulator(w, h), stderr: &syncBuffer{}, readDone: make(chan struct{}), exited: make(chan error, 1)}
	sess.Stderr = s.stderr
	if s.stdin, err = sess.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	stdout, err := sess.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.Shell(); err != nil {
		t.Fatalf("starting the shell: %v", err)
	}
	// The emulator answers the program's terminal queries, as a terminal
	// does; the answers go back as typed input.
	replyDone := make(chan struct{})
	go func() {
		defer close(replyDone)
		_, _ = io.Copy(s.stdin, s.emu)
	}()
	go func() {
		defer close(s.readDone)
		buf := make([]byte, 32<<10)
		for {
			n, err := stdout.Read(buf)
			if n > 0 {
				s.mu.Lock()
				s.raw.Write(buf[:n])
				_, _ = s.emu.Write(buf[:n])
				s.mu.Unlock()
			}
			if err != nil {
				return
			}
		}
	}()
	go func() { s.exited <- sess.Wait() }()
	t.Cleanup(func() {
		sess.Close()
		<-s.readDone
		if c, ok := s.emu.InputPipe().(io.Closer); ok {
			_ = c.Close()
		}
		<-replyDone
	})
	return s
}

// screen is what the terminal shows now.
func (s *sshScreen) screen() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.emu.String()
}

// transcript is every byte the session wrote to the terminal so far.
func (s *sshScreen) transcript() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.raw.String()
}

// afterFullScreen is what the session wrote after it left the full
// screen (the summary), as plain text.
func (s *sshScreen) afterFullScreen() string {
	raw := s.transcript()
	if i := strings.LastIndex(raw, "\x1b[?1049l"); i >= 0 {
		raw = raw[i+len("\x1b[?1049l"):]
	}
	return strings.ReplaceAll(ansi.Strip(raw), "\r\n", "\n")
}

// waitScreen waits until the screen shows every one of want.
func (s *sshScreen) waitScreen(want ...string) string {
	s.t.Helper()
	return s.waitUntil(fmt.Sprintf("%q", want), func(scr string) bool { return containsAllOf(scr, want) })
}

// waitUntil waits until ok(screen) holds and returns the screen.
func (s *sshScreen) waitUntil(what string, ok func(string) bool) string {
	s.t.Helper()
	deadline := time.Now().Add(serveTimeout)
	for {
		scr := s.screen()
		if ok(scr) {
			return scr
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("the session's screen did not show %s within %s; it shows:\n%s\nstderr:\n%s", what, serveTimeout, scr, s.stderr)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// keys types into the session, one write per key.
func (s *sshScreen) keys(ks ...string) {
	s.t.Helper()
	for _, k := range ks {
		if _, err := s.stdin.Write([]byte(k)); err != nil {
			s.t.Fatalf("typing %q: %v", k, err)
		}
	}
}

// wait waits for the session to end and returns its exit status.
func (s *sshScreen) wait() int {
	s.t.Helper()
	select {
	case err := <-s.exited:
		s.exitErr = err
	case <-time.After(serveTimeout):
		s.t.Fatalf("the session did not end within %s; screen:\n%s", serveTimeout, s.screen())
	}
	<-s.readDone
	return exitStatus(s.t, s.exitErr)
}

// exitStatus is the exit status a session's Wait reports.
func exitStatus(t *testing.T, err error) int {
	t.Helper()
	var ee *gossh.ExitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ee):
		return ee.ExitStatus()
	}
	t.Fatalf("the session ended without an exit status: %v", err)
	return -1
}

// containsAllOf reports whether s holds every one of want, allowing a
// phrase to wrap from one line to the next.
func containsAllOf(s string, want []string) bool {
	flat := strings.Join(strings.Fields(s), " ")
	for _, w := range want {
		if !strings.Contains(s, w) && !strings.Contains(flat, w) {
			return false
		}
	}
	return true
}
