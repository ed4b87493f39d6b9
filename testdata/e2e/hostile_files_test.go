package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/charmbracelet/x/termios"
	"golang.org/x/sys/unix"
)

// Issue #9, points 3 and 4: files a person names (or that another local
// user planted) cannot stall the program past ctrl+c or redirect the
// journal and the debug log; the hidden key prompt leaves on ctrl+c with
// status 130 and gives three tries.

// refuseWithin is how soon a refused file must end the program.
const refuseWithin = 5 * time.Second

// nobodyUID owns the files "another user" planted (tests as root only).
const nobodyUID = 65534

// exitWithin waits up to d for the program to exit and returns its exit
// status; it fails the test, showing the screen and stderr, if the program
// is still running then (the session's cleanup kills it).
func (s *session) exitWithin(d time.Duration) int {
	s.t.Helper()
	select {
	case <-s.exited:
		<-s.readDone
		return s.code
	case <-time.After(d):
		s.t.Fatalf("still running %s later (blocked, or ignoring the signal); screen:\n%s\nstderr:\n%s", d, s.screen(), s.stderrText())
	}
	return 0
}

// waitStderr waits until the program's stderr says want, and fails the
// test if it exits first or takes longer than screenTimeout.
func (s *session) waitStderr(want string) {
	s.t.Helper()
	deadline := time.Now().Add(screenTimeout)
	for !strings.Contains(s.stderrText(), want) {
		select {
		case <-s.exited:
			if strings.Contains(s.stderrText(), want) {
				return
			}
			s.t.Fatalf("exited (code %d) before stderr said %q; stderr:\n%s", s.code, want, s.stderrText())
		default:
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("stderr did not say %q within %s; it says:\n%s", want, screenTimeout, s.stderrText())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// echoing reports whether the terminal echoes what is typed. The master
// side reads the terminal's modes without putting the file in blocking
// mode (Fd would, and close could then hang on the reading goroutine).
func (s *session) echoing() bool {
	s.t.Helper()
	rc, err := s.ptmx.SyscallConn()
	if err != nil {
		s.t.Fatal(err)
	}
	var on bool
	if cerr := rc.Control(func(fd uintptr) {
		st, err := termios.GetTermios(int(fd))
		if err != nil {
			s.t.Errorf("reading the terminal's modes: %v", err)
			return
		}
		on = st.Lflag&unix.ECHO != 0
	}); cerr != nil {
		s.t.Fatal(cerr)
	}
	return on
}

// waitHidden waits until the terminal has stopped echoing (the key prompt
// is reading): typing earlier would show what is typed.
func (s *session) waitHidden() {
	s.t.Helper()
	deadline := time.Now().Add(screenTimeout)
	for s.echoing() {
		if time.Now().After(deadline) {
			s.t.Fatalf("the terminal still echoes %s after the prompt; stderr:\n%s", screenTimeout, s.stderrText())
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// fifoAt makes a named pipe at path. Both its ends are opened when the
// test ends, so that nothing stays blocked on it.
func fifoAt(t *testing.T, path string) string {
	t.Helper()
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if f, err := os.OpenFile(path, os.O_RDWR|syscall.O_NONBLOCK, 0); err == nil {
			time.Sleep(10 * time.Millisecond)
			f.Close()
		}
	})
	return path
}

// plantedFile is a file "another user" chose: empty, mode 0600, outside
// the user's home, and another user's when the tests run as root.
func plantedFile(t *testing.T) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "attacker.txt")
	if err := os.WriteFile(p, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if os.Geteuid() == 0 {
		if err := os.Chown(p, nobodyUID, nobodyUID); err != nil {
			t.Fatal(err)
		}
	}
	return p
}

// stillEmpty fails the test if the file at path was written to.
func stillEmpty(t *testing.T, path string) {
	t.Helper()
	if b, err := os.ReadFile(path); err != nil || len(b) != 0 {
		t.Errorf("%s was written to (%d bytes, %v)", path, len(b), err)
	}
}

// saysAll fails the test unless the program's stderr says every one of
// want (however it wrapped).
func saysAll(t *testing.T, s *session, want ...string) {
	t.Helper()
	msg := squash(s.stderrText())
	for _, w := range want {
		if !strings.Contains(msg, w) {
			t.Errorf("the message does not say %q:\n%s", w, s.stderrText())
		}
	}
}

// TestNamedPipesRefused (point 4): a named pipe given as the journal (to
// the wizard, orders or job follow, or planted at the default path), the
// key file, the catalogue (to the wizard or the sandbox) or the debug log
// used to block the program in open(2), where SIGINT and SIGTERM could not
// end it. Each is now refused at once, naming the flag and the path.
func TestNamedPipesRefused(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		// args are the arguments, given the pipe's path.
		args func(pipe string) []string
		// atDefault plants the pipe at the journal's default path.
		atDefault bool
		flag      string
	}{
		{name: "wizard --journal", args: func(p string) []string { return []string{"--sandbox", "--journal", p} }, flag: "--journal"},
		{name: "wizard, the default journal", args: func(string) []string { return []string{"--sandbox"} }, atDefault: true, flag: "--journal"},
		{name: "orders --journal", args: func(p string) []string { return []string{"orders", "--journal", p} }, flag: "--journal"},
		{name: "orders, the default journal", args: func(string) []string { return []string{"orders", "-o", "json"} }, atDefault: true, flag: "--journal"},
		{name: "job follow --latest --journal", args: func(p string) []string { return []string{"job", "follow", "--latest", "--journal", p} }, flag: "--journal"},
		{name: "--api-key-file", args: func(p string) []string { return []string{"--api-key-file", p} }, flag: "--api-key-file"},
		{name: "--live --api-key-file", args: func(p string) []string { return []string{"--live", "--api-key-file", p} }, flag: "--api-key-file"},
		{name: "wizard --catalogue", args: func(p string) []string { return []string{"--sandbox", "--catalogue", p} }, flag: "--catalogue"},
		{name: "sandbox --catalogue", args: func(p string) []string { return []string{"sandbox", "--listen", "127.0.0.1:0", "--catalogue", p} }, flag: "--catalogue"},
		{name: "wizard --debug-log", args: func(p string) []string { return []string{"--sandbox", "--debug-log", p} }, flag: "--debug-log"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			u := newUser(t)
			pipe := u.path("pipe")
			if tc.atDefault {
				pipe = u.journalPath()
				if err := os.MkdirAll(filepath.Dir(pipe), 0o700); err != nil {
					t.Fatal(err)
				}
			}
			fifoAt(t, pipe)
			s := u.startWizard(tc.args(pipe)...)
			if code := s.exitWithin(refuseWithin); code != 1 {
				t.Errorf("exit %d, want 1; stderr:\n%s", code, s.stderrText())
			}
			saysAll(t, s, pipe+" is a named pipe (FIFO), not a regular file", tc.flag)
		})
	}
}

// TestKeyPromptLeaves (point 4): the hidden --live key prompt ignored
// ctrl+c and SIGINT (the program's signal handling only cancelled a
// context nobody read while the prompt waited). Each way of leaving now
// ends it at once with status 130, nothing sent, and the terminal echoing
// again.
func TestKeyPromptLeaves(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		leave func(s *session)
	}{
		{"ctrl+c typed", func(s *session) { s.keys("\x03") }},
		{"ctrl+c typed after a malformed key", func(s *session) {
			s.keys("0123\r")
			s.waitStderr("try again (2 of 3)")
			s.waitHidden()
			s.keys("01\x03")
		}},
		{"SIGINT", func(s *session) { s.signal(syscall.SIGINT) }},
		{"SIGTERM", func(s *session) { s.signal(syscall.SIGTERM) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			b := newBackend(t)
			u := newUser(t)
			s := u.startWizard("--live", "--api-url", b.url)
			s.waitStderr("Memset API key (input hidden)")
			s.waitHidden()
			tc.leave(s)
			if code := s.exitWithin(refuseWithin); code != 130 {
				t.Errorf("exit %d, want 130; stderr:\n%s", code, s.stderrText())
			}
			saysAll(t, s, "interrupted at the API key prompt; nothing was sent")
			if !s.echoing() {
				t.Error("the terminal was left without echo")
			}
			if n := len(b.requests()); n != 0 {
				t.Errorf("%d requests reached the backend, want 0", n)
			}
		})
	}
}

