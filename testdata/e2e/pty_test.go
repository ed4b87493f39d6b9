package e2e

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/vt"
	"github.com/creack/pty"
)

// Keys as a terminal sends them.
const (
	keyEnter = "\r"
	keyDown  = "\x1b[B"
)

// screenTimeout is how long a screen may take to appear. It is generous:
// it only matters when something is wrong, and then the test fails with
// the screen it was looking at.
const screenTimeout = 20 * time.Second

// Terminal size of every wizard run (issue #4: "100×30").
const (
	termWidth  = 100
	termHeight = 30
)

// session is the wizard running in a pseudo-terminal, its output replayed
// into a virtual terminal so that the test reads the screen a person sees.
type session struct {
	t    *testing.T
	cmd  *exec.Cmd
	ptmx *os.File

	mu     sync.Mutex
	emu    *vt.Emulator
	raw    bytes.Buffer // every byte the program wrote to the terminal
	stderr bytes.Buffer // what it wrote to stderr, which is not the terminal

	readDone  chan struct{} // the terminal's output is fully read
	replyDone chan struct{} // the emulator's answers are all forwarded
	exited    chan struct{} // the process has ended
	code      int           // its exit code (-1 when killed by a signal)
}

// lockedBuffer is a bytes.Buffer safe for the writer goroutine of exec.
type lockedBuffer struct {
	mu  *sync.Mutex
	buf *bytes.Buffer
}

// Write appends p under the lock.
func (l lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

// startWizard runs memset-order with args in a 100×30 pseudo-terminal.
func (u *user) startWizard(args ...string) *session {
	u.t.Helper()
	s := &session{
		t:         u.t,
		emu:       vt.NewEmulator(termWidth, termHeight),
		readDone:  make(chan struct{}),
		replyDone: make(chan struct{}),
		exited:    make(chan struct{}),
	}
	s.cmd = exec.Command(binary, args...)
	s.cmd.Env = u.environ()
	s.cmd.Dir = u.home
	s.cmd.Stderr = lockedBuffer{&s.mu, &s.stderr}
	ptmx, err := pty.StartWithSize(s.cmd, &pty.Winsize{Cols: termWidth, Rows: termHeight})
	if err != nil {
		u.t.Fatalf("starting the wizard in a pty: %v", err)
	}
	s.ptmx = ptmx
	// The emulator answers the program's terminal queries (background
	// colour, modes) through Read, as a terminal does; the answers go back
	// to the program. Draining matters: the emulator blocks until they are
	// read.
	go func() {
		defer close(s.replyDone)
		_, _ = io.Copy(s.ptmx, s.emu)
	}()
	go s.readLoop()
	go func() {
		err := s.cmd.Wait()
		var ee *exec.ExitError
		switch {
		case errors.As(err, &ee):
			s.code = ee.ExitCode()
		case err != nil:
			s.code = -2
		}
		close(s.exited)
	}()
	u.t.Cleanup(s.close)
	return s
}

// readLoop copies the program's output into the transcript and the
// emulator until the terminal closes.
func (s *session) readLoop() {
	defer close(s.readDone)
	buf := make([]byte, 32<<10)
	for {
		n, err := s.ptmx.Read(buf)
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
}

// close kills the program if it is still running and releases the
// terminal; it is registered with t.Cleanup.
func (s *session) close() {
	select {
	case <-s.exited:
	default:
		_ = s.cmd.Process.Kill()
		<-s.exited
	}
	_ = s.ptmx.Close()
	<-s.readDone
	// Emulator.Close races with a concurrent Read (x/vt v0.1.0 sets its
	// closed flag unguarded), so the answers' pipe is closed instead: the
	// forwarding goroutine then sees EOF and ends.
	if c, ok := s.emu.InputPipe().(io.Closer); ok {
		_ = c.Close()
	}
	<-s.replyDone
}

// screen is what the terminal shows now, as plain text.
func (s *session) screen() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.emu.String()
}

// transcript is every byte the program wrote to the terminal so far.
func (s *session) transcript() []byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	return bytes.Clone(s.raw.Bytes())
}

