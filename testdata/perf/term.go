package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"

	"github.com/charmbracelet/x/vt"
	"github.com/creack/pty"
)

// Keys as a terminal sends them.
const (
	keyEnter = "\r"
	keyDown  = "\x1b[B"
	keyUp    = "\x1b[A"
	keyEsc   = "\x1b"
)

// Terminal size of every run (issue #15: 100×30).
const (
	termWidth  = 100
	termHeight = 30
)

// waitLimit bounds every wait: it only matters when something is wrong.
const waitLimit = 20 * time.Second

// arrival is one read from the terminal: when it came and the total byte
// count after it.
type arrival struct {
	at  time.Time
	end int
}

// term is a program running in a pseudo-terminal, its output replayed
// into a virtual terminal and every read timed.
type term struct {
	cmd     *exec.Cmd
	ptmx    *os.File
	started time.Time

	stderr   lockedBuffer // what it wrote to stderr, which is not the terminal
	mu       sync.Mutex
	emu      *vt.Emulator
	total    int
	arrivals []arrival
	raw      []byte // everything written, kept only when PERF_DEBUG is set

	readDone  chan struct{}
	replyDone chan struct{}
	exited    chan struct{}
}

// lockedBuffer is a buffer safe for exec's copying goroutine.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// startTerm runs bin with args and env in a 100×30 pseudo-terminal.
func startTerm(bin string, env []string, dir string, args ...string) (*term, error) {
	t := &term{
		emu:       vt.NewEmulator(termWidth, termHeight),
		readDone:  make(chan struct{}),
		replyDone: make(chan struct{}),
		exited:    make(chan struct{}),
	}
	t.cmd = exec.Command(bin, args...)
	t.cmd.Env = env
	t.cmd.Dir = dir
	if !strings.HasSuffix(bin, "/gum") {
		// The wizard's stderr is not the terminal, as in the e2e tests;
		// gum draws its list on stderr, so its stderr is the terminal.
		t.cmd.Stderr = &t.stderr
	}
	t.started = time.Now()
	ptmx, err := pty.StartWithSize(t.cmd, &pty.Winsize{Cols: termWidth, Rows: termHeight})
	if err != nil {
		return nil, err
	}
	t.ptmx = ptmx
	// The emulator answers the program's queries (background colour,
	// modes) through Read, as a terminal does.
	go func() {
		defer close(t.replyDone)
		_, _ = io.Copy(t.ptmx, t.emu)
	}()
	go t.readLoop()
	go func() {
		_ = t.cmd.Wait()
		close(t.exited)
	}()
	return t, nil
}

func (t *term) readLoop() {
	defer close(t.readDone)
	buf := make([]byte, 64<<10)
	for {
		n, err := t.ptmx.Read(buf)
		if n > 0 {
			now := time.Now()
			t.mu.Lock()
			t.total += n
			t.arrivals = append(t.arrivals, arrival{at: now, end: t.total})
			_, _ = t.emu.Write(buf[:n])
			if debugging {
				t.raw = append(t.raw, buf[:n]...)
			}
			t.mu.Unlock()
		}
		if err != nil {
			return
		}
	}
}

// close ends the program if it still runs and releases the terminal.
func (t *term) close() {
	select {
	case <-t.exited:
	default:
		_ = t.cmd.Process.Kill()
		<-t.exited
	}
	_ = t.ptmx.Close()
	<-t.readDone
	if c, ok := t.emu.InputPipe().(io.Closer); ok {
		_ = c.Close()
	}
	<-t.replyDone
}

// screen is what the terminal shows, as plain text.
func (t *term) screen() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.emu.String()
}

// rawSince is what the program wrote after the first n bytes (only
// when PERF_DEBUG is set).
func (t *term) rawSince(n int) []byte {
	t.mu.Lock()
	defer t.mu.Unlock()
	if n > len(t.raw) {
		return nil
	}
	return append([]byte(nil), t.raw[n:]...)
}

// bytes is the number of bytes the program has written so far.
func (t *term) bytes() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.total
}

// waitScreen waits until the screen shows every one of want.
func (t *term) waitScreen(want ...string) error {
	return t.waitUntil(fmt.Sprintf("%q", want), func(s string) bool {
		flat := strings.Join(strings.Fields(s), " ")
		for _, w := range want {
			if !strings.Contains(s, w) && !strings.Contains(flat, w) {
				return false
			}
		}
		return true
	})
}

// waitUntil waits until ok(screen) holds.
func (t *term) waitUntil(what string, ok func(string) bool) error {
	deadline := time.Now().Add(waitLimit)
	for {
		s := t.screen()
		if ok(s) {
			return nil
		}
		select {
		case <-t.exited:
			return fmt.Errorf("the program exited before the screen showed %s; screen:\n%s", what, s)
		default:
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("the screen did not show %s within %s; it shows:\n%s", what, waitLimit, s)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// quiet waits until nothing has been written for d and returns the byte
// count then.
func (t *term) quiet(d time.Duration) (int, error) {
	deadline := time.Now().Add(waitLimit)
	for {
		t.mu.Lock()
		last := t.started
		if n := len(t.arrivals); n > 0 {
			last = t.arrivals[n-1].at
		}
		total := t.total
		t.mu.Unlock()
		if time.Since(last) >= d {
			return total, nil
		}
		if time.Now().After(deadline) {
			return 0, errors.New("the program never went quiet")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// key types k as one write and returns when it was written and the byte
// count before it.
func (t *term) key(k string) (time.Time, int, error) {
	n := t.bytes()
	at := time.Now()
	_, err := t.ptmx.Write([]byte(k))
	return at, n, err
}

// firstAfter is when the first byte past count arrived, waiting for it.
func (t *term) firstAfter(count int) (time.Time, error) {
	deadline := time.Now().Add(waitLimit)
	for {
		t.mu.Lock()
		for _, a := range t.arrivals {
			if a.end > count {
				t.mu.Unlock()
				return a.at, nil
			}
		}
		t.mu.Unlock()
		if time.Now().After(deadline) {
			return time.Time{}, errors.New("no output after the key")
		}
		time.Sleep(time.Millisecond)
	}
}

// memory is the program's resident set as /proc says it: the peak
// (VmHWM), and now the pages mapped from its binary (RssFile) and its own
// anonymous pages (RssAnon: heap, stacks, zeroed data), in bytes.
type memory struct{ peak, file, anon int64 }

// memoryNow reads the program's memory from /proc/PID/status.
func (t *term) memoryNow() (memory, error) {
	var m memory
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", t.cmd.Process.Pid))
	if err != nil {
		return m, err
	}
	fields := map[string]*int64{"VmHWM:": &m.peak, "RssFile:": &m.file, "RssAnon:": &m.anon}
	for _, line := range strings.Split(string(data), "\n") {
		for name, dst := range fields {
			if rest, ok := strings.CutPrefix(line, name); ok {
				var kb int64
				if _, err := fmt.Sscanf(strings.TrimSpace(rest), "%d kB", &kb); err != nil {
					return m, err
				}
				*dst = kb << 10
			}
		}
	}
	if m.peak == 0 {
		return m, errors.New("no VmHWM in /proc status")
	}
	return m, nil
}

// lastArrival is when the latest output arrived.
func (t *term) lastArrival() time.Time {
	t.mu.Lock()
	defer t.mu.Unlock()
	if len(t.arrivals) == 0 {
		return t.started
	}
	return t.arrivals[len(t.arrivals)-1].at
}