// TestKeyPromptTries (point 4): a malformed key typed at the prompt gets a
// second and a third try, each refusal saying what is wrong and naming the
// prompt; a well-formed key at the third try orders as usual, and three
// malformed keys end the program with nothing sent. Nothing typed is ever
// shown.
func TestKeyPromptTries(t *testing.T) {
	t.Parallel()
	short := testKey[:31]
	notHex := testKey[:20] + "g" + testKey[21:]
	t.Run("a good key at the third try", func(t *testing.T) {
		t.Parallel()
		b := newBackend(t)
		u := newUser(t)
		s := u.startWizard("--live", "--api-url", b.url)
		s.waitStderr("Memset API key (input hidden)")
		s.waitHidden()
		s.keys(short + "\r")
		s.waitStderr("try again (2 of 3)")
		s.waitHidden()
		s.keys(notHex + "\r")
		s.waitStderr("try again (3 of 3)")
		s.waitHidden()
		s.keys(testKey + "\r")
		s.waitScreen("What would you like to order?")
		if code := s.quit(); code != 0 {
			t.Errorf("quitting exits %d, want 0", code)
		}
		saysAll(t, s, "API key prompt: the API key has 31 characters: a Memset API key is 32 hexadecimal digits; try again (2 of 3)",
			"API key prompt: the API key has a character that is not hexadecimal at position 21")
		for _, typed := range []string{testKey, short, notHex} {
			noKey(t, typed, "the terminal", s.transcript())
			noKey(t, typed, "stderr", []byte(s.stderrText()))
		}
	})
	t.Run("three malformed keys", func(t *testing.T) {
		t.Parallel()
		b := newBackend(t)
		u := newUser(t)
		s := u.startWizard("--live", "--api-url", b.url)
		for i, typed := range []string{short, notHex, short} {
			if i == 0 {
				s.waitStderr("Memset API key (input hidden)")
			} else {
				s.waitStderr("try again (" + string(rune('1'+i)) + " of 3)")
			}
			s.waitHidden()
			s.keys(typed + "\r")
		}
		if code := s.exitWithin(refuseWithin); code != 1 {
			t.Errorf("exit %d, want 1; stderr:\n%s", code, s.stderrText())
		}
		saysAll(t, s, "API key prompt: the API key has 31 characters", "(3 tries; nothing was sent)")
		for _, typed := range []string{short, notHex} {
			noKey(t, typed, "stderr", []byte(s.stderrText()))
		}
		if n := len(b.requests()); n != 0 {
			t.Errorf("%d requests reached the backend, want 0", n)
		}
	})
}