// afterFullScreen is what the program wrote to the terminal after it left
// the full screen (the alternate screen): the summary that stays in the
// scrollback, without escape sequences and with the terminal's CRLF turned
// back into LF.
func (s *session) afterFullScreen() string {
	raw := string(s.transcript())
	if i := strings.LastIndex(raw, "\x1b[?1049l"); i >= 0 {
		raw = raw[i+len("\x1b[?1049l"):]
	}
	return strings.ReplaceAll(ansi.Strip(raw), "\r\n", "\n")
}

// stderrText is what the program wrote to stderr so far.
func (s *session) stderrText() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stderr.String()
}

// waitScreen waits until the screen shows every one of want and returns
// it (see waitUntil).
func (s *session) waitScreen(want ...string) string {
	s.t.Helper()
	return s.waitUntil(fmt.Sprintf("%q", want), func(scr string) bool { return containsAll(scr, want) })
}

// waitUntil waits until ok(screen) holds and returns the screen; it fails
// the test with the screen when that does not happen within
// screenTimeout, or when the program exits first.
func (s *session) waitUntil(what string, ok func(screen string) bool) string {
	s.t.Helper()
	deadline := time.Now().Add(screenTimeout)
	for {
		scr := s.screen()
		if ok(scr) {
			return scr
		}
		select {
		case <-s.exited:
			<-s.readDone
			if scr = s.screen(); ok(scr) {
				return scr
			}
			s.t.Fatalf("the wizard exited (code %d) before the screen showed %s; last screen:\n%s\nstderr:\n%s", s.code, what, scr, s.stderrText())
		default:
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("the screen did not show %s within %s; it shows:\n%s", what, screenTimeout, scr)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// containsAll reports whether the screen shows every one of want, allowing
// a phrase to wrap from one line to the next.
func containsAll(screen string, want []string) bool {
	flat := strings.Join(strings.Fields(screen), " ")
	for _, w := range want {
		if !strings.Contains(screen, w) && !strings.Contains(flat, w) {
			return false
		}
	}
	return true
}

// keys types into the terminal, as one write per key.
func (s *session) keys(ks ...string) {
	s.t.Helper()
	for _, k := range ks {
		if _, err := s.ptmx.Write([]byte(k)); err != nil {
			s.t.Fatalf("typing %q: %v", k, err)
		}
	}
}

// wait waits for the program to exit and returns its exit code, once all
// of its output has been read.
func (s *session) wait() int {
	s.t.Helper()
	select {
	case <-s.exited:
	case <-time.After(screenTimeout):
		// Ask the Go runtime where it is stuck: SIGQUIT dumps every
		// goroutine to stderr.
		_ = s.cmd.Process.Signal(syscall.SIGQUIT)
		select {
		case <-s.exited:
		case <-time.After(3 * time.Second):
		}
		s.t.Fatalf("the wizard did not exit within %s; screen:\n%s\nstderr:\n%s", screenTimeout, s.screen(), s.stderrText())
	}
	<-s.readDone
	return s.code
}

// quit leaves with q, answering y when the wizard asks before
// discarding a configured order, and returns the exit code (see wait).
func (s *session) quit() int {
	s.t.Helper()
	s.keys("q")
	deadline := time.Now().Add(screenTimeout)
	for time.Now().Before(deadline) {
		select {
		case <-s.exited:
			return s.wait()
		default:
		}
		if strings.Contains(s.screen(), "Leave without ordering?") {
			s.keys("y")
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	return s.wait()
}

// signal sends sig to the program (not its terminal), as kill(1) would.
func (s *session) signal(sig os.Signal) {
	s.t.Helper()
	if err := s.cmd.Process.Signal(sig); err != nil {
		s.t.Fatalf("sending %s: %v", sig, err)
	}
}

// kill sends SIGKILL and waits for the process to die.
func (s *session) kill() {
	s.t.Helper()
	if err := s.cmd.Process.Kill(); err != nil {
		s.t.Fatalf("SIGKILL: %v", err)
	}
	<-s.exited
}