// TestJournalNotRedirected (point 3): with the memset-order state
// directory open to others, another local user planted orders.jsonl as a
// link and the victim's orders were appended to a file of the attacker's
// choosing. The wizard now refuses, before anything is ordered, a journal
// that another user could redirect or read, and says how to fix it.
func TestJournalNotRedirected(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		root bool
		// plant prepares the user's state directory dir (not yet made)
		// and journal path, and returns a file that must stay empty.
		plant func(t *testing.T, dir, journal string) string
		want  func(dir, journal string) []string
	}{
		{name: "an open state directory with a planted link", plant: func(t *testing.T, dir, journal string) string {
			mkdirMode(t, dir, 0o777)
			target := plantedFile(t)
			if err := os.Symlink(target, journal); err != nil {
				t.Fatal(err)
			}
			return target
		}, want: func(dir, _ string) []string {
			return []string{"journal: the directory " + dir + " can be written to by its group and all other users (mode 0777)", "chmod 700 " + dir}
		}},
		{name: "a state directory the group can write to", plant: func(t *testing.T, dir, _ string) string {
			mkdirMode(t, dir, 0o770)
			return ""
		}, want: func(dir, _ string) []string { return []string{"chmod 700 " + dir} }},
		{name: "a planted link in a private state directory", plant: func(t *testing.T, dir, journal string) string {
			mkdirMode(t, dir, 0o700)
			target := plantedFile(t)
			if err := os.Symlink(target, journal); err != nil {
				t.Fatal(err)
			}
			return target
		}, want: func(_, journal string) []string {
			return []string{"journal: " + journal + " is a symbolic link", "remove the link"}
		}},
		{name: "another user's journal", root: true, plant: func(t *testing.T, dir, journal string) string {
			mkdirMode(t, dir, 0o700)
			if err := os.WriteFile(journal, nil, 0o600); err != nil {
				t.Fatal(err)
			}
			if err := os.Chown(journal, nobodyUID, nobodyUID); err != nil {
				t.Fatal(err)
			}
			return journal
		}, want: func(_, journal string) []string {
			return []string{"journal: " + journal + " belongs to another user", "give --journal another path"}
		}},
		{name: "another user's state directory", root: true, plant: func(t *testing.T, dir, _ string) string {
			mkdirMode(t, dir, 0o700)
			if err := os.Chown(dir, nobodyUID, nobodyUID); err != nil {
				t.Fatal(err)
			}
			return ""
		}, want: func(dir, _ string) []string {
			return []string{"journal: the directory " + dir + " belongs to another user", "a directory of yours"}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if tc.root && os.Geteuid() != 0 {
				t.Skip("giving a file to another user needs root")
			}
			u := newUser(t)
			journal := u.journalPath()
			dir := filepath.Dir(journal)
			untouched := tc.plant(t, dir, journal)
			s := u.startWizard("--sandbox")
			if code := s.exitWithin(refuseWithin); code != 1 {
				t.Errorf("exit %d, want 1; stderr:\n%s", code, s.stderrText())
			}
			saysAll(t, s, tc.want(dir, journal)...)
			if untouched != "" {
				stillEmpty(t, untouched)
			}
		})
	}
}

// TestDebugLogPrivate (point 3): the debug log holds the account's payment
// methods, servers and addresses; it used to be appended to whatever was
// there, a file others could read or a link included. It is now private
// like the journal, and a refusal says how to fix it.
func TestDebugLogPrivate(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		root bool
		// plant returns the debug log's path and a file that must stay
		// empty.
		plant func(t *testing.T, u *user) (string, string)
		want  func(log string) []string
	}{
		{name: "a log others can read", plant: func(t *testing.T, u *user) (string, string) {
			log := u.path("debug.log")
			if err := os.WriteFile(log, nil, 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.Chmod(log, 0o644); err != nil {
				t.Fatal(err)
			}
			return log, log
		}, want: func(log string) []string {
			return []string{"--debug-log: " + log + " has mode 0644; it must be readable by you only (chmod 600 " + log + ")"}
		}},
		{name: "a link", plant: func(t *testing.T, u *user) (string, string) {
			target := plantedFile(t)
			log := u.path("debug.log")
			if err := os.Symlink(target, log); err != nil {
				t.Fatal(err)
			}
			return log, target
		}, want: func(log string) []string {
			return []string{"--debug-log: " + log + " is a symbolic link", "remove the link"}
		}},
		{name: "another user's log", root: true, plant: func(t *testing.T, u *user) (string, string) {
			log := u.path("debug.log")
			if err := os.WriteFile(log, nil, 0o600); err != nil {
				t.Fatal(err)
			}
			if err := os.Chown(log, nobodyUID, nobodyUID); err != nil {
				t.Fatal(err)
			}
			return log, log
		}, want: func(log string) []string { return []string{"--debug-log: " + log + " belongs to another user"} }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if tc.root && os.Geteuid() != 0 {
				t.Skip("giving a file to another user needs root")
			}
			u := newUser(t)
			log, untouched := tc.plant(t, u)
			s := u.startWizard("--sandbox", "--debug-log", log)
			if code := s.exitWithin(refuseWithin); code != 1 {
				t.Errorf("exit %d, want 1; stderr:\n%s", code, s.stderrText())
			}
			saysAll(t, s, tc.want(log)...)
			stillEmpty(t, untouched)
		})
	}
}

// mkdirMode makes dir (and its parents) with mode, whatever the umask.
func mkdirMode(t *testing.T, dir string, mode os.FileMode) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, mode); err != nil {
		t.Fatal(err)
	}
}
